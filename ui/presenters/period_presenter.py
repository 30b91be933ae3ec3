"""Closing a month, and reopening one with a reason, without Qt.

Closing locks a month so the report given to the members' meeting cannot
change behind it; reopening is for late corrections and needs a reason, kept in
the period log for the auditor. The journal service decides; this presenter
turns its answer into the words of the window's status bar, or a refusal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import get_month_names

from kasir.actor import Actor
from kasir.i18n import _, language
from kasir.journal import service as journal
from kasir.numbers import LOCALES
from kasir.uow import Book
from ledger.errors import LedgerError
from ui import papers
from ui.presenters.outcome import Outcome, file_problem, refused


def month_name(month: int) -> str:
    """The month's full name in the interface language ("Oktober", "October")."""
    return str(get_month_names("wide", locale=LOCALES.get(language(), "id_ID"))[month])


def previous_month(today: dt.date) -> tuple[int, int]:
    """(year, month) before ``today``'s: the month a treasurer usually closes."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


class PeriodPresenter:
    """The Period menu's calls on one book."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor

    def today(self) -> dt.date:
        """The day the close dialog starts from (it offers the month before): the book's
        clock, never the computer's behind its back."""
        return self.book.clock.today()

    def closed(self) -> list[tuple[int, int]]:
        """The closed months, oldest first, as (year, month)."""
        return journal.closed_periods(self.book)

    def closing_sheet(self, year: int, month: int, folder: Path) -> Path | Outcome:
        """The month-close sheet as a PDF in ``folder``, or why it could not be written."""
        try:
            return papers.month_close_pdf(self.book, year, month,
                                          papers.month_closes_folder(folder))
        except (OSError, LedgerError) as exc:
            return file_problem(exc)

    def reopen_choices(self) -> list[tuple[int, int]] | Outcome:
        """The months that may be reopened, or what to say when none is closed."""
        closed = self.closed()
        if not closed:
            return Outcome(_("No month is closed yet."), "hint")
        return closed

    def close(self, year: int, month: int, note: str = "") -> Outcome:
        """Close the month; afterwards nothing can be posted in it."""
        try:
            journal.close_period(self.book, self.actor, year, month, note=note)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("{month} {year} is closed.").format(month=month_name(month), year=year))

    def reopen(self, year: int, month: int, reason: str) -> Outcome:
        """Open a closed month again; the service refuses it without a reason."""
        try:
            journal.reopen_period(self.book, self.actor, year, month, reason=reason)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("{month} {year} is open again.").format(month=month_name(month),
                                                                  year=year))
