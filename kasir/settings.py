"""Business settings stored in the book (not on one laptop)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.models import BookSetting


def get_setting(session: Session, key: str, default: str = "") -> str:
    value = session.scalar(select(BookSetting.value).where(BookSetting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(BookSetting, key)
    if row is None:
        session.add(BookSetting(key=key, value=value))
    else:
        row.value = value
