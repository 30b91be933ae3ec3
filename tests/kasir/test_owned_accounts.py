"""Owned accounts (domain §2.1) and the two guard-rails, on every path into the book:
the general journal refuses them naming the screen to use, the ledger refuses a foreign
operation, the database refuses it too, and reversals stay possible."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp, simple_entry
from kasir.accounts import PERMITS, AccountRole
from kasir.errors import KasirError
from kasir.funds import service as funds
from kasir.i18n import message, set_language
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from kasir.savings import service as savings
from ledger import posting, queries
from ledger.errors import InvalidDraft

D = dt.date(2026, 11, 20)


def entry(debit: str, credit: str, amount: int = 10_000, memo: str = "uji",
          party: str | None = None) -> list[LineInput]:
    return [LineInput(debit, debit=rp(amount), party_code=party),
            LineInput(credit, credit=rp(amount), party_code=party)]


@pytest.mark.parametrize(("code", "screen"), [
    ("2101", "the cashier page (Kasir)"), ("4101", "the cashier page (Kasir)"),
    ("6102", "the cashier page (Kasir)"),
    ("6101", "the profit-sharing page (Bagi Hasil)"), ("1301", "the financing pages"),
    ("7301", "the ZIS and benevolence-fund operations"), ("1409", "the daily cash count"),
    ("2110", "the year-end close")])
def test_the_general_journal_refuses_an_owned_account_naming_the_screen(members_book, code,
                                                                        screen):
    set_language("en")
    with pytest.raises(KasirError) as err:
        journal.post_entry(members_book, ACTOR, D, "langsung", entry("1101", code,
                                                                     party="A-001"))
    assert f"account {code}" in message(err.value) and screen in message(err.value)
    assert len(journal.journal(members_book)) == 2  # the fixture's two deposits, no more


def test_the_wadiah_overdraft_and_pokok_payout_measured_are_refused(members_book):
    """Measured: the journal accepted a wadiah overdraft and pokok paid out with no exit."""
    for code in ("2101", "4101"):
        with pytest.raises(KasirError, match="kept by its own service"):
            journal.post_entry(members_book, ACTOR, D, "tarik", entry(code, "1101", 999_000,
                                                                       party="A-002"))
    page = savings.member_page(members_book, "A-002", D)
    assert page.account("sukarela").balance == rp(40_000)
    assert page.account("pokok").balance == rp(50_000)


def test_the_journals_own_accounts_post(members_book):
    ref = journal.post_entry(members_book, ACTOR, D, "ATK", entry("6203", "1101", 75_000))
    assert ref.label == "2026/000003"


@pytest.mark.parametrize("memo", ["Denda keterlambatan A-001", "Ta'zir angsuran",
                                  "bunga tabungan"])
def test_a_fine_or_interest_is_never_income(members_book, memo):
    set_language("id")
    with pytest.raises(KasirError) as err:
        journal.post_entry(members_book, ACTOR, D, memo, entry("1101", "5401", 5_000))
    assert "dana kebajikan" in message(err.value)
    journal.post_entry(members_book, ACTOR, D, "Pendapatan lain: sewa tenda",
                       entry("1101", "5401", 5_000))


def test_conventional_bank_money_is_never_income(members_book):
    with pytest.raises(KasirError, match="conventional bank is interest"):
        journal.post_entry(members_book, ACTOR, D, "jasa giro",
                           entry(AccountRole.CONVENTIONAL_BANK, "5301", 3_500))
    funds.receive_non_halal(members_book, ACTOR, D, rp(3_500), channel="conventional")
    with members_book.read_session() as s:
        assert queries.normal_balance(s, AccountRole.BENEVOLENCE_HELD) == rp(3_500)
        assert queries.balance(s, AccountRole.CONVENTIONAL_BANK) == rp(3_500)


def test_the_ledger_refuses_a_foreign_operation_on_any_path(book):
    with pytest.raises(InvalidDraft, match="moved only by the savings operations, not by "
                                           "zis_received"), book.transaction() as s:
        posting.post(s, simple_entry(D, "1101", "2101", 5_000, operation="zis_received"))
    with book.transaction() as s:
        posting.post(s, simple_entry(D, "1101", "2101", 5_000, operation="deposit:sukarela"))


def test_the_book_holds_the_permits_of_the_code(book):
    with book.engine.connect() as conn:
        from sqlalchemy import text

        stored = {(k, o) for k, o in conn.execute(text("SELECT kind, owner "
                                                       "FROM operation_permit"))}
    assert stored == {(k, o.value) for k, owners in PERMITS.items() for o in owners}


def test_an_old_manual_entry_on_savings_can_still_be_reversed(members_book, sqlite_only):
    """Entries posted before owners were enforced stay correctable: a reversal is the exact
    mirror of its original, which the database checks instead of the owner."""
    from dataclasses import replace

    from sqlalchemy import text

    from ledger import ddl

    with members_book.transaction() as s:  # a book from before migration 0006
        checks_owner = ddl.OWNER_GUARDS + tuple(t for t in ddl.BORN_POSTED
                                                if t.name == "trg_entry_insert_check")
        for statement in ddl.drop_statements("sqlite", checks_owner):
            s.execute(text(statement))
        ctx = posting.load_context(s)
        old = posting.post(s, simple_entry(D, "1101", "2101", 20_000, party="A-001",
                                           operation="manual"),
                           ctx=replace(ctx, permits=ctx.permits | {("manual", "savings")}))
        for statement in ddl.create_statements("sqlite", checks_owner):
            s.execute(text(statement))
    journal.reverse_entry(members_book, ACTOR, old.id, reason="salah jalur", day=D)
    assert savings.member_page(members_book, "A-001", D).account("sukarela").balance == rp(0)
