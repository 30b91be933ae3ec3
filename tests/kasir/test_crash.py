"""kill -9 in the middle of posting loses nothing acknowledged and leaves no half entry."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kasir.book import create_book, open_book
from kasir.book.verify import verify_book
from ledger import queries

pytestmark = pytest.mark.usefixtures("sqlite_only")

POSTER = r"""
import datetime as dt, sys
from kasir.book import open_book
from ledger import posting
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money
book = open_book(sys.argv[1])
n = 0
while True:
    n += 1
    lines = (LineDraft("1101", debit=Money(300)), LineDraft("4201", credit=Money(100)),
             LineDraft("2202", credit=Money(200)))
    with book.transaction() as s:
        posting.post(s, EntryDraft(dt.date(2026, 11, 2), f"hibah {n}", lines))
    print(n, flush=True)  # acknowledged only after the commit returned
"""


def test_kill_during_posting(tmp_path: Path):
    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", POSTER, str(path)],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(0.6 + rng.random() * 0.6)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged += len(out.split())
        with open_book(path) as book:
            assert verify_book(book) == []
            with book.read_session() as s:
                posted = queries.count_posted(s)
                cash = queries.balance(s, "1101")
        assert posted >= acknowledged  # nothing acknowledged was lost
        assert cash.sen == 300 * posted  # every entry whole: three lines or none
        acknowledged = posted
    assert acknowledged > 0


IMPORTER = r"""
import sys
from kasir.actor import Actor
from kasir.book import open_book
from kasir.imports.service import import_event_file
book = open_book(sys.argv[1])
print("start", flush=True)
import_event_file(book, Actor("bendahara"), sys.argv[2],
                  progress=lambda n: print(f"at {n}", flush=True))
print("done", flush=True)
"""


def _history(folder: Path, deposits: int) -> Path:
    """A group, 20 members and ``deposits`` deposits among them, day after day."""
    import datetime as dt

    from factories import write_events
    events: list[dict] = [{"type": "group_created", "date": "2026-01-05", "group_id": "G1"}]
    events += [{"type": "member_created", "date": "2026-01-05", "member_id": f"M{m}",
                "group_id": "G1", "name": f"Anggota {m}"} for m in range(20)]
    day = dt.date(2026, 1, 5)
    for n in range(deposits):
        events.append({"type": "deposit", "date": (day + dt.timedelta(days=n // 200)).isoformat(),
                       "member_id": f"M{n % 20}", "product": "sukarela",
                       "amount": 1000 + n, "channel": "cash"})
    return write_events(folder, events)


def test_kill_during_an_import_keeps_nothing_of_it(tmp_path: Path):
    """kill -9 while an import's batches are being written by its background thread: the
    book holds nothing of the import (it is one transaction), is sound, and the same file
    imports whole afterwards."""
    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    history = _history(tmp_path, 30_000)
    rng = random.Random(11)
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(path), str(history)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "start\n"
        # killed once a few batches are handed to the writer, however fast the import runs
        kill_at = rng.randrange(3_000, 20_000)
        while int(proc.stdout.readline().split()[1]) < kill_at:
            pass
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        assert "done" not in out, "the import finished before it was killed: make it longer"
        with open_book(path) as book:
            assert verify_book(book) == []
            with book.read_session() as s:
                assert queries.count_posted(s) == 0
    from kasir.actor import Actor
    from kasir.imports.service import import_event_file
    with open_book(path) as book:
        result = import_event_file(book, Actor("bendahara"), history)
        assert (result.imported, result.entries) == (30_021, 30_000)
        assert verify_book(book) == []
        with book.read_session() as s:
            assert queries.balance(s, "1101").sen == sum(1000 + n for n in range(30_000)) * 100
