"""Journal services for the faces: post a manual entry, reverse one, close months.

Each function is one unit of work on the book: it opens its own transaction,
posts through ``ledger.posting`` and commits once, or changes nothing and
raises a translated-ready error. The faces never hold ORM objects; they get
plain values back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir import simpanan
from kasir.book import Book
from kasir.errors import N_, KasirError
from ledger import periods, posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money
from ledger.posting import PostedRef
from ledger.schema import Party


@dataclass(frozen=True, slots=True)
class LineInput:
    """One line as the entry form collects it."""

    account_code: str
    debit: Money = ZERO
    credit: Money = ZERO
    party_code: str | None = None
    memo: str | None = None


def _draft(day: dt.date, memo: str, lines: Sequence[LineInput], key: str | None) -> EntryDraft:
    return EntryDraft(
        date=day, memo=memo.strip(),
        lines=tuple(LineDraft(ln.account_code.strip(), ln.debit, ln.credit,
                              (ln.party_code or "").strip() or None,
                              (ln.memo or "").strip() or None) for ln in lines),
        operation="manual", uuid=key,
    )


def post_entry(book: Book, day: dt.date, memo: str, lines: Sequence[LineInput], *,
               user: str = "", key: str | None = None) -> PostedRef:
    """Post a manual journal entry. ``key`` makes a retried submission post once."""
    if not memo.strip():
        raise KasirError(N_("Give the entry a description."))
    draft = _draft(day, memo, lines, key)
    return book.run(lambda s: posting.post(s, draft, user=user))


def reverse_entry(book: Book, entry_id: int, *, reason: str, day: dt.date,
                  user: str = "") -> PostedRef:
    """Undo a posted entry by posting its mirror image, linked to it, with a reason."""
    if not reason or not reason.strip():
        raise KasirError(N_("A reversal needs a reason."))

    def work(s: Session) -> PostedRef:
        original = queries.journal_entry_label(s, entry_id)
        ref = posting.reverse(s, entry_id, reason=reason, day=day, user=user,
                              memo=f"Pembalikan {original}")
        simpanan.undo_side_effects(s, entry_id)
        return ref
    return book.run(work)


def close_period(book: Book, year: int, month: int, *, user: str = "", note: str = "") -> None:
    book.run(lambda s: periods.close_period(s, year, month, user=user, note=note))


def reopen_period(book: Book, year: int, month: int, *, reason: str, user: str = "") -> None:
    book.run(lambda s: periods.reopen_period(s, year, month, reason=reason, user=user))


def closed_periods(book: Book) -> list[tuple[int, int]]:
    with book.read_session() as s:
        return periods.closed_periods(s)


def period_log(book: Book) -> list[periods.PeriodLogRow]:
    with book.read_session() as s:
        return periods.period_log(s)


def chart(book: Book) -> list[queries.AccountRow]:
    with book.read_session() as s:
        return queries.chart(s)


def journal(book: Book, date_from: dt.date | None = None, date_to: dt.date | None = None,
            limit: int | None = None, offset: int = 0) -> list[queries.JournalRow]:
    with book.read_session() as s:
        return queries.journal(s, date_from, date_to, limit, offset)


def entry_lines(book: Book, entry_id: int) -> list[queries.JournalDetailLine]:
    with book.read_session() as s:
        return queries.entry_lines(s, entry_id)


@dataclass(frozen=True, slots=True)
class PartyRow:
    code: str
    name: str


def parties(book: Book) -> list[PartyRow]:
    with book.read_session() as s:
        return [PartyRow(c, n) for c, n in s.execute(select(Party.code, Party.name)
                                                       .order_by(Party.code))]


def add_party(book: Book, code: str, name: str, kind: str = "member") -> None:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise KasirError(N_("A member needs a number and a name."))

    def work(s: Session) -> None:
        if s.scalar(select(Party.id).where(Party.code == code)) is not None:
            raise KasirError(N_("Member number {code} is already in use."), code=code)
        s.add(Party(code=code, name=name, kind=kind))
    book.run(work)


def book_name(book: Book) -> str:
    """The cooperative's name as stored in the book, for the window title."""
    from kasir.settings import get_setting

    with book.read_session() as s:
        return get_setting(s, "name")


def reversal_reason(book: Book, entry_id: int) -> str | None:
    """Why an entry was reversed (the reason stored on its reversal), or None."""
    from ledger.schema import JournalEntry

    with book.read_session() as s:
        return s.scalar(select(JournalEntry.reversal_reason)
                        .where(JournalEntry.reverses_entry_id == entry_id))
