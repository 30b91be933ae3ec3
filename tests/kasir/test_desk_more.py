"""The desk functions behind the profit-sharing, import and receipts pages (no Qt)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factories import rp, simple_entry
from kasir import anggota, desk, i18n, simpanan
from kasir.errors import KasirError
from kasir.impor import EventError
from ledger import posting, queries

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
    def work(s):
        for n, name in (("A", "Aminah"), ("B", "Badriah")):
            anggota.add_member(s, anggota.MemberInput(n, name, dt.date(2026, 1, 5)))
        posting.post(s, simple_entry(dt.date(2026, 10, 1), "1111", "4201", 60_000_000))
        posting.post(s, simple_entry(dt.date(2026, 10, 31), "1311", "1111", 60_000_000))
        simpanan.deposit(s, "A", "mudharabah", rp(400_000), day=NOV)
        simpanan.deposit(s, "B", "mudharabah", rp(23_400_000), day=NOV)
        simpanan.deposit(s, "A", "mudharabah", rp(300_000), day=dt.date(2026, 11, 11))
        posting.post(s, simple_entry(dt.date(2026, 11, 20), "1101", "5101", 1_500_000))
    book.run(work)
    desk.update_product(book, "mudharabah", nisbah_bp=3000)
    return book


def test_profit_share_plan_posts_once_and_names_its_entry(month):
    plan = desk.profit_share_plan(month, 2026, 11)
    assert plan.pool == rp(180_000)
    assert {ln.member: ln.gross for ln in plan.lines} == {"A": rp(4_500), "B": rp(175_500)}
    assert desk.profit_share_entry(month, 2026, 11) is None
    ref = desk.post_profit_share(month, 2026, 11, expected=plan, user="bendahara")
    assert desk.profit_share_entry(month, 2026, 11) == ref.label
    with month.read_session() as s:
        assert simpanan.balance(s, "A", "mudharabah") == rp(704_500)
    with pytest.raises(KasirError) as err:
        desk.post_profit_share(month, 2026, 11)
    assert i18n.message(err.value) == "Bagi hasil 11/2026 sudah diposting."


def test_profit_share_is_refused_when_the_book_changed_since_it_was_shown(month):
    shown = desk.profit_share_plan(month, 2026, 11)
    desk.deposit(month, "A", "mudharabah", rp(100_000), dt.date(2026, 11, 25))
    before = count_entries(month)
    with pytest.raises(KasirError, match="changed since they were computed"):
        desk.post_profit_share(month, 2026, 11, expected=shown)
    assert count_entries(month) == before


def test_typed_income_and_reserve(month):
    plan = desk.profit_share_plan(month, 2026, 11, income=rp(3_000_000), reserve_bp=1_000)
    assert plan.income == rp(3_000_000)
    assert plan.portion == rp(1_080_000) and plan.pool == rp(324_000)


def test_parse_percent():
    assert desk.parse_percent("10") == 1_000 and desk.parse_percent("12,5 %") == 1_250
    assert desk.parse_percent("250") == 25_000  # the caller decides the bounds
    with pytest.raises(KasirError, match="not a percentage"):
        desk.parse_percent("sepuluh")
    with pytest.raises(KasirError, match="between 0 and 100"):
        desk.parse_nisbah("101")


# --- import ----------------------------------------------------------------------------------

EVENTS = [
    {"type": "group_created", "date": "2026-01-05", "group_id": "G1", "village": "Sukamaju",
     "meeting_weekday": 0},
    {"type": "member_created", "date": "2026-01-05", "member_id": "M1", "group_id": "G1",
     "name": "Siti", "village": "Sukamaju", "joined": "2026-01-05", "wajib_weekly": 5000},
    {"type": "deposit", "date": "2026-01-05", "member_id": "M1", "product": "sukarela",
     "amount": 120000, "channel": "cash"},
    {"type": "deposit", "date": "2026-01-12", "member_id": "M1", "product": "wajib",
     "amount": 5000, "channel": "cash"},
]


def write_events(folder: Path, events: list[dict], name: str = "lama.events.jsonl") -> Path:
    path = folder / name
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n\n", "utf-8")
    return path


def test_event_file_counts_its_lines(tmp_path):
    info = desk.event_file(write_events(tmp_path, EVENTS))
    assert (info.name, info.lines) == ("lama.events.jsonl", 4) and info.size > 100
    with pytest.raises(KasirError) as err:
        desk.event_file(tmp_path / "tidak-ada.jsonl")
    assert i18n.message(err.value).startswith("tidak-ada.jsonl tidak bisa dibaca: ")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"name": "Ros\xe9"}\n')
    with pytest.raises(KasirError, match="UTF-8"):
        desk.event_file(latin)


def test_import_reports_progress_and_a_second_import_skips_everything(book, tmp_path):
    path = write_events(tmp_path, EVENTS)
    heard: list[int] = []
    result = desk.import_event_file(book, path, "bendahara", heard.append)
    assert (result.imported, result.entries, result.skipped) == (4, 2, 0)
    assert result.by_type == {"group_created": 1, "member_created": 1, "deposit": 2}
    assert heard[0] == 0 and heard[-1] == 4
    with book.read_session() as s:
        assert simpanan.balance(s, "M1", "sukarela") == rp(120_000)
    again = desk.import_event_file(book, path)
    assert (again.imported, again.entries, again.skipped) == (0, 0, 4)


def test_a_bad_line_refuses_the_whole_file(book, tmp_path):
    bad = {"type": "withdrawal", "date": "2026-01-13", "member_id": "M1",
           "product": "sukarela", "amount": 500000, "channel": "cash"}
    with pytest.raises(EventError) as err:
        desk.import_event_file(book, write_events(tmp_path, [*EVENTS, bad]))
    assert i18n.message(err.value).startswith("lama.events.jsonl:5: type: Penarikan Rp500.000")
    assert count_entries(book) == 0 and desk.member_count(book) == 0


# --- receipts ----------------------------------------------------------------------------------

@pytest.fixture
def counter(book):
    for number, name in (("A-001", "Siti Aminah"), ("A-002", "Nur Hasanah")):
        desk.create_member(book, anggota.MemberInput(number, name, dt.date(2026, 10, 5)))
    first = desk.deposit(book, "A-001", "sukarela", rp(250_000), dt.date(2026, 11, 2))
    second = desk.deposit(book, "A-002", "sukarela", rp(40_000), dt.date(2026, 11, 9))
    third = desk.withdraw(book, "A-001", "sukarela", rp(50_000), D)
    return book, first, second, third


def test_receipts_newest_first_and_found_by_number_or_member(counter):
    book, first, second, third = counter
    rows = desk.receipts(book, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [r.label for r in rows] == ["0003/KW/XI/2026", "0002/KW/XI/2026", "0001/KW/XI/2026"]
    top = rows[0]
    assert (top.id, top.direction, top.member, top.name, top.amount) == (
        third.receipt_id, "out", "A-001", "Siti Aminah", rp(50_000))
    assert top.entry == third.entry and not top.cancelled
    assert top.purpose.startswith("Penarikan Simpanan Sukarela")
    found = lambda text: [r.label for r in desk.receipts(book, NOV, D, text)]  # noqa: E731
    assert found("2") == ["0002/KW/XI/2026"]
    assert found("0001/KW/XI/2026") == ["0001/KW/XI/2026"]
    assert found("0001/KW/XI/2025") == []
    assert found("nur") == ["0002/KW/XI/2026"]
    assert found("a-001") == ["0003/KW/XI/2026", "0001/KW/XI/2026"]
    assert found("50%") == []
    assert [r.label for r in desk.receipts(book, NOV, dt.date(2026, 11, 9))] == [
        "0002/KW/XI/2026", "0001/KW/XI/2026"]
    assert desk.receipt(book, second.receipt_id).label == "0002/KW/XI/2026"


def test_cancelling_a_receipt_reverses_its_operation_once(counter):
    book, _first, second, _third = counter
    with pytest.raises(KasirError, match="needs a reason"):
        desk.cancel_receipt(book, second.receipt_id, "  ", D)
    ref = desk.cancel_receipt(book, second.receipt_id, "Salah anggota", D, "bendahara")
    row = desk.receipt(book, second.receipt_id)
    assert row.cancelled and row.reversed_by == ref.label
    assert row.reversal_reason == "Salah anggota"
    with book.read_session() as s:
        assert simpanan.balance(s, "A-002", "sukarela") == rp(0)
    with pytest.raises(KasirError) as err:
        desk.cancel_receipt(book, second.receipt_id, "lagi", D)
    assert i18n.message(err.value) == (f"Kuitansi 0002/KW/XI/2026 sudah dibatalkan dengan entri "
                                       f"{ref.label}.")


def test_a_deposit_already_withdrawn_cannot_be_cancelled(counter):
    book, first, _second, _third = counter
    before = count_entries(book)
    with pytest.raises(KasirError) as err:
        desk.cancel_receipt(book, first.receipt_id, "Salah jumlah", D)
    assert "tinggal Rp200.000, kurang dari Rp250.000" in i18n.message(err.value)
    assert count_entries(book) == before


def test_cancelling_an_exit_brings_the_member_back(counter):
    book, *_ = counter
    page = desk.member_page(book, "A-002", D)
    out = desk.exit_member(book, "A-002", D, expected=page.held())
    assert desk.member_page(book, "A-002", D).detail.status == "exited"
    desk.cancel_receipt(book, out.receipt_id, "Belum jadi keluar", D)
    assert desk.member_page(book, "A-002", D).detail.status == "active"
    with pytest.raises(KasirError, match="no receipt"):
        desk.receipt(book, 999)
