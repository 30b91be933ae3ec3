"""The month-close sheet: the month's figures, its trial balance, who closed it, the seal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from factories import rp
from kasir.actor import Actor
from kasir.book import seals
from kasir.journal import service as journal
from kasir.numbers import format_amount
from kasir.receipts import service as receipts
from kasir.savings import service as savings
from reports.month_close import month_close_data, write_month_close
from ui.cli import main

SITI = Actor("siti", "bendahara", "LAPTOP-KANTOR")


def october(book) -> None:  # noqa: ANN001
    """On top of the fixture's two October entries (Rp90.000 in cash, no receipts)."""
    savings.deposit(book, SITI, "A-001", "sukarela", rp(250_000), dt.date(2026, 10, 20))
    twice = savings.deposit(book, SITI, "A-001", "sukarela", rp(100_000), dt.date(2026, 10, 21))
    receipts.cancel_receipt(book, SITI, twice.receipt_id, "tercatat dua kali",
                            dt.date(2026, 10, 22))
    savings.withdraw(book, SITI, "A-002", "sukarela", rp(15_000), dt.date(2026, 10, 23))
    savings.deposit(book, SITI, "A-001", "sukarela", rp(7_000), dt.date(2026, 11, 2))  # not it
    journal.close_period(book, SITI, 2026, 10)


def test_the_months_figures(members_book):
    october(members_book)
    d = members_book.read(lambda s: month_close_data(s, 2026, 10, dt.date(2026, 11, 3)))
    assert (d.closed, d.closed_by, d.reopened) == (True, "siti", 0)
    assert (d.entries, d.reversals, d.receipts, d.cancelled) == (6, 1, 3, 1)
    assert (d.money_in, d.money_out) == (rp(250_000), rp(15_000))
    assert d.cash_book == rp(325_000)  # 90.000 + 250.000 − 15.000; the cancelled one undone
    assert d.last_count is None
    assert d.trial_balance.total_debit == d.trial_balance.total_credit
    assert (d.first_day, d.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def test_the_sheet_carries_the_seal_and_says_an_open_month_is_open(members_book,
                                                                   tmp_path: Path):
    october(members_book)
    out = tmp_path / "tutup.pdf"
    d = write_month_close(members_book, 2026, 10, out)
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "BERITA ACARA TUTUP BUKU" in text and "Bulan Oktober 2026" in text
    assert "oleh siti" in text and "Rp325.000" in text and "Rp250.000" in text
    assert f"Jumlah {format_amount(d.trial_balance.total_debit)}" in text
    assert f"Segel buku {seals.current(members_book)}" in text
    assert d.seal == str(seals.current(members_book))
    assert "tutup buku 2026-10" in seals.log_path().read_text("utf-8")
    write_month_close(members_book, 2026, 11, out)
    assert "BELUM DITUTUP" in PdfReader(out).pages[0].extract_text()


def test_the_command_line_writes_it_as_a_paper_only(members_book, tmp_path: Path, capsys,
                                                    sqlite_only):
    october(members_book)
    out = tmp_path / "tutup-oktober.pdf"
    book = str(members_book.path)
    assert main(["--lang", "en", "report", "month-close", "--as-of", "2026-10-31",
                 "--format", "pdf", "--out", str(out), "--book", book]) == 0
    assert "Bulan Oktober 2026" in PdfReader(out).pages[0].extract_text()
    capsys.readouterr()
    assert main(["--lang", "en", "report", "month-close", "--book", book]) == 2
    assert "is a paper" in capsys.readouterr().err


@pytest.mark.parametrize("month", [1, 12])
def test_any_month_even_an_empty_one(members_book, tmp_path: Path, month):
    d = write_month_close(members_book, 2026, month, tmp_path / "kosong.pdf")
    assert (d.entries, d.receipts, d.closed) == (0, 0, False)
