"""Tables of the cooperative layer, on the ledger's metadata (one schema, one migration chain)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ledger.schema import Base


class BookSetting(Base):
    """Business settings that belong to the book, not to one laptop: the
    cooperative's name, its address, the version that created the book."""

    __tablename__ = "book_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
