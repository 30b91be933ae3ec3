"""Several cashiers at once on one PostgreSQL book: every operation lands, none shows an
error, numbers stay gap-free and unique, balances are exact, nobody overdraws a member
by withdrawing at the same moment as another cashier, and ``verify`` is clean after."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random

import pytest

from kasir.actor import Actor
from ledger.money import Money

pytestmark = pytest.mark.usefixtures("postgres_only")

DAY = dt.date(2026, 11, 20)
MEMBERS = ("A-001", "A-002", "A-010", "A-011")
PROCESSES = 4
OPERATIONS = 40  # each process
START = 200_000  # each member's savings before the cashiers start


@pytest.fixture
def postgres_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL-only behaviour")


def cashier(url: str, seed: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """One cashier's window: deposits and withdrawals on the same four members."""
    from kasir.book import open_book
    from kasir.errors import KasirError
    from kasir.savings import service as savings

    rng = random.Random(seed)
    done: list[tuple[str, str, int, str]] = []
    errors: list[str] = []
    refused = 0
    with open_book(url) as book:
        actor = Actor(f"kasir{seed}")
        for _ in range(OPERATIONS):
            member = rng.choice(MEMBERS)
            amount = rng.choice((5_000, 10_000, 25_000, 60_000))
            try:
                if rng.random() < 0.5:
                    r = savings.deposit(book, actor, member, "sukarela", Money.rupiah(amount),
                                        DAY)
                    done.append((member, "in", amount, r.receipt or ""))
                else:
                    r = savings.withdraw(book, actor, member, "sukarela",
                                         Money.rupiah(amount), DAY)
                    done.append((member, "out", amount, r.receipt or ""))
            except KasirError as exc:  # only "exceeds its balance" may come back
                if "exceeds its balance" in exc.english():
                    refused += 1
                else:
                    errors.append(exc.english())
            except Exception as exc:  # noqa: BLE001  (any other failure is the test's finding)
                errors.append(f"{type(exc).__name__}: {exc}")
    out.put((done, errors, refused))


