"""The window's Period menu: closing a month, reopening one, printing a closing sheet.

The decisions are :class:`ui.presenters.period_presenter.PeriodPresenter`'s; this module
asks (which month, which note or reason) and shows. A month closed from the window prints
its closing sheet at once, the paper the chair and the auditor sign.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QStatusBar, QWidget

from kasir.i18n import _
from ui import prefs
from ui.dialogs.period_dialog import CloseMonthDialog, ClosingSheetDialog, ReopenMonthDialog
from ui.presenters.outcome import Outcome
from ui.presenters.period_presenter import PeriodPresenter
from ui.widgets.messages import inform, warn
from ui.widgets.viewer import open_file


class Window(Protocol):
    """What of the main window the period actions need."""

    periods: PeriodPresenter

    def statusBar(self) -> QStatusBar: ...  # noqa: N802

    def refresh_page(self) -> None: ...


class PeriodActions:
    def __init__(self, window: Window) -> None:
        self.window = window

    @property
    def _parent(self) -> QWidget:
        return self.window  # type: ignore[return-value]  (the main window is a QWidget)

    def close_month(self) -> None:
        periods = self.window.periods
        answer = CloseMonthDialog.ask(self._parent, periods.today())
        if answer is None:
            return
        year, month, note = answer
        if self._done(periods.close(year, month, note), _("The month was not closed")):
            self.print_closing_sheet(year, month)  # the paper the chair and the auditor sign

    def ask_closing_sheet(self) -> None:
        answer = ClosingSheetDialog.ask(self._parent, self.window.periods.today())
        if answer is not None:
            self.print_closing_sheet(*answer)

    def print_closing_sheet(self, year: int, month: int) -> bool:
        path = self.window.periods.closing_sheet(year, month, prefs.papers_folder())
        if isinstance(path, Outcome):
            warn(self._parent, _("The closing sheet was not written"), path.text)
            return False
        if not open_file(path):
            inform(self._parent, _("Closing sheet"), _("No program could open {path}. Open it "
                                                       "from the folder.").format(path=path))
            return False
        self.window.statusBar().showMessage(
            _("Closing sheet written: {path}").format(path=path), 8000)
        return True

    def reopen_month(self) -> None:
        periods = self.window.periods
        closed = periods.reopen_choices()
        if isinstance(closed, Outcome):
            inform(self._parent, _("Reopen a month"), closed.text)
            return
        answer = ReopenMonthDialog.ask(closed, self._parent)
        if answer is None:
            return
        year, month, reason = answer
        self._done(periods.reopen(year, month, reason), _("The month was not reopened"))

    def _done(self, outcome: Outcome, failed: str) -> bool:
        """A closed or reopened month said in the status line, the page shown read again;
        a refusal in a message titled ``failed``."""
        if not outcome.ok:
            warn(self._parent, failed, outcome.text)
            return False
        self.window.statusBar().showMessage(outcome.text, 8000)
        self.window.refresh_page()
        return True
