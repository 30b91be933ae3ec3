"""The financing wizard and the contract page without Qt: the live preview, saving an
application, the steps a status and a role allow, each step's call."""

from __future__ import annotations

import datetime as dt

from factories import ACTOR, rp
from kasir.financing import service as financing
from kasir.journal import recipes
from kasir.users.permissions import GRANTS, Permission
from ledger import posting
from ui.presenters.application_presenter import ApplicationPresenter
from ui.presenters.contracts_presenter import Answers, ContractsPresenter

JAN = dt.date(2026, 1, 5)


def siti(p: ApplicationPresenter) -> None:
    """domain.md §1.1: 5.000.000 cost, 540.000 margin, 500.000 down, 12 monthly."""
    p.edit(member="A-001", product="MRB", goods="mesin jahit", supplier="Toko Jaya",
           cost="5.000.000", margin="540.000", down_payment="500.000", tenor="12",
           frequency="monthly", first_due="05/02/2026")


def test_the_preview_follows_the_terms_and_shows_both_rates(members_book):
    p = ApplicationPresenter(members_book, ACTOR)
    assert {x.code for x in p.products} >= {"MRB", "QRD"}
    first = p.preview()
    assert first.rows == [] and first.problem is not None and first.problem.kind == "hint"
    siti(p)
    assert p.member_name() == "Siti Aminah"
    shown = p.preview()
    assert shown.problem is None and len(shown.rows) == 12
    assert shown.rows[0].amount == rp(420_000) and shown.rows[0].margin == rp(45_000)
    assert "12,00%" in shown.rates and "21,46%" in shown.rates  # flat, effective
    assert "Rp5.540.000" in shown.summary
    p.edit(down_payment="6.000.000")  # the rule's own words instead of a schedule
    refused = p.preview()
    assert refused.rows == [] and refused.problem.kind == "error"
    p.edit(down_payment="500.000", cost="5.000,000")
    assert p.preview().problem.kind == "hint"


def test_saving_records_the_application_at_once_on_an_open_book(members_book):
    p = ApplicationPresenter(members_book, ACTOR)
    siti(p)
    p.day = JAN
    outcome = p.save()
    assert outcome.kind == "ok", outcome.text
    page = financing.contract_page(members_book, p.last, JAN)
    assert page.row.status == "approved" and page.row.price == rp(5_540_000)


def test_a_qard_has_no_margin(members_book):
    p = ApplicationPresenter(members_book, ACTOR)
    p.edit(member="A-002", product="QRD", cost="1.000.000", margin="50.000", tenor="10",
           frequency="weekly", first_due="12/01/2026")
    shown = p.preview()  # the margin field is off for a qard: what it holds is not lent
    assert shown.problem is None and shown.rows[0].amount == rp(100_000)
    p.edit(margin="")
    shown = p.preview()
    assert shown.problem is None and shown.rows[0].amount == rp(100_000)
    assert shown.rates and "%" not in shown.rates  # no margin: no rate


def everyone(_permission: Permission) -> bool:
    return True


def test_the_steps_from_application_to_settlement(members_book):
    members_book.run(lambda s: posting.post(s, recipes.capital_grant(
        JAN, rp(20_000_000), name="uji", deposit_to="cash", repayable=False)))
    ap = ApplicationPresenter(members_book, ACTOR)
    ap.day = JAN
    siti(ap)
    assert ap.save().ok
    p = ContractsPresenter(members_book, ACTOR, everyone)
    p.day, p.open_only = JAN, False
    assert [r.number for r in p.load()] == [ap.last]
    p.search = "aminah"
    assert len(p.load()) == 1
    p.search = "nobody"
    assert p.load() == []
    assert p.show(ap.last) is None

    def keys() -> list[str]:
        return [a.key for a in p.actions()]

    def step(key: str, **typed: str) -> None:
        action = next(a for a in p.actions() if a.key == key)
        outcome = p.run(action, Answers(day="05/01/2026", **typed))
        assert outcome.ok, outcome.text

    assert keys() == ["down_payment", "purchase", "cancel"]
    assert next(a for a in p.actions() if a.key == "down_payment").amount == rp(500_000)
    step("down_payment", amount="500.000")
    step("purchase")
    assert keys() == ["akad", "cancel"]
    step("akad")
    assert keys() == ["pay", "settle", "reschedule", "write_off"]
    assert "Fatwa 153" in p.quote()
    pay = next(a for a in p.actions() if a.key == "pay")
    p.day = dt.date(2026, 2, 5)  # the page as that day's end
    outcome = p.run(pay, Answers(day="05/02/2026", amount="420.000"))
    assert outcome.ok and p.page.events[-1].kind == "installment"
    assert [state for _cells, state in p.schedule()[:2]] == ["paid", "due"]
    assert len(p.events()) == 4  # down payment, purchase, akad, installment
    assert any("21,46%" in value for _label, value in p.terms())
    wrong = p.run(pay, Answers(day="31/02/2026", amount="420.000"))
    assert wrong.kind == "error"


def cashier(permission: Permission) -> bool:
    return "kasir" in GRANTS[permission]


def test_a_cashier_is_offered_only_the_desk_steps(members_book):
    members_book.run(lambda s: posting.post(s, recipes.capital_grant(
        JAN, rp(20_000_000), name="uji", deposit_to="cash", repayable=False)))
    ap = ApplicationPresenter(members_book, ACTOR)
    ap.day = JAN
    siti(ap)
    ap.edit(down_payment="")
    assert ap.save().ok
    financing.purchase(members_book, ACTOR, ap.last, JAN)
    financing.akad(members_book, ACTOR, ap.last, JAN)
    p = ContractsPresenter(members_book, ACTOR, cashier)
    p.day = dt.date(2026, 4, 20)
    assert p.show(ap.last) is None
    assert [a.key for a in p.actions()] == ["pay", "settle"]
    assert [state for _c, state in p.schedule()[:4]] == ["late", "late", "late", "due"]
    assert p.page.row.days_past_due == 74
