"""The receipt and its yearly counter (SQL names as in the first books: ``kuitansi``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
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


class Receipt(Base):
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


class ReceiptCounter(Base):
    __tablename__ = "kuitansi_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
