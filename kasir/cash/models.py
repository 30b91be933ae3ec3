"""The record of each confirmed cash count."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kasir.accounts import AccountRole
from ledger.schema import Base, utcnow


class CashCount(Base):
    """A daily cash count (cash opname) by denomination, and its confirmed difference."""

    __tablename__ = "cash_count"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    account_code: Mapped[str] = mapped_column(String(20), default=AccountRole.CASH.value)
    denominations: Mapped[str] = mapped_column(Text, default="{}")  # JSON: sen value -> pieces
    counted: Mapped[int] = mapped_column(BigInteger)
    book: Mapped[int] = mapped_column(BigInteger)
    difference: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"))
    confirmed_by: Mapped[str] = mapped_column(String(60), default="")
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
