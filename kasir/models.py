"""Tables of the cooperative layer, on the ledger's metadata (one schema, one migration chain)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ledger.schema import Base, utcnow


class BookSetting(Base):
    """Business settings that belong to the book, not to one laptop: the
    cooperative's name, its address, the version that created the book."""

    __tablename__ = "book_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --- members and groups ----------------------------------------------------------------


class Kelompok(Base):
    """A group (kelompok) of about five members meeting weekly."""

    __tablename__ = "kelompok"
    __table_args__ = (
        CheckConstraint("meeting_weekday IS NULL OR meeting_weekday BETWEEN 0 AND 6",
                        name="meeting_weekday"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    village: Mapped[str] = mapped_column(String(120), default="")
    meeting_weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday (Senin)
    facilitator: Mapped[str] = mapped_column(String(120), default="")  # pendamping
    leader_number: Mapped[str | None] = mapped_column(String(40))  # ketua kelompok
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Anggota(Base):
    """A member (anggota); her lines in the journal carry her ledger party."""

    __tablename__ = "anggota"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'exited')", name="status"),
        CheckConstraint("gender IS NULL OR gender IN ('P', 'L')", name="gender"),
        CheckConstraint("wajib_amount >= 0", name="wajib_amount"),
        CheckConstraint("wajib_period IN ('weekly', 'monthly')", name="wajib_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    nik: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(1))
    address: Mapped[str] = mapped_column(String(300), default="")
    village: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    kelompok_id: Mapped[int | None] = mapped_column(ForeignKey("kelompok.id"), index=True)
    joined: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default="active")
    exited_on: Mapped[dt.date | None] = mapped_column(Date)
    wajib_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # sen per period
    wajib_period: Mapped[str] = mapped_column(String(8), default="weekly")


class ProdukSimpanan(Base):
    """A savings product as this cooperative runs it (simpanan pokok, wajib,
    sukarela/wadiah, mudharabah), with the account its balances live in."""

    __tablename__ = "produk_simpanan"
    __table_args__ = (
        CheckConstraint("kind IN ('pokok', 'wajib', 'wadiah', 'mudharabah')", name="kind"),
    )

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    account_code: Mapped[str] = mapped_column(String(20))
    passbook_code: Mapped[str] = mapped_column(String(4))  # SP, SW, SS, SM
    withdrawable: Mapped[bool] = mapped_column(Boolean, default=False)
    default_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # sen
    nisbah_anggota_bp: Mapped[int] = mapped_column(Integer, default=0)  # basis points
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Kuitansi(Base):
    """A receipt, numbered gap-free per year inside the operation's transaction."""

    __tablename__ = "kuitansi"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_kuitansi_year_number"),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"), unique=True)
    date: Mapped[dt.date] = mapped_column(Date)
    direction: Mapped[str] = mapped_column(String(3))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(8), default="cash")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(60), default="")


class KuitansiCounter(Base):
    __tablename__ = "kuitansi_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class ImportedEvent(Base):
    """Identity of each business event imported, so a file never posts twice."""

    __tablename__ = "imported_event"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int | None] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CashCount(Base):
    """A daily cash count (cash opname) by denomination, and its confirmed difference."""

    __tablename__ = "cash_count"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    account_code: Mapped[str] = mapped_column(String(20), default="1101")
    denominations: Mapped[str] = mapped_column(Text, default="{}")  # JSON: sen value -> pieces
    counted: Mapped[int] = mapped_column(BigInteger)
    book: Mapped[int] = mapped_column(BigInteger)
    difference: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"))
    confirmed_by: Mapped[str] = mapped_column(String(60), default="")
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
