"""An installment taken at the cashier's desk, without Qt: her running contracts on the
number keys, what is due offered, posted once with its receipt."""

from __future__ import annotations

from factories import ACTOR, rp
from kasir.financing import service as financing
from meeting_books import MEETING, build_meeting_book
from ui.presenters.cashier_desk import CashierDesk
from ui.presenters.cashier_presenter import INSTALLMENT


def test_an_installment_on_her_second_contract(book, tmp_path):
    contracts = build_meeting_book(book)
    desk = CashierDesk(book, ACTOR)
    assert desk.day == MEETING and desk.take("M-02") is None
    assert [c.number for c in desk.contracts] == contracts["M-02"]
    desk.new_operation(INSTALLMENT)
    assert desk.product_names(INSTALLMENT) == ["MRB000002 mesin jahit", "QRD000001 modal warung"]
    assert desk.screen().guide.kind == "hint"  # choose the contract
    assert desk.choose_product(2) is None
    assert desk.form.product == contracts["M-02"][1] and desk.form.amount == "50.000"
    screen = desk.screen()
    assert screen.can_post and screen.pad[1] == [2] and "450.000" in screen.available
    request = desk.prepare()
    outcome = desk.post(request, tmp_path)
    assert outcome.ok and "QRD000001" in outcome.text
    assert desk.last_result is not None and desk.last_result.receipt
    assert financing.contract_page(book, contracts["M-02"][1], MEETING).row.outstanding \
        == rp(400_000)
    assert desk.form.operation == "deposit" and desk.contracts[1].outstanding == rp(400_000)


def test_a_member_without_financing_is_told_so(book):
    build_meeting_book(book)
    desk = CashierDesk(book, ACTOR)
    assert desk.take("M-09") is None
    desk.new_operation(INSTALLMENT)
    assert desk.product_names(INSTALLMENT) == []
    assert "Imas Masitoh" in desk.screen().guide.text and not desk.screen().can_post
