"""The entry form's rules, without Qt: what the typed text means and when it may be posted."""

from __future__ import annotations

import datetime as dt

import pytest

from kasir.i18n import message
from kasir.journal.service import LineInput
from ledger.money import Money
from ui.presenters.entry_presenter import (
    AccountChoice,
    EntryPresenter,
    MemberChoice,
    RowInput,
)

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def presenter() -> EntryPresenter:
    accounts = [AccountChoice("11", "Kas dan Bank", is_header=True),
                AccountChoice("1101", "Kas"), AccountChoice("1102", "Kas Kecil"),
                AccountChoice("1111", "Bank Syariah"), AccountChoice("4101", "Simpanan Pokok"),
                AccountChoice("6299", "Beban Lama", active=False)]
    members = [MemberChoice("A-001", "Siti Aminah"), MemberChoice("A-002", "Siti Rahma")]
    return EntryPresenter(accounts, members, closed_periods=[(2026, 9)])


def rp(amount: int) -> Money:
    return Money.rupiah(amount)


def test_a_balanced_entry_can_be_posted_and_gives_its_lines(presenter):
    state = presenter.evaluate([RowInput("1101", "1.250.000"),
                                RowInput("pokok", "", "1.250.000", "A-001", " setoran "),
                                RowInput()], "Simpanan pokok", DAY)
    assert (state.total_debit, state.total_credit, state.difference) == (rp(1_250_000),
                                                                          rp(1_250_000), rp(0))
    assert state.can_post and state.valid_lines == 2
    assert state.lines() == [LineInput("1101", rp(1_250_000), Money(0), None, None),
                             LineInput("4101", Money(0), rp(1_250_000), "A-001", "setoran")]


def test_an_unbalanced_entry_cannot_be_posted_and_says_by_how_much(presenter):
    state = presenter.evaluate([RowInput("1101", "1.000.000,50"), RowInput("4101", "", "1.000")],
                               "x", DAY)
    assert state.difference == Money(99_900_050)
    assert not state.can_post
    assert message(state.hints[-1]) == "Debit dan kredit masih berselisih Rp999.000,50."


def test_an_ambiguous_amount_is_an_error_not_a_guess(presenter):
    state = presenter.evaluate([RowInput("1101", "12.34"), RowInput("4101", "", "12.34")],
                               "x", DAY)
    assert set(state.rows[0].errors) == {"debit"}
    assert message(state.rows[0].errors["debit"]).startswith("“12.34” bukan jumlah uang")
    assert state.total_debit == Money(0) and not state.can_post


@pytest.mark.parametrize("typed, code", [("1101", "1101"), ("1101 Kas", "1101"), ("kas", "1101"),
                                         ("kas kecil", "1102"), ("BANK", "1111")])
def test_accounts_are_found_by_code_or_an_unambiguous_name(presenter, typed, code):
    account, problem = presenter.resolve_account(typed)
    assert problem is None and account is not None and account.code == code


@pytest.mark.parametrize("typed, text", [
    ("11", "Akun 11 adalah akun induk; pilih salah satu akun di bawahnya."),
    ("9999", "Tidak ada akun 9999."),
    ("koperasi", "Tidak ada akun “koperasi”."),
    ("ka", "“ka” cocok dengan 2 pilihan; ketik kodenya atau lebih banyak dari namanya."),
    ("6299", "Akun 6299 sudah tidak dipakai."),
])
def test_an_account_that_cannot_be_used_is_explained(presenter, typed, text):
    account, problem = presenter.resolve_account(typed)
    assert account is None and problem is not None and message(problem) == text


def test_members_by_number_or_name_and_ambiguity_refused(presenter):
    assert presenter.resolve_member("a-002")[0] == MemberChoice("A-002", "Siti Rahma")
    assert presenter.resolve_member("aminah")[0] == MemberChoice("A-001", "Siti Aminah")
    member, problem = presenter.resolve_member("siti")
    assert member is None and "2 pilihan" in message(problem)


def test_half_typed_lines_are_hints_not_errors(presenter):
    state = presenter.evaluate([RowInput("1101"), RowInput("", "5.000")], "", DAY)
    assert state.errors == []
    assert [message(h) for h in state.hints][:3] == [
        "Tulis keterangan transaksinya.", "Baris 1: ketik debit atau kreditnya.",
        "Baris 2: pilih akunnya."]


def test_both_sides_on_one_line_and_a_closed_month_are_refused(presenter):
    state = presenter.evaluate([RowInput("1101", "5.000", "5.000"), RowInput("4101", "", "5.000")],
                               "x", dt.date(2026, 9, 30))
    assert "credit" in state.rows[0].errors
    assert any("09/2026 sudah ditutup" in message(h) for h in state.hints)
    assert not state.can_post


def test_blank_rows_are_ignored_and_one_line_is_not_enough(presenter):
    state = presenter.evaluate([RowInput(), RowInput("1101", "5.000"), RowInput()], "x", DAY)
    assert state.valid_lines == 1 and not state.can_post
    assert "Entri perlu paling sedikit dua baris." in [message(h) for h in state.hints]


def test_presenters_do_not_import_qt():
    import ast
    from pathlib import Path

    import ui.presenters

    for path in Path(ui.presenters.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(name.startswith("PySide6") for name in names), path
