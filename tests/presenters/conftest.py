"""Presenter tests: the screens' orchestration, with no Qt at all.

Presenters call the services and turn results and refusals into what a view
shows; these tests drive them on a real book, as the views do. They must run
with PySide6 absent: ``test_presenters_run_without_qt`` runs this folder again
in a Python where ``import PySide6`` fails.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kasir.clock import FixedClock
from kasir.uow import Book

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def today_book(members_book: Book) -> Book:
    """The members' book with its clock fixed on 20 November 2026."""
    members_book.clock = FixedClock(TODAY)
    return members_book
