"""Small builders for tests, in the cooperative's words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kasir.actor import Actor
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money


def rp(amount: int) -> Money:
    return Money.rupiah(amount)


# An operation of the owner, for a test that moves an owned account directly.
KIND_OF_OWNER = {"savings": "deposit", "profit_share": "profit_share",
                 "financing": "installment", "funds": "zis_received",
                 "cash_count": "cash_count", "closing": "fund_used"}


def _owners() -> dict[str, str]:
    from importlib.resources import files

    from ledger.chart import parse_chart

    csv = files("resources").joinpath("coa/default_chart.csv").read_text("utf-8")
    return {a.code: a.owner for a in parse_chart(csv)}


OWNER_OF = _owners()


def operation_for(*codes: str) -> str:
    """The operation an entry on these accounts is stamped with: its owner's, else manual."""
    owned = [OWNER_OF[c] for c in codes if OWNER_OF.get(c, "journal") != "journal"]
    return KIND_OF_OWNER[owned[0]] if owned else "manual"


def simple_entry(day: dt.date, debit: str, credit: str, amount: int, memo: str = "uji",
                 party: str | None = None, key: str | None = None,
                 operation: str | None = None) -> EntryDraft:
    return EntryDraft(day, memo, (LineDraft(debit, debit=rp(amount), party_code=party),
                                  LineDraft(credit, credit=rp(amount), party_code=party)),
                      operation=operation or operation_for(debit, credit), uuid=key)


# who does the work in tests that call services directly
ACTOR = Actor("uji")


# a few weeks of a small ISM's old books, as an event file writes them
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
OVERDRAWN = {"type": "withdrawal", "date": "2026-01-13", "member_id": "M1",
             "product": "sukarela", "amount": 500000, "channel": "cash"}


def write_events(folder: Path, events: list[dict], name: str = "buku-lama.events.jsonl") -> Path:
    path = folder / name
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n", "utf-8")
    return path


def worked_example_month(s: object, names: dict[str, str] | None = None) -> None:
    """domain.md §1.3 in a session: A keeps 400.000 in mudharabah from 1 November and
    300.000 more from the 11th, B 23.400.000; financing (qard) of 60.000.000 the whole month;
    margin income 1.500.000 received on the 20th. Mudharabah ADB 24.000.000, productive ADB
    60.000.000: with a 30% nisbah the pool is Rp180.000 (A 4.500, B 175.500)."""
    from kasir.members import rules as members
    from kasir.savings import rules as savings
    from ledger import posting

    nov = dt.date(2026, 11, 1)
    for number in ("A", "B"):
        name = (names or {}).get(number, f"Anggota {number}")
        members.add_member(s, members.MemberInput(number, name, dt.date(2026, 1, 5)))
    posting.post(s, simple_entry(dt.date(2026, 10, 1), "1111", "4201", 60_000_000))
    posting.post(s, simple_entry(dt.date(2026, 10, 31), "1311", "1111", 60_000_000))
    savings.deposit(s, ACTOR, "A", "mudharabah", rp(400_000), day=nov)
    savings.deposit(s, ACTOR, "B", "mudharabah", rp(23_400_000), day=nov)
    savings.deposit(s, ACTOR, "A", "mudharabah", rp(300_000), day=dt.date(2026, 11, 11))
    posting.post(s, simple_entry(dt.date(2026, 11, 20), "1101", "5101", 1_500_000,
                                 memo="Margin murabahah diterima"))


def run_alembic(book: object, action: str, target: str) -> None:
    """Run an Alembic command (``upgrade``, ``downgrade``) on a book, as the program does."""
    from alembic import command

    from kasir.book import migrate

    url = book.url  # type: ignore[attr-defined]
    engine = migrate.migration_engine(url)
    try:
        with engine.begin() as conn:
            cfg = migrate.alembic_config(url)
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, target)
    finally:
        engine.dispose()
