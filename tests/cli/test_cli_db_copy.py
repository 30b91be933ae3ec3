"""``kasir db copy FROM TO`` as an administrator runs it: the figures, the seal, one
sentence for every refusal, the book's administrator only once it has users."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kasir.book import create_book, lock
from ledger import ddl
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")
PW = "sandi-admin-1"


def test_copy_prints_the_figures_and_the_seal(demo, tmp_path, capsys):
    code, seal, _err = run(capsys, "seal", "--book", str(demo))
    assert code == 0
    target = tmp_path / "kantor.kasir"
    code, out, err = run(capsys, "db", "copy", str(demo), str(target))
    assert code == 0, err
    assert out == seal
    assert f"Copied {demo} into {target}: 26 tables," in err
    assert "posted entries" in err and "passed verification" in err
    assert run(capsys, "verify", "--book", str(target))[0] == 0
    assert run(capsys, "seal", "--book", str(target))[1] == seal


def test_copy_refusals_are_one_sentence(demo, tmp_path, capsys):
    target = tmp_path / "ada.kasir"
    target.write_text("")
    code, out, err = run(capsys, "db", "copy", str(demo), str(target))
    assert (code, out) == (1, "")
    assert err == f"{target} already exists; Kasir never overwrites a book.\n"
    code, _out, err = run(capsys, "db", "copy", str(tmp_path / "tidak-ada.kasir"),
                          str(tmp_path / "baru.kasir"))
    assert code == 1 and "There is no book" in err and "Traceback" not in err
    assert not (tmp_path / "baru.kasir").exists()


def test_a_tampered_book_is_not_copied(demo, tmp_path, capsys):
    con = sqlite3.connect(demo)
    for t in ddl.TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t.name}")
    con.execute("UPDATE journal_line SET debit = debit + 100 WHERE id = 1")
    con.commit()
    con.close()
    code, _out, err = run(capsys, "db", "copy", str(demo), str(tmp_path / "baru.kasir"))
    assert code == 1
    assert "did not pass verification" in err and "Nothing was copied." in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "baru.kasir").exists()


def test_an_older_book_is_upgraded_first(tmp_path, capsys):
    from factories import run_alembic

    old = tmp_path / "lama.kasir"
    with create_book(old, name="Lama") as book:
        run_alembic(book, "downgrade", "0009")
    code, _out, err = run(capsys, "db", "copy", str(old), str(tmp_path / "baru.kasir"))
    assert code == 1 and f"upgrade it first with `kasir db upgrade --book {old}`" in err


def test_a_book_with_users_is_copied_by_its_administrator(demo, tmp_path, capsys,
                                                          monkeypatch):
    monkeypatch.setenv("KASIR_NEW_PASSWORD", PW)
    assert run(capsys, "user", "add", "admin", "--role", "admin", "--book", str(demo))[0] == 0
    monkeypatch.setenv("KASIR_USER", "admin")
    monkeypatch.setenv("KASIR_PASSWORD", PW)
    assert run(capsys, "user", "add", "siti", "--role", "bendahara", "--book",
               str(demo))[0] == 0
    target = tmp_path / "baru.kasir"
    monkeypatch.delenv("KASIR_USER")
    code, _out, err = run(capsys, "db", "copy", str(demo), str(target))
    assert code == 1 and "sign in" in err
    monkeypatch.setenv("KASIR_USER", "siti")
    code, _out, err = run(capsys, "db", "copy", str(demo), str(target))
    assert code == 1 and "Only admin may do this (copying the book into another database)" in err
    assert not target.exists()
    code, _out, err = run(capsys, "db", "copy", "--user", "admin", str(demo), str(target))
    assert code == 0, err
    # the copy has the same people: the administrator signs in to it as before
    assert run(capsys, "--user", "admin", "user", "list", "--book", str(target))[0] == 0


def test_copy_reads_a_book_open_in_the_window(demo, tmp_path, capsys):
    """Reading is safe while another program works (WAL): no lock is needed on FROM."""
    lock.lock_path(demo).write_text(json.dumps({
        "computer": "LAPTOP-1", "user": "siti", "pid": 4242, "since": "2026-11-20T14:05:00"}))
    code, _out, err = run(capsys, "db", "copy", str(demo), str(tmp_path / "baru.kasir"))
    assert code == 0, err


@pytest.mark.parametrize("argv", [["db", "copy"], ["db", "copy", "a.kasir"],
                                  ["db", "copy", "a", "b", "c"], ["db"]])
def test_copy_needs_from_and_to(argv, capsys):
    code, _out, err = run(capsys, *argv)
    assert code == 2 and "kasir --help" in err
