"""``kasir user …`` and signing in on the command line: the services' refusals, exit 1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factories import ACTOR, rp, worked_example_month
from kasir.actor import Actor
from kasir.book import create_book
from kasir.savings import rules as savings
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")
PW = "sandi-admin-1"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    where = tmp_path / "buku.kasir"
    with create_book(where, name="Koperasi Uji") as book:
        def work(s):  # noqa: ANN001, ANN202
            worked_example_month(s)
            savings.deposit(s, ACTOR, "A", "sukarela", rp(100_000), day=dt.date(2026, 11, 12))
        book.run(work)
    return where


def as_user(monkeypatch: pytest.MonkeyPatch, name: str, password: str = PW) -> None:
    monkeypatch.setenv("KASIR_USER", name)
    monkeypatch.setenv("KASIR_PASSWORD", password)


@pytest.fixture
def staffed(path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """The book's administrator, a treasurer and a cashier (all with the password PW)."""
    monkeypatch.setenv("KASIR_NEW_PASSWORD", PW)
    assert run(capsys, "user", "add", "admin", "--role", "admin", "--book", str(path))[0] == 0
    as_user(monkeypatch, "admin")
    for name in ("bendahara", "kasir", "ketua"):
        code, _out, err = run(capsys, "user", "add", name, "--role", name, "--full-name",
                              f"Bu {name.title()}", "--book", str(path))
        assert code == 0, err
    monkeypatch.delenv("KASIR_USER")
    monkeypatch.delenv("KASIR_PASSWORD")
    return path


def entry_file(tmp_path: Path) -> str:
    f = tmp_path / "sewa.json"
    f.write_text(json.dumps({"date": "2026-11-25", "memo": "Sewa balai desa", "lines": [
        {"account": "6203", "debit": "75000"}, {"account": "1101", "credit": "75000"}]}))
    return str(f)


def test_the_first_user_must_be_the_administrator(path, capsys, monkeypatch):
    monkeypatch.setenv("KASIR_NEW_PASSWORD", PW)
    code, _out, err = run(capsys, "user", "add", "siti", "--role", "kasir", "--book", str(path))
    assert code == 1 and "administrator" in err
    code, _out, err = run(capsys, "user", "add", "siti", "--role", "admin", "--book", str(path))
    assert code == 0 and "siti" in err and "signs in" in err


def test_a_book_with_users_asks_who_signs_in(staffed, capsys, monkeypatch):
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(staffed))
    assert code == 1 and "--user" in err and "KASIR_PASSWORD" in err
    as_user(monkeypatch, "kasir")  # any user may read
    code, out, _err = run(capsys, "report", "trial-balance", "--book", str(staffed))
    assert code == 0 and out.startswith("code\tname")
    monkeypatch.delenv("KASIR_USER")
    code, _out, _err = run(capsys, "--user", "bendahara", "report", "trial-balance",
                           "--book", str(staffed))
    assert code == 0


def test_a_wrong_password_or_user_is_refused_without_saying_which(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "kasir", "bukan-sandinya")
    code, _out, wrong = run(capsys, "report", "trial-balance", "--book", str(staffed))
    as_user(monkeypatch, "nobody")
    code2, _out, unknown = run(capsys, "report", "trial-balance", "--book", str(staffed))
    assert code == code2 == 1
    assert wrong == unknown == "Wrong user name or password.\n"


def test_a_cashier_cannot_post_a_journal_entry_but_the_treasurer_can(staffed, capsys,
                                                                     monkeypatch, tmp_path):
    f = entry_file(tmp_path)
    as_user(monkeypatch, "kasir")
    code, out, err = run(capsys, "entry", "post", f, "--book", str(staffed))
    assert code == 1 and out == ""
    assert "Only bendahara may do this" in err and "kasir is signed in as kasir" in err
    for refused in (["profit-share", "2026-11", "--income", "1.500.000", "--post"],
                    ["backup", "--out", str(tmp_path / "copy.kasir")],
                    ["user", "add", "lain", "--role", "kasir"]):
        code, _out, err = run(capsys, *refused, "--book", str(staffed))
        assert code == 1 and "Only " in err, refused
    as_user(monkeypatch, "bendahara")
    code, out, _err = run(capsys, "entry", "post", f, "--book", str(staffed))
    assert code == 0
    number = out.strip()
    code, out, _err = run(capsys, "entry", "show", number, "--format", "json",
                          "--book", str(staffed))
    assert json.loads(out)["posted_by"] == "bendahara"  # the signed-in user, not $USER


def test_users_are_listed_and_a_disabled_one_cannot_sign_in(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "admin")
    code, out, _err = run(capsys, "user", "list", "--book", str(staffed))
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["name", "full_name", "role", "active", "created_at"]
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("admin", "admin", "yes"), ("bendahara", "bendahara", "yes"), ("kasir", "kasir", "yes"),
        ("ketua", "ketua", "yes")]
    assert run(capsys, "user", "disable", "kasir", "--book", str(staffed))[0] == 0
    code, _out, err = run(capsys, "user", "disable", "admin", "--book", str(staffed))
    assert code == 1 and "last active administrator" in err
    as_user(monkeypatch, "kasir")
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(staffed))
    assert code == 1 and "disabled" in err


