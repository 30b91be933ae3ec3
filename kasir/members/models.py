"""Tables of the member register (their SQL names are the ones the first books used)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.schema import Base, Party


class Group(Base):
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


class Member(Base):
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
    # set only when she is added, so that she and her party go in one flush; never loaded
    party: Mapped[Party] = relationship(lazy="raise")
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
