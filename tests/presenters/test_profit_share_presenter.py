"""The profit-sharing page's calls, without Qt: compute the month, post it once."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp, worked_example_month
from kasir.clock import FixedClock
from kasir.profit_share import service as profit_share
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from kasir.uow import Book
from ledger import queries
from ui.presenters.outcome import Outcome
from ui.presenters.profit_share_presenter import (
    ProfitShareForm,
    ProfitSharePresenter,
    last_finished_month,
    may_post,
    percent_text,
    read_form,
)

NOV = dt.date(2026, 11, 1)
EARLY_DECEMBER = dt.date(2026, 12, 3)
NOVEMBER = ProfitShareForm(2026, 11)


@pytest.fixture
def share_book(book: Book) -> Book:
    """The domain reference's worked example: A keeps 400.000 from 1 November and 300.000
    more from the 11th, B 23.400.000; 60.000.000 of financing (1311) the whole month;
    1.500.000 margin income (5101); nisbah 30 %. The book's today is 3 December."""
    book.run(lambda s: worked_example_month(s, {"A": "Aminah", "B": "Badriah"}))
    savings.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    book.clock = FixedClock(EARLY_DECEMBER)
    return book


def posted(book: Book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def test_the_presenter_reads_the_form_strictly():
    assert last_finished_month(dt.date(2027, 1, 3)) == (2026, 12)
    request = read_form(ProfitShareForm(2026, 11, "12,5", "1.500.000"))
    assert (request.reserve_bp, request.income) == (1_250, rp(1_500_000))
    assert read_form(ProfitShareForm(2026, 11)).income is None
    assert percent_text(1_250) == "12,5 %" and percent_text(3_000) == "30 %"
    for bad in (ProfitShareForm(2026, 11, "120"), ProfitShareForm(2026, 11, "abc"),
                ProfitShareForm(2026, 11, "", "-5")):
        with pytest.raises(Exception) as err:
            read_form(bad)
        assert err.type.__name__ == "ProfitShareProblem"
    assert not may_post(None, EARLY_DECEMBER).can_post


def test_the_worked_example_is_computed_then_posted_once(share_book):
    page = ProfitSharePresenter(share_book, ACTOR)
    assert page.default_month() == (2026, 11)                # the book's clock: 3 December
    assert [f.value for f in page.figures()] == ["—"] * 7 and not page.verdict().can_post
    assert page.table_title() == "Tekan Enter untuk menghitung bulan ini."
    outcome = page.compute(NOVEMBER)
    assert outcome == Outcome("Periksa angkanya, lalu tekan Ctrl+Enter untuk memposting bagi "
                              "hasil November 2026.", "hint")
    assert {f.key: f.value for f in page.figures()} == {
        "income": "Rp1.500.000", "mudharabah_adb": "Rp24.000.000",
        "productive_adb": "Rp60.000.000", "portion": "Rp600.000", "reserve": "0 %",
        "nisbah": "30 %", "pool": "Rp180.000"}
    assert [(r.number, r.gross, r.net) for r in page.rows()] == [
        ("A", rp(4_500), rp(4_500)), ("B", rp(175_500), rp(175_500)),
        ("", rp(180_000), rp(180_000))]
    assert page.table_title() == ("Bagi hasil anggota November 2026: 2 anggota dengan "
                                  "simpanan mudharabah")
    assert page.verdict().can_post

    before = posted(share_book)
    done = page.post()
    entry = profit_share.posted_entry(share_book, 2026, 11)
    assert done == Outcome(f"Bagi hasil November 2026 sudah diposting: entri {entry}, "
                           f"Rp180.000 untuk 2 anggota.", "ok")
    assert page.posted_as == entry and posted(share_book) == before + 1
    with share_book.read_session() as s:
        assert savings_rules.balance(s, "A", "mudharabah") == rp(704_500)
        assert savings_rules.balance(s, "B", "mudharabah") == rp(23_575_500)
        assert queries.balance(s, "6101") == rp(180_000)

    assert page.post() == Outcome("Bagi hasil 11/2026 sudah diposting.", "error")
    assert posted(share_book) == before + 1
    assert page.compute(NOVEMBER) == Outcome(f"Sudah diposting dengan entri {entry}.", "hint")


def test_a_plan_the_book_no_longer_matches_is_refused(share_book):
    page = ProfitSharePresenter(share_book, ACTOR)
    page.compute(NOVEMBER)
    # a late deposit dated in November changes the average daily balances
    savings.deposit(share_book, ACTOR, "A", "mudharabah", rp(1_000_000), dt.date(2026, 11, 25))
    before = posted(share_book)
    assert page.post() == Outcome("Angka 11/2026 sudah berubah sejak dihitung; hitung ulang "
                                  "sebelum memposting.", "error")
    assert posted(share_book) == before
    assert profit_share.posted_entry(share_book, 2026, 11) is None
    page.compute(NOVEMBER)                                   # computed again, it posts
    assert page.post().ok and posted(share_book) == before + 1


def test_a_month_not_over_is_computed_but_not_posted(share_book):
    share_book.clock = FixedClock(dt.date(2026, 11, 28))
    page = ProfitSharePresenter(share_book, ACTOR)
    assert page.default_month() == (2026, 10)
    assert page.compute(ProfitShareForm(2026, 10)) == Outcome(
        "Tidak ada anggota yang punya simpanan mudharabah bulan ini: tidak ada yang dibagi.",
        "hint")
    outcome = page.compute(NOVEMBER)
    assert outcome.kind == "hint" and outcome.text.startswith("Bulan ini belum selesai")
    assert {f.key: f.value for f in page.figures()}["pool"] == "Rp180.000"
    before = posted(share_book)
    assert page.post() == outcome and posted(share_book) == before


def test_typed_figures_and_a_stale_plan(share_book):
    page = ProfitSharePresenter(share_book, ACTOR)
    assert page.forget(NOVEMBER) is None                     # nothing computed: nothing said
    assert page.compute(ProfitShareForm(2026, 11, "10", "3.000.000")).kind == "hint"
    shown = {f.key: (f.title, f.value) for f in page.figures()}
    assert shown["income"] == ("Pendapatan yang dibagi (diketik)", "Rp3.000.000")
    assert shown["reserve"][1] == "10 %" and shown["pool"][1] == "Rp324.000"
    assert page.forget(NOVEMBER) == Outcome("Tekan Enter untuk menghitung ulang November 2026.",
                                            "hint")
    assert page.plan is None and page.rows() == []
    refused = page.compute(ProfitShareForm(2026, 11, "", "12.34"))
    assert refused.kind == "error" and refused.text.startswith("“12.34” bukan jumlah uang")
    assert page.plan is None and [f.value for f in page.figures()] == ["—"] * 7
    before = posted(share_book)
    assert page.post() == Outcome("Pilih bulannya, lalu tekan Hitung.", "hint")
    assert posted(share_book) == before
