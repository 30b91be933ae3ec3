"""Dates as the treasurer writes them: dd/MM/yyyy, with a calendar to pick from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "dd/MM/yyyy"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date, parent: QWidget | None = None) -> QDateEdit:
    """A date field on ``day`` (the book's today, as a rule), four-digit year, calendar on
    F4/Alt+Down."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2099, 12, 31))
    edit.setDate(to_qdate(day))
    return edit
