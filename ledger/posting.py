"""The one write path of the books: post, reverse, keep drafts.

Nothing else inserts journal lines. Functions here never commit: the caller's
unit of work commits once per business operation, so an operation that posts
several entries is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, String, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from ledger import chain
from ledger.entry import (
    AccountInfo,
    EntryDraft,
    LineDraft,
    PostingContext,
    operation_kind,
    validate,
)
from ledger.errors import N_, InvalidDraft, LedgerError, NotFound
from ledger.money import Money
from ledger.schema import (
    ENTRY_DRAFT,
    ENTRY_POSTED,
    PERIOD_CLOSED,
    Account,
    FiscalPeriod,
    JournalEntry,
    JournalLine,
    LedgerState,
    OperationPermit,
    Party,
    utcnow,
)


@dataclass(frozen=True, slots=True)
class PostedRef:
    """Identity of a posted entry, as handed back to the caller."""

    id: int
    fiscal_year: int
    number: int
    posted_seq: int
    duplicate: bool = False  # True when the uuid had already been posted

    @property
    def label(self) -> str:
        return entry_label(self.fiscal_year, self.number)


def entry_label(fiscal_year: int | None, number: int | None) -> str:
    """The official number as printed: ``2026/000123``."""
    if fiscal_year is None or number is None:
        return "—"
    return f"{fiscal_year}/{number:06d}"


def fiscal_year_of(day: dt.date) -> int:
    """Fiscal years follow the calendar year (Permenkop: the cooperative's book year)."""
    return day.year


def new_key() -> str:
    """A fresh entry key, for a draft that brings none: a version-7 UUID (RFC 9562)
    as 32 hex digits. Its first 48 bits are the time in milliseconds, so keys made
    one after another sort together and the unique index on ``journal_entry.uuid``
    grows at its end rather than at random places, which keeps a big book's bulk
    posting from slowing down as the index outgrows the cache."""
    ms = time.time_ns() // 1_000_000
    rand = secrets.randbits(74)
    value = ((ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (rand >> 62) << 64
             | 0b10 << 62 | (rand & (1 << 62) - 1))
    return f"{value:032x}"


def load_context(session: Session) -> PostingContext:
    accounts = {
        a.code: AccountInfo(
            id=a.id, code=a.code, name_id=a.name_id, name_en=a.name_en,
            account_class=a.account_class, normal_side=a.normal_side,
            is_contra=bool(a.is_contra), is_header=bool(a.is_header), active=bool(a.active),
            owner=a.owner,
        )
        for a in session.scalars(select(Account))
    }
    parties = {code: pid for code, pid in session.execute(select(Party.code, Party.id))}
    closed = frozenset(
        (y, m)
        for y, m in session.execute(
            select(FiscalPeriod.year, FiscalPeriod.month).where(
                FiscalPeriod.status == PERIOD_CLOSED
            )
        )
    )
    permits = frozenset((k, o) for k, o in session.execute(
        select(OperationPermit.kind, OperationPermit.owner)))
    return PostingContext(accounts=accounts, parties=parties, closed_periods=closed,
                          permits=permits)


_IN_CHUNK = 500  # values per IN (...) of ``context_for``

# ``context_for`` reads the four parts in one statement, each row tagged with its part
# (the columns of an account; a party's id and code; a closed month as year * 100 + month;
# a permit's kind and owner), so a cashier's posting asks the server once, not four times.
_CONTEXT_SQL = text("""
SELECT 'a', id, code, name_id, name_en, account_class, normal_side, is_contra, is_header,
       active, owner FROM account WHERE code IN :codes
UNION ALL
SELECT 'p', id, code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM party WHERE code IN :parties
UNION ALL
SELECT 'c', year * 100 + month, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM fiscal_period WHERE status = :closed AND year IN :years
UNION ALL
SELECT 'k', NULL, kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL, owner
  FROM operation_permit WHERE kind IN :kinds
""").bindparams(bindparam("codes", type_=String, expanding=True),
                bindparam("parties", type_=String, expanding=True),
                bindparam("closed", type_=String),
                bindparam("years", type_=Integer, expanding=True),
                bindparam("kinds", type_=String, expanding=True))


def context_for(session: Session, drafts: Sequence[EntryDraft]) -> PostingContext:
    """The part of the posting context that ``drafts`` need: the accounts and the parties
    their lines name, the closed months among theirs, the permits of their operations.
    Read in the caller's transaction as ``load_context`` is, so just as current (nothing
    is cached), but a cashier's two-line entry reads two accounts and one member in one
    statement instead of the whole chart and every member in four. ``validate`` gives the
    same answers with it: it only ever looks up what the draft names."""
    codes = sorted({ln.account_code for d in drafts for ln in d.lines
                    if isinstance(ln.account_code, str)})
    party_codes = sorted({ln.party_code for d in drafts for ln in d.lines
                          if isinstance(ln.party_code, str)})
    months = {(d.date.year, d.date.month) for d in drafts if isinstance(d.date, dt.date)}
    years = sorted({y for y, _m in months})
    kinds = sorted({operation_kind(d.operation) for d in drafts
                    if isinstance(d.operation, str)})
    accounts: dict[str, AccountInfo] = {}
    parties: dict[str, int] = {}
    closed: set[tuple[int, int]] = set()
    permits: set[tuple[str, str]] = set()
    rounds = max(1, -(-max(len(codes), len(party_codes)) // _IN_CHUNK))
    for r in range(rounds):  # a big batch in chunks; the small parts come with the first
        part = slice(r * _IN_CHUNK, (r + 1) * _IN_CHUNK)
        rows = session.execute(_CONTEXT_SQL, {
            "codes": codes[part], "parties": party_codes[part], "closed": PERIOD_CLOSED,
            "years": years if r == 0 else [], "kinds": kinds if r == 0 else []})
        for tag, num, code, name_id, name_en, cls, side, contra, header, active, owner in rows:
            if tag == "a":
                accounts[code] = AccountInfo(
                    id=num, code=code, name_id=name_id, name_en=name_en, account_class=cls,
                    normal_side=side, is_contra=bool(contra), is_header=bool(header),
                    active=bool(active), owner=owner)
            elif tag == "p":
                parties[code] = num
            elif tag == "c" and (num // 100, num % 100) in months:
                closed.add((num // 100, num % 100))
            elif tag == "k":
                permits.add((code, owner))
    return PostingContext(accounts=accounts, parties=parties, closed_periods=frozenset(closed),
                          permits=frozenset(permits))


def post(session: Session, draft: EntryDraft, *, user: str = "",
         ctx: PostingContext | None = None) -> PostedRef:
    """Post one balanced entry; a uuid already posted returns that entry instead."""
    return post_many(session, [draft], user=user, ctx=ctx)[0]


def post_many(session: Session, drafts: Sequence[EntryDraft], *, user: str = "",
              ctx: PostingContext | None = None, checked: bool = False) -> list[PostedRef]:
    """Post several entries in the caller's transaction, in the order given.
    ``checked``: the caller validated every draft against this same ``ctx`` already (an
    import checks each as it is queued, so a refusal names its line); the database
    checks them again as they are posted."""
    ctx = ctx or context_for(session, drafts)
    for draft in () if checked and ctx is not None else drafts:
        problems = validate(draft, ctx)
        if problems:
            raise InvalidDraft(problems)
    existing = _already_posted(session, [d.uuid for d in drafts if d.uuid])
    results: dict[int, PostedRef] = {}
    fresh: list[tuple[int, EntryDraft, str]] = []
    seen: set[str] = set()
    for i, draft in enumerate(drafts):
        key = draft.uuid or new_key()
        if key in existing:
            results[i] = existing[key]
        elif key in seen:
            raise LedgerError(N_("The same entry key {key} appears twice."), key=key)
        else:
            seen.add(key)
            fresh.append((i, draft, key))
    if fresh:
        ids = _insert_drafts(session, [(d, k) for _, d, k in fresh], ctx, user)
        refs = _mark_posted(session, [(eid, d, k) for eid, (_, d, k) in zip(ids, fresh)],
                            ctx, user)
        for (i, _, _), ref in zip(fresh, refs):
            results[i] = ref
    return [results[i] for i in range(len(drafts))]


def _already_posted(session: Session, keys: list[str]) -> dict[str, PostedRef]:
    found: dict[str, PostedRef] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        rows = session.execute(
            select(JournalEntry.uuid, JournalEntry.id, JournalEntry.status,
                   JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.posted_seq)
            .where(JournalEntry.uuid.in_(chunk))
        )
        for key, eid, status, fy, number, seq in rows:
            if status != ENTRY_POSTED:
                raise LedgerError(N_("The entry key {key} belongs to an unposted draft."), key=key)
            found[key] = PostedRef(eid, fy, number, seq, duplicate=True)
    return found


# --- writing a batch -------------------------------------------------------------
#
# Bulk posting is the hot path of an import, so the rows are written with the
# driver's own ``executemany`` (and multi-row ``INSERT ... RETURNING`` for the
# entries), with SQLAlchemy's bind processors applied once per column rather than
# per row through the compiler. The statements are the same on both backends;
# only the placeholder differs.

_ENTRY_COLUMNS = ("uuid", "status", "date", "memo", "operation", "reverses_entry_id",
                  "reversal_reason", "created_at", "created_by")
_LINE_COLUMNS = ("entry_id", "line_no", "account_id", "party_id", "debit", "credit", "memo",
                 "entry_date", "posted")
_POST_COLUMNS = ("fiscal_year", "number", "posted_seq", "prev_hash", "hash", "posted_at",
                 "posted_by")
_ENTRIES_PER_INSERT = 500  # 9 parameters a row: far below SQLite's 32,766 per statement


def _placeholder(session: Session) -> str | None:
    style = session.get_bind().dialect.paramstyle
    return {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(style)


def _processors(session: Session, table, columns: Sequence[str]):  # type: ignore[no-untyped-def]
    """Per column, the dialect's conversion of a Python value for the driver (or None)."""
    dialect = session.get_bind().dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _convert(rows: list[tuple], procs) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Apply the processors; each distinct value (a batch shares a few dates) once."""
    active = [(i, f, {}) for i, f in enumerate(procs) if f is not None]
    if not active:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i, f, seen in active:
            v = values[i]
            try:
                values[i] = seen[v]
            except KeyError:
                values[i] = seen[v] = f(v)
        out.append(tuple(values))
    return out


def _insert_drafts(session: Session, items: list[tuple[EntryDraft, str]],
                   ctx: PostingContext, user: str) -> list[int]:
    """Insert the entries as drafts and their lines; returns the new entry ids in order.

    The ids come back with their uuid from multi-row ``INSERT ... RETURNING``, so
    no statement per row is needed to keep them in parameter order.
    """
    now = utcnow()
    entry_t, line_t = JournalEntry.__table__, JournalLine.__table__
    rows = [(key, ENTRY_DRAFT, d.date, d.memo, d.operation, d.reverses_entry_id,
             d.reversal_reason, now, user) for d, key in items]
    mark = _placeholder(session)
    id_of: dict[str, int] = {}
    if mark is None:  # an unknown driver: let SQLAlchemy do it all
        for start in range(0, len(rows), _ENTRIES_PER_INSERT):
            result = session.execute(
                insert(entry_t).returning(entry_t.c.uuid, entry_t.c.id),
                [dict(zip(_ENTRY_COLUMNS, r)) for r in rows[start:start + _ENTRIES_PER_INSERT]],
            )
            id_of.update((key, eid) for key, eid in result)
    else:
        conn = session.connection()
        rows = _convert(rows, _processors(session, entry_t, _ENTRY_COLUMNS))
        one = "(" + ", ".join([mark] * len(_ENTRY_COLUMNS)) + ")"
        head = f"INSERT INTO journal_entry ({', '.join(_ENTRY_COLUMNS)}) VALUES "
        for start in range(0, len(rows), _ENTRIES_PER_INSERT):
            chunk = rows[start:start + _ENTRIES_PER_INSERT]
            result = conn.exec_driver_sql(
                head + ", ".join([one] * len(chunk)) + " RETURNING uuid, id",
                tuple(v for r in chunk for v in r),
            )
            id_of.update((key, eid) for key, eid in result)
    ids = [id_of[key] for _, key in items]

    accounts, parties = ctx.accounts, ctx.parties
    lines = [
        (eid, no, accounts[line.account_code].id,
         parties[line.party_code] if line.party_code else None,
         line.debit.sen, line.credit.sen, line.memo, d.date, False)
        for eid, (d, _) in zip(ids, items)
        for no, line in enumerate(d.lines, start=1)
    ]
    if mark is None:
        session.execute(insert(line_t), [dict(zip(_LINE_COLUMNS, r)) for r in lines])
    else:
        session.connection().exec_driver_sql(
            f"INSERT INTO journal_line ({', '.join(_LINE_COLUMNS)}) "
            f"VALUES ({', '.join([mark] * len(_LINE_COLUMNS))})",
            _convert(lines, _processors(session, line_t, _LINE_COLUMNS)),
        )
    return ids


def _mark_posted(session: Session, items: list[tuple[int, EntryDraft, str]],
                 ctx: PostingContext, user: str) -> list[PostedRef]:
    """Give numbers, sequence and chain hashes, then flip the drafts to posted."""
    state = session.execute(
        select(LedgerState.last_seq, LedgerState.last_hash)
        .where(LedgerState.id == 1).with_for_update()
    ).one()
    seq, prev_hash = state.last_seq, state.last_hash or chain.GENESIS
    numbers = _allocate_numbers(session, [fiscal_year_of(d.date) for _, d, _ in items])
    reversed_uuids = _uuids_of(session, [d.reverses_entry_id for _, d, _ in items
                                         if d.reverses_entry_id is not None])
    now = utcnow()
    updates: list[tuple] = []
    refs: list[PostedRef] = []
    for (eid, d, key), (fy, number) in zip(items, numbers):
        seq += 1
        digest = chain.link_values(
            prev_hash, seq, key, fy, number, d.date, d.memo, d.operation,
            reversed_uuids.get(d.reverses_entry_id) if d.reverses_entry_id else None,
            d.reversal_reason,
            [[no, ln.account_code, ln.party_code, ln.debit.sen, ln.credit.sen, ln.memo]
             for no, ln in enumerate(d.lines, start=1)])
        updates.append((fy, number, seq, prev_hash, digest, now, user, eid))
        refs.append(PostedRef(eid, fy, number, seq))
        prev_hash = digest
    mark = _placeholder(session)
    if mark is None:
        t = JournalEntry.__table__
        session.execute(
            update(t).where(t.c.id == bindparam("p_id"))
            .values(status=ENTRY_POSTED, **{c: bindparam(f"p_{c}") for c in _POST_COLUMNS}),
            [{"p_id": u[-1], **{f"p_{c}": v for c, v in zip(_POST_COLUMNS, u)}}
             for u in updates],
        )
    else:
        # One UPDATE per entry: the posting trigger checks each entry as it flips.
        procs = _processors(session, JournalEntry.__table__, (*_POST_COLUMNS, "id"))
        session.connection().exec_driver_sql(
            f"UPDATE journal_entry SET status = '{ENTRY_POSTED}', "
            + ", ".join(f"{c} = {mark}" for c in _POST_COLUMNS) + f" WHERE id = {mark}",
            _convert(updates, procs),
        )
    session.execute(
        update(LedgerState).where(LedgerState.id == 1).values(last_seq=seq, last_hash=prev_hash)
    )
    return refs


def _allocate_numbers(session: Session, years: list[int]) -> list[tuple[int, int]]:
    """Official numbers, gap-free per fiscal year, taken inside the posting transaction."""
    need: dict[int, int] = {}
    for y in years:
        need[y] = need.get(y, 0) + 1
    next_no: dict[int, int] = {}
    for y in sorted(need):
        # one statement: the year's counter made at its first entry, or moved on by n
        last = session.execute(text(
            "INSERT INTO entry_counter (fiscal_year, last_number) VALUES (:y, :n) "
            "ON CONFLICT (fiscal_year) DO UPDATE "
            "SET last_number = entry_counter.last_number + excluded.last_number "
            "RETURNING last_number"), {"n": need[y], "y": y}).scalar_one()
        next_no[y] = last - need[y] + 1
    out: list[tuple[int, int]] = []
    for y in years:
        out.append((y, next_no[y]))
        next_no[y] += 1
    return out


def _uuids_of(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(
        select(JournalEntry.id, JournalEntry.uuid).where(JournalEntry.id.in_(ids))
    ).all())


# --- reversal -----------------------------------------------------------------

def reversal_draft(session: Session, entry_id: int, *, reason: str, day: dt.date,
                   memo: str | None = None) -> EntryDraft:
    """The entry that undoes a posted one: same lines, debit and credit swapped."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.status != ENTRY_POSTED:
        raise NotFound(N_("There is no posted entry with id {id}."), id=entry_id)
    already = session.scalar(
        select(JournalEntry.id).where(JournalEntry.reverses_entry_id == entry_id)
    )
    if already is not None:
        raise LedgerError(N_("Entry {entry} has already been reversed."),
                          entry=entry_label(entry.fiscal_year, entry.number))
    if entry.reverses_entry_id is not None:
        raise LedgerError(N_("Entry {entry} is itself a reversal; post a new entry instead."),
                          entry=entry_label(entry.fiscal_year, entry.number))
    rows = session.execute(
        select(Account.code, Party.code, JournalLine.debit, JournalLine.credit, JournalLine.memo)
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Party, Party.id == JournalLine.party_id)
        .where(JournalLine.entry_id == entry_id).order_by(JournalLine.line_no)
    ).all()
    lines = tuple(
        LineDraft(account_code=code, debit=Money(credit), credit=Money(debit),
                  party_code=party, memo=line_memo)
        for code, party, debit, credit, line_memo in rows
    )
    return EntryDraft(
        date=day, memo=memo if memo is not None else entry.memo, lines=lines,
        operation="reversal", reverses_entry_id=entry_id, reversal_reason=reason.strip(),
    )


def reverse(session: Session, entry_id: int, *, reason: str, day: dt.date, user: str = "",
            memo: str | None = None) -> PostedRef:
    """Post the reversal of a posted entry, linked to it, with the reason given."""
    return post(session, reversal_draft(session, entry_id, reason=reason, day=day, memo=memo),
                user=user)
