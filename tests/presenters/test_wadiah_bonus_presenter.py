"""The wadiah-bonus page's calls, without Qt: the holders, and posting the board's bonus."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp
from kasir.savings import rules as savings_rules
from kasir.uow import Book
from ledger import queries
from ui.presenters.outcome import Outcome
from ui.presenters.wadiah_bonus_presenter import (
    WadiahBonusPresenter,
    read_amounts,
    running_total,
)

from .conftest import TODAY

DECISION = "SK 03/PENGURUS/XI/2026"


@pytest.fixture
def bonus_book(today_book: Book) -> Book:
    """A-002 keeps 40.000 sukarela (conftest), A-010 25.000; A-001 and A-011 none."""
    today_book.run(lambda s: savings_rules.deposit(s, ACTOR, "A-010", "sukarela", rp(25_000),
                                                   day=dt.date(2026, 11, 2), receipt=False))
    return today_book


@pytest.fixture
def page(bonus_book: Book) -> WadiahBonusPresenter:
    page = WadiahBonusPresenter(bonus_book, ACTOR)
    page.load()
    return page


def posted(book: Book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def balances(book: Book) -> tuple[object, object, object]:
    with book.read_session() as s:
        return (savings_rules.balance(s, "A-002", "sukarela"),
                savings_rules.balance(s, "A-010", "sukarela"), queries.balance(s, "6102"))


def test_the_presenter_reads_strictly_and_blank_is_no_bonus():
    assert read_amounts({"A": "25.000", "B": "", "C": " "}) == {"A": rp(25_000)}
    assert running_total({"A": "1.000", "B": "x"}).unreadable == ("B",)
    for bad in ({"A": "-5"}, {"A": "0"}, {"A": ""}, {}):
        with pytest.raises(Exception) as err:
            read_amounts(bad)
        assert err.type.__name__ == "WadiahBonusProblem"


def test_the_holders_and_the_books_today(page):
    assert page.today() == TODAY                             # the book's clock
    assert [(h.number, h.balance) for h in page.holders] == [("A-002", rp(40_000)),
                                                             ("A-010", rp(25_000))]
    assert page.table_title() == "Anggota yang punya simpanan sukarela: 2"
    assert page.total({"A-002": "2.500", "A-010": "1.000"}).text() == \
        "Jumlah bonus: Rp3.500 untuk 2 anggota"


def test_no_holder_is_said(book):
    page = WadiahBonusPresenter(book, ACTOR)
    assert page.load() == [] and page.table_title() == \
        "Tidak ada anggota aktif yang punya simpanan sukarela."


def test_a_decision_is_needed_then_the_typed_amounts_are_posted(page, bonus_book):
    typed = {"A-002": "2.500", "A-010": "1.000"}
    before = posted(bonus_book)
    refused = page.post(typed, TODAY, "  ")
    assert refused == Outcome("Bonus wadiah memerlukan keputusan pengurus yang dijalankannya.",
                              "error")
    assert page.needs_decision and page.bad_member == ""     # the cursor goes to the decision
    assert posted(bonus_book) == before
    assert balances(bonus_book) == (rp(40_000), rp(25_000), rp(0))

    done = page.post(typed, TODAY, DECISION)
    assert done.ok and not page.needs_decision
    assert done.text.startswith(f"Bonus wadiah sesuai keputusan {DECISION} sudah diposting: "
                                "entri ")
    assert done.text.endswith("Rp3.500 untuk 2 anggota.")
    assert posted(bonus_book) == before + 1
    assert balances(bonus_book) == (rp(42_500), rp(26_000), rp(3_500))
    page.load()                                              # the new balances
    assert [h.balance for h in page.holders] == [rp(42_500), rp(26_000)]


def test_an_amount_that_cannot_be_read_posts_nothing(page, bonus_book):
    before = posted(bonus_book)
    outcome = page.post({"A-002": "2.500", "A-010": "12.34"}, TODAY, DECISION)
    assert outcome.kind == "error"
    assert outcome.text.startswith("Bonus A-010 tidak bisa dibaca: “12.34” bukan")
    assert page.bad_member == "A-010" and not page.needs_decision
    nothing = page.post({"A-002": "", "A-010": " "}, TODAY, DECISION)
    assert nothing == Outcome("Ketik bonus yang diputuskan pengurus untuk sedikitnya satu "
                              "anggota.", "error")
    assert page.bad_member == "" and not page.needs_decision
    assert posted(bonus_book) == before
    assert balances(bonus_book) == (rp(40_000), rp(25_000), rp(0))
