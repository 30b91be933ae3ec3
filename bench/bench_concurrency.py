"""Several cashiers at once on one PostgreSQL book: throughput, errors, retries, latency,
and afterwards whether the book is still exact.

    .ci/with-postgres .venv/bin/python bench/bench_concurrency.py --seconds 30

A fresh book is made on the PostgreSQL URL given (``--url``, default
``$KASIR_TEST_DB_URL``; its ``public`` schema is emptied first, as the tests'
``book_location`` does), with ``--members`` members holding voluntary savings and a
murabahah contract signed for every fifth of them. Then ``--clients`` processes, each a
cashier with her own ``open_book``, work through the services for ``--seconds``:
deposits and withdrawals (most of them on a hot set of members every cashier serves at
once) and now and then an installment on a contract, each with its receipt. Every
operation is counted as committed, refused by a rule (a withdrawal beyond the balance,
an installment beyond what is owed: the book doing its job) or an error (anything else,
including ``WriteConflict``: the target is none). Retries, lock wait and lock hold come
from ``kasir.uow.STATS``.

Afterwards: every member's savings and receivable equal what the committed operations
say, cash equals its opening plus the money in minus the money out, receipt numbers and
entry numbers are gap-free and unique and one receipt exists per committed operation, and
``verify`` finds nothing. Prints each figure beside its target and the machine it ran on.
``--profile DIR`` writes a cProfile of each cashier (``DIR/client-N.prof``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 3, 2)  # every operation's date: after the akads, inside one fiscal year
AKAD = dt.date(2026, 1, 5)
START_SAVINGS = 500_000  # rupiah, each member's voluntary savings before the cashiers start
HOT = 8  # members every cashier serves at once (the group meeting's queue)
CONTRACT_EVERY = 5  # a contract for every fifth member
TARGET_COMMITS = 200.0
REFUSALS = ("exceeds its balance", "would overdraw a later day", "still owed on")


def _isolate(tmp: str) -> None:
    """The seal log, backups and settings of the run go into a temporary folder."""
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_STATE_HOME", "state"), ("KASIR_BACKUP_DIR", "cadangan")):
        os.environ[name] = str(Path(tmp) / sub)
    os.environ.pop("KASIR_BOOK", None)


def member_number(i: int) -> str:
    return f"B-{i:03d}"


# --- the book before the cashiers come ------------------------------------------------

def build(url: str, members: int) -> dict[str, str]:
    """A fresh book with members, savings and contracts; the contract of each member
    who has one."""
    from sqlalchemy import create_engine, text

    from kasir.actor import Actor
    from kasir.book import create_book
    from kasir.financing import service as financing
    from kasir.financing.service import Terms
    from kasir.journal import recipes
    from kasir.members import rules as member_rules
    from kasir.savings import rules as savings
    from ledger import posting
    from ledger.money import Money

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    actor = Actor("penyiap")
    contracts: dict[str, str] = {}
    with create_book(url, name="Koperasi Uji Serentak") as book:
        def people(s):  # noqa: ANN001, ANN202
            for g in range(members // 5 + 1):
                member_rules.add_group(s, member_rules.GroupInput(
                    f"K{g:02d}", f"Kelompok {g}", "Sukamaju", g % 7))
            for i in range(members):
                member_rules.add_member(s, member_rules.MemberInput(
                    member_number(i), f"Anggota {i}", dt.date(2025, 12, 1), f"K{i // 5:02d}",
                    village="Sukamaju", wajib_amount=Money.rupiah(5_000)))
                savings.deposit(s, actor, member_number(i), "sukarela",
                                Money.rupiah(START_SAVINGS), day=dt.date(2025, 12, 1),
                                receipt=False)
            posting.post(s, recipes.capital_grant(
                dt.date(2025, 12, 1), Money.rupiah(10_000_000 * (members // CONTRACT_EVERY + 1)),
                name="modal", deposit_to="cash", repayable=False))
        book.run(people, actor=actor)
        for i in range(0, members, CONTRACT_EVERY):
            number = member_number(i)
            n = financing.apply(book, actor, Terms(
                member=number, kind="murabahah", cost=Money.rupiah(5_000_000),
                margin=Money.rupiah(540_000), tenor=12, first_due=dt.date(2026, 2, 5),
                frequency="monthly", down_payment=Money.rupiah(500_000), goods="mesin jahit",
                supplier="Toko Jaya"), AKAD).contract
            financing.down_payment(book, actor, n, Money.rupiah(500_000), AKAD)
            financing.purchase(book, actor, n, AKAD)
            financing.akad(book, actor, n, AKAD)
            contracts[number] = n
    return contracts


# --- one cashier ------------------------------------------------------------------------

def cashier(url: str, n: int, members: int, contracts: dict[str, str], start_at: float,
            seconds: float, profile: str | None, out: mp.Queue) -> None:  # type: ignore[type-arg]
    import kasir.book.seals  # noqa: F401  (its commit hook notes the head, as in the program)
    from kasir import uow
    from kasir.actor import Actor
    from kasir.book import open_book
    from kasir.errors import KasirError
    from kasir.financing import service as financing
    from kasir.savings import service as savings
    from ledger.money import Money

    rng = random.Random(1000 + n)
    actor = Actor(f"kasir{n}", None, f"meja-{n}")
    hot = [member_number(i) for i in range(HOT)]
    everyone = [member_number(i) for i in range(members)]
    owing = sorted(contracts)
    done: list[tuple[str, str, int, str]] = []  # (kind, member, sen, receipt)
    latencies: list[float] = []
    refused = 0
    errors: list[str] = []
    held: dict[str, float] = {}  # write lock held by committed operations of each kind
    prof = None
    with open_book(url) as book:
        savings.member_page(book, hot[0])  # connect, warm the pool and the caches
        uow.STATS.clear()
        if profile:
            import cProfile
            prof = cProfile.Profile()
        while time.time() < start_at:
            time.sleep(0.001)
        deadline = start_at + seconds
        cpu0 = time.process_time()
        if prof:
            prof.enable()
        while time.time() < deadline:
            roll = rng.random()
            member = rng.choice(hot) if rng.random() < 0.8 else rng.choice(everyone)
            amount = Money.rupiah(rng.choice((5_000, 10_000, 20_000, 25_000, 50_000, 100_000)))
            t0 = time.perf_counter()
            held0 = uow.STATS["lock_held"]
            try:
                if roll < 0.08 and owing:
                    member = rng.choice(owing)
                    kind = "installment"
                    r = financing.pay(book, actor, contracts[member], amount, DAY)
                elif roll < 0.54:
                    kind = "deposit"
                    r = savings.deposit(book, actor, member, "sukarela", amount, DAY)
                else:
                    kind = "withdrawal"
                    r = savings.withdraw(book, actor, member, "sukarela", amount, DAY)
                latencies.append(time.perf_counter() - t0)
                done.append((kind, member, amount.sen, r.receipt or ""))
                held[kind] = held.get(kind, 0.0) + uow.STATS["lock_held"] - held0
            except KasirError as exc:
                text = exc.english()
                if any(words in text for words in REFUSALS):
                    refused += 1
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors.append(f"{type(exc).__name__}: {text}")
            except Exception as exc:  # noqa: BLE001  (any other failure is the finding)
                errors.append(f"{type(exc).__name__}: {exc}")
        cpu = time.process_time() - cpu0
        if prof:
            prof.disable()
            prof.dump_stats(str(Path(profile) / f"client-{n}.prof"))
        ended = time.time()
    out.put((n, done, refused, errors, latencies, dict(uow.STATS), ended, held, cpu))


# --- afterwards ---------------------------------------------------------------------------

def check(url: str, members: int, contracts: dict[str, str],
          done: list[tuple[str, str, int, str]],
          before: dict[str, object]) -> list[tuple[str, bool, str]]:
    """Each check: (what, passed, detail)."""
    from sqlalchemy import select

    from kasir.book import open_book
    from kasir.book.verify import verify_book
    from kasir.receipts.models import Receipt
    from kasir.savings import service as savings
    from ledger import queries
    from ledger.schema import ENTRY_POSTED, AuditRecord, JournalEntry, LedgerState

    out: list[tuple[str, bool, str]] = []
    with open_book(url) as book:
        want = {member_number(i): START_SAVINGS * 100 for i in range(members)}
        receivable = dict(before["receivable"])  # type: ignore[call-overload]
        cash = int(before["cash"])  # type: ignore[call-overload]
        for kind, member, sen, _r in done:
            if kind == "deposit":
                want[member] += sen
                cash += sen
            elif kind == "withdrawal":
                want[member] -= sen
                cash -= sen
            else:
                receivable[member] -= sen
                cash += sen
        got = {r.member_id: r.balance.sen for r in savings.savings_balances(book)
               if r.product == "sukarela"}
        wrong = [m for m in want if got.get(m, 0) != want[m]]
        negative = [m for m in want if want[m] < 0]
        out.append(("every member's savings = opening + committed deposits - withdrawals",
                    not wrong and not negative,
                    f"{members} members" + (f"; wrong: {wrong[:5]}" if wrong else "")
                    + (f"; overdrawn: {negative[:5]}" if negative else "")))

        def figures(s):  # noqa: ANN001, ANN202
            recv = {m: queries.balance(s, "1301", None, m).sen for m in contracts}
            cash_now = queries.balance(s, "1101").sen
            numbers = s.execute(select(Receipt.year, Receipt.number)).all()
            labels = s.execute(select(JournalEntry.fiscal_year, JournalEntry.number,
                                      JournalEntry.posted_seq)
                               .where(JournalEntry.status == ENTRY_POSTED)).all()
            audit = list(s.scalars(select(AuditRecord.seq)))
            last = s.scalar(select(LedgerState.last_seq))
            return recv, cash_now, numbers, labels, audit, last
        recv, cash_now, receipts, entries, audit, last_seq = book.read(figures)
        wrong_recv = [m for m in contracts if recv[m] != receivable[m]]
        out.append(("every contract's receivable = before - committed installments",
                    not wrong_recv, f"{len(contracts)} contracts"
                    + (f"; wrong: {wrong_recv}" if wrong_recv else "")))
        out.append(("cash = before + money in - money out", cash_now == cash,
                    f"{cash_now / 100:,.0f} rupiah"))
        ok = True
        detail = []
        for year in sorted({y for y, _n in receipts}):
            nums = sorted(n for y, n in receipts if y == year)
            ok &= nums == list(range(1, len(nums) + 1))
            detail.append(f"{year}: 1..{len(nums)}")
        printed = [r for *_x, r in done]
        ok &= len(printed) == len(set(printed)) and all(printed)
        ok &= len(printed) == len(receipts) - int(before["receipts"])  # type: ignore[call-overload]
        out.append(("receipt numbers gap-free, unique, one per committed operation", ok,
                    ", ".join(detail)))
        ok = True
        detail = []
        for year in sorted({y for y, _n, _s in entries}):
            nums = sorted(n for y, n, _s in entries if y == year)
            ok &= nums == list(range(1, len(nums) + 1))
            detail.append(f"{year}: 1..{len(nums)}")
        # postings and audit records share one sealed sequence
        seqs = sorted([s for *_x, s in entries] + audit)
        ok &= seqs == list(range(1, len(seqs) + 1)) and seqs[-1] == last_seq
        out.append(("entry numbers gap-free and unique; sealed sequence (postings + audit "
                    "records) gap-free", ok,
                    ", ".join(detail) + f"; seq 1..{len(seqs)}"))
        t0 = time.perf_counter()
        findings = verify_book(book)
        out.append(("verify finds nothing", not findings,
                    f"{len(findings)} findings in {time.perf_counter() - t0:.1f} s"
                    + ("".join(f"\n      - {f.english()}" for f in findings[:5]))))
    return out


def opening_figures(url: str, contracts: dict[str, str]) -> dict[str, object]:
    from sqlalchemy import func, select

    from kasir.book import open_book
    from kasir.receipts.models import Receipt
    from ledger import queries

    with open_book(url) as book:
        return book.read(lambda s: {
            "receivable": {m: queries.balance(s, "1301", None, m).sen for m in contracts},
            "cash": queries.balance(s, "1101").sen,
            "receipts": s.scalar(select(func.count()).select_from(Receipt))})


def machine(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    engine = create_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar_one()
        settings = ", ".join(f"{name}={conn.execute(text(f'SHOW {name}')).scalar_one()}"
                             for name in ("fsync", "synchronous_commit", "full_page_writes",
                                          "shared_buffers"))
    engine.dispose()
    import sqlalchemy
    return [f"CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}",
            f"PostgreSQL {version} ({settings}), same machine over TCP 127.0.0.1",
            f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
            f"{platform.platform()}"]


def cpu_seconds(pids: list[int] | None = None) -> tuple[float, float]:
    """(CPU seconds of the PostgreSQL server's processes on this machine, CPU seconds of
    the whole machine busy), read from /proc; (nan, nan) where there is none."""
    tick = os.sysconf("SC_CLK_TCK")
    server = 0.0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if (entry / "comm").read_text().strip() != "postgres":
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            server += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        values = [int(v) for v in first]
        busy = (sum(values) - values[3] - values[4]) / tick  # all but idle and iowait
    except (OSError, ValueError, IndexError):
        return float("nan"), float("nan")
    return server, busy


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=os.environ.get("KASIR_TEST_DB_URL", ""))
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--members", type=int, default=50)
    ap.add_argument("--profile", metavar="DIR", help="cProfile each cashier into DIR")
    args = ap.parse_args()
    if not args.url.startswith("postgresql"):
        ap.error("give a postgresql+psycopg:// URL (--url or KASIR_TEST_DB_URL)")
    tmp = tempfile.mkdtemp(prefix="kasir-bench-conc-")
    _isolate(tmp)
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    contracts = build(args.url, args.members)
    before = opening_figures(args.url, contracts)
    print(f"book made in {time.perf_counter() - t0:.1f} s: {args.members} members, "
          f"{len(contracts)} murabahah contracts; {args.clients} cashiers for "
          f"{args.seconds:g} s", flush=True)

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 3.0 + 0.5 * args.clients  # every cashier connected first
    procs = [ctx.Process(target=cashier, args=(args.url, n, args.members, contracts, start_at,
                                               args.seconds, args.profile, out))
             for n in range(args.clients)]
    for p in procs:
        p.start()
    while time.time() < start_at:
        time.sleep(0.001)
    server0, busy0 = cpu_seconds()
    time.sleep(args.seconds)
    server1, busy1 = cpu_seconds()
    results = [out.get(timeout=args.seconds + 300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    elapsed = max(r[6] for r in results) - start_at

    done = [d for r in results for d in r[1]]
    refused = sum(r[2] for r in results)
    errors = [e for r in results for e in r[3]]
    latencies = [x for r in results for x in r[4]]
    stats: dict[str, float] = {}
    for r in results:
        for k, v in r[5].items():
            stats[k] = stats.get(k, 0) + v
    commits = len(done)
    rate = commits / elapsed
    kinds = {k: sum(1 for d in done if d[0] == k) for k in ("deposit", "withdrawal",
                                                            "installment")}
    units = stats.get("units", 0) or 1
    held_by_kind = {k: sum(r[7].get(k, 0.0) for r in results) / max(kinds[k], 1) * 1000
                    for k in kinds}
    checks = check(args.url, args.members, contracts, done, before)

    def mark(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print()
    print(f"{'figure':<34}{'measured':>16}   target")
    print(f"{'commits/s':<34}{rate:>16.1f}   >= {TARGET_COMMITS:.0f}  "
          f"{mark(rate >= TARGET_COMMITS)}")
    print(f"{'operations committed':<34}{commits:>16,}   "
          f"({kinds['deposit']:,} deposits, {kinds['withdrawal']:,} withdrawals, "
          f"{kinds['installment']:,} installments)")
    print(f"{'refused by a rule':<34}{refused:>16,}   any (the book doing its job)")
    print(f"{'errors shown':<34}{len(errors):>16,}   0  {mark(not errors)}")
    print(f"{'retries per commit':<34}{stats.get('retries', 0) / max(commits, 1):>16.3f}   "
          f"(gave up: {stats.get('gave_up', 0):.0f})")
    print(f"{'latency p50 / p95 / p99 (ms)':<34}"
          f"{percentile(latencies, 50) * 1000:>6.1f} /{percentile(latencies, 95) * 1000:>5.0f}"
          f" /{percentile(latencies, 99) * 1000:>5.0f}   "
          f"(mean {statistics.fmean(latencies) * 1000 if latencies else 0:.1f})")
    # Cashiers take the book's lock shared and a lock on their member or contract
    # (kasir.uow.Book.transaction); they queue for the journal's head inside the unit.
    print(f"{'locks held per unit (ms)':<34}"
          f"{stats.get('lock_held', 0) / units * 1000:>16.2f}   "
          f"(from the member's lock to the commit, queueing for the journal's head "
          f"included; the cashier's own CPU in it {stats.get('lock_cpu', 0) / units * 1000:.2f})")
    print(f"{'  of which by kind (ms)':<34}{'':>16}   "
          + ", ".join(f"{k} {v:.2f}" for k, v in held_by_kind.items()))
    print(f"{'waiting for the locks per unit (ms)':<34}"
          f"{stats.get('lock_wait', 0) / units * 1000:>16.2f}   "
          f"(the book's, shared, and the member's or contract's)")
    client_cpu = sum(r[8] for r in results)
    server_cpu = server1 - server0
    others = (busy1 - busy0) - client_cpu - server_cpu
    print(f"{'CPU per commit (ms)':<34}{(client_cpu + server_cpu) / max(commits, 1) * 1000:>16.2f}"
          f"   cashiers {client_cpu / max(commits, 1) * 1000:.2f} + PostgreSQL "
          f"{server_cpu / max(commits, 1) * 1000:.2f}")
    print(f"{'machine busy (cores, of ' + str(os.cpu_count()) + ')':<34}"
          f"{(busy1 - busy0) / args.seconds:>16.2f}   of which this benchmark "
          f"{(client_cpu + server_cpu) / args.seconds:.2f}, other programs "
          f"{max(others, 0) / args.seconds:.2f}")
    print(f"{'elapsed':<34}{elapsed:>15.1f}s")
    if errors:
        print("\nerrors (first 10):")
        for e in errors[:10]:
            print(f"  {e}")
    print("\nchecks afterwards:")
    for what, ok, detail in checks:
        print(f"  [{'ok' if ok else 'FAILED'}] {what}: {detail}")
    print("\nmachine:")
    for line in machine(args.url):
        print(f"  {line}")
    good = not errors and all(ok for _w, ok, _d in checks)
    return 0 if good and rate >= TARGET_COMMITS else 1


if __name__ == "__main__":
    sys.exit(main())
