"""The rooms of kasir/: account roles and owners as data, the actor and the clock carried
through the unit of work, reversals through each owner's registry, the maal book's service."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from factories import ACTOR, rp, run_alembic, simple_entry
from kasir.accounts import AccountRole, Owner
from kasir.actor import Actor
from kasir.clock import FixedClock
from kasir.errors import KasirError
from kasir.funds import service as funds
from kasir.journal import recipes, reversals
from kasir.journal import service as journal
from kasir.members import service as members
from kasir.receipts import service as receipts
from kasir.savings import service as savings
from ledger import posting, queries
from ledger.schema import JournalEntry

ROOT = Path(__file__).parent.parent.parent
D = dt.date(2026, 11, 20)

# domain.md §2.1, written out again: the chart must say the same
OWNED = {
    "savings": {"2101", "3101", "3102", "4101", "4102", "6102"},
    "profit_share": {"6101", "2105"},
    "financing": {"1301", "1302", "1303", "1304", "1311", "1321", "1322", "1331", "1391",
                  "1392", "1393", "2103", "2104", "5101", "5102", "5103", "5202", "6207",
                  "6208", "7201"},
    "funds": {"2121", "7101", "7102", "7301", "7302", "7303", "7304"},
    "cash_count": {"1409"},
    "closing": {"2106", "2108", "2109", "2110", "2111", "2112", "4301", "4401", "4402"},
}


def owners(book) -> dict[str, set[str]]:  # noqa: ANN001
    with book.engine.connect() as conn:
        rows = conn.execute(text("SELECT owner, code FROM account")).all()
    out: dict[str, set[str]] = {}
    for owner, code in rows:
        out.setdefault(owner, set()).add(code)
    return out


def test_each_account_carries_its_owner_in_the_book(book):
    found = owners(book)
    assert {k: v for k, v in found.items() if k != "journal"} == OWNED
    assert set(found) <= {o.value for o in Owner}
    assert {"1101", "1111", "1113", "5301", "6203", "4201"} <= found["journal"]


def test_an_older_book_gets_its_owners_on_upgrade(book):
    run_alembic(book, "downgrade", "0004")
    with book.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("account")}
    assert "owner" not in columns
    run_alembic(book, "upgrade", "head")
    assert {k: v for k, v in owners(book).items() if k != "journal"} == OWNED


def test_every_role_names_a_postable_account_of_the_chart(book):
    with book.read_session() as s:
        chart = {a.code: a for a in queries.chart(s)}
    for role in AccountRole:
        assert role.value in chart, role
        assert not chart[role.value].is_header and chart[role.value].active, role
    assert AccountRole.CASH == "1101" and f"{AccountRole.WADIAH}" == "2101"


def _string_literals(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_account_code_is_written_as_a_literal_outside_the_roles():
    """kasir/, reports/ and ui/ name roles; only kasir/accounts.py maps them to codes."""
    found = []
    for top in ("kasir", "reports", "ui"):
        for path in (ROOT / top).rglob("*.py"):
            if path.name == "accounts.py":
                continue
            found += [f"{path.relative_to(ROOT)}: {v}" for v in _string_literals(path)
                      if re.fullmatch(r"[1-7]\d{3}", v)]
    assert found == []


def test_the_actor_is_who_posts_and_issues_the_receipt(members_book):
    siti = Actor("siti", computer="laptop-kantor")
    done = savings.deposit(members_book, siti, "A-001", "sukarela", rp(25_000), D)
    with members_book.read_session() as s:
        assert s.get(JournalEntry, done.entry_id).posted_by == "siti"
    assert receipts.receipts(members_book, D, D)[0].label == done.receipt


def test_the_books_clock_is_today_for_every_default(members_book):
    members_book.clock = FixedClock(dt.date(2026, 10, 26))
    page = savings.member_page(members_book, "A-001")
    assert page.as_of == dt.date(2026, 10, 26)
    assert page.detail.wajib.periods == 4  # joined 5 October, weekly: 5, 12, 19, 26
    members_book.clock = FixedClock(dt.date(2026, 11, 2))
    assert savings.member_page(members_book, "A-001").detail.wajib.periods == 5


def test_book_run_returns_what_the_work_returns(book):
    assert book.run(lambda s: 41 + 1) == 42
    assert book.read(lambda s: queries.count_posted(s)) == 0


def test_the_reversal_registry_is_complete_whichever_face_asks(members_book):
    assert reversals.kind_of("deposit:sukarela") == "deposit"
    assert reversals._rules("member_exit").undos and reversals._rules("deposit").checks
    assert reversals._rules("profit_share").checks


def test_a_journal_reversal_of_a_deposit_already_withdrawn_is_refused(members_book):
    """The same savings check the receipts list makes, now on the journal page too."""
    first = savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(70_000), D)
    with pytest.raises(KasirError, match="cannot be reversed") as err:
        journal.reverse_entry(members_book, ACTOR, first.entry_id, reason="salah", day=D)
    assert err.value.params["balance"] == rp(30_000)
    assert savings.member_page(members_book, "A-001", D).account("sukarela").balance \
        == rp(30_000)


def test_a_reversed_exit_reactivates_the_member_through_the_registry(members_book):
    out = savings.exit_member(members_book, ACTOR, "A-002", D)
    assert members.find_members(members_book, "A-002", status="exited")
    journal.reverse_entry(members_book, ACTOR, out.entry_id, reason="belum jadi", day=D)
    assert members.find_members(members_book, "A-002", status="active")
    assert savings.member_page(members_book, "A-002", D).total == rp(90_000)


def test_a_manual_entry_without_savings_reverses_freely(book):
    ref = book.run(lambda s: posting.post(s, simple_entry(D, "6203", "1101", 75_000)))
    rev = journal.reverse_entry(book, ACTOR, ref.id, reason="salah akun", day=D)
    assert journal.reversal_reason(book, ref.id) == "salah akun"
    assert rev.label != ref.label


def test_the_maal_book_service_posts_to_the_funds_never_to_income(book):
    funds.receive_zis(book, ACTOR, D, "zakat", rp(500_000))
    funds.receive_zis(book, ACTOR, D, "sadaqah", rp(20_000), channel="bank")
    funds.distribute_zis(book, ACTOR, D, "zakat", rp(200_000), programme="fakir miskin")
    funds.receive_non_halal(book, ACTOR, D, rp(3_500))
    funds.disburse_benevolence(book, ACTOR, D, rp(1_500), paid_from="bank")
    with book.read_session() as s:
        assert queries.normal_balance(s, AccountRole.ZAKAT_FUND) == rp(300_000)
        assert queries.normal_balance(s, AccountRole.INFAQ_FUND) == rp(20_000)
        assert queries.balance(s, AccountRole.MAAL_CASH) == rp(300_000)
        assert queries.balance(s, AccountRole.MAAL_BANK) == rp(20_000)
        assert queries.normal_balance(s, AccountRole.BENEVOLENCE_HELD) == rp(2_000)
        assert not any(r.code.startswith("5") for r in queries.trial_balance(s).rows)
    with pytest.raises(KasirError, match="no fund for wakaf"):
        funds.receive_zis(book, ACTOR, D, "wakaf", rp(1))
    with pytest.raises(KasirError, match="cash or bank"):
        funds.receive_zis(book, ACTOR, D, "zakat", rp(1), channel="gopay")


def test_recipes_are_data_with_the_channel_given_by_the_event():
    draft = recipes.expense(D, "rent", rp(300_000), paid_from="bank")
    assert [(ln.account_code, ln.debit, ln.credit) for ln in draft.lines] == [
        ("6206", rp(300_000), rp(0)), ("1111", rp(0), rp(300_000))]
    assert draft.operation == "expense"
    assert recipes.capital_grant(D, rp(1), repayable=True).lines[1].account_code == "2202"
    with pytest.raises(KasirError):
        recipes.expense(D, "hiburan", rp(1))
