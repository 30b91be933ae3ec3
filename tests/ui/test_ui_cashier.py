"""The cashier screen driven from the keyboard, one member after another."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import rp
from kasir.savings import rules as savings_rules
from ledger import queries
from ui.dialogs.exit_dialog import ExitDialog
from ui.views.cashier_view import CashierView
from ui.widgets.dates import to_qdate

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def cashier(qtbot, members_book):
    view = CashierView(members_book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.day.setDate(to_qdate(DAY))
    view.search.setFocus()
    return view


def focused():
    return QApplication.focusWidget()


def keys(qtbot, text: str = "", key: Qt.Key | None = None) -> None:
    """Type where the cursor is, as the treasurer does."""
    if text:
        qtbot.keyClicks(focused(), text)
    if key is not None:
        qtbot.keyClick(focused(), key)


def posted_count(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def test_a_deposit_end_to_end_from_the_keyboard(qtbot, cashier, members_book, opened_files,
                                                papers_folder):
    assert focused() is cashier.search
    keys(qtbot, "siti")
    assert [r.number for r in cashier.matches.rows] == ["A-001", "A-010"]
    keys(qtbot, key=Qt.Key.Key_Return)            # the first match: Siti Aminah
    assert cashier.card.name.text() == "Siti Aminah"
    assert focused() is cashier.pad
    keys(qtbot, "s3")                             # Setor, 3 = Sukarela
    assert focused() is cashier.amount
    keys(qtbot, "250.000", Qt.Key.Key_Return)
    assert "0001/KW/XI/2026" in cashier.status.text()
    assert "0001/KW/XI/2026" in cashier.receipt_label.text()
    assert cashier.card.balance_text("sukarela") == "Rp250.000"
    with members_book.read_session() as s:
        assert savings_rules.balance(s, "A-001", "sukarela") == rp(250_000)
    assert focused() is cashier.search            # ready for the next member
    receipt = papers_folder / "Kuitansi" / "Kuitansi 0001-KW-XI-2026.pdf"
    assert receipt.read_bytes().startswith(b"%PDF")
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened_files == [receipt]


def test_an_exact_number_is_taken_at_once_even_among_longer_numbers(qtbot, cashier):
    keys(qtbot, "a-01")
    assert [r.number for r in cashier.matches.rows] == ["A-010", "A-011"]
    keys(qtbot, key=Qt.Key.Key_Down)
    keys(qtbot, key=Qt.Key.Key_Return)
    assert cashier.page.number == "A-011"
    cashier.clear()
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    assert cashier.page.name == "Siti Aminah"


def test_a_withdrawal_beyond_the_balance_is_refused_in_indonesian(qtbot, cashier, members_book):
    before = posted_count(members_book)
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "t3")                             # Tarik, Sukarela
    assert cashier.available.text() == "Saldo Sukarela: Rp40.000"
    keys(qtbot, "50.000", Qt.Key.Key_Return)
    assert cashier.status.kind == "error"
    assert cashier.status.text() == ("Penarikan Rp50.000 dari Simpanan Sukarela (Wadiah) milik "
                                     "A-002 melebihi saldonya Rp40.000.")
    assert posted_count(members_book) == before
    assert focused() is cashier.amount            # she corrects the amount and goes on
    keys(qtbot, key=Qt.Key.Key_Backspace)
    cashier.amount.selectAll()
    keys(qtbot, "40.000", Qt.Key.Key_Return)
    assert cashier.card.balance_text("sukarela") == "Rp0"


def test_capital_cannot_be_picked_for_a_withdrawal(qtbot, cashier, members_book):
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "t1")                             # Tarik, Pokok
    assert cashier.status.kind == "error"
    assert "hanya bisa dibayarkan saat anggota keluar" in cashier.status.text()
    assert focused() is cashier.pad and cashier.form.product is None


def test_enter_twice_posts_once(qtbot, cashier, members_book):
    before = posted_count(members_book)
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3", )
    keys(qtbot, "10.000")
    key, form = cashier.key, cashier.form
    assert cashier.post()
    assert posted_count(members_book) == before + 1
    # a second Enter with the same prepared operation (a slow laptop, a retry)
    cashier.key, cashier.form = key, form
    assert cashier.post()
    assert posted_count(members_book) == before + 1
    assert "0001/KW/XI/2026" in cashier.status.text()
    # and the keys themselves: Enter twice on the amount
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "5.000", Qt.Key.Key_Return)
    keys(qtbot, key=Qt.Key.Key_Return)
    assert posted_count(members_book) == before + 2
    with members_book.read_session() as s:
        assert savings_rules.balance(s, "A-001", "sukarela") == rp(15_000)


def test_wajib_arrears_are_offered_and_a_bad_amount_is_refused(qtbot, cashier, members_book):
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    # joined 5 October, Rp5.000 a week: 7 weeks due by 20 November, nothing paid
    assert "Rp35.000" in cashier.card.dues.text()
    keys(qtbot, "2")                              # a deposit is ready: 2 = Wajib
    assert cashier.amount.text() == "35.000" and cashier.amount.selectedText() == "35.000"
    keys(qtbot, "12.34", Qt.Key.Key_Return)
    assert "“12.34” bukan jumlah uang" in cashier.status.text()
    cashier.amount.selectAll()
    keys(qtbot, "35.000", Qt.Key.Key_Return)
    assert cashier.status.kind == "ok"
    assert "Simpanan wajib lunas" in cashier.card.dues.text()


def test_esc_clears_the_member_and_the_operation(qtbot, cashier):
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "1.000", Qt.Key.Key_Escape)
    assert cashier.page is None and cashier.amount.text() == ""
    assert focused() is cashier.search and cashier.search.text() == ""


def test_a_transfer_by_keys(qtbot, cashier, members_book):
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "p34")                            # Pindah buku, from Sukarela to Mudharabah
    assert focused() is cashier.amount
    keys(qtbot, "15.000", Qt.Key.Key_Return)
    assert cashier.status.kind == "ok"
    assert cashier.card.balance_text("mudharabah") == "Rp15.000"
    assert cashier.card.balance_text("sukarela") == "Rp25.000"


def test_an_exit_shows_every_balance_and_pays_them_out(qtbot, cashier, members_book,
                                                        monkeypatch):
    asked = []

    def ask(cls, page, day, parent=None):  # noqa: ANN001, ANN202
        dialog = ExitDialog(page, day, parent)
        asked.append(dialog.total.text())
        return "cash"

    monkeypatch.setattr(ExitDialog, "ask", classmethod(ask))
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "k", Qt.Key.Key_Return)           # Keluar, Enter: confirm
    assert asked == ["Rp90.000"]
    assert cashier.status.kind == "ok" and "0001/KW/XI/2026" in cashier.status.text()
    assert "Keluar" in cashier.card.facts.text()
    with members_book.read_session() as s:
        assert savings_rules.balances(s, "A-002") == {p: rp(0) for p in
                                                  ("pokok", "wajib", "sukarela", "mudharabah")}
    keys(qtbot, "A-002", Qt.Key.Key_Return)       # she has left: nothing more can be done
    assert not cashier.pad.isEnabled() and cashier.status.kind == "error"


def test_a_cancelled_exit_changes_nothing(qtbot, cashier, members_book, monkeypatch):
    monkeypatch.setattr(ExitDialog, "ask", classmethod(lambda cls, *a: None))
    before = posted_count(members_book)
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "k", Qt.Key.Key_Return)
    assert posted_count(members_book) == before
    assert cashier.page.active


def test_a_member_who_owes_financing_cannot_leave(qtbot, cashier, members_book, monkeypatch):
    from factories import simple_entry
    from ledger import posting

    # a murabahah sale, as the financing service will post it (its own operation)
    members_book.run(lambda s: posting.post(s, simple_entry(
        dt.date(2026, 11, 2), "1301", "1101", 600_000, "Murabahah kambing A-002",
        party="A-002", operation="murabahah_contract")))
    shown = []

    def ask(cls, page, day, parent=None):  # noqa: ANN001, ANN202
        shown.append(page.detail.financing_outstanding)
        return "cash"

    monkeypatch.setattr(ExitDialog, "ask", classmethod(ask))
    before = posted_count(members_book)
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    assert "Pembiayaan belum lunas: Rp600.000" in cashier.card.dues.text()
    keys(qtbot, "k", Qt.Key.Key_Return)
    assert shown == [rp(600_000)]
    assert cashier.status.kind == "error"
    assert "masih" in cashier.status.text() and "Rp600.000" in cashier.status.text()
    assert posted_count(members_book) == before and cashier.page.active


def test_her_card_shows_while_typing_and_a_new_search_starts_the_next_member(qtbot, cashier):
    keys(qtbot, "siti")
    assert cashier.card.name.text() == "Siti Aminah" and cashier.page is None
    assert not cashier.pad.isEnabled() and focused() is cashier.search
    keys(qtbot, key=Qt.Key.Key_Down)
    assert cashier.card.name.text() == "Siti Rohmah"
    keys(qtbot, key=Qt.Key.Key_Return)
    assert cashier.page.number == "A-010" and focused() is cashier.pad
    keys(qtbot, "s3")
    keys(qtbot, "1.000")
    keys(qtbot, key=Qt.Key.Key_F2)                # back to the search, its text selected
    assert focused() is cashier.search
    keys(qtbot, "nur")                            # the next member: the prepared one is gone
    assert cashier.page is None and cashier.form.product is None
    assert cashier.card.name.text() == "Nur Hasanah"
    assert not cashier.post()