def test_cashiers_at_once_on_postgresql(members_book, book_location):
    from kasir.book.verify import verify_book
    from kasir.savings import service as savings
    from kasir.savings.rules import deposit
    from ledger import queries

    def seed(s):  # noqa: ANN001, ANN202
        for m in MEMBERS:
            deposit(s, Actor("uji"), m, "sukarela", Money.rupiah(START), day=DAY, receipt=False)
    members_book.run(seed)
    before = {r.member_id: r.balance.sen // 100 for r in savings.savings_balances(members_book)
              if r.product == "sukarela"}
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    workers = [ctx.Process(target=cashier, args=(str(book_location), n, out))
               for n in range(PROCESSES)]
    for w in workers:
        w.start()
    results = [out.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    errors = [e for _done, errs, _r in results for e in errs]
    assert errors == []
    done = [d for ds, _e, _r in results for d in ds]
    refused = sum(r for _d, _e, r in results)
    assert len(done) + refused == PROCESSES * OPERATIONS
    want = {m: before[m] for m in MEMBERS}
    for member, way, amount, _receipt in done:
        want[member] += amount if way == "in" else -amount
    rows = {r.member_id: r.balance for r in savings.savings_balances(members_book)
            if r.product == "sukarela"}
    for m in MEMBERS:
        assert rows.get(m, Money(0)) == Money.rupiah(want[m]), m  # none listed: 0
        assert want[m] >= 0
    receipts = sorted(int(label.split("/")[0]) for *_x, label in done)
    assert receipts == list(range(receipts[0], receipts[0] + len(receipts)))  # gap-free
    with members_book.read_session() as s:
        numbers = sorted(int(label.split("/")[1]) for label in
                         (queries.journal_entry_label(s, r.id)
                          for r in queries.journal(s)))
    assert numbers == list(range(1, len(numbers) + 1))
    assert verify_book(members_book) == []


def _advisory_locks(s) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """This transaction's advisory locks: (mode, whether it is the book's own key)."""
    from sqlalchemy import text

    from kasir.uow import WRITE_LOCK

    rows = s.execute(text(
        "SELECT mode, objsubid, classid, objid FROM pg_locks WHERE locktype = 'advisory' "
        "AND pid = pg_backend_pid() ORDER BY mode")).all()
    return [(mode, sub == 1 and (classid << 32 | objid) == WRITE_LOCK) for mode, sub, classid,
            objid in rows]


def test_a_cashier_holds_the_book_shared_and_her_member_alone(members_book):
    """Cashiers serving different members go side by side; anything else has the book to
    itself. What each unit of work holds, seen from inside it."""
    seen: dict[str, list[tuple[str, bool]]] = {}
    members_book.run(lambda s: seen.setdefault("whole", _advisory_locks(s)))
    members_book.run(lambda s: seen.setdefault("cashier", _advisory_locks(s)),
                     holds=("member:A-001", "member:A-002"))
    assert seen["whole"] == [("ExclusiveLock", True)]
    # the book's lock shared, and one lock of her own on each member named
    assert seen["cashier"] == [("ExclusiveLock", False), ("ExclusiveLock", False),
                               ("ShareLock", True)]


def test_a_cashier_behind_a_long_import_is_told_the_book_is_busy(members_book, monkeypatch):
    """Another computer holds the whole book (an import, a month's close): the deposit
    waits ``SERVER_WAIT_SECONDS`` and is refused in words, nothing changed; the window is
    never frozen behind it."""
    import datetime as dt

    from sqlalchemy import create_engine, text

    from kasir import db
    from kasir.errors import BookInUse
    from kasir.savings import service as savings
    from kasir.uow import WRITE_LOCK

    monkeypatch.setattr(db, "SERVER_WAIT_SECONDS", 0.5)
    other = create_engine(members_book.url)
    with other.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": WRITE_LOCK})  # the import
        try:
            with pytest.raises(BookInUse) as refused:
                savings.deposit(members_book, Actor("kasir"), "A-001", "sukarela",
                                Money.rupiah(10_000), dt.date(2026, 11, 20))
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": WRITE_LOCK})
    other.dispose()
    assert "busy with work from another computer" in refused.value.english()
    r = savings.deposit(members_book, Actor("kasir"), "A-001", "sukarela",
                        Money.rupiah(10_000), dt.date(2026, 11, 20))  # free again: it posts
    assert r.entry


def test_the_window_is_told_while_a_cashier_waits_for_another_computer(members_book):
    """The deposit behind another computer's import is not a frozen window: the book's
    ``waiting`` is called before the wait (the window says so and shows a busy pointer),
    and what it handed back once the wait is over; a unit of work that need not wait
    never calls it."""
    import threading

    from sqlalchemy import create_engine, text

    from kasir.savings import service as savings
    from kasir.uow import WRITE_LOCK

    told: list[str] = []

    def waiting():  # type: ignore[no-untyped-def]
        told.append("waiting")
        release.set()  # the import finishes while the cashier waits
        return lambda: told.append("over")

    members_book.waiting = waiting
    savings.deposit(members_book, Actor("kasir"), "A-001", "sukarela",
                    Money.rupiah(10_000), dt.date(2026, 11, 20))
    assert told == []  # nobody else had the book: no wait, nothing said
    release = threading.Event()
    other = create_engine(members_book.url)
    with other.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": WRITE_LOCK})  # the import

        def finish_import() -> None:
            release.wait(10)
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": WRITE_LOCK})

        finisher = threading.Thread(target=finish_import)
        finisher.start()
        r = savings.deposit(members_book, Actor("kasir"), "A-002", "sukarela",
                            Money.rupiah(20_000), dt.date(2026, 11, 20))
        finisher.join()
    other.dispose()
    assert r.entry and told == ["waiting", "over"]
