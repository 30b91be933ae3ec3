"""Importing business-event files: generated histories reproduce every member's savings;
bad files are refused whole with the line and field named; a second import skips all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factories import ACTOR, EVENTS, write_events
from kasir.imports import service as imports
from kasir.imports.events import EventError
from kasir.imports.handlers import NOT_YET
from kasir.savings import queries as savings_queries
from kasir.savings import rules as savings_rules
from ledger import queries
from ledger.money import Money
from ledger.schema import JournalEntry

GENERATOR = Path(__file__).resolve().parents[3] / "shared" / "tools" / "gen_workload.py"
SAVINGS_PREFIX = {"pokok": "Equity:Members:Pokok:", "wajib": "Equity:Members:Wajib:"}


@pytest.fixture(scope="module")
def savings_history(tmp_path_factory) -> tuple[Path, dict]:
    if not GENERATOR.exists():
        pytest.skip("the workload generator (../shared/tools) is not beside the project")
    out = tmp_path_factory.mktemp("gen") / "w"
    subprocess.run([sys.executable, str(GENERATOR), "--members", "15", "--years", "1",
                    "--seed", "7", "--out", str(out), "--format", "jsonl"], check=True,
                   capture_output=True)
    full = Path(f"{out}.events.jsonl")
    only = Path(f"{out}.savings.events.jsonl")
    with open(full) as src, open(only, "w") as dst:
        for line in src:
            if json.loads(line)["type"] not in NOT_YET:
                dst.write(line)
    expected = json.loads(Path(f"{out}.expected.json").read_text())
    return only, expected


def entries(book) -> int:
    with book.read_session() as s:
        return s.scalar(select(func.count()).select_from(JournalEntry))


def sukarela_from_events(path: Path) -> dict[str, int]:
    """Each member's wadiah balance computed from the file alone, not from the journal."""
    bal: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        ev = json.loads(line)
        if ev["type"] == "deposit" and ev["product"] == "sukarela":
            bal[ev["member_id"]] = bal.get(ev["member_id"], 0) + ev["amount"]
        elif ev["type"] == "withdrawal" and ev["product"] == "sukarela":
            bal[ev["member_id"]] -= ev["amount"]
        elif ev["type"] == "member_exit":
            bal[ev["member_id"]] = bal.get(ev["member_id"], 0) - ev["sukarela"]
    return {m: b for m, b in bal.items() if b}


def test_savings_history_reproduces_every_member(book, savings_history):
    path, expected = savings_history
    result = imports.import_event_file(book, ACTOR, path)
    assert result.imported == result.events > 100
    with book.read_session() as s:
        rows = savings_queries.savings_balances(s)
        assert queries.trial_balance(s).balanced
    got = {(r.member_id, r.product): r.balance for r in rows}
    for product, prefix in SAVINGS_PREFIX.items():
        want = {acct[len(prefix):]: -v for acct, v in expected["balances"].items()
                if acct.startswith(prefix)}
        assert want, product
        for member, amount in want.items():
            assert got.get((member, product), Money(0)) == Money.rupiah(amount), (member, product)
    for member, amount in sukarela_from_events(path).items():
        assert got[(member, "sukarela")] == Money.rupiah(amount), member
    again = imports.import_event_file(book, ACTOR, path)
    assert (again.imported, again.skipped) == (0, result.events)


def _write(tmp_path: Path, events: list[dict]) -> Path:
    return write_events(tmp_path, events, "uji.events.jsonl")


BASE = EVENTS[:3]  # a group, its member, her first deposit


@pytest.mark.parametrize("bad, needle", [
    ({"type": "withdrawal", "date": "2026-01-06", "member_id": "M1", "product": "sukarela",
      "amount": 500000, "channel": "cash"}, "uji.events.jsonl:4: amount: A withdrawal of "
                                            "Rp500.000 from Simpanan Sukarela (Wadiah) of M1 "
                                            "exceeds its balance Rp120.000"),
    ({"type": "withdrawal", "date": "2026-01-06", "member_id": "M1", "product": "pokok",
      "amount": 1, "channel": "cash"}, ":4: product: must be one of"),
    ({"type": "deposit", "date": "2026-01-06", "member_id": "M1", "product": "wajib",
      "amount": 1.5, "channel": "cash"}, ":4: amount: is a floating-point number (1.5)"),
    ({"type": "deposit", "date": "2026-01-04", "member_id": "M1", "product": "wajib",
      "amount": 5000, "channel": "cash"}, ":4: date: dates go backwards"),
    ({"type": "deposit", "date": "2026-01-06", "member_id": "M9", "product": "wajib",
      "amount": 5000, "channel": "cash"}, ":4: member_id: There is no member M9"),
    ({"type": "year_closed", "date": "2026-01-06", "year": 2025},
     "cannot be imported by this version"),
    ({"type": "withdrawal", "date": "2026-01-06", "member_id": "M1", "product": "sukarela",
      "amount": 20000, "channel": "cash", "balance_after": 90000},
     "balance_after: the file says Rp90.000, Kasir computes Rp100.000"),
    ({"type": "teleport", "date": "2026-01-06"}, "unknown event type teleport"),
])
def test_bad_event_refuses_the_whole_file(book, tmp_path, bad, needle):
    from kasir.i18n import message, set_language

    set_language("en")
    with pytest.raises(EventError) as err:
        imports.import_event_file(book, ACTOR, _write(tmp_path, [*BASE, bad]))
    assert needle in message(err.value)
    assert entries(book) == 0
    with book.read_session() as s:
        from kasir.members.models import Member as Anggota

        assert s.scalar(select(func.count()).select_from(Anggota)) == 0


