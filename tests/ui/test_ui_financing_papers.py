"""The financing papers printed from the window (akad summary, installment card,
portfolio quality, the meeting's blank collection sheet), the PPAP formed from the
financing page, and the meeting grid kept when another group or day is chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from factories import ACTOR
from kasir.clock import FixedClock
from kasir.financing import service as financing
from kasir.members import rules as member_rules
from kasir.users import service as users
from meeting_books import GROUP, MEETING, build_meeting_book
from ui.dialogs.allowance_dialog import AllowanceDialog
from ui.main_window import MainWindow
from ui.presenters.portfolio_presenter import PortfolioPresenter
from ui.user import current_actor, set_actor
from ui.views import meeting_view
from ui.views.financing_view import FinancingView
from ui.views.meeting_view import MeetingView

LATE = dt.date(2026, 3, 2)  # six weeks after the first installments: all in arrears
PW = "sandi-rahasia"


def is_pdf(path) -> bool:  # noqa: ANN001
    return path.is_file() and path.read_bytes()[:5] == b"%PDF-"


@pytest.fixture
def contracts(book):
    found = build_meeting_book(book)
    book.clock = FixedClock(LATE)
    return found


@pytest.fixture
def financing_view(qtbot, book, contracts):
    view = FinancingView(book)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_contracts_papers_are_written_and_opened(qtbot, financing_view, contracts,
                                                     papers_folder, opened_files):
    view = financing_view
    number = contracts["M-06"][0]
    view.show_contract(number)
    assert view.page.akad_button.isEnabled() and view.page.card_button.isEnabled()
    view.page.akad_button.click()
    akad = papers_folder / "Pembiayaan" / f"Ringkasan akad {number}.pdf"
    assert opened_files == [akad] and is_pdf(akad)
    assert view.page.status.kind == "ok" and str(akad) in view.page.status.text()
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    card = papers_folder / "Pembiayaan" / f"Kartu angsuran {number} 2026-03-02.pdf"
    assert opened_files[-1] == card and is_pdf(card)


def test_the_portfolio_quality_paper(qtbot, financing_view, papers_folder, opened_files):
    financing_view.list.setFocus()
    qtbot.keyClick(financing_view.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    paper = papers_folder / "Pembiayaan" / "Kualitas pembiayaan 2026-03-02.pdf"
    assert opened_files == [paper] and is_pdf(paper)


def test_the_ppap_dialog_shows_what_is_required_on_the_day(qtbot, book, contracts):
    presenter = PortfolioPresenter(book, current_actor())
    dialog = AllowanceDialog(presenter)
    qtbot.addWidget(dialog)
    assert dialog.day.day() == dt.date(2026, 2, 28)  # the end of the month before
    quality = financing.portfolio_quality(book, dt.date(2026, 2, 28))
    assert dialog.allowance is not None and dialog.allowance.required == quality.required
    assert dialog.post_button.isEnabled()
    dialog.day.setText("31/13/2026")  # no day: nothing to post on
    assert dialog.allowance is None and not dialog.post_button.isEnabled()
    assert dialog.status.kind == "error"
    dialog.day.setText("02/03/2026")
    assert dialog.answer() == LATE


def test_the_ppap_is_posted_from_the_financing_page(qtbot, financing_view, book,
                                                    monkeypatch):
    day = dt.date(2026, 2, 28)
    required = financing.portfolio_quality(book, day).required
    assert required.is_positive()
    monkeypatch.setattr(AllowanceDialog, "ask", classmethod(lambda cls, p, parent=None: day))
    with qtbot.waitSignal(financing_view.posted, timeout=1000):
        financing_view.allowance_button.click()
    assert financing_view.page.status.kind == "ok"
    assert financing.portfolio_quality(book, day).formed == required


def test_the_ppap_is_not_offered_to_a_cashier(qtbot, book, contracts):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    for name in ("bendahara", "kasir"):
        users.add_user(book, admin, name, name, PW)
    for name, hidden in (("kasir", True), ("bendahara", False)):
        set_actor(users.sign_in(book, name, PW))
        win = MainWindow(book)
        qtbot.addWidget(win)
        assert win.financing_view.allowance_button.isHidden() is hidden
        assert not win.financing_view.portfolio_button.isHidden()  # reading is everyone's


@pytest.fixture
def meeting(qtbot, book):
    build_meeting_book(book)
    book.run(lambda s: member_rules.add_group(s, member_rules.GroupInput(
        "K08", "Melati", "Sukamaju", 0, "Bu Ratna")))
    view = MeetingView(book)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    qtbot.waitExposed(view)
    view.group.setCurrentIndex(view.group.findData(GROUP))
    assert view.group.currentData() == GROUP and view.day.day() == MEETING
    return view


def test_the_blank_collection_sheet_is_printed_before_the_meeting(qtbot, meeting,
                                                                   papers_folder,
                                                                   opened_files):
    meeting.grid.setFocus()
    qtbot.keyClick(meeting.grid, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    sheet = papers_folder / "Lembar Kolektif" / f"Lembar kolektif {GROUP} 2026-01-19.pdf"
    assert opened_files == [sheet] and is_pdf(sheet)
    assert meeting.status.kind == "ok"


def test_another_group_asks_before_the_typed_grid_is_lost(qtbot, meeting, monkeypatch):
    asked = []
    answer = False
    monkeypatch.setattr(meeting_view, "confirm",
                        lambda *a, **k: asked.append(a[1]) or answer)
    meeting.group.setCurrentIndex(meeting.group.findData("K08"))  # nothing typed: no question
    assert asked == [] and meeting.presenter.group == "K08"
    meeting.group.setCurrentIndex(meeting.group.findData(GROUP))
    meeting.fill_expected()
    typed = meeting.presenter.totals().total
    meeting.group.setCurrentIndex(meeting.group.findData("K08"))  # "Keep them"
    assert len(asked) == 1
    assert meeting.group.currentData() == GROUP and meeting.presenter.group == GROUP
    assert meeting.presenter.totals().total == typed
    meeting.day.setDate(meeting.day.date().addDays(7))  # another day, not typed over
    assert len(asked) == 2 and meeting.day.day() == MEETING
    assert meeting.presenter.totals().total == typed
    answer = True  # "Clear them"
    meeting.group.setCurrentIndex(meeting.group.findData("K08"))
    assert len(asked) == 3 and meeting.presenter.group == "K08"
    assert not meeting.presenter.typed()


def test_a_day_typed_over_the_grid_is_asked_once_typed(qtbot, meeting, monkeypatch):
    asked = []
    monkeypatch.setattr(meeting_view, "confirm", lambda *a, **k: asked.append(a[1]) or False)
    meeting.fill_expected()
    meeting.day.setFocus()
    meeting.day.selectAll()
    qtbot.keyClicks(meeting.day, "26012026")  # each digit may make a real day: no question
    assert asked == []
    assert not meeting.post()  # never posted on the day the sheet was not read for
    assert len(asked) == 1 and meeting.day.day() == MEETING
    assert meeting.presenter.typed()
