"""Settings: the cooperative, groups, savings products (the mudharabah nisbah)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kasir.book import cooperative
from kasir.members import service as members
from kasir.savings import service as savings
from ui.dialogs.settings_dialogs import GroupDialog, ProductDialog
from ui.main_window import MainWindow
from ui.views.settings_view import SettingsView


@pytest.fixture
def settings(qtbot, members_book):
    view = SettingsView(members_book)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def select(table, row: int) -> None:
    table.setCurrentIndex(table.model().index(row, 0))


def test_the_mudharabah_nisbah_is_changed(qtbot, settings, members_book, monkeypatch):
    def ask(cls, product, save, parent=None):  # noqa: ANN001, ANN202
        dialog = ProductDialog(product, save, parent)
        qtbot.addWidget(dialog)
        assert dialog.nisbah.isEnabled() and dialog.nisbah.text() == "30"
        dialog.nisbah.setText("abc")
        assert not dialog.try_accept()
        assert dialog.status.text() == "“abc” bukan persentase; ketik seperti 30 atau 27,5."
        dialog.nisbah.clear()
        qtbot.keyClicks(dialog.nisbah, "32,5")
        assert dialog.try_accept()
        return dialog.saved

    monkeypatch.setattr(ProductDialog, "ask", classmethod(ask))
    select(settings.products_table, 3)
    assert settings.edit_product()
    assert {p.code: p for p in savings.products(members_book)}["mudharabah"].nisbah_percent == "32.5"
    assert settings.products_table.model().index(3, 4).data() == "32,5 %"
    assert settings.status.text() == "Produk simpanan sudah disimpan."


def test_other_products_have_no_nisbah(qtbot, members_book):
    product = {p.code: p for p in savings.products(members_book)}["sukarela"]
    dialog = ProductDialog(product, lambda change: None)
    qtbot.addWidget(dialog)
    assert not dialog.nisbah.isEnabled()
    dialog.amount.setText("10.000")
    assert dialog.try_accept() and dialog.saved[1].plain() == "10000"


def test_groups_are_added_and_changed(qtbot, settings, members_book, monkeypatch):
    def add(cls, save, initial=None, parent=None):  # noqa: ANN001, ANN202
        dialog = GroupDialog(save, initial, parent)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.code, "K01")
        qtbot.keyClicks(dialog.name, "Anggrek")
        assert not dialog.try_accept() and dialog.status.text() == "Kelompok K01 sudah ada."
        dialog.code.setText("K03")
        dialog.day.setCurrentIndex(dialog.day.findData(4))  # Jumat
        assert dialog.try_accept()
        return dialog.saved

    monkeypatch.setattr(GroupDialog, "ask", classmethod(add))
    assert settings.new_group()
    rows = {g.code: g for g in settings.groups.rows}
    assert rows["K03"].name == "Anggrek" and rows["K03"].meeting_weekday == 4
    assert settings.groups_table.model().index(2, 3).data() == "Jumat"

    def change(cls, save, initial=None, parent=None):  # noqa: ANN001, ANN202
        dialog = GroupDialog(save, initial, parent)
        qtbot.addWidget(dialog)
        assert dialog.code.isReadOnly() and dialog.name.text() == "Mawar"
        dialog.facilitator.setText("Bu Yanti")
        assert dialog.try_accept()
        return dialog.saved

    monkeypatch.setattr(GroupDialog, "ask", classmethod(change))
    select(settings.groups_table, 0)
    assert settings.edit_group()
    assert members.groups(members_book)[0].facilitator == "Bu Yanti"


def test_the_cooperatives_details_are_saved_and_retitle_the_window(qtbot, members_book):
    window = MainWindow(members_book)
    qtbot.addWidget(window)
    view = window.settings_view
    view.coop_name.setText("KSPPS Maju Bersama")
    view.coop_place.setText("Lebak")
    view.coop_treasurer.setText("Ibu Ratna")
    qtbot.mouseClick(view.save_coop_button, Qt.MouseButton.LeftButton)
    assert cooperative.cooperative(members_book).place == "Lebak"
    assert window.windowTitle() == "KSPPS Maju Bersama — Kasir"
    view.coop_name.clear()
    assert not view.save_coop()
    assert view.status.text() == "Koperasi perlu nama."
