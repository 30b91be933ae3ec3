"""Opening and making books without Qt: refusals come back as Outcomes and leave the file
as it was; a book that opens takes its daily backup; the demo cooperative opens."""

from __future__ import annotations

import os
from pathlib import Path

from kasir.book import cooperative, create_book
from kasir.book.backup import latest_backup
from kasir.book.demo import DEMO_NAME
from kasir.journal import service as journal
from ui.presenters import book_presenter as books
from ui.presenters.outcome import Outcome


def test_a_file_that_is_not_a_book_is_an_error_and_stays_untouched(tmp_path: Path):
    letter = tmp_path / "surat.kasir"
    letter.write_text("bukan buku")
    opened = books.open_location(letter)
    assert isinstance(opened, Outcome) and opened.kind == "error"
    assert opened.text == f"{letter} bukan buku Kasir (atau bagian awalnya rusak). Berkas itu " \
        "tidak diubah."
    assert letter.read_text() == "bukan buku"


def test_a_missing_file_and_an_existing_one_are_refused(tmp_path: Path):
    missing = books.open_location(tmp_path / "tidak-ada.kasir")
    assert isinstance(missing, Outcome) and "Tidak ada buku di" in missing.text
    target = tmp_path / "ada.kasir"
    create_book(target, name="Lama").close()
    again = books.create_new(target, "Baru")
    assert isinstance(again, Outcome) and again.kind == "error"


def test_a_new_book_is_made_named_and_backed_up_once_a_day(tmp_path: Path):
    opened = books.create_new(tmp_path / "ksm-mekar.kasir", "KSM Mekar")
    assert isinstance(opened, books.Opened) and opened.backup_problem is None
    try:
        assert books.window_title(opened.book) == "KSM Mekar — Kasir"
        assert cooperative.book_name(opened.book) == "KSM Mekar"
    finally:
        opened.book.close()
    saved = latest_backup()
    assert saved is not None and saved.name.startswith("ksm-mekar-")
    reopened = books.open_location(tmp_path / "ksm-mekar.kasir")
    assert isinstance(reopened, books.Opened)
    reopened.book.close()
    assert latest_backup() == saved  # not due again today


def test_a_failed_backup_is_reported_with_the_book_still_open(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("x")
    monkeypatch.setenv("KASIR_BACKUP_DIR", str(blocked))
    opened = books.create_new(tmp_path / "uji.kasir", "Uji")
    assert isinstance(opened, books.Opened)
    try:
        assert opened.backup_problem is not None and opened.backup_problem.kind == "error"
        assert opened.backup_problem.text.startswith("Cadangan otomatis hari ini tidak dapat "
                                                     "dibuat: ")
        assert journal.chart(opened.book)  # the book works all the same
    finally:
        opened.book.close()


def test_the_demo_book_opens_and_is_not_rebuilt(tmp_path: Path):
    opened = books.open_demo()
    assert isinstance(opened, books.Opened)
    expected = Path(os.environ["XDG_DATA_HOME"]) / "Kasir" / "contoh.kasir"
    try:
        assert books.demo_path() == expected and opened.book.path == expected.resolve()
        assert books.window_title(opened.book) == f"{DEMO_NAME} — Kasir"
        entries = journal.journal(opened.book)
        assert entries
    finally:
        opened.book.close()
    again = books.open_demo()
    assert isinstance(again, books.Opened)
    assert journal.journal(again.book) == entries
    again.book.close()
