"""Properties of the ledger that must hold for *any* input, checked with Hypothesis.

Each example gets a brand-new book (a fresh SQLite file, or an emptied
PostgreSQL schema with ``--db-url``): examples never see each other's postings,
so the expected balances are computed in Python from exactly what the example
posted, independently of the code under test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select, text

from kasir.book import Book, create_book, open_book, quick_read
from ledger import periods, posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.errors import InvalidDraft, LedgerError
from ledger.money import Money
from ledger.schema import AuditRecord, Base, Party


def _default_chart() -> list[queries.AccountRow]:
    """The chart a new book really has (the CSV, as amended by later migrations)."""
    with tempfile.TemporaryDirectory() as tmp:
        b = create_book(Path(tmp) / "bagan.kasir", name="bagan")
        try:
            with b.read_session() as s:
                return queries.chart(s)
        finally:
            b.close()


CHART = _default_chart()
# the general journal's own accounts: the ones an entry of any operation may move
POSTABLE = sorted(a.code for a in CHART if not a.is_header and a.active and a.owner == "journal")
HEADERS = sorted(a.code for a in CHART if a.is_header)
ALL_CODES = frozenset(a.code for a in CHART)
PARTIES = [f"A{n:04d}" for n in range(1, 7)]
YEAR_START, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
CLOSED_MONTH = (2026, 6)  # closed in the books of the refusal tests

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- a fresh book per example ---------------------------------------------------------


# Tables a posting or a close can touch; truncated to reset a server book.
_RESET = ("journal_line", "journal_entry", "entry_counter", "period_event", "fiscal_period",
          "audit_record")


@pytest.fixture
def new_book(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory of fresh books (default chart, a few members) on the backend under test.

    A template book is built once per test by the migrations; each example then
    gets a copy of its file on SQLite, or, on PostgreSQL, the same schema reset with
    TRUNCATE (which fires no row triggers). Rebuilding a book for every example
    would triple its cost, and that of every step of shrinking a failure.
    """
    url = request.config.getoption("--db-url")
    template: list[Book] = []
    state: list = []  # the template's chain head and audit records, restored at each reset
    copies = itertools.count()

    def build(location: str | Path) -> Book:
        b = create_book(location, name="Koperasi Sifat")
        with b.transaction() as s:
            s.add_all(Party(code=p, name=f"Anggota {p}") for p in PARTIES)
        return b

    @contextlib.contextmanager
    def make() -> Iterator[Book]:
        if url == "sqlite":
            if not template:
                template.append(build(tmp_path / "template.kasir"))
                template[0].close()  # the WAL is folded into the file on close
            path = tmp_path / f"contoh-{next(copies)}.kasir"
            shutil.copyfile(tmp_path / "template.kasir", path)
            b = open_book(path)
            try:
                yield b
            finally:
                b.close()
                path.unlink()
                for suffix in ("-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        if not template:
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            engine.dispose()
            template.append(build(url))
            with template[0].engine.connect() as conn:  # the new book's own audit records
                state.append(conn.execute(text("SELECT last_seq, last_hash FROM ledger_state"))
                             .one())
                rows = conn.execute(text("SELECT * FROM audit_record ORDER BY seq"))
                state.append([{k: v for k, v in r._mapping.items() if k != "id"} for r in rows])
        b = template[0]
        with b.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(_RESET)} RESTART IDENTITY CASCADE"))
            if state[1]:
                conn.execute(AuditRecord.__table__.insert(), state[1])
            conn.execute(text("UPDATE ledger_state SET last_seq = :seq, last_hash = :hash"),
                         {"seq": state[0][0], "hash": state[0][1]})
        yield b

    yield make
    for b in template:
        b.close()


