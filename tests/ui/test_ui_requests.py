"""Maker–checker in the window: the treasurer's reversal waits, the ketua approves it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QInputDialog

from factories import ACTOR, rp
from kasir import i18n
from kasir.journal import service as journal
from kasir.savings import service as savings
from kasir.users import service as users
from ui.dialogs.requests_dialog import RequestsDialog
from ui.main_window import MainWindow
from ui.presenters.journal_presenter import JournalPresenter
from ui.presenters.requests_presenter import RequestsPresenter
from ui.user import set_actor

D = dt.date(2026, 11, 20)
PW = "sandi-rahasia"


@pytest.fixture
def asked(members_book):
    """The treasurer asked, in the window, to reverse a deposit of Rp2.500.000."""
    i18n.set_language("en")
    users.add_user(members_book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(members_book, "admin", PW)
    for name in ("bendahara", "kasir", "ketua"):
        users.add_user(members_book, admin, name, name, PW)
    kasir = users.sign_in(members_book, "kasir", PW)
    big = savings.deposit(members_book, kasir, "A-001", "sukarela", rp(2_500_000), D)
    row = next(r for r in journal.journal(members_book) if r.id == big.entry_id)
    bendahara = users.sign_in(members_book, "bendahara", PW)
    outcome = JournalPresenter(members_book, bendahara).reverse(row, "salah ketik", D)
    return members_book, big, outcome


def test_the_page_says_the_reversal_waits_with_its_number(asked):
    _book, _big, outcome = asked
    assert outcome.kind == "hint"
    assert outcome.text.startswith("Request 1 is recorded: reverse entry")
    assert "waiting for approval by ketua" in outcome.text


def test_the_ketua_approves_in_the_requests_dialog(qtbot, asked):
    book, big, _outcome = asked
    ketua = users.sign_in(book, "ketua", PW)
    dialog = RequestsDialog(RequestsPresenter(book, ketua))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and not dialog.approve_button.isHidden()
    assert dialog.model.data(dialog.model.index(0, 1)) == "waiting"
    dialog.approve()
    assert dialog.status.kind == "ok" and "approved and carried out" in dialog.status.text()
    assert journal.entry(book, big.entry_id).reversed_by is not None
    assert dialog.model.data(dialog.model.index(0, 1)) == "approved"


def test_the_one_who_asked_sees_it_but_is_not_offered_to_decide(qtbot, asked, monkeypatch):
    book, big, _outcome = asked
    dialog = RequestsDialog(RequestsPresenter(book, users.sign_in(book, "bendahara", PW)))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.approve_button.isHidden() and dialog.reject_button.isHidden()
    ketua = RequestsDialog(RequestsPresenter(book, users.sign_in(book, "ketua", PW)))
    qtbot.addWidget(ketua)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Setoran benar", True))
    ketua.reject_selected()
    assert "rejected" in ketua.status.text()
    assert ketua.model.row(0).reason == "Setoran benar"
    assert journal.entry(book, big.entry_id).reversed_by is None


def test_the_requests_menu_is_there_for_a_book_with_users(qtbot, asked):
    book, _big, _outcome = asked
    set_actor(users.sign_in(book, "ketua", PW))
    win = MainWindow(book)
    qtbot.addWidget(win)
    assert [a.text() for a in win.menuBar().actions()][-1] == "Re&quests"
