"""The financing pages: the wizard's live schedule typed from the keyboard, the contracts
list and a contract's page with its steps."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from factories import rp
from kasir.financing import service as financing
from meeting_books import MEETING, build_meeting_book
from ui.dialogs.application_dialog import ApplicationDialog
from ui.dialogs.step_dialog import StepDialog
from ui.presenters.application_presenter import ApplicationPresenter
from ui.presenters.contracts_presenter import Answers
from ui.user import current_actor
from ui.views.financing_view import FinancingView


@pytest.fixture
def contracts(book):
    return build_meeting_book(book)


def test_the_wizard_shows_the_schedule_as_the_terms_are_typed(qtbot, book, contracts):
    dialog = ApplicationDialog(ApplicationPresenter(book, current_actor()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.member.setFocus()
    qtbot.keyClicks(dialog.member, "M-07")
    assert dialog.member_name.text() == "Neneng Hasanah"
    for field, text in ((dialog.goods, "mesin jahit"), (dialog.cost, "5.000.000"),
                        (dialog.margin, "540.000"), (dialog.down_payment, "500.000"),
                        (dialog.tenor, "12")):
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter: the next field, never saves
    assert dialog.schedule.rowCount() == 0 or dialog.save_button.isEnabled()
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("monthly"))
    dialog.first_due.setText("05/03/2026")
    assert dialog.schedule.rowCount() == 12
    assert dialog.schedule.row(0).amount == rp(420_000)
    assert "21,46%" in dialog.rates.text() and "12,00%" in dialog.rates.text()
    dialog.down_payment.setText("6.000.000")  # the rule instead of a schedule
    assert dialog.schedule.rowCount() == 0 and dialog.problem.kind == "error"
    assert not dialog.save_button.isEnabled()
    dialog.down_payment.setText("500.000")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        qtbot.keyClick(dialog.tenor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = financing.contract_page(book, saved.args[0], MEETING)
    assert page.row.status == "approved" and page.row.member == "M-07"
    assert dialog.status.kind == "ok"


def test_a_contract_page_and_an_installment_taken_from_it(qtbot, book, contracts,
                                                           monkeypatch):
    view = FinancingView(book)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    assert [r.number for r in view.model.rows][:2] == ["MRB000001", "MRB000002"]
    qtbot.keyClicks(view.search, "yuyun")
    assert [r.number for r in view.model.rows] == contracts["M-06"]
    assert "Yuyun Wahyuni" in view.page.title.text()
    states = [state for _cells, state in view.page.schedule.rows[:3]]
    assert states == ["late", "due", "due"]  # on 19/01: the first one is late
    assert set(view.page.buttons) == {"pay", "settle", "reschedule", "write_off"}
    asked = []

    def answer(action, title, day, parent):  # noqa: ANN001, ANN202
        asked.append(action)
        return Answers(day="19/01/2026", amount="220.000")

    monkeypatch.setattr(StepDialog, "ask", staticmethod(answer))
    with qtbot.waitSignal(view.posted, timeout=1000):
        view.page.buttons["pay"].click()
    assert asked[0].amount == rp(220_000)  # what is due up to today offered
    assert view.page.status.kind == "ok"
    assert financing.contract_page(book, contracts["M-06"][0], MEETING).row.outstanding \
        == rp(880_000)
    assert [state for _cells, state in view.page.schedule.rows[:3]] == ["paid", "paid", "due"]


def test_the_steps_before_the_akad_and_the_ended_contracts(qtbot, book, contracts,
                                                            monkeypatch):
    number = financing.apply(book, current_actor(), financing.Terms(
        member="M-08", kind="murabahah", cost=rp(1_000_000), margin=rp(100_000), tenor=10,
        first_due=dt.date(2026, 2, 2), frequency="weekly", down_payment=rp(100_000),
        purchase_mode="wakalah"), MEETING).contract
    view = FinancingView(book)
    qtbot.addWidget(view)
    view.show_contract(number)
    assert view.all.isChecked()
    assert set(view.page.buttons) == {"down_payment", "purchase", "cancel"}
    monkeypatch.setattr(StepDialog, "ask", staticmethod(
        lambda *a: Answers(day="19/01/2026", amount="100.000")))
    view.page.buttons["down_payment"].click()
    view.page.buttons["purchase"].click()
    assert set(view.page.buttons) == {"goods_received"}  # the goods are with the agent
    view.page.buttons["goods_received"].click()
    view.page.buttons["akad"].click()
    assert financing.contract_page(book, number, MEETING).row.status == "active"
    view.all.setChecked(False)  # running ones only: it is running now
    assert number in [r.number for r in view.model.rows]
