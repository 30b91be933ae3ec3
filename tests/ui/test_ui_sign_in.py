"""Signing in to the window: the dialog, what each role is shown, and the idle sign-out."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog

from factories import ACTOR
from kasir import i18n
from kasir.users import service as users
from ui import app
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.presenters.period_presenter import PeriodPresenter
from ui.presenters.sign_in_presenter import Access, SignInPresenter
from ui.user import current_actor, set_actor
from ui.views.access import SignedOutPage
from ui.widgets.idle import IdleWatch

PW = "sandi-rahasia"


@pytest.fixture(autouse=True)
def english() -> None:
    """The words checked are the English msgids (the catalog may translate them later)."""
    i18n.set_language("en")


@pytest.fixture
def staffed(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    for name in ("bendahara", "kasir", "pengawas"):
        users.add_user(book, admin, name, name, PW)
    return book


def signed_in_window(qtbot, book, name: str) -> MainWindow:
    set_actor(users.sign_in(book, name, PW))
    win = MainWindow(book)
    qtbot.addWidget(win)
    return win


def visible_pages(win: MainWindow) -> list[object]:
    return [win.tabs.widget(i) for i in range(win.tabs.count()) if win.tabs.isTabVisible(i)]


def period_actions(win: MainWindow) -> dict[str, bool]:
    menu = win.menuBar().actions()[2].menu()
    return {a.text(): a.isEnabled() for a in menu.actions()}


def test_the_dialog_refuses_a_wrong_password_and_stays_open(qtbot, staffed):
    dialog = SignInDialog(SignInPresenter(staffed))
    qtbot.addWidget(dialog)
    dialog.name.setText("kasir")
    dialog.password.setText("salah-sandi")
    dialog.try_sign_in()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.status.text() == "Wrong user name or password."
    assert dialog.status.kind == "error"
    assert dialog.password.text() == ""  # retype it; the name stays
    assert dialog.name.text() == "kasir"
    dialog.password.setText(PW)
    dialog.try_sign_in()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (current_actor().user, current_actor().role) == ("kasir", "kasir")


def test_the_window_starts_only_after_signing_in(qtbot, monkeypatch, staffed):
    asked = []

    def typed(dialog: SignInDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.name.setText("bendahara")
        dialog.password.setText(PW)
        dialog.try_sign_in()
        return dialog.result()
    monkeypatch.setattr(SignInDialog, "exec", typed)
    shown = []
    monkeypatch.setattr(app, "run_event_loop", lambda qapp, window: shown.append(window) or 0)
    assert app.main([], book_location=staffed.path, lang="en") == 0
    assert asked == ["Sign in"]
    win = shown[0]
    assert win.user_label.text() == "Signed in: bendahara (bendahara)"
    win.close()


def test_giving_up_the_sign_in_opens_no_window(qtbot, monkeypatch, staffed):
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(app, "run_event_loop", lambda qapp, window: pytest.fail("shown"))
    assert app.main([], book_location=staffed.path) == 0


def test_a_book_with_no_users_asks_nobody(qtbot, book):
    assert SignInDialog.sign_in(book) is True  # no dialog: QDialog.exec would fail the test
    win = MainWindow(book)
    qtbot.addWidget(win)
    assert len(visible_pages(win)) == win.tabs.count()
    assert all(period_actions(win).values())
    assert not win.idle.active and win.user_label.text() == ""


def test_a_cashier_is_not_offered_the_treasurers_work(qtbot, staffed):
    win = signed_in_window(qtbot, staffed, "kasir")
    pages = visible_pages(win)
    assert win.cashier_view in pages and win.members_view in pages
    assert win.entry_view not in pages and win.import_view not in pages
    assert win.wadiah_bonus_view not in pages
    assert win.journal_view.reverse_button.isHidden()
    assert win.receipts_view.cancel_button.isHidden()
    assert not win.members_view.new_button.isHidden()
    assert win.meeting_view in pages  # the group meeting is desk work
    assert win.financing_view.new_button.isHidden()  # applications are the treasurer's
    pad = win.cashier_view.pad
    assert pad.operation_buttons["exit"].isHidden() and "exit" not in pad.keys.values()
    assert not pad.operation_buttons["deposit"].isHidden()
    assert period_actions(win) == {"&Close a month…": False, "&Reopen a month…": False,
                                   "&Print a closing sheet…": True}  # reading is everyone's
    assert win.user_label.text() == "Signed in: kasir (kasir)"
    win.show_page(win.tabs.indexOf(win.entry_view))  # Ctrl+6 does not reach it
    assert win.tabs.currentWidget() is not win.entry_view
    # and were she to get there anyway, the service refuses her in her language
    outcome = PeriodPresenter(staffed, current_actor()).close(2026, 10)
    assert outcome.text == ("Only bendahara may do this (closing a month); kasir is signed "
                            "in as kasir.")


def test_the_treasurer_and_the_auditor(qtbot, staffed):
    win = signed_in_window(qtbot, staffed, "bendahara")
    pages = visible_pages(win)
    assert win.entry_view in pages and win.import_view in pages
    assert not win.journal_view.reverse_button.isHidden()
    assert win.settings_view.save_coop_button.isHidden()  # the administrator's
    assert all(period_actions(win).values())
    auditor = signed_in_window(qtbot, staffed, "pengawas")
    pages = visible_pages(auditor)
    assert auditor.cashier_view not in pages and auditor.journal_view in pages
    assert auditor.trial_balance_view in pages
    assert auditor.tabs.currentWidget() in pages
    assert auditor.cash_view.confirm_button.isHidden()


def test_idle_time_signs_out_back_to_the_sign_in(qtbot, monkeypatch, staffed):
    monkeypatch.setattr(Access, "idle_ms", lambda self: None if self.open else 150)
    asked = []
    monkeypatch.setattr(SignInDialog, "sign_in",
                        classmethod(lambda cls, book, parent=None: asked.append(book) or False))
    win = signed_in_window(qtbot, staffed, "kasir")
    assert win.idle.active
    qtbot.waitUntil(lambda: win.tabs is None, timeout=3000)
    assert isinstance(win.centralWidget(), SignedOutPage)
    assert current_actor().role is None
    assert win.user_label.text() == "Not signed in"
    qtbot.waitUntil(lambda: asked == [staffed], timeout=3000)  # the sign-in is offered
    assert win.may_discard_entry()
    # signing in again from the page gives the window back, for whoever signed in
    monkeypatch.setattr(SignInDialog, "sign_in", classmethod(
        lambda cls, book, parent=None: set_actor(users.sign_in(book, "bendahara", PW)) or True))
    win.centralWidget().button.click()
    assert win.tabs is not None and win.entry_view in visible_pages(win)
    assert win.user_label.text() == "Signed in: bendahara (bendahara)"


def test_a_dialog_left_open_is_closed_before_signing_out(qtbot, monkeypatch, staffed):
    monkeypatch.setattr(SignInDialog, "sign_in", classmethod(lambda cls, book, parent=None: False))
    win = signed_in_window(qtbot, staffed, "kasir")
    left = QDialog(win.journal_view)
    left.setModal(True)
    left.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is left, timeout=2000)
    win.sign_out()
    assert win.tabs is not None and not left.isVisible()  # closed first
    qtbot.waitUntil(lambda: win.tabs is None, timeout=2000)
    assert isinstance(win.centralWidget(), SignedOutPage)


def test_activity_restarts_the_idle_clock(qtbot):
    watch = IdleWatch()
    watch.timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers round by 5 %
    watch.start(2_000)
    qtbot.wait(600)
    before = watch.timer.remainingTime()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(QApplication.instance(), move)
    assert watch.timer.remainingTime() > before + 300
    fired = []
    watch.idle.connect(lambda: fired.append(dt.datetime.now()))
    watch.start(50)
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    assert not watch.active
    watch.deleteLater()


def test_the_idle_time_is_the_books_setting(qtbot, staffed):
    admin = users.sign_in(staffed, "admin", PW)
    users.save_idle_minutes(staffed, admin, 5)
    assert Access(staffed, admin).idle_ms() == 5 * 60_000
    assert Access(staffed, admin).signed_in
    assert not Access(staffed, ACTOR).signed_in
