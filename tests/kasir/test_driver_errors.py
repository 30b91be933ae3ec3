"""The driver's and the system's exceptions become refusals in words (``kasir.errors``),
in ``kasir`` itself, so that neither face needs to know sqlite3, psycopg or errno."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

import kasir.db
import kasir.sqlite_file
from kasir import i18n
from kasir.errors import (
    BookInUse,
    DiskFull,
    DiskTrouble,
    FileProblem,
    ReadOnly,
    UnknownDriver,
    WriteConflict,
    file_error,
)
from kasir.sqlite_file import sqlite_error


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")  # the shared fixture puts Indonesian back afterwards


class _Conflict(Exception):
    sqlstate = "40001"


def test_a_conflict_that_outlasts_the_retries_is_refused_in_words(book, monkeypatch):
    monkeypatch.setattr("kasir.uow.time.sleep", lambda _s: None)
    tries: list[int] = []

    def clash(_s: object) -> None:
        tries.append(1)
        raise OperationalError("UPDATE ...", {}, _Conflict("could not serialize access"))

    with pytest.raises(WriteConflict) as caught:
        book.run(clash, retries=3)
    assert len(tries) == 4
    assert "after 4 tries" in i18n.message(caught.value)


def test_a_conflict_that_clears_is_retried_silently(book, monkeypatch):
    monkeypatch.setattr("kasir.uow.time.sleep", lambda _s: None)
    tries: list[int] = []

    def once(_s: object) -> str:
        tries.append(1)
        if len(tries) == 1:
            raise OperationalError("UPDATE ...", {}, _Conflict("deadlock detected"))
        return "done"

    assert book.run(once) == "done" and len(tries) == 2


@pytest.mark.parametrize(("code", "kind", "words"), [
    (errno.ENOSPC, DiskFull, "The disk is full"),
    (errno.EROFS, ReadOnly, "read-only"),
    (errno.EACCES, ReadOnly, "permission denied"),
    (errno.EIO, DiskTrouble, "The disk failed"),
    (errno.ENOENT, FileProblem, "Cannot read or write a file"),
])
def test_os_errors_are_worded(code, kind, words):
    err = file_error(OSError(code, "system words", "/x/laporan.tsv"))
    assert isinstance(err, kind)
    assert words in i18n.message(err) and "/x/laporan.tsv" in i18n.message(err)


@pytest.mark.parametrize(("text", "kind"), [
    ("database or disk is full", DiskFull),
    ("database is locked", BookInUse),
    ("disk I/O error", DiskTrouble),
])
def test_sqlite_errors_of_the_world_are_worded(text, kind, tmp_path):
    assert isinstance(sqlite_error(sqlite3.OperationalError(text), str(tmp_path / "b")), kind)


def test_a_constraint_is_not_the_worlds_doing(tmp_path):
    assert sqlite_error(sqlite3.IntegrityError("CHECK constraint failed"), "b") is None


def test_a_book_in_a_read_only_folder_is_told_so(tmp_path, monkeypatch):
    monkeypatch.setattr(kasir.sqlite_file.os, "access", lambda *_a, **_k: False)
    err = sqlite_error(sqlite3.OperationalError("unable to open database file"),
                       str(tmp_path / "buku.kasir"))
    assert isinstance(err, ReadOnly)
    assert "read-only folder" in i18n.message(err)


def test_an_unknown_driver_is_refused_before_connecting():
    with pytest.raises(UnknownDriver):
        kasir.db.make_engine("foo://x")
    with pytest.raises(UnknownDriver):
        kasir.db.make_engine("postgresql+nosuch://u:secret@h/d")


def test_a_file_that_cannot_be_read_is_not_called_damaged(tmp_path: Path, monkeypatch,
                                                          book_location, sqlite_only):
    from kasir.book import create_book, open_book

    create_book(book_location, name="Uji").close()

    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(book_location))

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(ReadOnly) as caught:
        open_book(book_location)
    assert "not allowed to read or write" in i18n.message(caught.value)
