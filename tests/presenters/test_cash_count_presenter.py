"""The cash-count page's calls, without Qt: the day's book cash, confirming, the cash book."""

from __future__ import annotations

from pathlib import Path

from factories import ACTOR, rp
from kasir.cash import service as cash
from ledger import queries
from ui.presenters.cash_count_presenter import CashCountPresenter
from ui.presenters.outcome import Outcome

from .conftest import TODAY


def test_the_day_and_its_month_are_read(today_book):
    page = CashCountPresenter(today_book, ACTOR)
    assert page.day == TODAY  # the book's clock, not the computer's
    assert page.load(TODAY) is None
    assert page.book_balance == rp(90_000)  # A-002's deposits came into the box
    assert page.counts == [] and page.counts_title() == "Hitungan kas yang dikonfirmasi " \
        "bulan ini: 0"


def test_a_shortage_is_refused_without_a_note_then_posted_to_suspense(today_book):
    page = CashCountPresenter(today_book, ACTOR)
    page.load(TODAY)
    typed = {50_000: "1", 20_000: "1", 10_000: "1", 5_000: "1"}  # Rp85.000
    refused = page.confirm(typed, "  ")
    assert refused == Outcome("Jelaskan selisih Rp5.000 dalam catatan sebelum konfirmasi.",
                              "error")
    done = page.confirm(typed, "uang kembalian kurang")
    assert done.ok and "kas kurang Rp5.000" in done.text
    with today_book.read_session() as s:
        assert queries.balance(s, "1409") == rp(5_000)
    assert [c.note for c in page.counts] == ["uang kembalian kurang"]
    assert cash.cash_counts(today_book, TODAY, TODAY)[0].confirmed_by == "uji"


def test_a_typing_mistake_is_refused_before_any_call(today_book):
    page = CashCountPresenter(today_book, ACTOR)
    page.load(TODAY)
    outcome = page.confirm({50_000: "satu"}, "")
    assert outcome.kind == "error" and "satu" in outcome.text
    assert cash.cash_counts(today_book, TODAY, TODAY) == []


def test_the_cash_book_is_written_or_the_reason_said(today_book, tmp_path: Path):
    page = CashCountPresenter(today_book, ACTOR)
    page.load(TODAY)
    path = page.cash_book(tmp_path)
    assert isinstance(path, Path) and path.read_bytes().startswith(b"%PDF")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    outcome = page.cash_book(blocked)
    assert isinstance(outcome, Outcome) and outcome.kind == "error"
