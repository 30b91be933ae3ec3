"""The auditor's screen in the window: every change, newest first, filtered on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from factories import ACTOR
from kasir import i18n
from kasir.members import service as members
from kasir.members.rules import GroupInput
from kasir.users import service as users
from ui.main_window import MainWindow
from ui.user import set_actor
from ui.views.audit_view import AuditView

PW = "sandi-rahasia"


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


def cells(view: AuditView, column: int) -> list[str]:
    model = view.model
    return [model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole)
            for r in range(model.rowCount())]


def test_the_pengawas_reads_the_trail_and_filters_it(qtbot, book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    users.add_user(book, admin, "pak-audit", "pengawas", PW)
    with pytest.raises(users.SignInRefused):
        users.sign_in(book, "pak-audit", "salah")
    auditor = users.sign_in(book, "pak-audit", PW)
    set_actor(auditor)
    win = MainWindow(book)
    qtbot.addWidget(win)
    page = win.audit_view
    assert win.tabs.isTabVisible(win.tabs.indexOf(page))  # everyone may read it
    win.show_page(win.tabs.indexOf(page))
    assert cells(page, 2)[:3] == ["pak-audit", "pak-audit", "admin"]  # newest first
    assert cells(page, 4)[:3] == ["signed in", "refused", "added"]
    page.user.setCurrentIndex(page.user.findData("admin"))
    assert set(cells(page, 2)) == {"admin"}
    assert "user pak-audit" in cells(page, 5)
    assert "password_hash" not in " ".join(cells(page, 6))  # never shown
    page.user.setCurrentIndex(0)
    page.words.setText("salah-tidak-ada")
    page.refresh_button.click()
    assert page.count.text() == "0 changes" and page.model.rowCount() == 0


def test_a_change_made_meanwhile_appears_when_the_page_is_shown_again(qtbot, book):
    win = MainWindow(book)
    qtbot.addWidget(win)
    win.show_page(win.tabs.indexOf(win.audit_view))
    before = win.audit_view.model.rowCount()
    members.create_group(book, ACTOR, GroupInput("K09", "Kelompok Sembilan"))
    win.show_page(win.tabs.indexOf(win.settings_view))
    win.show_page(win.tabs.indexOf(win.audit_view))
    assert win.audit_view.model.rowCount() == before + 1
    assert "group" in [win.audit_view.table.itemText(i)
                       for i in range(win.audit_view.table.count())]
