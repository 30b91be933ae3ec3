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
