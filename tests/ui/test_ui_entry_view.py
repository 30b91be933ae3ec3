"""The entry form driven from the keyboard, as a treasurer types an entry."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import ACTOR
from kasir.journal import service as journal
from reports.ledger_reports import trial_balance
from ui.views.entry_view import EntryView
from ui.widgets.dates import to_qdate

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def form(qtbot, book):
    view = EntryView(book)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.date.setDate(to_qdate(DAY))
    view.description.setFocus()
    return view


def type_line(qtbot, row, account: str, debit: str = "", credit: str = "") -> None:
    """A whole line from the keyboard: each field typed (or skipped) and left with Tab."""
    for field, text in zip(row.fields(), (account, debit, credit, "", ""), strict=True):
        assert QApplication.focusWidget() is field
        if text:
            qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_typed_entry_balances_and_posts_with_ctrl_enter(qtbot, form, book):
    qtbot.keyClicks(form.description, "Setoran kas ke bank")
    qtbot.keyClick(form.description, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is form.rows[0].account
    type_line(qtbot, form.rows[0], "1111", debit="1.250.000")
    assert form.rows[0].account.text() == "1111 Bank Syariah – Giro/Tabungan Wadiah"
    assert form.difference_label.text() == "Selisih: Rp1.250.000"
    assert not form.post_button.isEnabled()

    type_line(qtbot, form.rows[1], "kas kecil", credit="1.250.000")
    assert form.rows[1].account.text() == "1102 Kas Kecil"
    assert form.difference_label.text() == "Selisih: Rp0"
    assert form.post_button.isEnabled()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert form.status.text() == "Diposting: 2026/000001"
    assert form.description.text() == "" and form.rows[0].account.text() == ""
    tb = {r.code: (r.debit.plain(), r.credit.plain()) for r in trial_balance(book).rows}
    assert tb == {"1111": ("1250000", "0"), "1102": ("0", "1250000")}


def test_bad_amount_is_red_with_the_indonesian_message_and_posts_nothing(qtbot, form, book):
    qtbot.keyClicks(form.description, "Salah ketik")
    qtbot.keyClick(form.description, Qt.Key.Key_Tab)
    type_line(qtbot, form.rows[0], "1101", debit="12.34")
    type_line(qtbot, form.rows[1], "4201", credit="12.34")
    assert "background: #fdecea" in form.rows[0].debit.styleSheet()
    assert "“12.34” bukan jumlah uang" in form.status.text()
    assert not form.post_button.isEnabled()
    qtbot.keyClick(form.rows[1].memo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert journal.journal(book) == []


def test_enter_on_the_last_field_adds_a_line(qtbot, form):
    last = form.rows[-1]
    last.memo.setFocus()
    qtbot.keyClick(last.memo, Qt.Key.Key_Return)
    assert len(form.rows) == 3
    assert QApplication.focusWidget() is form.rows[2].account


def test_the_same_form_posts_once_even_if_posted_twice(qtbot, form, book):
    form.description.setText("Dua kali klik")
    form.rows[0].write(form.rows[0].read().__class__("1101", "10.000"))
    form.rows[1].write(form.rows[1].read().__class__("4201", "", "10.000"))
    form.evaluate()
    key = form.key
    assert form.post()
    # a second submission with the first key (a double click racing the clear)
    form.key = key
    form.description.setText("Dua kali klik")
    form.rows[0].write(form.rows[0].read().__class__("1101", "10.000"))
    form.rows[1].write(form.rows[1].read().__class__("4201", "", "10.000"))
    assert form.post()
    assert len(journal.journal(book)) == 1


def test_a_refused_entry_keeps_the_form_and_says_why(qtbot, form, book):
    journal.close_period(book, ACTOR, 2026, 11)
    form.description.setText("Bulan sudah ditutup")
    form.rows[0].write(form.rows[0].read().__class__("1101", "10.000"))
    form.rows[1].write(form.rows[1].read().__class__("4201", "", "10.000"))
    form.load_choices()  # closed months are read when the page is shown
    form.evaluate()
    assert not form.post_button.isEnabled()
    assert "11/2026 sudah ditutup" in form.status.text()
    assert form.rows[0].account.text() == "1101"


def test_clearing_a_typed_entry_asks_first(qtbot, form, monkeypatch):
    from ui.views import entry_view

    answers, asked = [False, True], []

    def confirm(parent, title, text, yes, no):  # noqa: ANN001, ANN202
        asked.append(text)
        return answers.pop(0)

    form.clear_button.click()                      # nothing typed: cleared without a question
    qtbot.keyClick(form.description, Qt.Key.Key_Escape)
    monkeypatch.setattr(entry_view, "confirm", confirm)
    qtbot.keyClicks(form.description, "Bayar listrik")
    qtbot.keyClick(form.description, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "6202")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)   # "Keep typing"
    assert len(asked) == 1
    assert form.description.text() == "Bayar listrik" and form.rows[0].account.text()
    form.clear_button.click()                                       # "Clear it"
    assert len(asked) == 2
    assert form.description.text() == "" and form.rows[0].account.text() == ""
