"""The identity of each imported event."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.schema import Base, utcnow


class ImportedEvent(Base):
    """Identity of each business event imported, so a file never posts twice."""

    __tablename__ = "imported_event"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int | None] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
