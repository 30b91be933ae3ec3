"""The Period menu's calls, without Qt: closing a month locks it, reopening needs a reason."""

from __future__ import annotations

import datetime as dt

from factories import ACTOR
from kasir import i18n
from kasir.journal import service as journal
from ui.presenters.entry_page_presenter import EntryPage
from ui.presenters.entry_presenter import RowInput
from ui.presenters.outcome import Outcome
from ui.presenters.period_presenter import PeriodPresenter, month_name, previous_month

from .conftest import TODAY


def test_the_month_offered_is_the_one_before_the_books_today(today_book):
    periods = PeriodPresenter(today_book, ACTOR)
    assert periods.today() == TODAY
    assert previous_month(periods.today()) == (2026, 10)
    assert previous_month(dt.date(2027, 1, 15)) == (2026, 12)
    assert month_name(10) == "Oktober"
    i18n.set_language("en")
    assert month_name(10) == "October"


def test_closing_a_month_then_posting_into_it_is_refused(today_book):
    periods = PeriodPresenter(today_book, ACTOR)
    assert periods.close(2026, 10, "laporan rapat anggota") == Outcome(
        "Oktober 2026 sudah ditutup.", "ok")
    assert periods.closed() == [(2026, 10)]
    assert periods.close(2026, 10) == Outcome("Periode 10/2026 sudah ditutup.", "error")
    entry = EntryPage(today_book, ACTOR)
    entry.load()
    outcome = entry.post([RowInput("6202", "20.000"), RowInput("1101", "", "20.000")],
                         "Transport rapat kelompok", dt.date(2026, 10, 30))
    assert outcome == Outcome("Periode 10/2026 sudah ditutup; tidak ada yang bisa diposting "
                              "di periode itu.", "error")
    assert len(journal.journal(today_book)) == 2  # the two deposits, nothing more


def test_reopening_needs_a_reason_and_is_logged(today_book):
    periods = PeriodPresenter(today_book, ACTOR)
    assert periods.reopen_choices() == Outcome("Belum ada bulan yang ditutup.", "hint")
    periods.close(2026, 9)
    periods.close(2026, 10)
    assert periods.reopen_choices() == [(2026, 9), (2026, 10)]
    assert periods.reopen(2026, 10, "  ") == Outcome(
        "Membuka kembali periode yang sudah ditutup perlu alasan.", "error")
    assert periods.closed() == [(2026, 9), (2026, 10)]
    assert periods.reopen(2026, 10, "Setoran 30 Oktober terlupa") == Outcome(
        "Oktober 2026 sudah dibuka kembali.", "ok")
    assert periods.closed() == [(2026, 9)]
    assert journal.period_log(today_book)[-1].reason == "Setoran 30 Oktober terlupa"
    assert periods.reopen(2026, 10, "lagi").kind == "error"  # not closed any more
