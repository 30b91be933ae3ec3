"""What the receipts list means, without Qt: the range, the words of each row,
the totals, which receipt may be cancelled, and the page's calls to the
receipts service (list, find, print again, cancel).

A receipt is never deleted or renumbered: cancelling it reverses its
operation (its journal entry) with a reason, and the receipt then prints
"DIBATALKAN". A cancelled receipt counts in no total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from kasir.actor import Actor
from kasir.i18n import _, message
from kasir.numbers import format_rupiah
from kasir.receipts import service as receipts
from kasir.receipts.queries import ReceiptRow
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO
from ui import papers
from ui.presenters.outcome import Outcome, refused

DIRECTIONS = {"in": N_("In"), "out": N_("Out")}
LIMIT = 1000  # rows read at most: the list stays quick on an old laptop


class ReceiptsProblem(LedgerError):
    """Something on the receipts list that keeps an action from being done."""


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first of the previous month to today: this month's receipts and the last."""
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return first, today


def direction_text(row: ReceiptRow) -> str:
    return _(DIRECTIONS.get(row.direction, row.direction))


def member_text(row: ReceiptRow) -> str:
    return f"{row.member} {row.name}".strip()


def state_text(row: ReceiptRow) -> str:
    return _("cancelled") if row.cancelled else ""


def state_tooltip(row: ReceiptRow) -> str:
    if not row.cancelled:
        return ""
    text = _("reversed by {number}").format(number=row.reversed_by)
    if row.reversal_reason:
        text += " — " + _("reason: {reason}").format(reason=row.reversal_reason)
    return text


def check_range(date_from: dt.date, date_to: dt.date) -> ReceiptsProblem | None:
    if date_from > date_to:
        return ReceiptsProblem(N_("The first date comes after the last; swap them."))
    return None


def totals_text(rows: Sequence[ReceiptRow], limited: bool = False) -> str:
    """"12 receipts · in Rp… · out Rp…" (cancelled receipts count in no total)."""
    valid = [r for r in rows if not r.cancelled]
    money_in = sum((r.amount for r in valid if r.direction == "in"), ZERO)
    money_out = sum((r.amount for r in valid if r.direction == "out"), ZERO)
    text = _("{count} receipts · in {money_in} · out {money_out}").format(
        count=len(rows), money_in=format_rupiah(money_in), money_out=format_rupiah(money_out))
    cancelled = len(rows) - len(valid)
    if cancelled:
        text += " · " + _("{count} cancelled").format(count=cancelled)
    if limited:
        text += " · " + _("only the newest are shown; narrow the dates or search")
    return text


def cancel_refusal(row: ReceiptRow | None) -> ReceiptsProblem | None:
    """Why the selected receipt cannot be cancelled, before asking for a reason."""
    if row is None:
        return ReceiptsProblem(N_("Select the receipt first."))
    if row.cancelled:
        return ReceiptsProblem(N_("Receipt {receipt} was already cancelled by entry {entry}."),
                               receipt=row.label, entry=row.reversed_by)
    return None


def describe(row: ReceiptRow) -> str:
    """One line about a receipt for the cancel dialog."""
    return _("{receipt} of {date}: {direction} {amount} — {member}").format(
        receipt=row.label, date=row.date.strftime("%d/%m/%Y"), direction=direction_text(row),
        amount=format_rupiah(row.amount), member=member_text(row) or "-")


class ReceiptsPresenter:
    """The list's state (its dates, search and rows) and the page's calls: read the
    receipts, find one, print it again, cancel it. Refusals come back as Outcomes."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        # the day the list's last date was set to: the list keeps reaching today
        # while the window stays open past midnight
        self.built_on = book.clock.today()
        self.rows: list[ReceiptRow] = []
        self.last_pdf: Path | None = None
        self.last_label = ""  # the receipt written last

    def default_range(self) -> tuple[dt.date, dt.date]:
        return default_range(self.built_on)

    def moved_today(self, date_to: dt.date) -> dt.date | None:
        """The new last date when the book's day moved on and the list still ended on the
        old one (the treasurer did not choose it); None when it stays."""
        today = self.book.clock.today()
        if today > self.built_on and date_to == self.built_on:
            self.built_on = today
            return today
        return None

    def load(self, date_from: dt.date, date_to: dt.date, search: str = "") -> Outcome | None:
        """Read the receipts of the range; a range that cannot be read empties the list
        and says why."""
        problem = check_range(date_from, date_to)
        if problem is not None:
            self.rows = []
            return refused(problem)
        self.rows = receipts.receipts(self.book, date_from, date_to, search, LIMIT)
        return None

    def totals_text(self) -> str:
        return totals_text(self.rows, limited=len(self.rows) >= LIMIT)

    def receipt(self, receipt_id: int) -> ReceiptRow | Outcome:
        """One receipt (the cashier's, to show it), or why it cannot be found."""
        try:
            return receipts.receipt(self.book, receipt_id)
        except LedgerError as exc:
            return refused(exc)

    def reprint(self, row: ReceiptRow | None, folder: Path) -> Path | Outcome:
        """The receipt written again as it stands now (a cancelled one prints DIBATALKAN)
        in the receipts folder under ``folder``, or why not."""
        if row is None:
            return Outcome(_("Select the receipt first."), "hint")
        try:
            path = papers.receipt_pdf(self.book, row.id, papers.receipts_folder(folder))
        except (OSError, LedgerError) as exc:
            reason = message(exc) if isinstance(exc, LedgerError) else str(exc)
            return Outcome(_("The receipt file could not be written: {reason}").format(
                reason=reason), "error")
        self.last_pdf, self.last_label = path, row.label
        return path

    def reprinted(self) -> Outcome:
        """What the status line says once the receipt written last is open."""
        return Outcome(_("Receipt {receipt} written again: {path}").format(
            receipt=self.last_label, path=self.last_pdf), "ok")

    @staticmethod
    def cancel_refusal(row: ReceiptRow | None) -> Outcome | None:
        """Why the highlighted receipt cannot be cancelled, before the reason is asked."""
        problem = cancel_refusal(row)
        return Outcome(message(problem), "hint") if problem is not None else None

    def cancel_day(self, row: ReceiptRow) -> dt.date:
        """The date offered for the cancellation: the book's today, never before the
        receipt itself."""
        return max(self.book.clock.today(), row.date)

    def cancel(self, row: ReceiptRow, reason: str, day: dt.date) -> Outcome:
        """Reverse the receipt's operation with the reason; the service refuses a receipt
        already cancelled, a reason left empty, money already spent."""
        try:
            ref = receipts.cancel_receipt(self.book, self.actor, row.id, reason, day)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("Receipt {receipt} is cancelled: entry {entry} reversed it.").format(
            receipt=row.label, entry=ref.label), "ok")
