"""The cashier's rules without Qt: keys, products per operation, default amounts."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import rp
from kasir import i18n
from kasir.savings import service as savings
from ui.presenters.cash_count_presenter import evaluate
from ui.presenters.cashier_presenter import (
    DEPOSIT,
    EXIT,
    TRANSFER,
    WITHDRAW,
    CashierForm,
    CashierPresenter,
    operation_keys,
)

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def presenter(members_book):
    return CashierPresenter(savings.member_page(members_book, "A-002", DAY))


def test_operation_keys_follow_the_language():
    assert operation_keys() == {"s": DEPOSIT, "t": WITHDRAW, "p": TRANSFER, "k": EXIT}
    i18n.set_language("en")
    assert operation_keys() == {"d": DEPOSIT, "w": WITHDRAW, "t": TRANSFER, "x": EXIT}


def test_products_per_operation_and_the_wajib_arrears_offered(presenter):
    form = CashierForm(DEPOSIT)
    form, problem = presenter.pick_product(form, 2)
    assert problem is None and (form.product, form.amount) == ("wajib", "35.000")
    withdraw = presenter.pick_operation(form, WITHDRAW)
    same, problem = presenter.pick_product(withdraw, 1)
    assert same is withdraw and "hanya bisa dibayarkan" in i18n.message(problem)
    transfer = presenter.pick_operation(form, TRANSFER)
    transfer, _p = presenter.pick_product(transfer, 3)
    assert presenter.wants_destination(transfer)
    unchanged, problem = presenter.pick_product(transfer, 3)
    assert i18n.message(problem) == "Pilih dua produk simpanan yang berbeda."
    transfer, _p = presenter.pick_product(transfer, 4)
    assert (transfer.product, transfer.to_product) == ("sukarela", "mudharabah")


def test_what_enter_would_post(presenter):
    assert not presenter.evaluate(CashierForm(DEPOSIT, "sukarela")).can_post
    bad = presenter.evaluate(CashierForm(DEPOSIT, "sukarela", amount="12.34"))
    assert bad.problem is not None and not bad.can_post
    request = presenter.request(CashierForm(DEPOSIT, "sukarela", amount="1.250.000"))
    assert request.amount == rp(1_250_000) and request.number == "A-002"
    leaving = presenter.request(CashierForm(EXIT))
    assert leaving.expected == {"pokok": rp(50_000), "sukarela": rp(40_000)}
    assert presenter.describe(request) == ("Setoran Simpanan Sukarela (Wadiah) Rp1.250.000 — "
                                           "Nur Hasanah (A-002)")


def test_cash_count_figures():
    state = evaluate({100_000: "2", 500: "3", 100: ""}, rp(201_000))
    assert (state.total, state.difference) == (rp(201_500), rp(500)) and state.over
    wrong = evaluate({1_000: "1,5"}, rp(0))
    assert 1_000 in wrong.errors
