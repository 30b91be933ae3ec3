"""Dates as the treasurer writes them: dd/mm/yyyy, kept exactly as typed.

The fields used to be ``QDateEdit``s, and those lost typing: a QDateEdit edits
one *section* at a time and takes a digit only into a selected section. Shift+Tab
selects the year, so "15102026" went into the year and was thrown away; a click
leaves the cursor in a section with nothing selected, so the digits were dropped;
and on leaving, the half-typed text was quietly put back to the previous date.
An entry meant for 15/10 was posted on 28/11 that way.

``DateField`` is a line edit with the mask ``99/99/9999``: however the cursor
arrives (Tab, Shift+Tab, a click), the whole date is selected, so the digits
typed replace it from the first one. The text is read strictly by
:func:`ui.presenters.dates.parse_day`; a text that is not a real date stays as
typed, turns red and says why, and the pages refuse to post on it. F4 or
Alt+Down opens a calendar to pick from.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from kasir.i18n import _, message
from ui.presenters.dates import FIRST_DAY, LAST_DAY, DateProblem, read_day, shown
from ui.presenters.outcome import Outcome, refused

DATE_FORMAT = "dd/MM/yyyy"
INPUT_MASK = "99/99/9999;_"
BAD_STYLE = "QLineEdit { background: #fdecea; border: 1px solid #b71c1c; }"
SELECT_ALL = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
              Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason,
              Qt.FocusReason.PopupFocusReason)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateField(QLineEdit):
    """One date, typed dd/mm/yyyy. ``dateChanged`` fires when the text becomes a real
    day other than the last one; ``date()`` is that last real day, so a page that
    posts must check ``problem()`` first (the text on screen may be no date yet)."""

    dateChanged = Signal(QDate)  # noqa: N815 (the name QDateEdit's users connect to)
    validityChanged = Signal(bool)  # noqa: N815

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = to_qdate(day)
        self._problem: DateProblem | None = None
        self._select_on_release = False
        self._calendar: QCalendarWidget | None = None
        self.setInputMask(INPUT_MASK)
        self.setToolTip(_("Day/month/year, like 15/10/2026. F4: calendar."))
        self.setText(shown(day))
        self.textChanged.connect(self._typed)

    # --- what it holds --------------------------------------------------------------
    def date(self) -> QDate:
        """The last real day typed or set (QDateEdit's name, for the pages' filters)."""
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:  # noqa: N802
        self.setText(shown(to_date(day)))
        if self.signalsBlocked():  # a page moving the day quietly: the day moves all the same
            self._typed(self.text())

    def day(self) -> dt.date | None:
        """The day the text says now; None while it says none."""
        return None if self._problem is not None else to_date(self._date)

    def problem(self) -> DateProblem | None:
        """Why the text is not a date (incomplete, 31/02, out of range), or None."""
        return self._problem

    def refusal(self) -> Outcome | None:
        """The problem as a page's status shows it when it refuses to post."""
        return refused(self._problem) if self._problem is not None else None

    def _typed(self, text: str) -> None:
        day, problem = read_day(text)
        was_valid, self._problem = self._problem is None, problem
        if day is not None and to_qdate(day) != self._date:
            self._date = to_qdate(day)
            self.dateChanged.emit(self.date())
        self._paint()
        if was_valid != (problem is None):
            self.validityChanged.emit(problem is None)

    def _paint(self) -> None:
        """Red when the text is no date, except while the treasurer is still typing the
        digits (a half-typed date is not a mistake yet)."""
        typing = self.hasFocus() and not self.hasAcceptableInput()
        bad = self._problem is not None and not typing
        self.setStyleSheet(BAD_STYLE if bad else "")
        tip = message(self._problem) if self._problem is not None else ""
        self.setToolTip(tip or _("Day/month/year, like 15/10/2026. F4: calendar."))

    # --- the cursor: the whole date selected however it arrives -----------------------
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() in SELECT_ALL:
            self.selectAll()
        elif event.reason() == Qt.FocusReason.MouseFocusReason:
            self._select_on_release = True  # the press that follows would move the cursor

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._select_on_release:
            self._select_on_release = False
            self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._select_on_release = False
        self._paint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down and alt):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("00/00/00000") + 16, hint.height())

    # --- the calendar -------------------------------------------------------------------
    def show_calendar(self) -> QCalendarWidget:
        """A calendar under the field, on the day shown; picking a day writes it."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setMinimumDate(to_qdate(FIRST_DAY))
            calendar.setMaximumDate(to_qdate(LAST_DAY))
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            self._calendar = calendar
        self._calendar.setSelectedDate(self._date)
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()
        return self._calendar

    def _picked(self, day: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setDate(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)


def date_edit(day: dt.date, parent: QWidget | None = None) -> DateField:
    """A date field on ``day`` (the book's today, as a rule), four-digit year, calendar on
    F4/Alt+Down."""
    return DateField(day, parent)
