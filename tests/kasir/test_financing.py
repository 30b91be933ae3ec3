"""Murabahah and qard through the services, as the treasurer and the cashier meet them:
domain.md's worked examples to the rupiah, and every refusal the fatwas require."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from factories import ACTOR, rp
from kasir.errors import KasirError
from kasir.financing import service as financing
from kasir.financing.service import Terms
from kasir.journal import recipes
from kasir.journal import service as journal
from ledger import posting, queries
from ledger.money import ZERO, Money

JAN = dt.date(2026, 1, 5)


def capital(book, amount: int = 20_000_000) -> None:
    book.run(lambda s: posting.post(s, recipes.capital_grant(JAN, rp(amount), name="uji",
                                                             deposit_to="cash",
                                                             repayable=False)))


def siti_terms(**over) -> Terms:
    """domain.md §1.1: a sewing machine costing 5.000.000, 500.000 down, 540.000 margin,
    12 monthly installments of 420.000."""
    values = dict(member="A-001", kind="murabahah", cost=rp(5_000_000), margin=rp(540_000),
                  tenor=12, first_due=dt.date(2026, 2, 5), frequency="monthly",
                  down_payment=rp(500_000), goods="mesin jahit", supplier="Toko Jaya")
    values.update(over)
    return Terms(**values)


def signed(book, **over) -> str:
    capital(book)
    applied = financing.apply(book, ACTOR, siti_terms(**over), JAN)
    assert applied.approved and applied.request is None  # a book without users acts at once
    n = applied.contract
    financing.down_payment(book, ACTOR, n, rp(500_000), JAN)
    financing.purchase(book, ACTOR, n, JAN)
    financing.akad(book, ACTOR, n, JAN)
    return n


def bal(book, code: str, member: str | None = None) -> Money:
    with book.read_session() as s:
        return queries.balance(s, code, None, member)


def test_worked_example_proportional(members_book):
    n = signed(members_book)
    assert bal(members_book, "1301", "A-001") == rp(5_040_000)
    assert bal(members_book, "1302", "A-001") == -rp(540_000)
    assert bal(members_book, "2103", "A-001") == ZERO
    assert bal(members_book, "1303") == ZERO
    page = financing.contract_page(members_book, n, JAN)
    assert [r.amount for r in page.schedule] == [rp(420_000)] * 12
    assert {r.margin for r in page.schedule} == {rp(45_000)}
    assert page.flat_rate_year == "12.00" and page.effective_rate_year == "21.46"
    for month in range(2, 8):
        r = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, month, 5))
        assert r.receipt
    assert bal(members_book, "1301", "A-001") == rp(2_520_000)
    assert bal(members_book, "1302", "A-001") == -rp(270_000)
    assert bal(members_book, "5101") == -rp(270_000)
    page = financing.contract_page(members_book, n, dt.date(2026, 7, 10))
    assert (page.settle_owed, page.settle_unearned, page.settle_pays) == (
        rp(2_520_000), rp(270_000), rp(2_250_000))
    financing.settle(members_book, ACTOR, n, dt.date(2026, 7, 10))
    assert bal(members_book, "1301", "A-001") == ZERO
    assert bal(members_book, "1302", "A-001") == ZERO
    assert bal(members_book, "5101") == -rp(270_000)  # no margin for time not yet passed
    assert financing.contract_page(members_book, n).row.status == "settled"


def test_worked_example_annuity_settles_at_2_369_516(members_book):
    members_book.run(lambda s: s.execute(text(
        "UPDATE financing_product SET margin_method = 'annuity' WHERE code = 'MRB'")))
    n = signed(members_book)
    page = financing.contract_page(members_book, n, JAN)
    assert [r.margin.sen // 100 for r in page.schedule] == [
        80464, 74393, 68213, 61923, 55520, 49003, 42369, 35617, 28744, 21748, 14627, 7379]
    for month in range(2, 8):
        financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, month, 5))
    assert bal(members_book, "5101") == -rp(389_516)
    page = financing.contract_page(members_book, n, dt.date(2026, 7, 10))
    assert page.settle_pays == rp(2_369_516)


def test_partial_late_and_several_installments_go_to_the_oldest_first(members_book):
    n = signed(members_book)
    day = dt.date(2026, 4, 20)  # three installments due (5 Feb, 5 Mar, 5 Apr), none paid
    page = financing.contract_page(members_book, n, day)
    assert page.row.arrears == rp(1_260_000) and page.row.days_past_due == 74
    financing.pay(members_book, ACTOR, n, rp(500_000), day)  # one and a part of the second
    page = financing.contract_page(members_book, n, day)
    assert [r.state for r in page.schedule[:3]] == ["paid", "late", "late"]
    assert page.schedule[1].paid == rp(80_000)
    assert page.row.days_past_due == 46  # from 5 March, the oldest not fully paid
    assert bal(members_book, "5101") == -rp(53_571)  # floor(540.000 × 500.000 / 5.040.000)
    financing.pay(members_book, ACTOR, n, rp(1_600_000), day)  # the rest and one ahead
    page = financing.contract_page(members_book, n, day)
    assert page.row.days_past_due == 0 and page.row.arrears == ZERO
    assert [r.state for r in page.schedule[:6]] == ["paid"] * 5 + ["due"]


def test_late_payment_never_adds_margin_and_a_fine_goes_to_the_benevolence_fund(members_book):
    members_book.run(lambda s: s.execute(text(
        "UPDATE financing_product SET tazir = 1000000 WHERE code = 'MRB'")))  # Rp10.000
    n = signed(members_book)
    with pytest.raises(KasirError, match="not late"):
        financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5),
                      tazir=rp(10_000))
    with pytest.raises(KasirError, match="fixed in the akad"):
        financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 3, 1),
                      tazir=rp(15_000))
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 3, 1), tazir=rp(10_000))
    assert bal(members_book, "2121", "A-001") == -rp(10_000)
    assert bal(members_book, "5101") == -rp(45_000)  # the same margin as on time
    held = rp(90_000)  # the savings members_book starts with
    assert bal(members_book, "1101") == held + rp(20_000_000) + rp(500_000) - rp(5_000_000) \
        + rp(430_000)


def test_a_fine_can_never_be_pointed_at_income(members_book):
    with pytest.raises((IntegrityError, DBAPIError)):
        members_book.run(lambda s: s.execute(text(
            "UPDATE financing_product SET fine_account = '5101' WHERE code = 'MRB'")))


def test_the_margin_cannot_change_after_the_akad(members_book):
    n = signed(members_book)
    with pytest.raises(DBAPIError, match="fixed at its akad"):
        members_book.run(lambda s: s.execute(text(
            "UPDATE financing_contract SET margin = 600000, price = 5600000 "
            "WHERE number = :n"), {"n": n}))


def test_wakalah_sale_only_after_the_goods_are_the_cooperatives(members_book):
    capital(members_book)
    n = financing.apply(members_book, ACTOR, siti_terms(purchase_mode="wakalah",
                                                        down_payment=ZERO), JAN).contract
    financing.purchase(members_book, ACTOR, n, JAN)
    assert bal(members_book, "1304") == rp(5_000_000)
    with pytest.raises(KasirError, match="Fatwa 04"):
        financing.akad(members_book, ACTOR, n, JAN)
    financing.goods_received(members_book, ACTOR, n, JAN)
    financing.akad(members_book, ACTOR, n, JAN)
    assert bal(members_book, "1304") == ZERO and bal(members_book, "1303") == ZERO


def test_cancelling_before_the_akad_keeps_only_the_actual_loss(members_book):
    capital(members_book)
    n = financing.apply(members_book, ACTOR, siti_terms(), JAN).contract
    financing.down_payment(members_book, ACTOR, n, rp(500_000), JAN)
    r = financing.cancel(members_book, ACTOR, n, JAN, "anggota membatalkan",
                         actual_cost=rp(75_000))
    assert r.receipt  # the refund is paid against a receipt
    assert bal(members_book, "2103", "A-001") == ZERO
    assert bal(members_book, "5202") == -rp(75_000)
    assert bal(members_book, "1101") == rp(90_000) + rp(20_000_000) + rp(75_000)


def test_reversing_a_step_leaves_the_contract_as_it_was(members_book):
    n = signed(members_book)
    first = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    second = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 3, 5))
    with pytest.raises(KasirError, match="not the latest step"):
        journal.reverse_entry(members_book, ACTOR, first.entry_id, reason="salah",
                              day=dt.date(2026, 3, 6))
    journal.reverse_entry(members_book, ACTOR, second.entry_id, reason="salah ketik",
                          day=dt.date(2026, 3, 6))
    page = financing.contract_page(members_book, n, dt.date(2026, 3, 6))
    assert page.row.paid == rp(420_000) and page.row.outstanding == rp(4_620_000)
    assert bal(members_book, "5101") == -rp(45_000)
    r = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 3, 6))
    assert r.entry
    assert bal(members_book, "5101") == -rp(90_000)


def test_reversing_a_settlement_reopens_the_contract(members_book):
    n = signed(members_book)
    s = financing.settle(members_book, ACTOR, n, dt.date(2026, 1, 20))
    assert financing.contract_page(members_book, n).row.status == "settled"
    journal.reverse_entry(members_book, ACTOR, s.entry_id, reason="batal",
                          day=dt.date(2026, 1, 21))
    page = financing.contract_page(members_book, n, dt.date(2026, 1, 21))
    assert page.row.status == "active" and page.row.outstanding == rp(5_040_000)
    assert bal(members_book, "1302", "A-001") == -rp(540_000)


def test_write_off_uses_the_allowance_then_expense_and_recovery_is_other_income(members_book):
    n = signed(members_book)
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    ref = financing.post_allowance(members_book, ACTOR, dt.date(2027, 6, 30))  # > 365 days
    assert ref
    assert bal(members_book, "1391") == -rp(4_125_000)  # macet: 100% of 4.620.000 - 495.000
    financing.write_off(members_book, ACTOR, n, dt.date(2027, 7, 1))
    assert bal(members_book, "1391") == ZERO
    assert bal(members_book, "6208") == ZERO
    assert bal(members_book, "1301", "A-001") == ZERO
    assert bal(members_book, "1302", "A-001") == ZERO
    financing.recover(members_book, ACTOR, n, rp(100_000), dt.date(2027, 8, 1))
    assert bal(members_book, "5401") == -rp(100_000)
    with pytest.raises(KasirError, match="left to recover"):
        financing.recover(members_book, ACTOR, n, rp(5_000_000), dt.date(2027, 8, 2))


def test_rescheduling_adds_no_margin(members_book):
    n = signed(members_book)
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    financing.reschedule(members_book, ACTOR, n, dt.date(2026, 4, 1), 20,
                         dt.date(2026, 5, 5), "gagal panen")
    page = financing.contract_page(members_book, n, dt.date(2026, 4, 1))
    assert page.row.restructured
    assert sum((r.amount for r in page.schedule), ZERO) == rp(5_040_000)
    assert sum((r.margin for r in page.schedule), ZERO) == rp(540_000)
    assert page.row.days_past_due == 0  # nothing of the new schedule is due yet


def test_qard_from_the_benevolence_fund(members_book):
    """domain.md §1.2 variant (a): 1.000.000 lent from the maal book, 10.000 fee,
    100.000 repaid, 300.000 written off against the fund."""
    from kasir.funds import rules as funds

    members_book.run(lambda s: posting.post(s, funds.zis_received(
        JAN, "infaq", rp(2_000_000))))
    n = financing.apply(members_book, ACTOR, Terms(
        member="A-001", kind="qard", cost=rp(1_000_000), margin=ZERO, tenor=10,
        first_due=dt.date(2026, 1, 12), fund="kebajikan", admin_fee=rp(10_000),
        goods="modal warung"), JAN).contract
    with pytest.raises(KasirError):  # a qard's rest is an installment, never a settlement
        financing.settle(members_book, ACTOR, n, JAN)
    financing.disburse_qard(members_book, ACTOR, n, JAN)
    assert bal(members_book, "7201", "A-001") == rp(1_000_000)
    assert bal(members_book, "5201") == -rp(10_000)
    financing.pay(members_book, ACTOR, n, rp(100_000), dt.date(2026, 1, 12))
    assert bal(members_book, "7201", "A-001") == rp(900_000)
    assert bal(members_book, "5101") == ZERO  # principal only


def test_qard_fee_is_never_a_percentage():
    from kasir.financing.products import parse_fee

    assert parse_fee("10.000") == rp(10_000)
    with pytest.raises(KasirError, match="never a percentage"):
        parse_fee("1%")


def test_applications_outside_the_rules_are_refused(members_book):
    with pytest.raises(KasirError, match="principal only"):
        financing.apply(members_book, ACTOR, Terms(
            member="A-001", kind="qard", cost=rp(1_000_000), margin=rp(50_000), tenor=10,
            first_due=dt.date(2026, 1, 12)), JAN)
    with pytest.raises(KasirError, match="down payment must be less"):
        financing.apply(members_book, ACTOR, siti_terms(down_payment=rp(6_000_000)), JAN)


def test_verify_names_a_contract_changed_behind_kasirs_back(members_book):
    from kasir.book.verify import verify_book

    n = signed(members_book)
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    assert verify_book(members_book) == []
    with pytest.raises(DBAPIError, match="sealed record"):
        members_book.run(lambda s: s.execute(text("DELETE FROM financing_event")))
    members_book.run(lambda s: s.execute(text(
        "UPDATE financing_contract SET collected = 0 WHERE number = :n"), {"n": n}))
    said = [f.english() for f in verify_book(members_book)]
    assert any(f"Contract {n}'s totals differ" in x for x in said), said
    assert any("Account 1301 of member A-001 holds 4620000, but her contracts say 5040000"
               in x for x in said), said


def test_collectibility_presets_and_edited_classes(members_book):
    from kasir.financing.portfolio import Klass

    n = signed(members_book)
    day = dt.date(2026, 4, 20)  # 74 days past due: lancar under A, DPK under B
    p = financing.portfolio_quality(members_book, day)
    assert [(r.name, r.contracts) for r in p.rows if r.contracts] == [("Lancar", 1)]
    assert p.required == rp(22_500)  # 0,5% of 4.500.000 principal
    assert p.par30 == 100 and p.npf == 0 and p.health == "Sehat"
    financing.set_collectibility(members_book, ACTOR, "B")
    p = financing.portfolio_quality(members_book, day)
    assert [r.name for r in p.rows if r.contracts] == ["Kol-2 Dalam Perhatian Khusus"]
    assert p.required == rp(135_000)  # 3%
    financing.set_collectibility(members_book, ACTOR, classes=[
        Klass("Lancar", 30, 100, False), Klass("Macet", None, 10000, True)])
    p = financing.portfolio_quality(members_book, day)
    assert p.npf == 100 and p.health == "Tidak Sehat" and p.required == rp(4_500_000)
    with pytest.raises(KasirError, match="must rise"):
        financing.set_collectibility(members_book, ACTOR, classes=[
            Klass("Lancar", 30, 100, False), Klass("Macet", 20, 10000, True)])
    assert financing.contract_page(members_book, n, day).row.days_past_due == 74


def test_reversing_the_akad_puts_the_goods_back_in_stock_and_the_down_payment_held(members_book):
    n = signed(members_book)
    with members_book.read_session() as s:
        from sqlalchemy import select

        from kasir.financing.models import Contract, FinancingEvent

        key = s.scalar(select(FinancingEvent.entry_key).join(Contract).where(
            Contract.number == n, FinancingEvent.kind == "akad"))
        akad_entry = queries.entry_id_by_key(s, key)
    journal.reverse_entry(members_book, ACTOR, akad_entry, reason="akad salah tanggal",
                          day=dt.date(2026, 1, 6))
    assert bal(members_book, "1301", "A-001") == ZERO
    assert bal(members_book, "1303") == rp(5_000_000)
    assert bal(members_book, "2103", "A-001") == -rp(500_000)
    page = financing.contract_page(members_book, n, dt.date(2026, 1, 6))
    assert page.row.status == "purchased"
    financing.akad(members_book, ACTOR, n, dt.date(2026, 1, 7))  # signed again, same terms
    assert bal(members_book, "1301", "A-001") == rp(5_040_000)
    from kasir.book.verify import verify_book
    assert verify_book(members_book) == []


def test_an_installment_receipt_above_five_million_carries_the_meterai_box(members_book):
    from reports.member_papers import receipt_data

    capital(members_book, 100_000_000)
    n = financing.apply(members_book, ACTOR, siti_terms(cost=rp(60_000_000),
                                                        margin=rp(6_000_000)), JAN).contract
    financing.down_payment(members_book, ACTOR, n, rp(500_000), JAN)
    financing.purchase(members_book, ACTOR, n, JAN)
    financing.akad(members_book, ACTOR, n, JAN)
    r = financing.pay(members_book, ACTOR, n, rp(5_500_000), dt.date(2026, 2, 5))
    with members_book.read_session() as s:
        data = receipt_data(s, r.receipt_id)
    assert data.meterai and data.amount == rp(5_500_000)
    assert "Angsuran ke-1" in data.purpose and "margin" in data.purpose


def test_a_contract_as_it_stood_on_an_earlier_day(members_book):
    n = signed(members_book)
    for month in (2, 3, 4):
        financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, month, 5))
    financing.settle(members_book, ACTOR, n, dt.date(2026, 5, 1))
    before = financing.contract_page(members_book, n, dt.date(2026, 3, 1))
    assert (before.row.status, before.row.paid, before.row.outstanding) == (
        "active", rp(420_000), rp(4_620_000))
    assert before.row.deferred_margin == rp(495_000)
    assert [r.number for r in financing.contracts(members_book, dt.date(2026, 3, 1))] == [n]
    assert financing.contracts(members_book, dt.date(2025, 12, 31)) == []  # not yet signed
    assert financing.contracts(members_book, dt.date(2026, 5, 2)) == []  # paid off


def test_the_same_operation_key_posts_once(members_book):
    n = signed(members_book)
    first = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5), key="k-1")
    again = financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5), key="k-1")
    assert (again.entry, again.receipt, again.duplicate) == (first.entry, first.receipt, True)
    assert financing.contract_page(members_book, n, dt.date(2026, 2, 5)).row.paid == \
        rp(420_000)
    from kasir.book.verify import verify_book
    assert verify_book(members_book) == []
