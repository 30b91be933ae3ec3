"""The one write path of the books: post and reverse.

Nothing else inserts journal lines. Functions here never commit: the caller's
unit of work commits once per business operation, so an operation that posts
several entries is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import time
from collections.abc import Sequence

from sqlalchemy import Integer, String, bindparam, select, text
from sqlalchemy.orm import Session

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
from ledger.posted_rows import PostedRef, entry_label, write_posted

__all__ = ["PostedRef", "entry_label", "post", "post_many", "reverse", "reversal_draft"]
from ledger.schema import (
    ENTRY_POSTED,
    PERIOD_CLOSED,
    Account,
    FiscalPeriod,
    JournalEntry,
    JournalLine,
    OperationPermit,
    Party,
)

_KEY_BITS = random.Random(secrets.randbits(128))
if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=lambda: _KEY_BITS.seed(secrets.randbits(128)))


def new_key() -> str:
    """A fresh entry key, for a draft that brings none: a version-7 UUID (RFC 9562)
    as 32 hex digits. Its first 48 bits are the time in milliseconds, so keys made
    one after another sort together and the unique index on ``journal_entry.uuid``
    grows at its end rather than at random places, which keeps a big book's bulk
    posting from slowing down as the index outgrows the cache. The random bits come
    from a generator of this process's own, seeded by the system (and again in a forked
    child): uniqueness needs no cryptography, and asking the system for each key was a
    system call per entry."""
    ms = time.time_ns() // 1_000_000
    rand = _KEY_BITS.getrandbits(74)
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
              ctx: PostingContext | None = None, checked: bool = False,
              new_keys: bool = False) -> list[PostedRef]:
    """Post several entries in the caller's transaction, in the order given.
    ``checked``: the caller validated every draft against this same ``ctx`` already (an
    import checks each as it is queued, so a refusal names its line); the database
    checks them again as they are posted. ``new_keys``: every key was made by
    ``new_key`` for these drafts (an import's), so none is looked for in the book (a
    thousand keys asked at every batch); the unique index would still refuse one there."""
    ctx = ctx or context_for(session, drafts)
    for draft in () if checked and ctx is not None else drafts:
        problems = validate(draft, ctx)
        if problems:
            raise InvalidDraft(problems)
    existing = {} if new_keys else _already_posted(session, [d.uuid for d in drafts if d.uuid])
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
        refs = write_posted(session, [(d, k) for _, d, k in fresh], ctx, user)
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
