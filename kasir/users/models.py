"""The people who keep the book, and what was done to their accounts.

The table is ``book_user``, not ``user``: ``user`` is a reserved word in
PostgreSQL (``SELECT * FROM user`` answers the server's login, not this
table), and a name every hand-written query must quote is a trap for the
auditor with a SQL tool. A password is stored only as its Argon2 hash (the
string carries its own parameters and salt). Nobody is ever deleted: a user who
leaves is disabled, so every posting's ``posted_by`` still names someone known.

``book_user_event`` is the trace of what was done to the accounts (added, a
password changed, disabled, an administrator's password recovered on the
computer holding the file): who did it, when, from which computer and which
operating-system login, so a recovery can never be silent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ledger.schema import Base, utcnow

EVENTS = ("added", "password", "disabled", "recovered")


class User(Base):
    """One person who may sign in, with one role of the cooperative (cli.md's table)."""

    __tablename__ = "book_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'bendahara', 'kasir', 'ketua', 'pengawas')",
                        name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class UserEvent(Base):
    """A change to a user's account, kept for the auditor (never updated)."""

    __tablename__ = "book_user_event"
    __table_args__ = (
        CheckConstraint("event IN ('added', 'password', 'disabled', 'recovered')",
                        name="event"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(40), index=True)
    event: Mapped[str] = mapped_column(String(20))
    by_user: Mapped[str] = mapped_column(String(60), default="")  # "" for a recovery
    computer: Mapped[str] = mapped_column(String(120), default="")
    os_user: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")


REQUEST_KINDS = ("reverse_entry", "cancel_receipt", "reopen_month", "update_product",
                 "restore")
REQUEST_STATES = ("pending", "approved", "rejected")


class Request(Base):
    """Maker–checker: an action that waits for a second person (``kasir.users.requests``).

    ``payload`` holds, as JSON, what the action needs to be carried out exactly as it
    was asked; the decision (who, when, and for a rejection why) is written once."""

    __tablename__ = "request"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        CheckConstraint("decided_by IS NULL OR decided_by <> asked_by", name="two_people"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    asked_by: Mapped[str] = mapped_column(String(40))
    asked_role: Mapped[str] = mapped_column(String(20))
    asked_from: Mapped[str] = mapped_column(String(120), default="")
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(120), default="")
