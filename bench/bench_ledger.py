"""Ledger benchmark: bulk posting, trial balance and member balances on a big book.

    python bench/bench_ledger.py                  # quick check, 100,000 lines
    python bench/bench_ledger.py --lines 1000000  # the full run of bench/README.md

Builds a new SQLite book (``kasir.book.create_book``, default chart) in a
temporary folder, adds ~900 members, and posts a cooperative's worth of
entries over five years, 2 to 6 lines each (savings, withdrawals, murabahah
contracts and instalments, group-meeting collections, expenses, zakat), with
``ledger.posting.post_many`` in batches, one transaction per batch. Then it
times the trial balance (median of several runs after a warm-up), one member's
balance and one account's member sub-ledger, prints the query plan of the trial
balance, and the size of the book. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import event, insert, select, text

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_import's empty_schema

from kasir.book import Book, create_book  # noqa: E402
from ledger import posting, queries  # noqa: E402
from ledger.entry import EntryDraft, LineDraft  # noqa: E402
from ledger.money import Money  # noqa: E402
from ledger.schema import Account, OperationPermit, Party  # noqa: E402

TB_TARGET_S = 0.2
POSTING_TARGET = 40_000  # lines per second
START, YEARS = dt.date(2022, 1, 1), 5
MEMBERS = 900

Line = LineDraft


def _rp(rupiah: int) -> Money:
    return Money(rupiah * 100)


class Generator:
    """Plausible entries of a Sharia savings-and-financing cooperative."""

    def __init__(self, rng: random.Random, members: list[str], expense_codes: list[str]) -> None:
        self.rng = rng
        self.members = members
        self.expenses = expense_codes
        kinds: list[tuple[Callable[[], tuple[str, tuple[LineDraft, ...]]], int]] = [
            (self.deposit, 30), (self.mandatory, 18), (self.withdrawal, 14),
            (self.instalment, 14), (self.collection, 7), (self.murabahah, 3),
            (self.expense, 6), (self.bank, 3), (self.profit_share, 3), (self.zakat, 2),
        ]
        self.kinds = [k for k, _ in kinds]
        self.weights = [w for _, w in kinds]

    def member(self) -> str:
        return self.rng.choice(self.members)

    def amount(self, lo: int, hi: int, step: int = 1_000) -> Money:
        return _rp(self.rng.randrange(lo, hi, step))

    def deposit(self) -> tuple[str, tuple[LineDraft, ...]]:
        m, a = self.member(), self.amount(10_000, 2_000_000)
        return f"Setoran simpanan {m}", (Line("1101", debit=a), Line("2101", credit=a, party_code=m))

    def mandatory(self) -> tuple[str, tuple[LineDraft, ...]]:
        m, a = self.member(), _rp(self.rng.choice([10_000, 20_000, 25_000, 50_000]))
        return f"Simpanan wajib {m}", (Line("1101", debit=a), Line("4102", credit=a, party_code=m))

    def withdrawal(self) -> tuple[str, tuple[LineDraft, ...]]:
        m, a = self.member(), self.amount(10_000, 1_000_000)
        return f"Penarikan {m}", (Line("2101", debit=a, party_code=m), Line("1101", credit=a))

    def instalment(self) -> tuple[str, tuple[LineDraft, ...]]:
        m = self.member()
        principal, margin = self.amount(100_000, 2_000_000), self.amount(5_000, 200_000, 500)
        total = principal + margin
        return f"Angsuran murabahah {m}", (
            Line("1101", debit=total), Line("1301", credit=total, party_code=m),
            Line("1302", debit=margin, party_code=m), Line("5101", credit=margin),
        )

    def murabahah(self) -> tuple[str, tuple[LineDraft, ...]]:
        m = self.member()
        cost, margin = self.amount(1_000_000, 20_000_000, 10_000), self.amount(50_000, 3_000_000)
        return f"Akad murabahah {m}", (
            Line("1301", debit=cost + margin, party_code=m), Line("1303", credit=cost),
            Line("1302", credit=margin, party_code=m),
        )

    def collection(self) -> tuple[str, tuple[LineDraft, ...]]:
        """A group meeting: one cash line, and 3 to 5 members' payments."""
        lines = []
        for _ in range(self.rng.randint(3, 5)):
            code = self.rng.choice(["2101", "4102", "1301"])
            lines.append(Line(code, credit=self.amount(10_000, 500_000), party_code=self.member()))
        total = sum((ln.credit for ln in lines), Money(0))
        return "Setoran kelompok", (Line("1103", debit=total), *lines)

    def expense(self) -> tuple[str, tuple[LineDraft, ...]]:
        a = self.amount(20_000, 3_000_000)
        return "Biaya operasional", (Line(self.rng.choice(self.expenses), debit=a),
                                     Line("1101", credit=a))

    def bank(self) -> tuple[str, tuple[LineDraft, ...]]:
        a = self.amount(1_000_000, 50_000_000, 100_000)
        return "Setor ke bank", (Line("1111", debit=a), Line("1101", credit=a))

    def profit_share(self) -> tuple[str, tuple[LineDraft, ...]]:
        m, a = self.member(), Money(self.rng.randrange(1_000, 5_000_000))  # sen: real fractions
        return f"Bagi hasil {m}", (Line("6101", debit=a), Line("3101", credit=a, party_code=m))

    def zakat(self) -> tuple[str, tuple[LineDraft, ...]]:
        m, a = self.member(), self.amount(25_000, 2_500_000)
        return f"Zakat {m}", (Line("7101", debit=a), Line("7301", credit=a, party_code=m))

    def entries(self, lines_wanted: int) -> Iterator[EntryDraft]:
        """Entries in date order until about ``lines_wanted`` lines."""
        days = YEARS * 365
        n_estimate = max(1, int(lines_wanted / 2.55))
        produced = 0
        i = 0
        while produced < lines_wanted:
            day = START + dt.timedelta(days=min(days - 1, i * days // n_estimate))
            memo, lines = self.rng.choices(self.kinds, self.weights)[0]()
            produced += len(lines)
            i += 1
            yield EntryDraft(day, memo, lines, operation="bench")


def _batches(it: Iterator[EntryDraft], size: int) -> Iterator[list[EntryDraft]]:
    batch: list[EntryDraft] = []
    for d in it:
        batch.append(d)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _median_time(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up: page cache, statement cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def _captured_sql(book: Book, work: Callable[[], object]) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    def listen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(book.engine, "before_cursor_execute", listen)
    try:
        work()
    finally:
        event.remove(book.engine, "before_cursor_execute", listen)
    return seen


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lines", type=int, default=100_000, help="journal lines to post")
    ap.add_argument("--batch", type=int, default=2_000, help="entries per post_many call")
    ap.add_argument("--runs", type=int, default=7, help="timed runs of each query")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--dir", type=Path, help="build the book here and keep it")
    ap.add_argument("--url", help="build the book on this PostgreSQL database instead (its "
                                  "public schema is emptied first) and keep it")
    ap.add_argument("--profile", type=Path, help="write a cProfile of the posting to this file")
    ap.add_argument("--cache-mb", type=int, default=0,
                    help="experiment: SQLite page cache per connection in MiB (the program "
                         "itself runs with SQLite's default, 2 MiB)")
    args = ap.parse_args(argv)

    tmp = None
    if args.dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="kasir-bench-")
        where = Path(tmp.name)
    else:
        where = args.dir
        where.mkdir(parents=True, exist_ok=True)
    path = where / f"bench-{args.lines}.kasir"
    if args.url:
        from bench_import import empty_schema
        empty_schema(args.url)
    elif path.exists():
        print(f"{path} exists; remove it or choose another --dir", file=sys.stderr)
        return 2

    print(f"Kasir ledger benchmark: {args.lines:,} lines, batches of {args.batch} entries, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    t0 = time.perf_counter()
    book = create_book(args.url or path, name="Koperasi Bench")
    if args.cache_mb:
        @event.listens_for(book.engine, "connect")
        def _cache(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA cache_size = -{args.cache_mb * 1024}")
    members = [f"A{n:05d}" for n in range(1, MEMBERS + 1)]
    with book.transaction() as s:
        s.execute(insert(Party), [{"code": m, "name": f"Anggota {m}", "kind": "member"}
                                  for m in members])
        postable = set(s.scalars(select(Account.code).where(Account.is_header == False)))  # noqa: E712
        # the drafts' operation is "bench": let it move every owner's accounts, so the
        # generated history stays the one the figures below were measured on
        owners = set(s.scalars(select(Account.owner).distinct())) - {"journal"}
        s.execute(insert(OperationPermit), [{"kind": "bench", "owner": o} for o in owners])
    expenses = sorted(c for c in postable if c.startswith("62"))
    gen = Generator(random.Random(args.seed), members, expenses)
    print(f"  book created with {len(postable)} postable accounts and {MEMBERS} members "
          f"in {time.perf_counter() - t0:.2f} s")

    # Drafts are made before timing: the figure is the ledger's, not the generator's.
    t = time.perf_counter()
    batches = list(_batches(gen.entries(args.lines), args.batch))
    n_entries = sum(len(b) for b in batches)
    n_lines = sum(len(d.lines) for b in batches for d in b)
    missing = {ln.account_code for b in batches for d in b for ln in d.lines} - postable
    if missing:
        print(f"the chart lacks accounts {sorted(missing)}", file=sys.stderr)
        return 2
    print(f"  {n_entries:,} drafts with {n_lines:,} lines generated in "
          f"{time.perf_counter() - t:.1f} s (not timed)")

    profiler = cProfile.Profile() if args.profile else None
    t = time.perf_counter()
    if profiler:
        profiler.enable()
    with book.transaction() as s:
        ctx = posting.load_context(s)
    for batch in batches:
        with book.transaction() as s:
            posting.post_many(s, batch, user="bench", ctx=ctx)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    post_s = time.perf_counter() - t
    rate = n_lines / post_s
    print(f"\nPosting: {n_lines:,} lines ({n_entries:,} entries) in {post_s:.1f} s = "
          f"{rate:,.0f} lines/s  [target >= {POSTING_TARGET:,}: "
          f"{'met' if rate >= POSTING_TARGET else 'MISSED'}]")

    with book.read_session() as s:
        posted_lines = s.scalar(text("SELECT COUNT(*) FROM journal_line WHERE posted"))
        tb = queries.trial_balance(s)
        assert tb.balanced, "the trial balance does not balance"
    print(f"  posted lines in the book: {posted_lines:,}; trial balance balanced: "
          f"{tb.total_debit.plain()} = {tb.total_credit.plain()} rupiah")

    with book.read_session() as s:
        tb_s, tb_all = _median_time(lambda: queries.trial_balance(s), args.runs)
        as_of = START + dt.timedelta(days=YEARS * 365 // 2)
        tb_asof_s, _ = _median_time(lambda: queries.trial_balance(s, as_of), args.runs)
        member = members[len(members) // 2]
        bal_s, _ = _median_time(lambda: queries.balance(s, "2101", party_code=member), args.runs)
        bal = queries.balance(s, "2101", party_code=member)
        sub_s, _ = _median_time(lambda: queries.party_balances(s, "2101"), args.runs)
        acct_s, _ = _median_time(lambda: queries.balance(s, "1101"), args.runs)
    print(f"\nTrial balance over {posted_lines:,} lines: median {tb_s:.3f} s of {args.runs} "
          f"(min {min(tb_all):.3f}, max {max(tb_all):.3f})  [target < {TB_TARGET_S}: "
          f"{'met' if tb_s < TB_TARGET_S else 'MISSED'}]")
    print(f"Trial balance as of {as_of}: median {tb_asof_s:.3f} s")
    print(f"One member's balance (2101, {member} = {(-bal).plain()}): median {bal_s * 1000:.2f} ms")
    print(f"Sub-ledger of 2101, all {MEMBERS} members: median {sub_s:.3f} s")
    print(f"One account's balance (1101): median {acct_s:.3f} s")

    if args.url:  # the server's plans are its own business; the figures above are the point
        book.close()
        print(f"\nBook kept on the server: {args.url.split('@')[-1]}")
        return 0

    # The query plans, of the statements the functions really send.
    with book.read_session() as s:
        plans = []
        for label, fn in (("trial balance", lambda: queries.account_totals(s)),
                          ("member balance", lambda: queries.balance(s, "2101",
                                                                     party_code=member))):
            statement, params = _captured_sql(book, fn)[-1]
            rows = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                                  params).all()
            plans.append((label, [r[-1] for r in rows]))
    for label, plan in plans:
        print(f"\nQuery plan, {label}:")
        for step in plan:
            print(f"  {step}")
    tb_plan = " ".join(plans[0][1])
    print(f"\nTrial balance reads the covering index ix_journal_line_tb: "
          f"{'yes' if 'COVERING INDEX ix_journal_line_tb' in tb_plan else 'NO'}")

    book.close()
    print(f"\nBook size: {_size(path) / 2**20:.1f} MiB ({_size(path) / n_lines:.0f} bytes a line)"
          f"{'' if tmp else f' at {path}'}")
    if profiler:
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(25)
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
