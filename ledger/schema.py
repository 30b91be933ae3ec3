"""The ledger's tables.

Design overview. A *journal entry* is born a draft and becomes posted exactly
once; a posted entry and its lines are never updated or deleted (the database
refuses it, see ``ledger.ddl``). Each line carries a non-negative debit or a
non-negative credit in integer sen, never both. Two columns are copied from the
entry onto its lines, ``entry_date`` and ``posted``, so that balances and the
trial balance are answered from one covering index on the lines without a join;
the triggers keep both copies equal to the entry's own values.

Posting gives an entry an official number, gap-free per fiscal year, a global
posting sequence, and a SHA-256 link in a hash chain over all posted entries,
so that a change made behind the program's back is detected by ``verify``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Account classes, in statement order. ``syirkah`` is dana syirkah temporer
# (temporary syirkah funds: mudharabah savings, between liabilities and
# equity); ``maal`` is the separate book of zakat, infak and benevolence funds.
ACCOUNT_CLASSES = ("asset", "liability", "syirkah", "equity", "income", "expense", "maal")

ENTRY_DRAFT = "draft"
ENTRY_POSTED = "posted"
PERIOD_OPEN = "open"
PERIOD_CLOSED = "closed"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("normal_side IN ('D', 'C')", name="normal_side"),
        CheckConstraint(
            "account_class IN ('asset','liability','syirkah','equity','income','expense','maal')",
            name="account_class",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    name_id: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    account_class: Mapped[str] = mapped_column(String(16))
    normal_side: Mapped[str] = mapped_column(String(1))
    is_contra: Mapped[bool] = mapped_column(Boolean, default=False)
    is_header: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(String(300))
    # The service that alone may move the account; "journal" for the general journal.
    # The ledger keeps it as a name and knows nothing of the services it names.
    owner: Mapped[str] = mapped_column(String(20), server_default="journal")


class Party(Base):
    """Someone a line can be about: in a cooperative, a member (anggota)."""

    __tablename__ = "party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="member")


class FiscalPeriod(Base):
    """A month of the books; only a closed month exists as a row with that status."""

    __tablename__ = "fiscal_period"
    __table_args__ = (
        UniqueConstraint("year", "month", name="uq_fiscal_period_year_month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(8), default=PERIOD_OPEN)


class PeriodEvent(Base):
    """Append-only log of closing and reopening a month, with the reason given."""

    __tablename__ = "period_event"
    __table_args__ = (
        CheckConstraint("action IN ('close', 'reopen')", name="action"),
        CheckConstraint("action = 'close' OR length(trim(reason)) > 0", name="reopen_reason"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("fiscal_period.id"), index=True)
    action: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(60), default="")


class JournalEntry(Base):
    __tablename__ = "journal_entry"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "number", name="uq_journal_entry_year_number"),
        CheckConstraint("status IN ('draft', 'posted')", name="status"),
        CheckConstraint(
            "status = 'draft' OR (fiscal_year IS NOT NULL AND number IS NOT NULL "
            "AND posted_seq IS NOT NULL AND hash IS NOT NULL)",
            name="posted_identity",
        ),
        CheckConstraint(
            "(reverses_entry_id IS NULL) = (reversal_reason IS NULL)", name="reversal_reason"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(8), default=ENTRY_DRAFT)
    date: Mapped[dt.date] = mapped_column(Date)
    memo: Mapped[str] = mapped_column(String(500), default="")
    operation: Mapped[str] = mapped_column(String(60), default="manual")
    reverses_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entry.id"), unique=True
    )
    reversal_reason: Mapped[str | None] = mapped_column(Text)
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    posted_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    posted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    posted_by: Mapped[str | None] = mapped_column(String(60))


class JournalWaiting(Base):
    """On PostgreSQL, how many posted lines a transaction has written whose entry is not
    yet in the book: one row for the transaction, made by the journal's triggers and
    removed by the check at its commit (``ledger.ddl_waiting``). Empty whenever no one is
    writing, and always on SQLite, where a deferred foreign key does the same."""

    __tablename__ = "journal_waiting"

    txid: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lines: Mapped[int] = mapped_column(BigInteger)


class JournalLine(Base):
    __tablename__ = "journal_line"
    __table_args__ = (
        UniqueConstraint("entry_id", "line_no", name="uq_journal_line_entry_line"),
        CheckConstraint("debit >= 0", name="debit_nonnegative"),
        CheckConstraint("credit >= 0", name="credit_nonnegative"),
        CheckConstraint("(debit = 0) <> (credit = 0)", name="one_side"),
        # Partial indexes of posted lines only (migration 0004): the program writes
        # lines born posted (0011); a draft's lines enter them only when it posts. Queries must
        # say ``posted == True`` (rendered ``posted = 1`` / ``posted = true``); the
        # trailing ``posted`` keeps the index covering for SQLite, which does not
        # infer the column's value from the index's WHERE.
        Index("ix_journal_line_tb", "account_id", "entry_date", "debit", "credit", "posted",
              sqlite_where=text("posted = 1"), postgresql_where=text("posted")),
        Index("ix_journal_line_party",
              "party_id", "account_id", "entry_date", "debit", "credit", "posted",
              sqlite_where=text("posted = 1 AND party_id IS NOT NULL"),
              postgresql_where=text("posted AND party_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # deferred: the program writes an entry's posted lines before the entry itself
    # (``ledger.ddl_born_posted``); a line whose entry never comes fails the commit. On
    # PostgreSQL this and the two keys below are kept by triggers (``ledger.ddl_references``,
    # ``ledger.ddl_waiting``), each checking a statement's rows at once
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("journal_entry.id", deferrable=True, initially="DEFERRED"))
    line_no: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    debit: Mapped[int] = mapped_column(BigInteger, default=0)
    credit: Mapped[int] = mapped_column(BigInteger, default=0)
    memo: Mapped[str | None] = mapped_column(String(300))
    entry_date: Mapped[dt.date] = mapped_column(Date)
    posted: Mapped[bool] = mapped_column(Boolean, default=False)


class OperationPermit(Base):
    """Which owners' accounts an operation may move (the kind is the operation's name
    before ``:``, so ``deposit:sukarela`` is a ``deposit``); the general journal's own
    accounts (owner ``journal``) need no permit."""

    __tablename__ = "operation_permit"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner: Mapped[str] = mapped_column(String(20), primary_key=True)


class AuditRecord(Base):
    """One change to the book besides a posting (a member's details, a setting, a receipt,
    a month closed, a sign-in...), in the same hash chain as the postings: its ``seq`` and
    the entries' ``posted_seq`` are one sequence. Append-only: the database refuses to
    change or delete a record."""

    __tablename__ = "audit_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(60), default="")
    computer: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(20))  # insert, update, delete, sign_in, ...
    table_name: Mapped[str] = mapped_column(String(40), default="", index=True)
    row_key: Mapped[str] = mapped_column(String(160), default="")
    data: Mapped[str] = mapped_column(Text, default="")  # canonical JSON of the row after
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class EntryCounter(Base):
    """Last official entry number given in a fiscal year (a row, not a sequence:
    sequences leave gaps on rollback, a counter row updated in the posting
    transaction does not)."""

    __tablename__ = "entry_counter"

    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class LedgerState(Base):
    """The head of the hash chain: last posting sequence and its hash."""

    __tablename__ = "ledger_state"
    __table_args__ = (CheckConstraint("id = 1", name="singleton"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
