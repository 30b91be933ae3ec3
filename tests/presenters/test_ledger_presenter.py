"""The chart and trial balance pages' reads, without Qt: the search keeps the headings, the
trial balance at the book's today ends in a verdict."""

from __future__ import annotations

import datetime as dt

from factories import rp
from kasir import i18n
from ledger.trial_balance import TrialBalance, TrialBalanceRow
from ui.presenters.ledger_presenter import ChartPresenter, TrialBalancePresenter
from ui.presenters.outcome import Outcome

from .conftest import TODAY


def test_the_search_finds_by_code_or_name_and_keeps_the_headings(today_book):
    chart = ChartPresenter(today_book)
    accounts = chart.load()
    assert chart.filter("  ") == accounts
    assert [a.code for a in chart.filter("kas kecil")] == ["1", "11", "1102"]
    assert [a.code for a in chart.filter("6202")] == ["6", "6202"]
    i18n.set_language("en")
    assert "1102" in [a.code for a in chart.filter("petty cash")]


def test_the_trial_balance_at_the_books_today_balances(today_book):
    page = TrialBalancePresenter(today_book)
    assert page.today() == TODAY
    report = page.load(page.today())
    assert page.report is report
    assert report.total_debit == report.total_credit == rp(90_000)
    assert page.verdict(report) == Outcome("✓ Seimbang", "ok")
    assert page.load(dt.date(2026, 10, 1)).total_debit == rp(0)  # before the first deposit


def test_a_trial_balance_that_does_not_balance_is_said_plainly():
    """A book never gets there (the database refuses an unbalanced entry); a damaged
    copy could, and the verdict must not hide it."""
    row = TrialBalanceRow("1101", "Kas", "Cash", "asset", rp(10_000), rp(0))
    verdict = TrialBalancePresenter.verdict(TrialBalance(TODAY, [row]))
    assert verdict == Outcome("✗ Tidak seimbang", "error")
