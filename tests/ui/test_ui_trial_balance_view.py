"""The trial balance page on the demo cooperative: the service's figures, and a verdict."""

from __future__ import annotations

import datetime as dt

from kasir.numbers import format_amount
from reports.ledger_reports import trial_balance
from ui.views.trial_balance_view import TrialBalanceView
from ui.widgets.dates import to_qdate


def shown(view: TrialBalanceView) -> list[tuple[str, str, str]]:
    m = view.model
    return [(m.index(r, 0).data(), m.index(r, 2).data(), m.index(r, 3).data())
            for r in range(m.rowCount())]


def test_demo_totals_are_equal_and_said_to_balance(qtbot, demo_book):
    view = TrialBalanceView(demo_book)
    qtbot.addWidget(view)
    tb = trial_balance(demo_book, dt.date.today())
    assert tb.total_debit.is_positive()
    last = view.model.rowCount() - 1
    assert view.model.index(last, 1).data() == "Total"
    assert view.model.index(last, 2).data() == view.model.index(last, 3).data() \
        == format_amount(tb.total_debit)
    assert view.verdict.text() == "✓ Seimbang"


def test_the_as_of_date_changes_the_figures(qtbot, demo_book):
    view = TrialBalanceView(demo_book)
    qtbot.addWidget(view)
    today = shown(view)
    first_day = dt.date(2026, 7, 1)
    view.as_of.setDate(to_qdate(first_day))
    tb = trial_balance(demo_book, first_day)
    assert shown(view)[:-1] == [(r.code, format_amount(r.debit) if r.debit else "",
                                 format_amount(r.credit) if r.credit else "") for r in tb.rows]
    assert shown(view) != today
