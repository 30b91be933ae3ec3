"""Business settings stored in the book (not on one laptop): the cooperative's name,
address and town, the treasurer who signs, the version that created the book."""

from __future__ import annotations

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.schema import Base


class BookSetting(Base):
    __tablename__ = "book_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


def get_setting(session: Session, key: str, default: str = "") -> str:
    value = session.scalar(select(BookSetting.value).where(BookSetting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(BookSetting, key)
    if row is None:
        session.add(BookSetting(key=key, value=value))
    else:
        row.value = value
