"""Read-only questions to the books: balances, trial balance, general ledger, journal.

Only posted lines count. Sums are integer sen in SQL, read straight from the
covering index ``ix_journal_line_tb``; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ledger import trial_balance as trial_balance_sql
from ledger.money import Money
from ledger.posting import entry_label
from ledger.schema import (
    ENTRY_POSTED,
    Account,
    JournalEntry,
    JournalLine,
    Party,
)
from ledger.trial_balance import TrialBalance


@dataclass(frozen=True, slots=True)
class AccountRow:
    id: int
    code: str
    name_id: str
    name_en: str
    account_class: str
    normal_side: str
    is_contra: bool
    is_header: bool
    active: bool
    parent_code: str | None
    depth: int
    owner: str = "journal"


def chart(session: Session) -> list[AccountRow]:
    """The chart of accounts in code order, with each account's depth under its headings."""
    accounts = session.scalars(select(Account).order_by(Account.code)).all()
    by_id = {a.id: a for a in accounts}

    def depth(a: Account) -> int:
        d = 0
        while a.parent_id is not None and d < 10:
            a = by_id[a.parent_id]
            d += 1
        return d

    return [
        AccountRow(a.id, a.code, a.name_id, a.name_en, a.account_class, a.normal_side,
                   bool(a.is_contra), bool(a.is_header), bool(a.active),
                   by_id[a.parent_id].code if a.parent_id else None, depth(a), a.owner)
        for a in accounts
    ]


def _posted_lines(as_of: dt.date | None, since: dt.date | None = None):  # type: ignore[no-untyped-def]
    cond = [JournalLine.posted == True]  # noqa: E712  (indexable, unlike IS TRUE)
    if as_of is not None:
        cond.append(JournalLine.entry_date <= as_of)
    if since is not None:
        cond.append(JournalLine.entry_date >= since)
    return and_(*cond)


def account_totals(session: Session, as_of: dt.date | None = None,
                   since: dt.date | None = None) -> dict[int, tuple[int, int]]:
    """Account id -> (sum of debits, sum of credits) in sen, over posted lines."""
    rows = session.execute(
        select(JournalLine.account_id, func.sum(JournalLine.debit), func.sum(JournalLine.credit))
        .where(_posted_lines(as_of, since))
        .group_by(JournalLine.account_id)
    )
    return {aid: (int(d or 0), int(c or 0)) for aid, d, c in rows}


def balance(session: Session, account_code: str, as_of: dt.date | None = None,
            party_code: str | None = None) -> Money:
    """Debit-positive balance of an account (optionally one member's part of it)."""
    q = (
        select(func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0))
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code == account_code, _posted_lines(as_of))
    )
    if party_code is not None:
        q = q.join(Party, Party.id == JournalLine.party_id).where(Party.code == party_code)
    return Money(int(session.scalar(q) or 0))


def normal_balance(session: Session, account_code: str, as_of: dt.date | None = None,
                   party_code: str | None = None) -> Money:
    """Balance on the account's normal side: a savings account shows its deposits positive."""
    side = session.scalar(select(Account.normal_side).where(Account.code == account_code))
    raw = balance(session, account_code, as_of, party_code)
    return raw if side == "D" else -raw


def party_balances(session: Session, account_code: str,
                   as_of: dt.date | None = None) -> dict[str, Money]:
    """Member code -> debit-positive balance of one control account's sub-ledger."""
    rows = session.execute(
        select(Party.code, func.sum(JournalLine.debit - JournalLine.credit))
        .join(Party, Party.id == JournalLine.party_id)
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code == account_code, _posted_lines(as_of))
        .group_by(Party.code)
    )
    return {code: Money(int(b or 0)) for code, b in rows}


