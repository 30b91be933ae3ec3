"""The manual entry page's calls, without Qt: the book's choices, the status line, posting
once with the form's key, and every refusal said with nothing posted."""

from __future__ import annotations

from factories import ACTOR, rp
from kasir.i18n import message
from kasir.journal import service as journal
from ledger import queries
from ui.presenters.entry_page_presenter import EntryPage
from ui.presenters.entry_presenter import RowInput, balance_kind, totals_texts, without_line
from ui.presenters.outcome import Outcome

from .conftest import TODAY

TRANSPORT = [RowInput("6202", "150.000"), RowInput("kas", "", "150.000")]


def test_the_choices_are_read_from_the_book(today_book):
    page = EntryPage(today_book, ACTOR)
    assert page.today() == TODAY
    form = page.load()
    assert "1101 Kas" in form.account_labels() and "11 Kas dan Bank" not in form.account_labels()
    assert form.member_labels() == ["A-001 Siti Aminah", "A-002 Nur Hasanah",
                                    "A-010 Siti Rohmah", "A-011 Ani Suryani"]
    assert form.closed_periods == frozenset()
    journal.close_period(today_book, ACTOR, 2026, 10)
    assert page.load().closed_periods == {(2026, 10)}  # read again when the page is shown


def test_a_balanced_entry_is_posted_with_the_books_next_number(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()
    state = page.evaluate(TRANSPORT, "Transport rapat kelompok Mawar", TODAY)
    assert page.status(state, []) == Outcome(
        "Entri sudah seimbang. Tekan Ctrl+Enter untuk memposting.", "ok")
    assert totals_texts(state) == ("Debit: Rp150.000", "Kredit: Rp150.000", "Selisih: Rp0")
    assert balance_kind(state) == "ok"
    key = page.key
    outcome = page.post(TRANSPORT, "Transport rapat kelompok Mawar", TODAY)
    assert outcome == Outcome("Diposting: 2026/000003", "ok")
    assert page.last is not None and page.last.label == "2026/000003"
    assert page.key != key  # the next form posts a new entry
    assert page.status(page.evaluate([], "", TODAY), []) == outcome  # kept until typing
    page.edited()
    assert page.status(page.evaluate([], "", TODAY), []) == Outcome(
        "Ketik tanggal, keterangan, dan baris-barisnya.", "plain")
    with today_book.read_session() as s:
        assert queries.balance(s, "6202") == rp(150_000)
        assert queries.balance(s, "1101") == rp(90_000 - 150_000)


def test_the_same_key_posts_once(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()
    key = page.key
    assert page.post(TRANSPORT, "Klik dua kali", TODAY).ok
    page.key = key  # a second click racing the cleared form
    assert page.post(TRANSPORT, "Klik dua kali", TODAY) == Outcome("Diposting: 2026/000003",
                                                                  "ok")
    assert len(journal.journal(today_book)) == 3


def test_an_unbalanced_entry_is_refused_and_nothing_is_posted(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()
    rows = [RowInput("6202", "150.000"), RowInput("1101", "", "100.000")]
    state = page.evaluate(rows, "Transport", TODAY)
    assert totals_texts(state)[2] == "Selisih: Rp50.000" and balance_kind(state) == "error"
    assert page.status(state, []) == Outcome("Debit dan kredit masih berselisih Rp50.000.",
                                             "hint")
    outcome = page.post(rows, "Transport", TODAY)
    assert outcome == Outcome("Debit dan kredit masih berselisih Rp50.000.", "error")
    assert page.answer is None  # a form not ready: the status follows it again at once
    assert len(journal.journal(today_book)) == 2


def test_mistakes_are_located_and_counted(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()
    rows = [RowInput("9999", "12.34"), RowInput("1101", "", "x"), RowInput("kas", "1", "2")]
    outcome = page.post(rows, "", TODAY)
    assert outcome.kind == "error"
    assert outcome.text.splitlines() == [
        "Baris 1, Akun: Tidak ada akun 9999.",
        "Baris 1, Debit: “12.34” bukan jumlah uang; ketik seperti 1.234.567 atau 1.234.567,50.",
        "Baris 2, Kredit: “x” bukan jumlah uang; ketik seperti 1.234.567 atau 1.234.567,50.",
        "…dan 4 lagi."]  # both sides on line 3, no description, no whole line, a difference
    assert journal.journal(today_book)[-1].label == "2026/000001"


def test_the_books_refusal_stays_on_the_status_line(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()  # read before the month was closed elsewhere
    journal.close_period(today_book, ACTOR, 2026, 11)
    outcome = page.post(TRANSPORT, "Transport", TODAY)
    assert outcome.kind == "error" and "11/2026" in outcome.text
    assert page.status(page.evaluate(TRANSPORT, "Transport", TODAY), []) == outcome
    assert len(journal.journal(today_book)) == 2
    page.load()  # shown again: the closed month is now a hint before any call
    page.edited()
    assert "11/2026 sudah ditutup" in page.status(page.evaluate(TRANSPORT, "x", TODAY), []).text


def test_leaving_a_field_shows_what_was_understood(today_book):
    form = EntryPage(today_book, ACTOR).load()
    assert form.understood("account", RowInput("kas kecil")) == "1102 Kas Kecil"
    assert form.understood("account", RowInput("1102 Kas Kecil")) is None
    assert form.understood("member", RowInput(member="rohmah")) == "A-010 Siti Rohmah"
    assert form.understood("debit", RowInput("1101", "1250000")) == "1.250.000"
    assert form.understood("debit", RowInput("1101", "12.34")) is None
    assert form.understood("memo", RowInput(memo="catatan")) is None


def test_a_line_dropped_leaves_at_least_two():
    a, b, c = RowInput("1101"), RowInput("6202"), RowInput("5401")
    assert without_line([a, b, c], 1) == [a, c]
    assert without_line([a, b], 0) == [b, RowInput()]


def test_the_date_is_read_as_typed_and_no_day_is_never_posted(today_book):
    import datetime as dt

    page = EntryPage(today_book, ACTOR)
    page.load()
    half = page.evaluate(TRANSPORT, "Transport", "15/10/")
    assert not half.can_post and "15/10/2026" in message(half.hints[0])  # "like 15/10/2026"
    refused = page.post(TRANSPORT, "Transport", "31/02/2026")
    assert refused.kind == "error" and "31/02/2026" in refused.text
    assert len(journal.journal(today_book)) == 2  # nothing posted
    assert page.post(TRANSPORT, "Transport", "15/10/2026").ok
    assert journal.journal(today_book)[0].date == dt.date(2026, 10, 15)


def test_a_refusal_is_forgotten_when_the_page_is_left(today_book):
    page = EntryPage(today_book, ACTOR)
    page.load()
    journal.close_period(today_book, ACTOR, 2026, 11)  # closed after the page was read
    refused = page.post(TRANSPORT, "Transport", TODAY)
    assert refused.kind == "error"
    assert page.status(page.evaluate(TRANSPORT, "Transport", TODAY), []) == refused
    page.forget_refusal()  # another page shown in between
    assert page.status(page.evaluate(TRANSPORT, "Transport", TODAY), []).kind != "error"
