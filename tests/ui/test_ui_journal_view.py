"""The journal list: newest first, lines of the selected entry, reversal with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from ledger.money import Money
from ui.dialogs.reverse_dialog import ReverseDialog
from ui.views.journal_view import JournalView

DAY = dt.date(2026, 11, 2)


def post(book, memo: str, amount: int = 10_000) -> int:
    lines = [LineInput("1101", debit=Money.rupiah(amount)),
             LineInput("4201", credit=Money.rupiah(amount))]
    return journal.post_entry(book, ACTOR, DAY, memo, lines).id


@pytest.fixture
def view(qtbot, book):
    post(book, "Pertama")
    post(book, "Kedua", 25_000)
    widget = JournalView(book)
    qtbot.addWidget(widget)
    return widget


def answer(monkeypatch, reply):
    monkeypatch.setattr(ReverseDialog, "ask", classmethod(lambda cls, *a, **k: reply))


def test_newest_first_with_the_lines_of_the_selected_entry(view):
    assert [r.memo for r in view.model.rows] == ["Kedua", "Pertama"]
    assert view.model.index(0, 3).data() == "25.000"
    assert view.selected().memo == "Kedua"
    assert [(ln.line.account_code, view.lines_model.index(i, 3).data(),
             view.lines_model.index(i, 4).data())
            for i, ln in enumerate(view.lines_model.rows)] == [("1101", "25.000", ""),
                                                               ("4201", "", "25.000")]


def test_reversal_through_the_dialog_seam_is_posted_and_shown(view, book, monkeypatch):
    view.select_entry(view.model.rows[1].id)  # "Pertama", 2026/000001
    answer(monkeypatch, ("Salah akun", DAY))
    assert view.reverse_selected()
    assert view.status.text() == "Entri 2026/000001 sudah dibalik dengan entri 2026/000003."
    first = next(r for r in view.model.rows if r.label == "2026/000001")
    column = next(i for i, c in enumerate(view.model.columns) if c.title == "Reversed by")
    row = view.model.rows.index(first)
    assert view.model.index(row, column).data() == "2026/000003"
    assert "dibalik oleh 2026/000003" in view.lines_title.text()
    assert view.model.rows[0].reverses == "2026/000001"


def test_reversing_twice_is_refused_with_the_message(view, monkeypatch):
    answer(monkeypatch, ("Salah", DAY))
    view.select_entry(view.model.rows[0].id)
    assert view.reverse_selected()
    view.select_entry(next(r.id for r in view.model.rows if r.memo == "Kedua"))
    assert not view.reverse_selected()
    assert view.status.text() == "Entri 2026/000002 sudah pernah dibalik."


def test_cancelling_the_dialog_changes_nothing(view, book, monkeypatch):
    answer(monkeypatch, None)
    assert not view.reverse_selected()
    assert len(journal.journal(book)) == 2


def test_a_big_journal_is_fetched_a_page_at_a_time(qtbot, book):
    for n in range(7):
        post(book, f"Entri {n}")
    widget = JournalView(book)
    qtbot.addWidget(widget)
    widget.model.page = 3
    widget.refresh()
    assert widget.model.rowCount() == 3 and widget.model.canFetchMore()
    assert "3 entri terbaru ditampilkan" in widget.count_label.text()
    widget.model.fetchMore()
    widget.model.fetchMore()
    assert widget.model.rowCount() == 7 and not widget.model.canFetchMore()
    assert widget.count_label.text() == "7 entri"