def trial_balance(session: Session, as_of: dt.date | None = None) -> TrialBalance:
    """Net balance of every account with one, in the debit or the credit column
    (``ledger.trial_balance``: the same statement the command line's quick answer runs)."""
    dialect = session.get_bind().dialect
    rows = session.connection().exec_driver_sql(
        trial_balance_sql.statement(dialect.name, dialect.paramstyle, as_of),
        trial_balance_sql.parameters(dialect.paramstyle, as_of,
                                     date_as_text=dialect.name == "sqlite"))
    return trial_balance_sql.build(as_of, rows)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    date: dt.date
    entry_id: int
    entry: str
    memo: str
    party_code: str | None
    debit: Money
    credit: Money
    balance: Money  # debit-positive running balance


@dataclass(frozen=True, slots=True)
class LedgerAccount:
    code: str
    name_id: str
    name_en: str
    normal_side: str
    opening: Money
    lines: list[LedgerLine]

    @property
    def closing(self) -> Money:
        return self.lines[-1].balance if self.lines else self.opening


GL_CHUNK = 5_000  # rows fetched at a time by the streaming reads


def _opening_totals(session: Session, date_from: dt.date | None) -> dict[int, int]:
    if date_from is None:
        return {}
    before = date_from - dt.timedelta(days=1)
    return {aid: d - c for aid, (d, c) in account_totals(session, before).items()}


def general_ledger_lines(session: Session, date_from: dt.date | None = None,
                         date_to: dt.date | None = None,
                         account_codes: list[str] | None = None,
                         chunk: int = GL_CHUNK) -> Iterator[tuple[str, LedgerLine]]:
    """Each posted line as ``(account code, line)``, by account code, then date and posting
    order, with the account's running balance computed as the lines go by.

    One ordered query per account with lines (``account_id = ?`` walks the covering index
    ``ix_journal_line_tb`` already in date order, so nothing sorts the whole book), fetched
    ``chunk`` rows at a time (a server-side cursor on PostgreSQL): memory stays flat
    whatever the book's size."""
    opening = _opening_totals(session, date_from)
    moved = account_totals(session, date_to, date_from)
    q = (
        select(Account.id, Account.code).where(Account.id.in_(list(moved)))
        .order_by(Account.code)
    )
    if account_codes:
        q = q.where(Account.code.in_(sorted(set(account_codes))))
    accounts = list(session.execute(q))
    for aid, code in accounts:
        lines = (
            select(JournalLine.entry_date, JournalEntry.id, JournalEntry.fiscal_year,
                   JournalEntry.number, func.coalesce(JournalLine.memo, JournalEntry.memo),
                   Party.code, JournalLine.debit, JournalLine.credit)
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .outerjoin(Party, Party.id == JournalLine.party_id)
            .where(JournalLine.account_id == aid, _posted_lines(date_to, date_from))
            .order_by(JournalLine.entry_date, JournalEntry.posted_seq, JournalLine.line_no)
            .execution_options(yield_per=chunk)
        )
        running = opening.get(aid, 0)
        for day, eid, fy, no, memo, party, d, c in session.connection().execute(lines):
            running += d - c
            yield code, LedgerLine(day, eid, entry_label(fy, no), memo or "", party,
                                   Money(d), Money(c), Money(running))


def general_ledger(session: Session, date_from: dt.date | None = None,
                   date_to: dt.date | None = None,
                   account_codes: list[str] | None = None) -> list[LedgerAccount]:
    """Per account: opening balance, each posted line in date order, running balance
    (held in memory: for a whole book's lines, walk ``general_ledger_lines``)."""
    opening = _opening_totals(session, date_from)
    accounts = {a.code: a for a in session.scalars(select(Account))}
    lines_by_code: dict[str, list[LedgerLine]] = {}
    for code, line in general_ledger_lines(session, date_from, date_to, account_codes):
        lines_by_code.setdefault(code, []).append(line)
    wanted = set(account_codes) if account_codes else None
    codes = set(lines_by_code) | {a.code for a in accounts.values() if opening.get(a.id)}
    out = []
    for code in sorted(codes):
        if wanted is not None and code not in wanted:
            continue
        a = accounts[code]
        out.append(LedgerAccount(a.code, a.name_id, a.name_en, a.normal_side,
                                 Money(opening.get(a.id, 0)), lines_by_code.get(code, [])))
    return out


