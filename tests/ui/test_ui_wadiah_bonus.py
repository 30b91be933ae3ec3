"""The board's bonus on wadiah savings typed and posted from the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from factories import ACTOR, rp
from kasir.clock import FixedClock
from kasir.savings import rules as savings_rules
from ledger import queries
from ui.views.wadiah_bonus_view import WadiahBonusView

TODAY = dt.date(2026, 11, 28)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def bonus_book(members_book):
    """A-002 keeps 40.000 sukarela (conftest), A-010 25.000; A-001 and A-011 none."""
    members_book.run(lambda s: savings_rules.deposit(s, ACTOR, "A-010", "sukarela", rp(25_000),
                                                day=dt.date(2026, 11, 2), receipt=False))
    return members_book


@pytest.fixture
def screen(qtbot, bonus_book):
    bonus_book.clock = FixedClock(TODAY)  # the book's today
    view = WadiahBonusView(bonus_book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def focused():
    return QApplication.focusWidget()


def keys(qtbot, text: str = "", key: Qt.Key | None = None,
         mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    assert focused() is not None, "no widget has the keyboard focus"
    if text:
        qtbot.keyClicks(focused(), text)
    if key is not None:
        qtbot.keyClick(focused(), key, mods)


def posted(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def test_a_decision_and_two_bonuses_typed_and_posted(qtbot, screen, bonus_book):
    assert "bukan bunga" in screen.findChild(QLabel, "wadiahBonusIntro").text()
    assert [(h.number, h.balance) for h in screen.holders] == [("A-002", rp(40_000)),
                                                                ("A-010", rp(25_000))]
    assert screen.table.item(0, 2).text() == "40.000"
    assert focused() is screen.decision                       # the cursor waits there
    keys(qtbot, "SK 03/PENGURUS/XI/2026", Qt.Key.Key_Return)
    assert focused() is screen.date
    keys(qtbot, key=Qt.Key.Key_Return)                        # the date stays today's
    assert focused() is screen.fields["A-002"]
    keys(qtbot, "2.500", Qt.Key.Key_Return)                   # Enter: the next member
    assert focused() is screen.fields["A-010"]
    keys(qtbot, "1.000")
    assert screen.total.text() == "Jumlah bonus: Rp3.500 untuk 2 anggota"
    before = posted(bonus_book)
    keys(qtbot, key=Qt.Key.Key_Return, mods=CTRL)             # Posting
    assert screen.status.kind == "ok", screen.status.text()
    assert screen.status.text().startswith(
        "Bonus wadiah sesuai keputusan SK 03/PENGURUS/XI/2026 sudah diposting: entri ")
    assert screen.status.text().endswith("Rp3.500 untuk 2 anggota.")
    assert posted(bonus_book) == before + 1
    with bonus_book.read_session() as s:
        assert savings_rules.balance(s, "A-002", "sukarela") == rp(42_500)
        assert savings_rules.balance(s, "A-010", "sukarela") == rp(26_000)
        assert queries.balance(s, "6102") == rp(3_500)
    # the page is ready for the next decision, with the new balances
    assert screen.decision.text() == "" and screen.typed() == {"A-002": "", "A-010": ""}
    assert screen.table.item(0, 2).text() == "42.500"
    keys(qtbot, key=Qt.Key.Key_Return, mods=CTRL)             # a double Ctrl+Enter
    assert screen.status.kind == "error" and posted(bonus_book) == before + 1


def test_no_decision_is_refused_and_nothing_posted(qtbot, screen, bonus_book):
    screen.fields["A-002"].setFocus()
    keys(qtbot, "5.000")
    before = posted(bonus_book)
    keys(qtbot, key=Qt.Key.Key_Return, mods=CTRL)
    assert screen.status.kind == "error"
    assert screen.status.text() == "Bonus wadiah memerlukan keputusan pengurus yang dijalankannya."
    assert focused() is screen.decision
    assert posted(bonus_book) == before
    with bonus_book.read_session() as s:
        assert savings_rules.balance(s, "A-002", "sukarela") == rp(40_000)
        assert queries.balance(s, "6102") == rp(0)


def test_an_amount_that_cannot_be_read_is_refused(qtbot, screen, bonus_book):
    keys(qtbot, "SK 04/PENGURUS/XI/2026", Qt.Key.Key_Tab)
    keys(qtbot, key=Qt.Key.Key_Return)
    keys(qtbot, "2.500", Qt.Key.Key_Tab)
    assert focused() is screen.fields["A-010"]
    keys(qtbot, "12.34")
    assert screen.total.text() == "Jumlah bonus: Rp2.500 untuk 1 anggota"
    assert screen.fields["A-010"].styleSheet()                # marked
    before = posted(bonus_book)
    keys(qtbot, key=Qt.Key.Key_Return, mods=CTRL)
    assert screen.status.kind == "error"
    assert screen.status.text().startswith("Bonus A-010 tidak bisa dibaca: “12.34” bukan")
    assert focused() is screen.fields["A-010"]
    assert posted(bonus_book) == before

