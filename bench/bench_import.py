"""Import benchmark: a generated year of a cooperative's history (savings and financing)
into a fresh SQLite book, or a PostgreSQL database.

    python bench/bench_import.py [--scale 10k|100k|1m] [--url postgresql://...]

The history is ``../shared/tools/gen_workload.py`` with members enough for the scale's
postings (470 members for ~100,000 postings, 4,700 for ~1,000,000) over 0.95 of a year
from 1 January: the year-end events (``year_closed``, ``shu_distributed``,
``zakat_accrued``) are not imported by this version yet, and a history crossing a year
end without them would not agree with its own balance checks. Prints the events and
postings imported per second and the peak memory against the target, the time of a
repeated (fully skipped) import, and the time of the savings-balances report.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kasir.actor import Actor  # noqa: E402
from kasir.book import create_book  # noqa: E402
from kasir.imports.handlers import NOT_YET  # noqa: E402
from kasir.imports.service import import_event_file  # noqa: E402
from reports.ledger_reports import savings_balances  # noqa: E402


def machine() -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_reads import machine as described
    return described()


def empty_schema(url: str) -> None:
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def count_posted_lines(s) -> int:  # noqa: ANN001
    from sqlalchemy import text
    return int(s.scalar(text("SELECT COUNT(*) FROM journal_line WHERE posted")) or 0)

GENERATOR = ROOT.parent / "shared" / "tools" / "gen_workload.py"
MEMBERS = {"10k": 47, "100k": 470, "1m": 4700}  # members for ~10k, ~100k, ~1M postings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="10k", choices=("10k", "100k", "1m"))
    ap.add_argument("--url", help="a PostgreSQL URL to import into (its schema is emptied "
                                  "first), instead of a new SQLite file")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "w"
        subprocess.run([sys.executable, str(GENERATOR), "--members", str(MEMBERS[args.scale]),
                        "--years", "0.95", "--start", "2025-01-01", "--out", str(prefix),
                        "--format", "jsonl"], check=True, capture_output=True)
        src = Path(f"{prefix}.events.jsonl")
        path = Path(tmp) / "history.events.jsonl"
        with open(src, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
            for line in fh:
                if json.loads(line)["type"] not in NOT_YET:
                    out.write(line)
        if args.url:
            empty_schema(args.url)
        book = create_book(args.url or Path(tmp) / "b.kasir", name="bench")
        t0 = time.perf_counter()
        result = import_event_file(book, Actor("bench"), path)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_event_file(book, Actor("bench"), path)
        second = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = savings_balances(book)
        report = time.perf_counter() - t0
        with book.read_session() as s:
            postings = count_posted_lines(s)
        backend = "PostgreSQL" if args.url else "SQLite"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{backend}, scale {args.scale}: {result.imported} events, {result.entries} entries, "
              f"{postings} postings (journal lines)")
        per_million = 1_000_000 / (postings / first)
        verdict = "met" if per_million < 30 and peak < 400 else "MISSED"
        print(f"  import      {first:8.2f} s   {result.imported / first:8.0f} events/s   "
              f"{postings / first:8.0f} postings/s   peak {peak:6.0f} MB")
        print(f"  a million postings at this rate: {per_million:5.1f} s, peak {peak:.0f} MB "
              f"[target: < 30 s, < 400 MB: {verdict}]")
        print(f"  re-import   {second:8.2f} s   ({again.skipped} skipped, {again.imported} new)")
        print(f"  savings-balances report {report * 1000:6.0f} ms ({len(rows)} rows)")
        book.close()


if __name__ == "__main__":
    main()
