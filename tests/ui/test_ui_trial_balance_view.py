"""The trial balance page on the demo cooperative."""

from __future__ import annotations

import datetime as dt

from ui.views.trial_balance_view import TrialBalanceView
from ui.widgets.dates import to_qdate


def test_demo_totals_are_equal_and_said_to_balance(qtbot, demo_book):
    view = TrialBalanceView(demo_book)
    qtbot.addWidget(view)
    model = view.model
    last = model.rowCount() - 1
    assert model.index(last, 1).data() == "Total"
    assert model.index(last, 2).data() == model.index(last, 3).data() == "52.332.000"
    assert view.verdict.text() == "✓ Seimbang"


def test_the_as_of_date_changes_the_figures(qtbot, demo_book):
    view = TrialBalanceView(demo_book)
    qtbot.addWidget(view)
    view.as_of.setDate(to_qdate(dt.date(2026, 7, 1)))
    assert [(view.model.index(r, 0).data(), view.model.index(r, 2).data(),
             view.model.index(r, 3).data()) for r in range(view.model.rowCount())] == [
        ("1111", "50.000.000", ""), ("4201", "", "50.000.000"), ("", "50.000.000", "50.000.000")]