# --- strategies ---------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=10**13)  # 1 sen .. 100 billion rupiah
days = st.dates(min_value=YEAR_START, max_value=YEAR_END)
parties = st.none() | st.sampled_from(PARTIES)
# Any text a person could type, Arabic script and emoji included. Not NUL, which
# validation refuses (PostgreSQL cannot store it; see tests/db/test_text_limits.py).
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@st.composite
def balanced_lines(draw: st.DrawFn, max_lines: int = 6) -> tuple[LineDraft, ...]:
    """2..max_lines lines over postable accounts whose debits equal their credits."""
    n = draw(st.integers(2, max_lines))
    n_debit = draw(st.integers(1, n - 1))
    n_credit = n - n_debit
    debits = draw(st.lists(amounts, min_size=n_debit, max_size=n_debit))
    debits[0] += n_credit  # room for n_credit positive credits
    total = sum(debits)
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=n_credit - 1,
                                max_size=n_credit - 1, unique=True)))
    credits = [b - a for a, b in zip([0, *cuts], [*cuts, total])]
    lines = [LineDraft(draw(st.sampled_from(POSTABLE)), debit=Money(d), party_code=draw(parties))
             for d in debits]
    lines += [LineDraft(draw(st.sampled_from(POSTABLE)), credit=Money(c),
                        party_code=draw(parties), memo=draw(st.none() | texts))
              for c in credits]
    return tuple(draw(st.permutations(lines)))


@st.composite
def valid_drafts(draw: st.DrawFn, day: st.SearchStrategy[dt.date] = days) -> EntryDraft:
    return EntryDraft(date=draw(day), memo=draw(texts),
                      lines=draw(balanced_lines()),
                      uuid=draw(st.none() | st.uuids().map(lambda u: u.hex)))


operations = st.lists(
    st.one_of(
        st.tuples(st.just("post"), valid_drafts()),
        st.tuples(st.just("reverse"), st.integers(0, 50), days),
    ),
    min_size=1, max_size=12,
)


# --- the Python model -----------------------------------------------------------------


