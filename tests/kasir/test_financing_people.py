"""Financing on a book kept by people: the treasurer applies, a ketua who did not enter it
approves, the cashier takes installments, a write-off and a product change wait for a
ketua's yes, and nobody approves their own application."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import rp
from kasir.actor import Actor
from kasir.approvals import service as approvals
from kasir.errors import KasirError
from kasir.financing import rules
from kasir.financing import service as financing
from kasir.users.permissions import PermissionRefused
from kasir.users.roles import ApprovalRequested
from test_financing import JAN, capital, siti_terms
from test_requests import team

LATER = dt.date(2027, 7, 1)


@pytest.fixture
def staffed(members_book):
    capital(members_book)
    return members_book, team(members_book)


def test_application_waits_for_a_ketua_who_did_not_enter_it(staffed):
    book, p = staffed
    with pytest.raises(PermissionRefused, match="bendahara"):
        financing.apply(book, p["kasir"], siti_terms(), JAN)
    applied = financing.apply(book, p["bendahara"], siti_terms(down_payment=rp(0)), JAN)
    assert not applied.approved and applied.request
    with pytest.raises(KasirError, match="waiting for approval; this cannot be done now"):
        financing.purchase(book, p["bendahara"], applied.contract, JAN)
    with pytest.raises(PermissionRefused, match="ketua"):
        approvals.approve(book, p["bendahara"], applied.request)
    approvals.approve(book, p["ketua"], applied.request)
    page = financing.contract_page(book, applied.contract, JAN)
    assert page.row.status == "approved" and page.approved_by == "ketua"
    financing.purchase(book, p["bendahara"], applied.contract, JAN)
    financing.akad(book, p["bendahara"], applied.contract, JAN)
    r = financing.pay(book, p["kasir"], applied.contract, rp(460_000), dt.date(2026, 2, 5))
    assert r.receipt
    with pytest.raises(PermissionRefused):
        financing.pay(book, p["ketua"], applied.contract, rp(460_000), dt.date(2026, 3, 5))


def test_nobody_approves_their_own_application(staffed):
    book, p = staffed
    applied = financing.apply(book, p["bendahara"], siti_terms(), JAN)

    def own(s):
        rules.approve(s, Actor("bendahara", "ketua"), rules.get(s, applied.contract))
    with pytest.raises(KasirError, match="Nobody approves their own application"):
        book.run(own)


def test_write_off_waits_for_approval(staffed):
    book, p = staffed
    applied = financing.apply(book, p["bendahara"], siti_terms(down_payment=rp(0)), JAN)
    approvals.approve(book, p["ketua"], applied.request)
    financing.purchase(book, p["bendahara"], applied.contract, JAN)
    financing.akad(book, p["bendahara"], applied.contract, JAN)
    with pytest.raises(ApprovalRequested) as asked:
        financing.write_off(book, p["bendahara"], applied.contract, LATER)
    assert financing.contract_page(book, applied.contract).row.status == "active"
    approved = approvals.approve(book, p["ketua2"], asked.value.params["request"])
    assert approved.result  # the write-off's entry number
    assert financing.contract_page(book, applied.contract, LATER).row.status == "written_off"


def test_product_changes_need_approval_and_a_fine_never_goes_to_income(staffed):
    book, p = staffed
    with pytest.raises(KasirError, match="never to income"):
        financing.update_product(book, p["admin"], "MRB", {"fine_account": "5101"})
    with pytest.raises(ApprovalRequested) as asked:
        financing.update_product(book, p["admin"], "MRB", {"tazir": 1_000_000})
    assert financing.products(book)[0].tazir == rp(0)
    approvals.approve(book, p["ketua"], asked.value.params["request"])
    assert financing.products(book)[0].tazir == rp(10_000)
