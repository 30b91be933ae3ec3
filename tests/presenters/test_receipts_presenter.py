"""The receipts page's calls, without Qt: the list, printing again, cancelling a receipt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factories import ACTOR, rp
from kasir.clock import FixedClock
from kasir.journal import service as journal
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from kasir.uow import Book
from ledger import queries
from ui.presenters.outcome import Outcome
from ui.presenters.receipts_presenter import ReceiptsPresenter, default_range, totals_text

from .conftest import TODAY

NOV_18 = dt.date(2026, 11, 18)


@pytest.fixture
def counter(today_book: Book) -> Book:
    """Two deposits at the cashier: A-001 Rp250.000 sukarela on the 18th, A-010 Rp35.000
    wajib today (A-002's savings came from the paper books, without receipts)."""
    savings.deposit(today_book, ACTOR, "A-001", "sukarela", rp(250_000), NOV_18)
    savings.deposit(today_book, ACTOR, "A-010", "wajib", rp(35_000), TODAY)
    return today_book


@pytest.fixture
def page(counter: Book) -> ReceiptsPresenter:
    page = ReceiptsPresenter(counter, ACTOR)
    assert page.load(*page.default_range()) is None
    return page


def posted(book: Book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def sukarela(book: Book, member: str) -> object:
    with book.read_session() as s:
        return savings_rules.balance(s, member, "sukarela")


def the(page: ReceiptsPresenter, label: str):  # noqa: ANN201
    return next(r for r in page.rows if r.label == label)


def test_the_range_words_and_totals():
    assert default_range(dt.date(2026, 1, 15)) == (dt.date(2025, 12, 1), dt.date(2026, 1, 15))
    assert totals_text([], limited=True) == ("0 kuitansi · masuk Rp0 · keluar Rp0 · hanya yang "
                                             "terbaru ditampilkan; persempit tanggal atau cari")


def test_the_list_starts_from_the_books_today_and_narrows(page, counter):
    assert page.default_range() == (dt.date(2026, 10, 1), TODAY)  # the book's clock
    assert [r.label for r in page.rows] == ["0002/KW/XI/2026", "0001/KW/XI/2026"]
    assert page.totals_text() == "2 kuitansi · masuk Rp285.000 · keluar Rp0"
    assert page.load(dt.date(2026, 10, 1), TODAY, "aminah") is None
    assert [r.label for r in page.rows] == ["0001/KW/XI/2026"]
    wrong = page.load(TODAY, NOV_18)
    assert wrong == Outcome("Tanggal awal lebih lambat dari tanggal akhir; tukar keduanya.",
                            "error")
    assert page.rows == []


def test_past_midnight_the_list_keeps_reaching_today(page, counter):
    assert page.moved_today(TODAY) is None                   # the same day: nothing moves
    counter.clock = FixedClock(TODAY + dt.timedelta(days=1))
    assert page.moved_today(NOV_18) is None                  # a last date she chose stays
    assert page.moved_today(TODAY) == TODAY + dt.timedelta(days=1)
    assert page.moved_today(TODAY + dt.timedelta(days=1)) is None


def test_cancelling_reverses_the_deposit_once(page, counter):
    row = the(page, "0001/KW/XI/2026")
    assert sukarela(counter, "A-001") == rp(250_000)
    assert page.cancel_refusal(row) is None
    assert page.cancel_day(row) == TODAY                     # the book's today, not the PC's
    before = posted(counter)
    done = page.cancel(row, "Salah anggota, seharusnya A-011", TODAY)
    assert done == Outcome("Kuitansi 0001/KW/XI/2026 sudah dibatalkan: dibalik dengan entri "
                           "2026/000005.", "ok")
    assert posted(counter) == before + 1
    assert sukarela(counter, "A-001") == rp(0)               # the money went back
    page.load(*page.default_range())
    cancelled = the(page, "0001/KW/XI/2026")
    assert cancelled.cancelled and cancelled.reversed_by == "2026/000005"
    assert journal.reversal_reason(counter, cancelled.entry_id) == \
        "Salah anggota, seharusnya A-011"
    assert page.totals_text() == "2 kuitansi · masuk Rp35.000 · keluar Rp0 · 1 dibatalkan"
    already = "Kuitansi 0001/KW/XI/2026 sudah dibatalkan dengan entri 2026/000005."
    assert page.cancel_refusal(cancelled) == Outcome(already, "hint")
    # a second press on the row read before the first: the service refuses it
    assert page.cancel(row, "lagi", TODAY) == Outcome(already, "error")
    assert posted(counter) == before + 1 and sukarela(counter, "A-001") == rp(0)


def test_a_withdrawn_deposit_is_refused_and_nothing_changes(page, counter):
    savings.withdraw(counter, ACTOR, "A-001", "sukarela", rp(100_000), TODAY)
    page.load(*page.default_range())
    before = posted(counter)
    outcome = page.cancel(the(page, "0001/KW/XI/2026"), "Salah", TODAY)
    assert outcome == Outcome(
        "Kuitansi 0001/KW/XI/2026 tidak bisa dibatalkan: saldo Simpanan Sukarela (Wadiah) "
        "milik A-001 tinggal Rp150.000, kurang dari Rp250.000 yang akan ditarik kembali oleh "
        "pembatalan.", "error")
    assert posted(counter) == before and sukarela(counter, "A-001") == rp(150_000)
    page.load(*page.default_range())
    assert not the(page, "0001/KW/XI/2026").cancelled


def test_a_reason_is_needed_and_a_receipt_must_be_chosen(page, counter):
    before = posted(counter)
    assert page.cancel(page.rows[0], "   ", TODAY) == Outcome("Pembalikan perlu alasan.",
                                                             "error")
    assert posted(counter) == before
    assert page.cancel_refusal(None) == Outcome("Pilih kuitansinya dulu.", "hint")


def test_a_receipt_is_printed_again_or_the_reason_said(page, tmp_path: Path):
    row = the(page, "0001/KW/XI/2026")
    path = page.reprint(row, tmp_path)
    assert path == tmp_path / "Kuitansi" / "Kuitansi 0001-KW-XI-2026.pdf"
    assert isinstance(path, Path) and path.read_bytes().startswith(b"%PDF")
    assert page.reprinted() == Outcome(f"Kuitansi 0001/KW/XI/2026 dicetak ulang: {path}", "ok")
    assert page.reprint(None, tmp_path) == Outcome("Pilih kuitansinya dulu.", "hint")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    outcome = page.reprint(row, blocked)
    assert isinstance(outcome, Outcome) and outcome.kind == "error"
    assert outcome.text.startswith("Berkas kuitansi tidak dapat ditulis: ")


def test_the_cashiers_receipt_is_found_or_refused(page):
    row = page.receipt(the(page, "0002/KW/XI/2026").id)
    assert not isinstance(row, Outcome) and row.amount == rp(35_000) and row.member == "A-010"
    assert page.receipt(999) == Outcome("Tidak ada kuitansi 999.", "error")