@dataclass(frozen=True, slots=True)
class JournalRow:
    id: int
    label: str
    date: dt.date
    memo: str
    operation: str
    total: Money
    reverses: str | None  # label of the entry this one reverses
    reversed_by: str | None  # label of the entry that reversed this one
    posted_by: str | None


@dataclass(frozen=True, slots=True)
class JournalDetailLine:
    line_no: int
    account_code: str
    account_name_id: str
    account_name_en: str
    party_code: str | None
    debit: Money
    credit: Money
    memo: str | None


def journal(session: Session, date_from: dt.date | None = None,
            date_to: dt.date | None = None, limit: int | None = None,
            offset: int = 0) -> list[JournalRow]:
    """Posted entries, newest posting first."""
    orig = JournalEntry.__table__.alias("orig")
    rev = JournalEntry.__table__.alias("rev")
    total = (
        select(func.sum(JournalLine.debit)).where(JournalLine.entry_id == JournalEntry.id)
        .scalar_subquery()
    )
    q = (
        select(JournalEntry.id, JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.date,
               JournalEntry.memo, JournalEntry.operation, total,
               orig.c.fiscal_year, orig.c.number, rev.c.fiscal_year, rev.c.number,
               JournalEntry.posted_by)
        .outerjoin(orig, orig.c.id == JournalEntry.reverses_entry_id)
        .outerjoin(rev, rev.c.reverses_entry_id == JournalEntry.id)
        .where(JournalEntry.status == ENTRY_POSTED)
        .order_by(JournalEntry.posted_seq.desc())
    )
    if date_from is not None:
        q = q.where(JournalEntry.date >= date_from)
    if date_to is not None:
        q = q.where(JournalEntry.date <= date_to)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [
        JournalRow(eid, entry_label(fy, no), day, memo, op, Money(int(t or 0)),
                   entry_label(ofy, ono) if ono is not None else None,
                   entry_label(rfy, rno) if rno is not None else None, by)
        for eid, fy, no, day, memo, op, t, ofy, ono, rfy, rno, by in session.execute(q)
    ]


def entry_lines(session: Session, entry_id: int) -> list[JournalDetailLine]:
    rows = session.execute(
        select(JournalLine.line_no, Account.code, Account.name_id, Account.name_en, Party.code,
               JournalLine.debit, JournalLine.credit, JournalLine.memo)
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Party, Party.id == JournalLine.party_id)
        .where(JournalLine.entry_id == entry_id).order_by(JournalLine.line_no)
    )
    return [JournalDetailLine(n, c, ni, ne, p, Money(d), Money(cr), m)
            for n, c, ni, ne, p, d, cr, m in rows]


@dataclass(frozen=True, slots=True)
class EntryHeader:
    """One posted entry as ``kasir entry show`` and the journal page describe it."""

    id: int
    label: str
    date: dt.date
    memo: str
    operation: str
    key: str
    posted_by: str | None
    posted_at: dt.datetime | None
    reverses: str | None  # the entry this one reverses
    reversal_reason: str | None  # why (on a reversal)
    reversed_by: str | None  # the entry that reversed this one
    reversed_because: str | None  # the reason given on that reversal