class Model:
    """What the books must say, from nothing but the lines handed to ``post``."""

    def __init__(self) -> None:
        self.entries: list[tuple[dt.date, tuple[tuple[str, str | None, int, int], ...]]] = []

    def add(self, day: dt.date, lines: tuple[tuple[str, str | None, int, int], ...]) -> None:
        self.entries.append((day, lines))

    def totals(self, as_of: dt.date | None = None) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for day, lines in self.entries:
            if as_of is not None and day > as_of:
                continue
            for code, _party, d, c in lines:
                od, oc = out.get(code, (0, 0))
                out[code] = (od + d, oc + c)
        return out

    def party_net(self, code: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for _day, lines in self.entries:
            for acc, party, d, c in lines:
                if acc == code and party is not None:
                    out[party] = out.get(party, 0) + d - c
        return out


def as_rows(draft: EntryDraft) -> tuple[tuple[str, str | None, int, int], ...]:
    return tuple((ln.account_code, ln.party_code, ln.debit.sen, ln.credit.sen)
                 for ln in draft.lines)


def snapshot(book: Book) -> dict[str, object]:
    """Everything a refused posting could have touched."""
    with book.transaction() as s:
        counts = {t.name: s.scalar(select(func.count()).select_from(t))
                  for t in Base.metadata.sorted_tables}
        tb = queries.trial_balance(s)
        return {
            "counts": counts,
            "tb": [(r.code, r.debit.sen, r.credit.sen) for r in tb.rows],
            "state": tuple(s.execute(text("SELECT last_seq, last_hash FROM ledger_state")).one()),
            "counters": s.execute(text("SELECT fiscal_year, last_number FROM entry_counter "
                                       "ORDER BY fiscal_year")).all(),
            "posted_lines": s.scalar(text("SELECT COUNT(*) FROM journal_line l JOIN "
                                          "journal_entry e ON e.id = l.entry_id "
                                          "WHERE e.status = 'posted'")),
        }


# --- 1. any valid history keeps the books balanced and exact ----------------------------


@SETTINGS
@given(ops=operations, as_of=days)
def test_valid_postings_and_reversals_keep_the_books_exact(new_book, ops, as_of) -> None:  # type: ignore[no-untyped-def]
    model = Model()
    with new_book() as book:
        posted: list[tuple[int, EntryDraft]] = []  # originals that may be reversed
        reversed_ids: set[int] = set()
        keys: dict[str, int] = {}
        for op in ops:
            if op[0] == "post":
                draft = op[1]
                with book.transaction() as s:
                    ref = posting.post(s, draft, user="kasir")
                if draft.uuid in keys:  # Hypothesis likes to repeat values: a retry
                    assert ref.duplicate and ref.id == keys[draft.uuid]
                    continue
                assert not ref.duplicate
                if draft.uuid is not None:
                    keys[draft.uuid] = ref.id
                posted.append((ref.id, draft))
                model.add(draft.date, as_rows(draft))
            elif posted:
                _, pick, day = op
                eid, original = posted[pick % len(posted)]
                if eid in reversed_ids:
                    before = snapshot(book)
                    with pytest.raises(LedgerError):
                        with book.transaction() as s:
                            posting.reverse(s, eid, reason="salah input", day=day)
                    assert snapshot(book) == before
                    continue
                with book.transaction() as s:
                    rev = posting.reverse(s, eid, reason="salah input", day=day, user="kasir")
                reversed_ids.add(eid)
                model.add(day, tuple((a, p, c, d) for a, p, d, c in as_rows(original)))
                assert rev.id != eid

        expected = model.totals()
        with book.read_session() as s:
            tb = queries.trial_balance(s)
            assert tb.balanced
            assert tb.total_debit == tb.total_credit
            assert {k: v for k, v in queries.account_totals(s).items()} == {
                a.id: expected[a.code] for a in queries.chart(s) if a.code in expected}
            tb_rows = {r.code: (r.debit.sen, r.credit.sen) for r in tb.rows}
            for code in POSTABLE:
                d, c = expected.get(code, (0, 0))
                assert queries.balance(s, code) == Money(d - c)
                net = d - c
                assert tb_rows.get(code, (0, 0)) == (max(net, 0), max(-net, 0))
            for code in {ln[0] for _, lines in model.entries for ln in lines}:
                got = {p: m.sen for p, m in queries.party_balances(s, code).items()}
                assert got == model.party_net(code)
            # as of a day: only what is dated up to it
            tb_then = queries.trial_balance(s, as_of)
            assert tb_then.balanced
            then = model.totals(as_of)
            assert {r.code: r.debit.sen - r.credit.sen for r in tb_then.rows} == {
                code: d - c for code, (d, c) in then.items() if d != c}
            # the command line's quick answer, read with the driver alone: the same figures
            location = book.path if book.path is not None else book.url
            assert quick_read.trial_balance(location) == tb
            assert quick_read.trial_balance(location, as_of) == tb_then
            assert queries.count_posted(s) == len(model.entries)
            numbers = s.execute(text("SELECT number FROM journal_entry ORDER BY posted_seq")).all()
            assert [n for (n,) in numbers] == list(range(1, len(model.entries) + 1))


# --- 2. a refused draft changes nothing ------------------------------------------------


# How a draft is broken -> words of the problem the refusal must name.
BREAKS = {
    "unbalanced": "differ by",
    "single_line": "at least two lines",
    "no_lines": "at least two lines",
    "header_account": "is a heading",
    "unknown_account": "there is no account",
    "closed_period": "is closed",
    "negative_amount": "cannot be negative",
    "both_sides": "either a debit or a credit",
    "zero_line": "either a debit or a credit",
    "unknown_party": "there is no member",
    "reversal_without_reason": "needs a reason",
}


@st.composite
def broken_drafts(draw: st.DrawFn, kind: str) -> EntryDraft:
    good = draw(valid_drafts())
    lines = list(good.lines)
    i = draw(st.integers(0, len(lines) - 1))
    ln = lines[i]
    day = good.date
    extra: dict[str, object] = {}
    if kind == "unbalanced":
        delta = draw(st.integers(1, 10**6))
        side = "debit" if ln.debit else "credit"
        lines[i] = LineDraft(ln.account_code, party_code=ln.party_code,
                             **{side: Money(getattr(ln, side).sen + delta)})
    elif kind == "single_line":
        lines = [ln]
    elif kind == "no_lines":
        lines = []
    elif kind == "header_account":
        lines[i] = LineDraft(draw(st.sampled_from(HEADERS)), ln.debit, ln.credit, ln.party_code)
    elif kind == "unknown_account":
        code = draw(st.text("0123456789X", min_size=1, max_size=6)
                    .filter(lambda c: c not in ALL_CODES))
        lines[i] = LineDraft(code, ln.debit, ln.credit, ln.party_code)
    elif kind == "closed_period":
        day = dt.date(*CLOSED_MONTH, draw(st.integers(1, 30)))
    elif kind == "negative_amount":
        # a negative debit and an equal negative credit: the entry still "balances"
        amount = draw(amounts)
        lines = [LineDraft(lines[0].account_code, debit=Money(-amount)),
                 LineDraft(lines[-1].account_code, credit=Money(-amount)), *lines]
    elif kind == "both_sides":
        lines[i] = LineDraft(ln.account_code, debit=ln.debit + ln.credit,
                             credit=ln.debit + ln.credit, party_code=ln.party_code)
    elif kind == "zero_line":
        lines.insert(i, LineDraft(ln.account_code))
    elif kind == "unknown_party":
        lines[i] = LineDraft(ln.account_code, ln.debit, ln.credit, party_code="TIDAK-ADA")
    elif kind == "reversal_without_reason":
        extra = {"reverses_entry_id": 1, "reversal_reason": draw(st.sampled_from([None, "", " "]))}
    else:
        raise AssertionError(kind)
    return EntryDraft(date=day, memo=good.memo, lines=tuple(lines), uuid=good.uuid,
                      **extra)  # type: ignore[arg-type]


open_days = days.filter(lambda d: (d.year, d.month) != CLOSED_MONTH)


@pytest.mark.parametrize("kind", sorted(BREAKS))
@settings(SETTINGS, max_examples=10)
@given(data=st.data(),
       history=st.lists(valid_drafts(open_days), min_size=1, max_size=4),
       company=st.lists(valid_drafts(open_days), max_size=2),
       position=st.integers(0, 2))
def test_refused_draft_leaves_the_book_unchanged(new_book, kind, data, history, company,  # type: ignore[no-untyped-def]
                                                 position) -> None:
    draft = data.draw(broken_drafts(kind), label="broken draft")
    with new_book() as book:
        with book.transaction() as s:
            posting.post_many(s, history, user="kasir")
            periods.close_period(s, *CLOSED_MONTH, user="ketua")
        before = snapshot(book)

        with pytest.raises(InvalidDraft) as info:
            with book.transaction() as s:
                posting.post(s, draft, user="kasir")
        assert BREAKS[kind] in info.value.english()
        assert snapshot(book) == before

        # in a batch, one bad draft refuses the valid ones with it: all or nothing
        batch = [d for d in company if d.uuid is None or d.uuid != draft.uuid]
        batch.insert(min(position, len(batch)), draft)
        with pytest.raises(InvalidDraft):
            with book.transaction() as s:
                posting.post_many(s, batch, user="kasir")
        assert snapshot(book) == before


# --- 3. the same uuid posts once -------------------------------------------------------


@SETTINGS
@given(draft=valid_drafts(), key=st.uuids().map(lambda u: u.hex),
       schedule=st.lists(st.sampled_from(["commit", "rollback", "retry_in_same_transaction"]),
                         min_size=2, max_size=6),
       others=st.lists(valid_drafts(), max_size=2))
def test_same_uuid_posts_once(new_book, draft, key, schedule, others) -> None:  # type: ignore[no-untyped-def]
    """Double clicks, retries after a lost answer, a rolled-back first attempt:
    whatever the schedule, one entry exists for the key and every answer names it."""
    keyed = EntryDraft(draft.date, draft.memo, draft.lines, uuid=key)
    others = [EntryDraft(d.date, d.memo, d.lines) for d in others]  # no keys: always new

    class Abort(Exception):
        pass

    with new_book() as book:
        first: posting.PostedRef | None = None
        for step in schedule:
            try:
                with book.transaction() as s:
                    refs = posting.post_many(s, [*others, keyed], user="kasir")
                    ref = refs[-1]
                    if step == "retry_in_same_transaction":
                        again = posting.post(s, keyed, user="kasir")
                        assert again.duplicate and again.id == ref.id
                    if step == "rollback":
                        raise Abort
            except Abort:
                pass
            if first is None:
                assert not ref.duplicate
                if step != "rollback":
                    first = ref
            else:
                assert ref.duplicate
                assert (ref.id, ref.number, ref.posted_seq) == (first.id, first.number,
                                                               first.posted_seq)
        with book.read_session() as s:
            n = s.scalar(text("SELECT COUNT(*) FROM journal_entry WHERE uuid = :k"), {"k": key})
            assert n == (0 if first is None else 1)
            commits = sum(1 for step in schedule if step != "rollback")
            assert queries.count_posted(s) == commits * len(others) + (1 if first else 0)
            numbers = [n for (n,) in s.execute(text(
                "SELECT number FROM journal_entry ORDER BY number"))]
            assert numbers == list(range(1, len(numbers) + 1))  # rollbacks left no gaps
            assert queries.trial_balance(s).balanced


def test_same_uuid_twice_in_one_batch_is_refused(new_book) -> None:  # type: ignore[no-untyped-def]
    draft = EntryDraft(dt.date(2026, 2, 2), "x", (LineDraft("1101", debit=Money(5)),
                                                  LineDraft("2101", credit=Money(5))), uuid="k1")
    with new_book() as book:
        before = snapshot(book)
        with pytest.raises(LedgerError):
            with book.transaction() as s:
                posting.post_many(s, [draft, draft])
        assert snapshot(book) == before


# --- 4. allocation never loses or invents a sen -------------------------------------------


@settings(max_examples=400, deadline=None)
@given(whole=st.integers(-(10**15), 10**15),
       weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=25)
       .filter(lambda ws: sum(ws) > 0))
def test_allocate_sums_to_the_whole_within_a_sen_of_each_share(whole: int,
                                                               weights: list[int]) -> None:
    parts = Money(whole).allocate(weights)
    total = sum(weights)
    assert len(parts) == len(weights)
    assert sum(p.sen for p in parts) == whole
    for part, w in zip(parts, weights):
        exact = Fraction(whole * w, total)
        assert abs(part.sen - exact) < 1  # the floor or the ceiling of the exact share
        if w == 0:
            assert part.sen == 0
        assert part.sen == 0 or (part.sen > 0) == (whole > 0)
    # no more than |parts| sen moved off the floors, given to the largest remainders
    floors = [abs(whole) * w // total for w in weights]
    bumped = Counter(abs(p.sen) - f for p, f in zip(parts, floors))
    assert set(bumped) <= {0, 1}
    assert bumped[1] == abs(whole) - sum(floors)


@given(st.lists(st.integers(-5, 5), min_size=0, max_size=5))
def test_allocate_refuses_bad_weights(weights: list[int]) -> None:
    if weights and all(w >= 0 for w in weights) and sum(weights) > 0:
        return
    with pytest.raises(ValueError):
        Money(100).allocate(weights)
