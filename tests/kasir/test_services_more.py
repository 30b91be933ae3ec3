"""The services behind the profit-sharing, import and receipts pages (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, EVENTS, rp, worked_example_month, write_events
from kasir import i18n, numbers
from kasir.actor import Actor
from kasir.errors import KasirError
from kasir.imports import service as imports
from kasir.imports.events import EventError
from kasir.members import rules as members_rules
from kasir.members import service as members
from kasir.profit_share import service as profit_share
from kasir.receipts import service as receipts
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from ledger import queries

NOV = dt.date(2026, 11, 1)
D = dt.date(2026, 11, 20)


def count_entries(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


# --- profit sharing ------------------------------------------------------------------------

@pytest.fixture
def month(book):
    """domain.md §1.3: A 400.000 from 1 November and 300.000 more from the 11th, B 23.400.000,
    financing 60.000.000 the whole month, margin income 1.500.000, nisbah 30%."""
    book.run(lambda s: worked_example_month(s, {"A": "Aminah", "B": "Badriah"}))
    savings.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    return book


def test_profit_share_plan_posts_once_and_names_its_entry(month):
    plan = profit_share.plan(month, 2026, 11)
    assert plan.pool == rp(180_000)
    assert {ln.member: ln.gross for ln in plan.lines} == {"A": rp(4_500), "B": rp(175_500)}
    assert profit_share.posted_entry(month, 2026, 11) is None
    ref = profit_share.post(month, Actor("bendahara"), 2026, 11, expected=plan)
    assert profit_share.posted_entry(month, 2026, 11) == ref.label
    with month.read_session() as s:
        assert savings_rules.balance(s, "A", "mudharabah") == rp(704_500)
    with pytest.raises(KasirError) as err:
        profit_share.post(month, ACTOR, 2026, 11)
    assert i18n.message(err.value) == "Bagi hasil 11/2026 sudah diposting."


def test_profit_share_is_refused_when_the_book_changed_since_it_was_shown(month):
    shown = profit_share.plan(month, 2026, 11)
    savings.deposit(month, ACTOR, "A", "mudharabah", rp(100_000), dt.date(2026, 11, 25))
    before = count_entries(month)
    with pytest.raises(KasirError, match="changed since they were computed"):
        profit_share.post(month, ACTOR, 2026, 11, expected=shown)
    assert count_entries(month) == before


def test_typed_income_and_reserve(month):
    plan = profit_share.plan(month, 2026, 11, income=rp(3_000_000), reserve_bp=1_000)
    assert plan.income == rp(3_000_000)
    assert plan.portion == rp(1_080_000) and plan.pool == rp(324_000)


def test_parse_percent():
    assert numbers.parse_percent("10") == 1_000 and numbers.parse_percent("12,5 %") == 1_250
    assert numbers.parse_percent("250") == 25_000  # the caller decides the bounds
    with pytest.raises(KasirError, match="not a percentage"):
        numbers.parse_percent("sepuluh")
    with pytest.raises(KasirError, match="between 0 and 100"):
        numbers.parse_nisbah("101")


# --- import ----------------------------------------------------------------------------------



def test_event_file_counts_its_lines(tmp_path):
    info = imports.event_file(write_events(tmp_path, EVENTS, "lama.events.jsonl"))
    assert (info.name, info.lines) == ("lama.events.jsonl", 4) and info.size > 100
    with pytest.raises(KasirError) as err:
        imports.event_file(tmp_path / "tidak-ada.jsonl")
    assert i18n.message(err.value).startswith("tidak-ada.jsonl tidak bisa dibaca: ")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"name": "Ros\xe9"}\n')
    with pytest.raises(KasirError, match="UTF-8"):
        imports.event_file(latin)


def test_import_reports_progress_and_a_second_import_skips_everything(book, tmp_path):
    path = write_events(tmp_path, EVENTS, "lama.events.jsonl")
    heard: list[int] = []
    result = imports.import_event_file(book, Actor("bendahara"), path, heard.append)
    assert (result.imported, result.entries, result.skipped) == (4, 2, 0)
    assert result.by_type == {"group_created": 1, "member_created": 1, "deposit": 2}
    assert heard[0] == 0 and heard[-1] == 4
    with book.read_session() as s:
        assert savings_rules.balance(s, "M1", "sukarela") == rp(120_000)
    again = imports.import_event_file(book, ACTOR, path)
    assert (again.imported, again.entries, again.skipped) == (0, 0, 4)


def test_a_bad_line_refuses_the_whole_file(book, tmp_path):
    bad = {"type": "withdrawal", "date": "2026-01-13", "member_id": "M1",
           "product": "sukarela", "amount": 500000, "channel": "cash"}
    with pytest.raises(EventError) as err:
        imports.import_event_file(book, ACTOR, write_events(tmp_path, [*EVENTS, bad], "lama.events.jsonl"))
    assert i18n.message(err.value).startswith("lama.events.jsonl:5: amount: Penarikan Rp500.000")
    assert count_entries(book) == 0 and members.find_members(book) == []


# --- receipts ----------------------------------------------------------------------------------

@pytest.fixture
def counter(book):
    for number, name in (("A-001", "Siti Aminah"), ("A-002", "Nur Hasanah")):
        members.create_member(book, ACTOR, members_rules.MemberInput(number, name, dt.date(2026, 10, 5)))
    first = savings.deposit(book, ACTOR, "A-001", "sukarela", rp(250_000), dt.date(2026, 11, 2))
    second = savings.deposit(book, ACTOR, "A-002", "sukarela", rp(40_000), dt.date(2026, 11, 9))
    third = savings.withdraw(book, ACTOR, "A-001", "sukarela", rp(50_000), D)
    return book, first, second, third


def test_receipts_newest_first_and_found_by_number_or_member(counter):
    book, first, second, third = counter
    rows = receipts.receipts(book, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [r.label for r in rows] == ["0003/KW/XI/2026", "0002/KW/XI/2026", "0001/KW/XI/2026"]
    top = rows[0]
    assert (top.id, top.direction, top.member, top.name, top.amount) == (
        third.receipt_id, "out", "A-001", "Siti Aminah", rp(50_000))
    assert top.entry == third.entry and not top.cancelled
    assert top.purpose.startswith("Penarikan Simpanan Sukarela")
    found = lambda text: [r.label for r in receipts.receipts(book, NOV, D, text)]  # noqa: E731
    assert found("2") == ["0002/KW/XI/2026"]
    assert found("0001/KW/XI/2026") == ["0001/KW/XI/2026"]
    assert found("0001/KW/XI/2025") == []
    assert found("nur") == ["0002/KW/XI/2026"]
    assert found("a-001") == ["0003/KW/XI/2026", "0001/KW/XI/2026"]
    assert found("50%") == []
    assert [r.label for r in receipts.receipts(book, NOV, dt.date(2026, 11, 9))] == [
        "0002/KW/XI/2026", "0001/KW/XI/2026"]
    assert receipts.receipt(book, second.receipt_id).label == "0002/KW/XI/2026"


def test_cancelling_a_receipt_reverses_its_operation_once(counter):
    book, _first, second, _third = counter
    with pytest.raises(KasirError, match="needs a reason"):
        receipts.cancel_receipt(book, ACTOR, second.receipt_id, "  ", D)
    ref = receipts.cancel_receipt(book, Actor("bendahara"), second.receipt_id, "Salah anggota", D)
    row = receipts.receipt(book, second.receipt_id)
    assert row.cancelled and row.reversed_by == ref.label
    assert row.reversal_reason == "Salah anggota"
    with book.read_session() as s:
        assert savings_rules.balance(s, "A-002", "sukarela") == rp(0)
    with pytest.raises(KasirError) as err:
        receipts.cancel_receipt(book, ACTOR, second.receipt_id, "lagi", D)
    assert i18n.message(err.value) == (f"Kuitansi 0002/KW/XI/2026 sudah dibatalkan dengan entri "
                                       f"{ref.label}.")


def test_a_deposit_already_withdrawn_cannot_be_cancelled(counter):
    book, first, _second, _third = counter
    before = count_entries(book)
    with pytest.raises(KasirError) as err:
        receipts.cancel_receipt(book, ACTOR, first.receipt_id, "Salah jumlah", D)
    assert "tinggal Rp200.000, kurang dari Rp250.000" in i18n.message(err.value)
    assert count_entries(book) == before


def test_cancelling_an_exit_brings_the_member_back(counter):
    book, *_ = counter
    page = savings.member_page(book, "A-002", D)
    out = savings.exit_member(book, ACTOR, "A-002", D, expected=page.held())
    assert savings.member_page(book, "A-002", D).detail.status == "exited"
    receipts.cancel_receipt(book, ACTOR, out.receipt_id, "Belum jadi keluar", D)
    assert savings.member_page(book, "A-002", D).detail.status == "active"
    with pytest.raises(KasirError, match="no receipt"):
        receipts.receipt(book, 999)
