"""The member register, the member page and the new member dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import ACTOR
from kasir.members import service as members
from kasir.numbers import format_rupiah
from kasir.savings import service as savings
from ui.dialogs.member_dialog import MemberDialog
from ui.presenters.members_presenter import MembersPresenter
from ui.views.members_view import MembersView


@pytest.fixture
def register(qtbot, members_book):
    view = MembersView(members_book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.find.setFocus()
    return view


def numbers(view: MembersView) -> list[str]:
    return [r.number for r in view.model.rows]


def test_the_search_narrows_as_she_types(qtbot, register):
    assert len(numbers(register)) == 4 and register.count.text() == "4 anggota"
    qtbot.keyClicks(register.find, "s")
    assert numbers(register) == ["A-001", "A-002", "A-010", "A-011"]  # Hasanah, Suryani...
    qtbot.keyClicks(register.find, "iti")
    assert numbers(register) == ["A-001", "A-010"]
    qtbot.keyClicks(register.find, " r")
    assert numbers(register) == ["A-010"]
    register.find.clear()
    register.group.setCurrentIndex(register.group.findData("K02"))
    assert numbers(register) == ["A-010", "A-011"]


def test_enter_opens_her_page_with_accounts_and_history_and_esc_comes_back(
        qtbot, register, opened_files, papers_folder):
    qtbot.keyClicks(register.find, "nur")
    qtbot.keyClick(register.find, Qt.Key.Key_Return)
    page = register.member_page
    assert register.currentWidget() is page
    assert page.card.name.text() == "Nur Hasanah"
    assert [a.product for a in page.accounts.rows] == ["pokok", "wajib", "sukarela",
                                                       "mudharabah"]
    assert page.current_product() == "pokok"  # the account she holds most in
    page.accounts_table.setCurrentIndex(page.accounts.index(2, 0))
    assert [(r.code, r.balance.plain()) for r in page.history_model.rows] == [("SS", "40000")]
    assert "Rp40.000" in page.history_title.text()
    arrears = savings.member_page(register.book, "A-002").arrears  # as of today
    assert f"tunggakan {format_rupiah(arrears)}" in page.detail_labels["due"].text()
    page.size.setCurrentIndex(page.size.findData("A4"))
    qtbot.keyClick(page.accounts_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened_files == [papers_folder / "Buku Simpanan" /
                            "Buku simpanan A-002 sukarela A4.pdf"]
    assert opened_files[0].read_bytes().startswith(b"%PDF")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert register.currentWidget() is register.list_page


def fill(dialog: MemberDialog, qtbot, **typed: str) -> None:
    for name, text in typed.items():
        field = getattr(dialog, name)
        field.clear()
        qtbot.keyClicks(field, text)


def test_a_new_member_through_the_dialog(qtbot, register, members_book, monkeypatch):
    shown: list[MemberDialog] = []

    def ask(cls, groups, save, initial=None, editing=False, parent=None):  # noqa: ANN001, ANN202
        dialog = MemberDialog(groups, save, initial, editing, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        assert dialog.number.text() == "A-012"  # the next number, suggested
        fill(dialog, qtbot, number="A-001", name="Euis Komariah", nik="3602011234567890",
             village="Cibeber", wajib="5.000")
        dialog.group.setCurrentIndex(dialog.group.findData("K02"))
        dialog.gender.setCurrentIndex(dialog.gender.findData("P"))
        assert not dialog.try_accept()          # the number is taken: said in the dialog
        assert dialog.status.text() == "Nomor anggota A-001 sudah dipakai."
        fill(dialog, qtbot, number="A-012")
        assert dialog.try_accept()
        return dialog.saved

    monkeypatch.setattr(MemberDialog, "ask", classmethod(ask))
    qtbot.keyClick(register.find, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert shown
    assert numbers(register) == ["A-012"]
    assert register.status.text() == "Euis Komariah (A-012) sudah ditambahkan."
    d = savings.member_page(members_book, "A-012").detail
    assert (d.name, d.group_code, d.nik, d.gender, d.wajib_amount.plain()) == (
        "Euis Komariah", "K02", "3602011234567890", "P", "5000")


def test_a_bad_nik_or_amount_keeps_the_dialog_open(qtbot, members_book):
    register = MembersPresenter(members_book, ACTOR)
    dialog = MemberDialog(members.groups(members_book), register.create, register.suggestion())
    qtbot.addWidget(dialog)
    fill(dialog, qtbot, number="A-020", name="Imas", nik="123")
    assert not dialog.try_accept()
    assert dialog.status.text() == "NIK harus 16 angka."
    fill(dialog, qtbot, nik="", wajib="5,5,5")
    assert not dialog.try_accept() and "bukan jumlah uang" in dialog.status.text()
    assert members.find_members(members_book, "Imas") == []


def test_changing_her_details_from_her_page(qtbot, register, members_book, monkeypatch):
    def ask(cls, groups, save, initial=None, editing=False, parent=None):  # noqa: ANN001, ANN202
        dialog = MemberDialog(groups, save, initial, editing, parent)
        qtbot.addWidget(dialog)
        assert dialog.number.isReadOnly() and dialog.name.text() == "Siti Aminah"
        fill(dialog, qtbot, phone="081234567890")
        assert dialog.try_accept()
        return dialog.saved

    monkeypatch.setattr(MemberDialog, "ask", classmethod(ask))
    register.open_member("A-001")
    assert register.member_page.edit()
    assert register.member_page.detail_labels["phone"].text() == "081234567890"
    assert savings.member_page(members_book, "A-001").detail.joined == dt.date(2026, 10, 5)


def test_a_share_waiting_for_a_member_who_left_is_paid_from_her_page(qtbot, book, monkeypatch):
    from factories import worked_example_month
    from kasir.clock import FixedClock
    from kasir.profit_share import service as profit_share
    from kasir.savings import service as savings_service
    from ui.views import member_page_view
    from ui.views.member_page_view import MemberPageView

    book.run(worked_example_month)
    savings_service.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    savings_service.exit_member(book, ACTOR, "A", dt.date(2026, 11, 25))
    profit_share.post(book, ACTOR, 2026, 11)
    book.clock = FixedClock(dt.date(2026, 12, 2))
    view = MemberPageView(book)
    qtbot.addWidget(view)
    assert view.show_member("A")
    assert view.share_button.isVisibleTo(view)
    assert "Rp" in view.share_button.text()
    asked = []
    monkeypatch.setattr(member_page_view, "confirm", lambda *a: asked.append(a[2]) or True)
    assert view.pay_out_share()
    assert asked and view.status.kind == "ok" and "0005/KW/XII/2026" in view.status.text()
    assert not view.share_button.isVisibleTo(view)
    assert profit_share.owed(book, "A").sen == 0
