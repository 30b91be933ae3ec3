"""The window's "Check the book": ``verify`` with the seals and backups the checker holds.

The facilitator or auditor arrives with a seal written on a paper (a receipt, a
passbook, last month's closing sheet) or with a backup from the USB stick; the check
proves the book still holds that history, as ``kasir verify --anchor`` does, and the
seal of the book as it stands is shown (and noted in this computer's seal log) so she
can write it down for her next visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kasir.book import seals
from kasir.book.verify import verify_book
from kasir.i18n import _, message
from kasir.uow import Book
from ledger.errors import LedgerError

SHOWN_FINDINGS = 200  # findings listed; the rest counted


def anchors_in(text: str) -> list[str]:
    """The seals or backup paths typed, one per line (a blank line says nothing)."""
    return [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]


@dataclass(frozen=True, slots=True)
class CheckResult:
    sound: bool
    summary: str
    findings: list[str] = field(default_factory=list)


class CheckPresenter:
    def __init__(self, book: Book) -> None:
        self.book = book

    def seal_text(self) -> str:
        """The book's seal now (``K7Q2-9XMD-4T /1234``), noted in the seal log."""
        try:
            return str(seals.record(self.book, "check"))
        except LedgerError as exc:
            return message(exc)

    def check(self, anchors_text: str = "") -> CheckResult:
        anchors = anchors_in(anchors_text)
        try:
            found = verify_book(self.book, anchors)
        except LedgerError as exc:  # a book that cannot even be read
            return CheckResult(False, message(exc))
        if found:
            texts = [message(f) for f in found]
            shown = texts[:SHOWN_FINDINGS]
            if len(texts) > SHOWN_FINDINGS:
                shown.append(_("… and {count} more.").format(count=len(texts) - SHOWN_FINDINGS))
            return CheckResult(False, _("{count} problem(s) found in {book}.").format(
                count=len(found), book=self.book.label), shown)
        summary = _("The book {book} is sound: every entry balances and is intact.").format(
            book=self.book.label)
        if anchors:
            summary += " " + _("It still holds the history of: {anchors}.").format(
                anchors=", ".join(anchors))
        return CheckResult(True, summary)
