"""The desk's guards against costly slips, without Qt: the amount in words before Enter,
"50,000" refused, large amounts asked about once, the date read strictly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factories import ACTOR, rp
from kasir import i18n
from kasir.book import cooperative
from kasir.journal import service as journal
from kasir.uow import Book
from ui.presenters.cashier_desk import CashierDesk
from ui.presenters.cashier_presenter import Request
from ui.presenters.dates import DateProblem, parse_day, read_day
from ui.presenters.outcome import Outcome


def desk_with(book: Book, number: str = "A-001", product: int = 3,
              amount: str = "") -> CashierDesk:
    """A deposit for ``number`` with the product chosen and ``amount`` typed."""
    desk = CashierDesk(book, ACTOR)
    assert desk.take(number) is None
    assert desk.choose_product(product) is None
    desk.edit(amount=amount)
    return desk


def posted_dates(book: Book) -> list[dt.date]:
    return [row.date for row in journal.journal(book)]


def test_the_amount_shows_in_words_before_enter(today_book):
    desk = desk_with(today_book, amount="50.000")
    assert desk.screen().words == "Lima puluh ribu rupiah"
    desk.edit(amount="1.250.000,50")
    assert desk.screen().words == ("Satu juta dua ratus lima puluh ribu rupiah lima puluh sen")
    desk.edit(amount="1.2")  # on its way to 1.250: nothing said yet, nothing red
    assert desk.screen().words == "" and desk.screen().guide.kind != "error"
    desk.edit(amount="")
    assert desk.screen().words == ""
    desk = desk_with(today_book, "A-002")
    desk.new_operation("exit")  # an exit pays out every balance: that total in words
    assert desk.screen().words == "Sembilan puluh ribu rupiah"


def test_fifty_thousand_typed_the_english_way_is_refused_with_what_she_meant(today_book,
                                                                          tmp_path: Path):
    before = len(journal.journal(today_book))
    desk = desk_with(today_book, amount="50,000")
    assert desk.screen().words == ""  # never "Lima puluh rupiah"
    refused = desk.prepare()
    assert isinstance(refused, Outcome) and refused.kind == "error"
    assert "50.000?" in refused.text and "“50,000”" in refused.text
    assert len(journal.journal(today_book)) == before


def test_an_amount_above_the_threshold_is_asked_about_once(today_book, tmp_path: Path):
    assert cooperative.confirm_above(today_book) == rp(5_000_000)  # the default
    desk = desk_with(today_book, amount="5.000.000")
    assert desk.confirmation(prepared(desk)) is None  # not above: posts at once
    desk.edit(amount="50.000.000")
    request = prepared(desk)
    question = desk.confirmation(request)
    assert question is not None
    assert "Rp50.000.000" in question and "Siti Aminah" in question
    assert "Lima puluh juta rupiah" in question and "Rp5.000.000" in question
    desk.confirm(request)
    assert desk.confirmation(request) is None  # a second Enter: not asked again
    assert desk.post(request, tmp_path).ok
    desk.edit(amount="50.000.000")  # the next operation is asked about afresh
    assert desk.choose_product(3) is None
    assert desk.confirmation(prepared(desk)) is not None


def test_the_threshold_is_the_books_setting_read_on_every_enter(today_book):
    desk = desk_with(today_book, amount="200.000")
    assert desk.confirmation(prepared(desk)) is None
    cooperative.save_confirm_above(today_book, ACTOR, rp(100_000))  # on the settings page
    assert desk.confirmation(prepared(desk)) is not None
    desk.new_operation("exit")  # an exit has its own dialog
    assert desk.confirmation(prepared(desk)) is None


def test_a_typed_date_is_kept_or_refused_never_replaced(today_book, tmp_path: Path):
    desk = desk_with(today_book, amount="10.000")
    assert desk.date_typed("15/10/2026") is None
    assert desk.day == dt.date(2026, 10, 15)
    refused = desk.date_typed("15/10/")  # half typed: Enter refuses, no other day is used
    assert refused is not None and refused.kind == "error"
    assert desk.screen().can_post is False
    assert desk.prepare() == refused
    assert desk.date_typed("31/02/2026") is not None
    assert "31/02/2026" in desk.prepare().text  # type: ignore[union-attr]
    assert desk.date_typed("15/10/2026") is None and desk.screen().can_post
    assert desk.post(prepared(desk), tmp_path).ok
    assert posted_dates(today_book)[0] == dt.date(2026, 10, 15)


@pytest.mark.parametrize("typed, day", [("15/10/2026", dt.date(2026, 10, 15)),
                                        (" 01/01/1990 ", dt.date(1990, 1, 1))])
def test_a_day_is_read_day_first_with_four_digit_years(typed, day):
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["", "15/10/", "15/10/26", "15-10-2026", "2026/10/15",
                                   "31/02/2026", "00/10/2026", "15/13/2026", "15/10/1989",
                                   "01/01/2100", "1510 2026"])
def test_anything_else_is_refused(typed):
    with pytest.raises(DateProblem):
        parse_day(typed)
    assert read_day(typed)[0] is None


def test_the_refusals_say_why_in_english_too():
    i18n.set_language("en")
    try:
        assert "31/02/2026 is not a day of the calendar" in i18n.message(read_day("31/02/2026")[1])
    finally:
        i18n.set_language("id")


def prepared(desk: CashierDesk) -> Request:
    request = desk.prepare()
    assert isinstance(request, Request), request
    return request