def entry_header(session: Session, entry_id: int) -> EntryHeader | None:
    orig = JournalEntry.__table__.alias("orig")
    rev = JournalEntry.__table__.alias("rev")
    row = session.execute(
        select(JournalEntry.id, JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.date,
               JournalEntry.memo, JournalEntry.operation, JournalEntry.uuid,
               JournalEntry.posted_by, JournalEntry.posted_at, JournalEntry.reversal_reason,
               orig.c.fiscal_year, orig.c.number, rev.c.fiscal_year, rev.c.number,
               rev.c.reversal_reason)
        .outerjoin(orig, orig.c.id == JournalEntry.reverses_entry_id)
        .outerjoin(rev, (rev.c.reverses_entry_id == JournalEntry.id)
                   & (rev.c.status == ENTRY_POSTED))
        .where(JournalEntry.id == entry_id, JournalEntry.status == ENTRY_POSTED)
    ).first()
    if row is None:
        return None
    (eid, fy, no, day, memo, op, key, by, at, reason, ofy, ono, rfy, rno, rreason) = row
    return EntryHeader(eid, entry_label(fy, no), day, memo, op, key, by, at,
                       entry_label(ofy, ono) if ono is not None else None,
                       reason if ono is not None else None,
                       entry_label(rfy, rno) if rno is not None else None, rreason)


def entry_id_by_label(session: Session, label: str) -> int | None:
    """The id of the posted entry printed as ``2026/000123`` (or ``2026/123``)."""
    year, sep, number = label.strip().partition("/")
    if not sep or not (year.isdigit() and number.isdigit()) or len(year) != 4 \
            or len(number) > 9:
        return None
    return session.scalar(select(JournalEntry.id).where(
        JournalEntry.fiscal_year == int(year), JournalEntry.number == int(number),
        JournalEntry.status == ENTRY_POSTED))


def entry_id_by_key(session: Session, key: str) -> int | None:
    """The entry posted with this key (``journal_entry.uuid``), if any."""
    return session.scalar(select(JournalEntry.id).where(JournalEntry.uuid == key))


@dataclass(frozen=True, slots=True)
class KeyedEntry:
    id: int
    key: str
    reversed_by: int | None  # the posted entry that reversed it


def entries_keyed(session: Session, prefix: str) -> list[KeyedEntry]:
    """Posted entries whose key starts with ``prefix``, in posting order, with their
    reversal: the postings of one recurring operation (a month's profit sharing)."""
    rev = JournalEntry.__table__.alias("rev")
    rows = session.execute(
        select(JournalEntry.id, JournalEntry.uuid, rev.c.id)
        .outerjoin(rev, (rev.c.reverses_entry_id == JournalEntry.id)
                   & (rev.c.status == ENTRY_POSTED))
        .where(JournalEntry.uuid.like(prefix.replace("%", r"\%").replace("_", r"\_") + "%",
                                      escape="\\"),
               JournalEntry.status == ENTRY_POSTED)
        .order_by(JournalEntry.posted_seq))
    return [KeyedEntry(eid, key, rid) for eid, key, rid in rows]


def entry_memo(session: Session, entry_id: int) -> str | None:
    return session.scalar(select(JournalEntry.memo).where(JournalEntry.id == entry_id))


def parties(session: Session) -> list[tuple[str, str]]:
    """Every party (member) a line can name: (code, name), by code."""
    return [(c, n) for c, n in session.execute(select(Party.code, Party.name)
                                               .order_by(Party.code))]


def entries_between(session: Session, date_from: dt.date, date_to: dt.date) -> tuple[int, int]:
    """Posted entries dated in the range, and how many of them are reversals."""
    row = session.execute(
        select(func.count(), func.count(JournalEntry.reverses_entry_id))
        .select_from(JournalEntry)
        .where(JournalEntry.status == ENTRY_POSTED, JournalEntry.date >= date_from,
               JournalEntry.date <= date_to)).one()
    return int(row[0] or 0), int(row[1] or 0)


def count_posted(session: Session) -> int:
    return int(session.scalar(
        select(func.count()).select_from(JournalEntry).where(JournalEntry.status == ENTRY_POSTED)
    ) or 0)


def journal_entry_label(session: Session, entry_id: int) -> str:
    row = session.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number).where(JournalEntry.id == entry_id)
    ).first()
    return entry_label(row[0], row[1]) if row else "—"
