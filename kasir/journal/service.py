"""The general journal's use cases for both faces: post a manual entry, reverse any
entry (through the registry of its owner), show an entry, close and reopen months.

Each write is one unit of work on the book: it opens its own transaction,
posts through ``ledger.posting`` and commits once, or changes nothing and
raises a translated-ready error. The faces get plain values back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.journal import reversals
from kasir.journal.queries import EntryDetail, entry_detail, entry_id
from kasir.journal.rules import check_general_journal
from kasir.uow import Book
from kasir.users import requests
from kasir.users.permissions import Permission, require
from kasir.users.requests import Approval
from ledger import periods, posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money
from ledger.posting import PostedRef
from ledger.queries import AccountRow, EntryHeader, JournalDetailLine, JournalRow

__all__ = ["PostedRef", "AccountRow", "EntryDetail", "JournalDetailLine", "JournalRow", "LineInput",
           "PartyRow", "chart", "close_period", "closed_periods", "entry", "entry_by_number",
           "entry_lines", "journal", "parties", "period_log", "post_entry", "reopen_period",
           "reverse_entry", "reverse_by_number"]


@dataclass(frozen=True, slots=True)
class LineInput:
    """One line as the entry form (or an entry file) gives it."""

    account_code: str
    debit: Money = ZERO
    credit: Money = ZERO
    party_code: str | None = None
    memo: str | None = None


def manual_draft(day: dt.date, memo: str, lines: Sequence[LineInput],
                 key: str | None) -> EntryDraft:
    if not memo.strip():
        raise KasirError(N_("Give the entry a description."))
    return EntryDraft(
        date=day, memo=memo.strip(),
        lines=tuple(LineDraft(ln.account_code.strip(), ln.debit, ln.credit,
                              (ln.party_code or "").strip() or None,
                              (ln.memo or "").strip() or None) for ln in lines),
        operation="manual", uuid=key,
    )


def post_entry(book: Book, actor: Actor, day: dt.date, memo: str, lines: Sequence[LineInput],
               *, key: str | None = None) -> PostedRef:
    """Post a manual journal entry. ``key`` makes a retried submission post once."""
    require(book, actor, Permission.JOURNAL)
    draft = manual_draft(day, memo, lines, key)

    def work(s: Session) -> PostedRef:
        check_general_journal(s, draft)
        return posting.post(s, draft, user=actor.user)
    return book.run(work, actor=actor)


def _reversal(book: Book, actor: Actor, find: Callable[[Session], int], reason: str,
              day: dt.date, approval: Approval | None) -> PostedRef:
    """A reversal, or (above the book's threshold, on a book with users) a request that
    waits for the approver: ``requests.ApprovalRequested`` says its number."""
    if not reason or not reason.strip():
        raise KasirError(N_("A reversal needs a reason."))
    require(book, actor, Permission.REVERSE)

    def describe(s: Session) -> tuple[dict[str, object], bool]:
        found = find(s)
        amount = sum((ln.debit for ln in queries.entry_lines(s, found)), ZERO)
        payload = {"entry_id": found, "number": queries.journal_entry_label(s, found),
                   "amount": amount.sen, "reason": reason.strip(), "day": day.isoformat()}
        return payload, amount > requests.threshold(s)
    return requests.run_or_ask(
        book, actor, approval, "reverse_entry", describe,
        lambda s: reversals.reverse(s, actor, find(s), reason=reason, day=day),
        lambda ref: ref.label)


def reverse_entry(book: Book, actor: Actor, entry_id: int, *, reason: str,
                  day: dt.date, approval: Approval | None = None) -> PostedRef:
    """Undo a posted entry by posting its mirror image, linked to it, with a reason,
    after the rules of the feature that posted it (``reversals``). Above the threshold
    it waits for approval; ``approval`` is the approver's yes (``kasir.approvals``)."""
    return _reversal(book, actor, lambda s: entry_id, reason, day, approval)


def reverse_by_number(book: Book, actor: Actor, number: str, *, reason: str,
                      day: dt.date) -> PostedRef:
    """The same, for an entry named by its official number ("2026/000123")."""
    return _reversal(book, actor, lambda s: entry_id(s, number), reason, day, None)


def entry_by_number(book: Book, number: str) -> EntryDetail:
    """One posted entry with its lines, who posted it, its operation and its reversal."""
    return book.read(lambda s: entry_detail(s, number))


def entry(book: Book, entry_id: int) -> EntryHeader | None:
    return book.read(lambda s: queries.entry_header(s, entry_id))


def reversal_reason(book: Book, entry_id: int) -> str | None:
    """Why an entry was reversed (the reason on its reversal), or None."""
    header = entry(book, entry_id)
    return header.reversed_because if header is not None else None


def close_period(book: Book, actor: Actor, year: int, month: int, *, note: str = "") -> None:
    require(book, actor, Permission.CLOSE_MONTH)
    book.run(lambda s: periods.close_period(s, year, month, user=actor.user, note=note),
             actor=actor)


def reopen_period(book: Book, actor: Actor, year: int, month: int, *, reason: str,
                  approval: Approval | None = None) -> None:
    """Open a closed month again; on a book with users it waits for approval first."""
    require(book, actor, Permission.REOPEN_MONTH)
    payload = {"year": year, "month": month, "reason": (reason or "").strip()}
    requests.run_or_ask(
        book, actor, approval, "reopen_month", lambda s: (payload, True),
        lambda s: periods.reopen_period(s, year, month, reason=reason, user=actor.user),
        lambda _none: "")


def closed_periods(book: Book) -> list[tuple[int, int]]:
    return book.read(periods.closed_periods)


def period_log(book: Book) -> list[periods.PeriodLogRow]:
    return book.read(periods.period_log)


def chart(book: Book) -> list[AccountRow]:
    return book.read(queries.chart)


def journal(book: Book, date_from: dt.date | None = None, date_to: dt.date | None = None,
            limit: int | None = None, offset: int = 0) -> list[JournalRow]:
    return book.read(lambda s: queries.journal(s, date_from, date_to, limit, offset))


def entry_lines(book: Book, entry_id: int) -> list[JournalDetailLine]:
    return book.read(lambda s: queries.entry_lines(s, entry_id))


@dataclass(frozen=True, slots=True)
class PartyRow:
    code: str
    name: str


def parties(book: Book) -> list[PartyRow]:
    return book.read(lambda s: [PartyRow(c, n) for c, n in queries.parties(s)])