def test_overlapping_file_posts_only_new_events(book, tmp_path):
    imports.import_event_file(book, ACTOR, _write(tmp_path, BASE))
    more = [*BASE, {"type": "deposit", "date": "2026-01-12", "member_id": "M1",
                    "product": "wajib", "amount": 5000, "channel": "cash"}]
    result = imports.import_event_file(book, ACTOR, _write(tmp_path, more))
    assert (result.imported, result.skipped) == (1, 3)
    with book.read_session() as s:
        assert savings_rules.balance(s, "M1", "wajib") == Money.rupiah(5000)


def test_closed_period_names_the_line(book, tmp_path):
    from kasir.i18n import message, set_language
    from ledger import periods

    set_language("en")
    book.run(lambda s: periods.close_period(s, 2026, 1))
    with pytest.raises(EventError) as err:
        imports.import_event_file(book, ACTOR, _write(tmp_path, BASE))
    assert "uji.events.jsonl:3:" in message(err.value) and "closed" in message(err.value)
    assert entries(book) == 0


def test_a_withdrawal_imported_before_later_lines_in_the_book_is_checked_against_them(
        book, tmp_path):
    """The running balances hold only while nothing later is in the book: an import dated
    before a later withdrawal already kept goes the exact way and is refused."""
    from kasir.i18n import message, set_language

    set_language("en")
    imports.import_event_file(book, ACTOR, _write(tmp_path, BASE))  # 120.000 on 5 Jan
    later = {"type": "withdrawal", "date": "2026-02-02", "member_id": "M1",
             "product": "sukarela", "amount": 100000, "channel": "cash"}
    imports.import_event_file(book, ACTOR, _write(tmp_path, [*BASE, later]))
    earlier = {"type": "withdrawal", "date": "2026-01-20", "member_id": "M1",
               "product": "sukarela", "amount": 50000, "channel": "cash"}
    with pytest.raises(EventError) as err:
        imports.import_event_file(book, ACTOR, _write(tmp_path, [*BASE, earlier]))
    assert "would overdraw a later day" in message(err.value)


def test_an_events_identity_is_the_same_in_every_version():
    """The digest an import records is how a later import knows an event seen before: it
    is the SHA-256 of the event's canonical JSON (keys sorted, no spaces, UTF-8, a long
    integer as its digits), fixed here so that no rewrite changes it."""
    from decimal import Decimal

    from kasir.imports.events import digest

    event = {"type": "deposit", "date": "2026-01-05", "member_id": "M1", "amount": 5000,
             "nama": "Siti é", "big": Decimal("123456789012345678901234567890"), "seq": None}
    assert digest(event) == "fec00f4a5c4be5b436b3d43ef069beda6db84a524213e7a8d74e3de071f29757"
    assert digest(dict(reversed(event.items()))) == digest(event)


def test_an_import_leaves_nothing_alive_behind_it(book, tmp_path):
    """Freed as soon as it returns, not at the next cycle collection: an importer caught
    in a reference cycle held a million-posting import's memory (its digests, members,
    contracts) while the next import read the whole file again, past the 400 MB target."""
    import gc

    from kasir.imports.importer import Importer

    gc.collect()
    gc.disable()
    try:
        imports.import_event_file(book, ACTOR, write_events(tmp_path, EVENTS))
        assert not [o for o in gc.get_objects() if isinstance(o, Importer)]
    finally:
        gc.enable()


def _numbers(book) -> list[tuple[int, int]]:  # noqa: ANN001
    with book.read_session() as s:
        return [tuple(r) for r in s.execute(select(JournalEntry.fiscal_year, JournalEntry.number)
                                            .order_by(JournalEntry.posted_seq))]


def test_an_import_numbers_on_from_the_book_and_the_desk_from_the_import(members_book,
                                                                         tmp_path):
    """An import holds the year's entry numbers in memory for its batches and moves the
    counter on once, at its end: they still follow the book's own without a gap, and the
    cashier's next deposit follows the import's last entry; a refused import gives none."""
    import datetime as dt

    from kasir.savings import service as savings

    before = _numbers(members_book)
    assert before == [(2026, 1), (2026, 2)]
    history = [{"type": "deposit", "date": f"2026-11-{1 + n // 90:02d}", "member_id": "A-001",
                "product": "sukarela", "amount": 1000 + n, "channel": "cash"}
               for n in range(2_520)]  # three batches
    refused = [*history, {**history[-1], "member_id": "X-404"}]
    with pytest.raises(EventError):
        imports.import_event_file(members_book, ACTOR, write_events(tmp_path, refused))
    savings.deposit(members_book, ACTOR, "A-001", "wajib", Money.rupiah(5_000),
                    dt.date(2026, 11, 30))
    assert _numbers(members_book) == [(2026, n) for n in range(1, 4)]
    (tmp_path / "again").mkdir()
    result = imports.import_event_file(members_book, ACTOR,
                                       write_events(tmp_path / "again", history))
    assert result.entries == 2_520
    savings.deposit(members_book, ACTOR, "A-001", "wajib", Money.rupiah(5_000),
                    dt.date(2026, 11, 30))
    assert _numbers(members_book) == [(2026, n) for n in range(1, 2_525)]
    from kasir.book.verify import verify_book
    assert verify_book(members_book) == []
