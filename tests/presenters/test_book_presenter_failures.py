"""The window's opening needs no driver exceptions of its own: an address with an unknown
driver, a server that is down, a book held by another program and a folder that may not be
written come back as Outcomes in words, the same sentences as on the command line."""

from __future__ import annotations

import errno
import socket
import sqlite3
from pathlib import Path

import pytest

from kasir import i18n
from kasir.book import create_book
from kasir.errors import BookInUse
from ui.presenters import book_presenter as books
from ui.presenters.outcome import Outcome


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def test_an_unknown_driver_is_an_outcome():
    opened = books.open_location("foo://x")
    assert isinstance(opened, Outcome) and opened.kind == "error"
    assert "knows no database of the kind \u201cfoo\u201d" in opened.text


def test_a_server_that_is_down_is_an_outcome():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    opened = books.open_location(f"postgresql+psycopg://kasir:rahasia@127.0.0.1:{port}/kasir")
    assert isinstance(opened, Outcome) and opened.text.startswith("Cannot reach the database")
    assert "rahasia" not in opened.text


def test_a_book_held_by_another_program_opens_and_its_demo_build_is_refused(tmp_path: Path):
    """Opening reads; a write under another program's lock is refused in words."""
    path = tmp_path / "contoh.kasir"
    create_book(path, name="Uji").close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        opened = books.open_location(path)
        assert isinstance(opened, books.Opened)
        from kasir.book.demo import build_demo

        with pytest.raises(BookInUse) as caught:
            build_demo(opened.book)
        opened.book.close()
    finally:
        other.rollback()
        other.close()
    assert "in use by another program" in i18n.message(caught.value)


def test_a_folder_that_may_not_be_written_is_an_outcome(tmp_path: Path, monkeypatch):
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", denied)
    made = books.create_new(tmp_path / "baru" / "ksm.kasir", "KSM")
    assert isinstance(made, Outcome) and made.kind == "error"
    assert "not allowed to read or write" in made.text
