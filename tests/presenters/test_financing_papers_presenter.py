"""The financing papers from the presenters (akad summary, installment card, collection
sheet, portfolio quality), the allowance (PPAP) formed from the window, and the group
meeting posted once under its key."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR
from financing_books import signed
from kasir.clock import FixedClock
from kasir.financing import service as financing
from kasir.meetings import service as meetings
from kasir.receipts import service as receipts
from kasir.users import service as users
from ledger.errors import LedgerError
from meeting_books import GROUP, MEETING, build_meeting_book
from ui.presenters.contracts_presenter import ContractsPresenter
from ui.presenters.meeting_presenter import INSTALLMENT, SAVINGS, MeetingPresenter
from ui.presenters.outcome import Outcome
from ui.presenters.portfolio_presenter import Allowance, PortfolioPresenter

PW = "sandi-rahasia"
LATE = dt.date(2026, 5, 20)  # Bu Siti has paid nothing since the akad of 5 January


def is_pdf(path) -> bool:  # noqa: ANN001
    return path.is_file() and path.read_bytes()[:5] == b"%PDF-"


def test_the_akad_summary_and_the_installment_card(members_book, tmp_path):
    n = signed(members_book)
    members_book.clock = FixedClock(LATE)
    p = ContractsPresenter(members_book, ACTOR, lambda _p: True)
    assert isinstance(p.akad_paper(tmp_path), Outcome)  # no contract shown yet
    assert not p.can_print()
    p.load()
    assert p.show(n) is None and p.can_print()
    akad, card = p.akad_paper(tmp_path), p.card_paper(tmp_path)
    assert akad == tmp_path / "Pembiayaan" / f"Ringkasan akad {n}.pdf" and is_pdf(akad)
    assert card == tmp_path / "Pembiayaan" / f"Kartu angsuran {n} 2026-05-20.pdf"
    assert is_pdf(card)


def test_a_paper_that_cannot_be_written_is_said(members_book, tmp_path):
    n = signed(members_book)
    p = ContractsPresenter(members_book, ACTOR, lambda _p: True)
    p.show(n)
    blocker = tmp_path / "berkas"
    blocker.write_text("not a folder")
    outcome = p.akad_paper(blocker)
    assert isinstance(outcome, Outcome) and outcome.kind == "error"


def test_the_allowance_shown_then_posted(members_book, tmp_path):
    signed(members_book)
    members_book.clock = FixedClock(LATE)
    p = PortfolioPresenter(members_book, ACTOR)
    assert p.default_day() == dt.date(2026, 4, 30)  # the end of the month before
    day = p.default_day()
    quality = financing.portfolio_quality(members_book, day)
    shown = p.allowance(day)
    assert isinstance(shown, Allowance)
    assert (shown.required, shown.formed) == (quality.required, quality.formed)
    assert shown.required.is_positive() and shown.to_post == quality.required
    assert "Rp" in dict(shown.lines())["Akan diposting"]
    outcome = p.post_allowance(day)
    assert outcome.ok, outcome.text
    after = financing.portfolio_quality(members_book, day)
    assert after.formed == quality.required  # the PPAP formed is the PPAP required
    again = p.post_allowance(day)
    assert again.kind == "hint"  # nothing left to post
    paper = p.paper(tmp_path, day)
    assert paper == tmp_path / "Pembiayaan" / "Kualitas pembiayaan 2026-04-30.pdf"
    assert is_pdf(paper)


def test_the_allowance_is_refused_without_the_financing_permission(members_book):
    signed(members_book)
    members_book.clock = FixedClock(LATE)
    users.add_user(members_book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(members_book, "admin", PW)
    users.add_user(members_book, admin, "kasir", "kasir", PW)
    cashier = users.sign_in(members_book, "kasir", PW)
    outcome = PortfolioPresenter(members_book, cashier).post_allowance(dt.date(2026, 4, 30))
    assert outcome.kind == "error"
    assert not financing.portfolio_quality(members_book, dt.date(2026, 4, 30)).formed


@pytest.fixture
def meeting(book):
    build_meeting_book(book)
    p = MeetingPresenter(book, ACTOR)
    assert p.load(GROUP, MEETING) is None
    return p


def test_the_blank_collection_sheet_of_the_meeting(meeting, tmp_path):
    path = meeting.collection_sheet(tmp_path)
    assert path == tmp_path / "Lembar Kolektif" / f"Lembar kolektif {GROUP} 2026-01-19.pdf"
    assert is_pdf(path)
    meeting.load("", MEETING)
    assert isinstance(meeting.collection_sheet(tmp_path), Outcome)


def test_what_was_typed_is_known(meeting):
    assert not meeting.typed()
    meeting.edit(0, SAVINGS, "5.000")
    assert meeting.typed()
    meeting.load()
    assert not meeting.typed()
    meeting.edit_cash("1")
    assert meeting.typed()


def test_a_meeting_posted_once_under_its_key(meeting, book, monkeypatch):
    """The posting went through but its answer was lost: posting again with the same
    key answers the first posting, and nothing is paid twice."""
    key = meeting.key
    meeting.edit(0, SAVINGS, "5.000")
    meeting.edit(0, INSTALLMENT, "110.000")
    meeting.edit_cash("115.000")
    real = meetings.post_meeting
    keys = []

    def lost_answer(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        keys.append(kwargs.get("key"))
        real(*args, **kwargs)
        raise LedgerError("The connection was lost.")

    monkeypatch.setattr(meetings, "post_meeting", lost_answer)
    assert meeting.post().kind == "error"
    assert meeting.key == key and meeting.typed()  # the grid and its key are kept
    monkeypatch.setattr(meetings, "post_meeting", real)
    outcome = meeting.post()
    assert outcome.ok and "sudah diposting" in outcome.text
    assert keys == [key]
    assert len(receipts.receipts(book, MEETING, MEETING)) == 2  # one deposit, one installment
    assert meeting.key != key  # the sheet read again: the next meeting posts anew