def test_passwords_change_from_the_variable_or_the_prompt(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "kasir")
    monkeypatch.setenv("KASIR_NEW_PASSWORD", "sandi-kasir-2")
    assert run(capsys, "user", "passwd", "kasir", "--book", str(staffed))[0] == 0
    code, _out, err = run(capsys, "user", "list", "--book", str(staffed))
    assert code == 1 and "Wrong" in err  # the old password no longer opens the book
    as_user(monkeypatch, "kasir", "sandi-kasir-2")
    code, _out, err = run(capsys, "user", "passwd", "bendahara", "--book", str(staffed))
    assert code == 1 and "Only admin" in err  # only her own
    monkeypatch.delenv("KASIR_NEW_PASSWORD")
    # at a terminal: the password is asked, without echo, and the new one twice
    monkeypatch.delenv("KASIR_PASSWORD")
    monkeypatch.setattr("ui.commands.signin.interactive", lambda: True)
    typed = iter(["sandi-kasir-2", "sandi-kasir-3", "sandi-kasir-3"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert run(capsys, "user", "passwd", "kasir", "--book", str(staffed))[0] == 0
    typed = iter(["sandi-kasir-3", "satu-sandi-x", "lain-sandi-y"])
    code, _out, err = run(capsys, "user", "passwd", "kasir", "--book", str(staffed))
    assert code == 1 and "differ" in err


def test_a_script_without_the_new_password_is_refused(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "admin")
    monkeypatch.delenv("KASIR_NEW_PASSWORD")
    code, _out, err = run(capsys, "user", "add", "baru", "--role", "kasir",
                          "--book", str(staffed))
    assert code == 1 and "KASIR_NEW_PASSWORD" in err


def test_a_forgotten_admin_password_is_recovered_and_leaves_its_trace(staffed, capsys,
                                                                      monkeypatch):
    monkeypatch.setenv("KASIR_NEW_PASSWORD", "sandi-pulih-9")
    code, _out, err = run(capsys, "user", "recover", "admin", "--book", str(staffed))
    here = Actor.from_os()
    assert code == 0 and "recorded" in err and here.computer in err
    as_user(monkeypatch, "admin", "sandi-pulih-9")
    code, out, _err = run(capsys, "user", "log", "admin", "--book", str(staffed))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()][1:]
    assert [r[2] for r in rows] == ["added", "recovered"]
    assert rows[-1][3:6] == ["", here.computer, here.user]
    code, _out, err = run(capsys, "user", "recover", "kasir", "--book", str(staffed))
    assert code == 1 and "Only an administrator" in err


def test_wrong_role_is_wrong_usage(path, capsys):
    assert run(capsys, "user", "add", "x", "--role", "bos", "--book", str(path))[0] == 2


def test_a_large_reversal_is_a_request_the_ketua_approves_once(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "kasir")
    code, out, _err = run(capsys, "entry", "show", "2026/000004", "--format", "json",
                          "--book", str(staffed))
    assert json.loads(out)["operation"].startswith("deposit")  # B's Rp23.400.000
    as_user(monkeypatch, "bendahara")
    code, out, err = run(capsys, "entry", "reverse", "2026/000004", "--reason", "salah",
                         "--date", "2026-11-25", "--book", str(staffed))
    assert code == 0 and "waiting for approval" in err
    request_id = out.strip()
    code, out, _err = run(capsys, "request", "list", "--status", "pending", "--format",
                          "json", "--book", str(staffed))
    [row] = json.loads(out)
    assert (row["id"], row["asked_by"], row["kind"]) == (request_id, "bendahara",
                                                         "reverse_entry")
    code, _out, err = run(capsys, "approve", request_id, "--book", str(staffed))
    assert code == 1 and "Only ketua" in err  # not by the one who asked, nor her role
    as_user(monkeypatch, "ketua")
    code, out, err = run(capsys, "approve", request_id, "--book", str(staffed))
    assert code == 0 and "approved" in err
    reversal = out.strip()
    code, out, _err = run(capsys, "entry", "show", reversal, "--format", "json",
                          "--book", str(staffed))
    assert json.loads(out)["posted_by"] == "bendahara"
    code, _out, err = run(capsys, "approve", request_id, "--book", str(staffed))
    assert code == 1 and "already approved" in err


def test_a_rejected_request_keeps_its_reason(staffed, capsys, monkeypatch):
    as_user(monkeypatch, "bendahara")
    code, out, _err = run(capsys, "entry", "reverse", "2026/000004", "--reason", "salah",
                          "--date", "2026-11-25", "--book", str(staffed))
    request_id = out.strip()
    assert code == 0 and request_id.isdigit()
    as_user(monkeypatch, "ketua")
    assert run(capsys, "reject", request_id, "--book", str(staffed))[0] == 2  # --reason
    code, _out, err = run(capsys, "reject", request_id, "--reason", "Setoran benar",
                          "--book", str(staffed))
    assert code == 0 and "rejected" in err
    code, out, _err = run(capsys, "request", "list", "--book", str(staffed))
    rows = [dict(zip(out.splitlines()[0].split("\t"), line.split("\t")))
            for line in out.splitlines()[1:]]
    assert [(r["status"], r["decided_by"], r["reason"]) for r in rows] == [
        ("rejected", "ketua", "Setoran benar")]
