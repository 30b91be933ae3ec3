"""``kasir financing apply … allowance``: the financing steps from the command line obey
the same rules and roles as the window (the same service): an application waits for a
ketua, the cashier takes installments but cannot apply, a fee is never a percentage, a
fine only as the akad fixed it, a write-off waits for approval."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_financing import run

from factories import ACTOR
from financing_books import capital
from kasir.users import service as users

pytestmark = pytest.mark.usefixtures("sqlite_only")
PW = "rahasia-sekali"


@pytest.fixture
def path(members_book, book_location) -> Path:  # noqa: ANN001
    capital(members_book)
    return Path(book_location)


def as_(monkeypatch, name: str) -> None:  # noqa: ANN001
    monkeypatch.setenv("KASIR_USER", name)
    monkeypatch.setenv("KASIR_PASSWORD", PW)


def test_from_application_to_installments(path, capsys):
    book = ["--book", str(path)]
    code, out, err = run(capsys, "financing", "apply", "A-001", "--cost", "5.000.000",
                         "--margin", "540.000", "--down-payment", "500.000", "--tenor", "12",
                         "--frequency", "monthly", "--first-due", "2026-02-05",
                         "--goods", "mesin jahit", "--date", "2026-01-05", *book)
    assert code == 0 and out.strip() == "MRB000001" and "approved" in err
    for verb in (["down-payment", "MRB000001", "500.000"], ["purchase", "MRB000001"],
                 ["sign", "MRB000001"]):
        code, out, err = run(capsys, "financing", *verb, "--date", "2026-01-05", *book)
        assert code == 0, err
    code, out, err = run(capsys, "financing", "pay", "MRB000001", "420.000", "--date",
                         "2026-02-05", *book)
    assert code == 0 and out.split("\t")[1].strip() == "0002/KW/II/2026"
    code, out, err = run(capsys, "financing", "pay", "MRB000001", "420.000", "--date",
                         "2026-03-20", "--tazir", "10.000", *book)
    assert code == 1 and "fixed no fine" in err
    code, out, err = run(capsys, "financing", "settle", "MRB000001", "--date", "2026-03-20",
                         *book)
    assert code == 0
    code, out, _err = run(capsys, "financing", "show", "MRB000001", "--as-of", "2026-03-20",
                          *book)
    assert "status\tsettled" in out


def test_a_fee_is_never_a_percentage(path, capsys):
    code, _out, err = run(capsys, "financing", "apply", "A-001", "--kind", "qard", "--cost",
                          "500.000", "--tenor", "10", "--first-due", "2026-02-05",
                          "--admin-fee", "1%", "--date", "2026-01-05", "--book", str(path))
    assert code == 1 and "never a percentage" in err


def test_roles_and_approvals_from_the_command_line(path, members_book, capsys, monkeypatch):
    users.add_user(members_book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(members_book, "admin", PW)
    for name in ("bendahara", "kasir", "ketua"):
        users.add_user(members_book, admin, name, name, PW)
    book = ["--book", str(path)]
    apply = ["financing", "apply", "A-001", "--cost", "1.000.000", "--margin", "100.000",
             "--tenor", "10", "--first-due", "2026-01-12", "--date", "2026-01-05", *book]
    as_(monkeypatch, "kasir")
    code, _out, err = run(capsys, *apply)
    assert code == 1 and "bendahara" in err
    as_(monkeypatch, "bendahara")
    code, out, err = run(capsys, *apply)
    assert code == 0 and "waits for approval by ketua" in err
    code, _out, err = run(capsys, "financing", "purchase", "MRB000001", "--date",
                          "2026-01-05", *book)
    assert code == 1 and "waiting for approval" in err
    as_(monkeypatch, "ketua")
    code, _out, err = run(capsys, "approve", "1", *book)
    assert code == 0, err
    as_(monkeypatch, "bendahara")
    for verb in ("purchase", "sign"):
        code, _out, err = run(capsys, "financing", verb, "MRB000001", "--date", "2026-01-05",
                              *book)
        assert code == 0, err
    as_(monkeypatch, "kasir")
    code, out, err = run(capsys, "financing", "pay", "MRB000001", "110.000", "--date",
                         "2026-01-12", *book)
    assert code == 0, err
    as_(monkeypatch, "bendahara")
    code, out, err = run(capsys, "financing", "write-off", "MRB000001", "--date",
                         "2026-06-01", *book)
    assert code == 0 and "waiting for approval" in err
    code, out, _err = run(capsys, "financing", "show", "MRB000001", "--as-of", "2026-06-01",
                          *book)
    assert "status\tactive" in out


def test_product_changes_from_the_command_line(path, capsys):
    book = ["--book", str(path)]
    code, _out, err = run(capsys, "financing", "product", "MRB", "--fine-account", "5101",
                          *book)
    assert code == 1 and "never to income" in err
    code, _out, err = run(capsys, "financing", "product", "MRB", "--admin-fee", "2%", *book)
    assert code == 1 and "never a percentage" in err
    code, _out, err = run(capsys, "financing", "product", "MRB", "--method", "annuity",
                          "--tazir", "10.000", *book)
    assert code == 0 and "Warning" in err
    code, _out, err = run(capsys, "financing", "classes", "--preset", "B", *book)
    assert code == 0
