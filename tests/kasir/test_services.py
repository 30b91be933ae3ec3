"""The services the window and the command line call: one transaction per use case, plain
values back."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp
from kasir import numbers
from kasir.actor import Actor
from kasir.book import cooperative
from kasir.cash import service as cash
from kasir.errors import KasirError
from kasir.members import rules as members_rules
from kasir.members import service as members
from kasir.receipts import service as receipts
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from ledger import queries

D = dt.date(2026, 11, 2)


@pytest.fixture
def coop(book):
    members.create_group(book, ACTOR, members_rules.GroupInput("K01", "Mawar", "Sukamaju", 0, "Bu Ratna"))
    members.create_group(book, ACTOR, members_rules.GroupInput("K02", "Melati", "Cibeber", 2))
    for number, name, group in (("A-001", "Siti Aminah", "K01"), ("A-002", "Nur Hasanah", "K01"),
                                ("A-010", "Siti Rohmah", "K02"), ("A-0011", "Ani", "K02")):
        members.create_member(book, ACTOR, members_rules.MemberInput(number, name, dt.date(2026, 10, 5), group,
                                                     wajib_amount=rp(5_000)))
    return book


def test_find_members_by_number_or_name_exact_number_first(coop):
    assert [r.number for r in members.find_members(coop, "siti")] == ["A-001", "A-010"]
    assert members.find_members(coop, "A-001")[0].number == "A-001"
    assert [r.number for r in members.find_members(coop, "", group="K02")] == ["A-0011", "A-010"]
    assert len(members.find_members(coop, "A-0", limit=2)) == 2


def test_deposit_gives_a_receipt_and_the_same_key_posts_once(coop):
    first = savings.deposit(coop, ACTOR, "A-001", "sukarela", rp(250_000), D, key="k-1")
    again = savings.deposit(coop, ACTOR, "A-001", "sukarela", rp(250_000), D, key="k-1")
    assert first.receipt == "0001/KW/XI/2026" and not first.duplicate
    assert again.duplicate and (again.receipt, again.receipt_id) == (first.receipt,
                                                                     first.receipt_id)
    with coop.read_session() as s:
        assert savings_rules.balance(s, "A-001", "sukarela") == rp(250_000)
    assert receipts.receipt_label(coop, first.receipt_id) == "0001/KW/XI/2026"


def test_a_repeated_withdrawal_of_everything_answers_the_first(coop):
    savings.deposit(coop, ACTOR, "A-001", "sukarela", rp(100_000), D)
    first = savings.withdraw(coop, ACTOR, "A-001", "sukarela", rp(100_000), D, key="w-1")
    again = savings.withdraw(coop, ACTOR, "A-001", "sukarela", rp(100_000), D, key="w-1")
    assert again.duplicate and again.receipt == first.receipt
    with pytest.raises(KasirError, match="exceeds its balance"):
        savings.withdraw(coop, ACTOR, "A-001", "sukarela", rp(1), D, key="w-2")


def test_refusals_change_nothing(coop):
    with pytest.raises(KasirError, match="only be paid out when the member leaves"):
        savings.withdraw(coop, ACTOR, "A-001", "pokok", rp(1_000), D)
    with coop.read_session() as s:
        assert queries.count_posted(s) == 0


def test_member_page_lists_accounts_balances_and_arrears(coop):
    savings.deposit(coop, ACTOR, "A-001", "wajib", rp(20_000), D)
    page = savings.member_page(coop, "A-001", dt.date(2026, 11, 9))
    assert [a.product for a in page.accounts] == ["pokok", "wajib", "sukarela", "mudharabah"]
    assert page.account("wajib").balance == rp(20_000)
    assert page.arrears == rp(10_000) and page.detail.group_name == "Mawar"
    history = savings.member_history(coop, "A-001", "wajib")
    assert [r.code for r in history.rows] == ["SW"] and history.closing == rp(20_000)


def test_transfer_and_exit(coop):
    savings.deposit(coop, ACTOR, "A-002", "sukarela", rp(50_000), D)
    savings.deposit(coop, ACTOR, "A-002", "pokok", rp(10_000), D)
    moved = savings.transfer(coop, ACTOR, "A-002", "sukarela", "mudharabah", rp(20_000), D)
    assert moved.receipt is None
    page = savings.member_page(coop, "A-002", D)
    with pytest.raises(KasirError, match="balance is"):
        savings.exit_member(coop, ACTOR, "A-002", D, expected={"sukarela": rp(50_000)})
    out = savings.exit_member(coop, ACTOR, "A-002", D, expected=page.held(), key="x-1")
    assert out.receipt is not None
    assert savings.exit_member(coop, ACTOR, "A-002", D, expected=page.held(), key="x-1").duplicate
    assert savings.member_page(coop, "A-002", D).detail.status == "exited"
    assert members.find_members(coop, "", status="exited")[0].number == "A-002"


def test_groups_members_and_editing(coop):
    rows = {g.code: g for g in members.groups(coop)}
    assert rows["K01"].members == 2 and rows["K01"].facilitator == "Bu Ratna"
    members.update_group(coop, ACTOR, "K01", members_rules.GroupInput("K01", "Mawar Merah", "Sukamaju", 4))
    assert members.groups(coop)[0].name == "Mawar Merah"
    assert members.next_member_number(coop) == "A-0012"
    members.update_member(coop, ACTOR, members_rules.MemberInput("A-002", "Nur  Hasanah  S", dt.date(2026, 10, 5),
                                                 "K02", phone="0812", wajib_amount=rp(10_000),
                                                 wajib_period="monthly"))
    detail = savings.member_page(coop, "A-002").detail
    assert (detail.name, detail.group_code, detail.phone, detail.wajib_period) == (
        "Nur Hasanah S", "K02", "0812", "monthly")
    with pytest.raises(KasirError, match="already in use"):
        members.create_member(coop, ACTOR, members_rules.MemberInput("A-001", "X", D))


def test_products_and_nisbah(coop):
    assert numbers.parse_nisbah("35") == 3500 and numbers.parse_nisbah("27,5 %") == 2750
    for bad in ("abc", "101", "-3", "1,234"):
        with pytest.raises(KasirError):
            numbers.parse_nisbah(bad)
    savings.update_product(coop, ACTOR, "mudharabah", nisbah_bp=3500, default_amount=rp(10_000))
    row = {p.code: p for p in savings.products(coop)}["mudharabah"]
    assert (row.nisbah_percent, row.default_amount) == ("35", rp(10_000))


def test_cash_count_preview_and_confirm(coop):
    savings.deposit(coop, ACTOR, "A-001", "sukarela", rp(220_000), D)
    pieces = {100_000: 2, 10_000: 1, 5_000: 1}
    preview = cash.cash_count_preview(coop, D, pieces)
    assert preview.difference == rp(-5_000)
    with pytest.raises(KasirError, match="Explain the difference"):
        cash.confirm_cash_count(coop, ACTOR, D, pieces)
    cash.confirm_cash_count(coop, Actor("bendahara"), D, pieces, note="kembalian")
    with coop.read_session() as s:
        assert queries.balance(s, "1409") == rp(5_000)
    assert [c.note for c in cash.cash_counts(coop, D, D)] == ["kembalian"]


def test_cooperative_settings(coop):
    cooperative.save_cooperative(coop, ACTOR, cooperative.CoopSettings("Koperasi  Uji", "Jl. Mawar 1", "Lebak",
                                                  "Ibu Ratna"))
    assert cooperative.cooperative(coop) == cooperative.CoopSettings("Koperasi Uji", "Jl. Mawar 1", "Lebak",
                                                       "Ibu Ratna")
    with pytest.raises(KasirError, match="needs a name"):
        cooperative.save_cooperative(coop, ACTOR, cooperative.CoopSettings(""))
