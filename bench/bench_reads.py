"""Reads of a big book: trial balance, general ledger, verify, member statements.

    python bench/bench_ledger.py --lines 1000000 --dir /tmp/big      # build the book once
    python bench/bench_reads.py --book /tmp/big/bench-1000000.kasir \
        --statements-book /tmp/imp/b.kasir                            # a book with members
    python bench/bench_reads.py --url postgresql://...                # a server book

Each command figure is the whole ``kasir`` process (start-up included), run in a child
process of its own: wall time and the child's peak resident memory (``wait4``'s
``ru_maxrss``). Statements: ``reports.passbooks.write_passbooks`` over every member, with
1 and with 2 worker processes, in a child of its own; the figure is wall time divided by
the statements written (what a cooperative waits per statement), beside the median time
one statement took inside its worker. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"trial-balance": (0.3, None), "general-ledger": (None, 150),
           "verify": (5.0, 200), "statement": (0.030, None)}
KASIR = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from ui.cli import main; "
         "sys.exit(main())")
STATEMENTS = """
import statistics, sys, time
sys.path.insert(0, %(root)r)
from pathlib import Path
from kasir.book import open_book
from reports import member_papers, passbooks
book = open_book(%(book)r)
numbers = member_papers.member_numbers(book)
out = Path(%(out)r)
targets = [out / f"{n}.pdf" for n in numbers]
t = time.perf_counter()
each = passbooks.write_passbooks(book, numbers, "sukarela", targets, workers=%(workers)d)
wall = time.perf_counter() - t
print(len(numbers), wall, statistics.median(each) if each else 0.0)
"""


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
        ram = f"{mem / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "? RAM"
    load = (", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
            if hasattr(os, "getloadavg") else "")
    cached = "bytecode cached" if _compiled() else (
        "no bytecode cache for kasir's modules: every start compiles them (run "
        "`python -m compileall kasir ledger reports ui` first, as an installed Kasir has them)")
    return (f"{cpu}, {os.cpu_count()} cores, {ram}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}{load}; "
            f"{cached}")


def _compiled() -> bool:
    """Whether the command line's first modules have their ``.pyc`` beside them, as they
    do when Python may write them or after ``compileall``."""
    import importlib.util

    for name in ("ui/cli.py", "kasir/book/quick_read.py", "ledger/trial_balance.py"):
        if not Path(importlib.util.cache_from_source(str(ROOT / name))).exists():
            return False
    return True


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str, int]:
    """(seconds, peak MiB, last line of output, exit status) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "KASIR_LANG": "en", **(env or {})})
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    elapsed = time.perf_counter() - started
    tail = output.strip().splitlines()[-1] if output.strip() else ""
    return elapsed, usage.ru_maxrss / 1024, tail, os.waitstatus_to_exitcode(status)


RUNS = [1]  # --runs: each command this many times, the median shown


def kasir(book: str, *args: str, out: Path | None = None,
          ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """The median wall time and peak memory of ``RUNS[0]`` runs of the command; ``out``,
    the file it writes (removed before each run: Kasir never writes over a file, and a
    refused run takes no time at all). A run that exits otherwise than ``ok`` stops the
    benchmark with what it said."""
    done = []
    for _ in range(RUNS[0]):
        if out is not None:
            out.unlink(missing_ok=True)
        result = run([sys.executable, "-c", KASIR, "--book", book, *args,
                      *(["--out", str(out)] if out is not None else [])])
        if result[3] not in ok:
            raise SystemExit(f"kasir {' '.join(args)} failed (exit {result[3]}): {result[2]}")
        done.append(result)
    return (statistics.median(d[0] for d in done), statistics.median(d[1] for d in done),
            done[-1][2])


def line(name: str, seconds: float, mib: float | None, note: str = "") -> None:
    t_target, m_target = TARGETS.get(name.split()[0].strip(","), (None, None))
    goal = []
    if t_target is not None:
        goal.append(f"< {t_target * 1000:.0f} ms" if t_target < 1 else f"< {t_target:.0f} s")
    if m_target is not None:
        goal.append(f"< {m_target} MiB")
    met = ((t_target is None or seconds < t_target)
           and (m_target is None or mib is None or mib < m_target))
    shown = f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "
    memory = f"{mib:7.0f} MiB" if mib is not None else " " * 11
    print(f"  {name:34s} {shown} {memory}   target {', '.join(goal) or '—':22s} "
          f"{'' if not goal else ('met' if met else 'MISSED')}  {note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--book", help="a book file (bench_ledger.py --dir) ...")
    ap.add_argument("--url", help="... or a server book's address")
    ap.add_argument("--statements-book", help="a book with members (an imported history) "
                    "for the statements; default: --book")
    ap.add_argument("--skip", action="append", default=[],
                    choices=("trial-balance", "general-ledger", "verify", "statement"))
    ap.add_argument("--runs", type=int, default=3,
                    help="runs of each command; the median is shown (default 3)")
    args = ap.parse_args(argv)
    RUNS[0] = max(1, args.runs)
    book = args.url or args.book
    if not book:
        ap.error("give --book or --url")
    print(f"Machine: {machine()}")
    print(f"Book: {args.url and 'server book' or book}")
    with tempfile.TemporaryDirectory(prefix="kasir-reads-") as tmp:
        if "trial-balance" not in args.skip:
            s, m, _ = kasir(book, "report", "trial-balance", out=Path(tmp) / "tb.tsv")
            line("trial-balance (command)", s, m)
        if "general-ledger" not in args.skip:
            s, m, _ = kasir(book, "report", "general-ledger", out=Path(tmp) / "gl.tsv")
            size = Path(f"{tmp}/gl.tsv").stat().st_size / 1024 / 1024
            line("general-ledger tsv to a file", s, m, f"({size:.0f} MiB written)")
            os.unlink(f"{tmp}/gl.tsv")
        if "verify" not in args.skip:  # exit 1: it found something (the bench book's data)
            s, m, tail = kasir(book, "verify", ok=(0, 1))
            line("verify (command)", s, m, f"({tail[:60]})")
        statements = args.statements_book or book
        if "statement" not in args.skip:
            for workers in (1, 2):
                out = Path(tmp) / f"st{workers}"
                out.mkdir()
                code = STATEMENTS % {"root": str(ROOT), "book": statements, "out": str(out),
                                     "workers": workers}
                _s, m, tail, _status = run([sys.executable, "-c", code])
                try:
                    n, wall, median = tail.split()
                except ValueError:
                    print(f"  statements: {tail}")
                    break
                if int(n) == 0:
                    print("  statements: the book has no members (give --statements-book)")
                    break
                line(f"statement, {workers} worker{'s' if workers > 1 else ''}",
                     float(wall) / int(n), m,
                     f"({n} members in {float(wall):.1f} s; median {float(median) * 1000:.0f} "
                     "ms each inside its worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
