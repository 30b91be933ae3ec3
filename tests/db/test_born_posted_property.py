"""Born posted refuses exactly what the draft's flip refuses: for any entry, writing it the
program's way (posted lines, then the posted entry) and the old way (a draft, its lines,
the flip) are accepted or refused alike, for the same reason when one rule is broken.

Each example runs in transactions that are rolled back, so the book never changes; raw SQL
on ``book.engine`` as a SQL tool would send it, on SQLite and on PostgreSQL (``--db-url``).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from kasir.book import Book
from ledger import ddl
from tests.db.test_triggers import (
    HEADER,
    insert_draft,
    insert_line,
    insert_posted_entry,
    post_raw,
    reserve_id,
    run,
)

JOURNAL = ("1101", "1111", "1401", "2201", "6201")  # the general journal's own accounts
CLOSED = (2026, 2)  # February closed in every example's book
DAY = dt.date(2026, 3, 10)

_line = st.tuples(st.sampled_from((*JOURNAL, HEADER)), st.integers(1, 10**9), st.booleans())


@st.composite
def lines(draw):  # type: ignore[no-untyped-def]
    """Up to five lines, most often balanced by a last line (an entry as people write it)."""
    out = draw(st.lists(_line, min_size=0, max_size=4))
    net = sum(a if debit else -a for _c, a, debit in out)
    if net and draw(st.integers(0, 3)):  # three times in four: balance it
        out.append((draw(st.sampled_from(JOURNAL)), abs(net), net < 0))
    return out


def broken(entry_lines, day: dt.date, line_day: dt.date) -> set[str]:  # type: ignore[no-untyped-def]
    """The rules this entry breaks, computed here, independently of the triggers."""
    out = set()
    if len(entry_lines) < 2:
        out.add(ddl.MSG_TOO_FEW_LINES)
    if sum(a if debit else -a for _c, a, debit in entry_lines) != 0:
        out.add(ddl.MSG_UNBALANCED)
    if any(code == HEADER for code, _a, _d in entry_lines):
        out.add(ddl.MSG_BAD_ACCOUNT)
    if (day.year, day.month) == CLOSED:
        out.add(ddl.MSG_CLOSED_PERIOD)
    if entry_lines and line_day != day:
        out.add(ddl.MSG_LINE_DATE)
    return out


def attempt(book: Book, work) -> str | None:  # type: ignore[no-untyped-def]
    """None when the database accepts ``work``, else its refusal; rolled back either way."""
    with book.engine.connect() as conn:
        trans = conn.begin()
        try:
            work(conn)
            return None
        except IntegrityError as exc:
            return str(exc.orig)
        finally:
            trans.rollback()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entry_lines=lines(), in_closed=st.integers(0, 4), other_line_day=st.integers(0, 4))
def test_born_posted_and_the_flip_refuse_alike(book: Book, entry_lines, in_closed: int,  # type: ignore[no-untyped-def]
                                              other_line_day: int) -> None:
    with book.engine.begin() as conn:
        if not run(conn, "SELECT 1 FROM fiscal_period WHERE year = 2026 AND month = 2").first():
            run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 2, 'closed')")
    day = dt.date(2026, 2, 20) if in_closed == 0 else DAY  # one in five in a closed month
    line_day = day + dt.timedelta(days=1) if other_line_day == 0 else day
    triples = [(code, amount if debit else 0, 0 if debit else amount)
               for code, amount, debit in entry_lines]

    def the_flip(conn) -> None:  # type: ignore[no-untyped-def]
        post_raw(conn, insert_draft(conn, triples, day=day, line_day=line_day,
                                    operation="manual"))

    def born(conn) -> None:  # type: ignore[no-untyped-def]
        eid = reserve_id(conn)
        for no, (code, debit, credit) in enumerate(triples, start=1):
            insert_line(conn, eid, no, code, debit, credit, entry_date=line_day, posted=True)
        insert_posted_entry(conn, eid, day=day, operation="manual")

    rules = broken(entry_lines, day, line_day)
    event("accepted" if not rules else f"refused ({len(rules)} rule(s))")
    flipped, written = attempt(book, the_flip), attempt(book, born)
    assert (flipped is None) == (written is None) == (not rules), (rules, flipped, written)
    if len(rules) == 1:
        (rule,) = rules
        assert rule in flipped and rule in written  # type: ignore[operator]


# the rules of ``broken`` in the order the database checks an entry
RULE_ORDER = (ddl.MSG_TOO_FEW_LINES, ddl.MSG_UNBALANCED, ddl.MSG_BAD_ACCOUNT,
              ddl.MSG_CLOSED_PERIOD, ddl.MSG_LINE_DATE)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(st.tuples(lines(), st.integers(0, 4), st.integers(0, 4)),
                      min_size=1, max_size=5))
def test_a_batch_is_refused_for_its_first_broken_entry(book: Book, batch) -> None:  # type: ignore[no-untyped-def]
    """Entries written at once (all the lines in one statement, then all the entries in
    another, as the program writes a batch) are accepted when every one is sound, else
    refused whole for the first rule of the first entry that breaks one."""
    from tests.db.test_batches import Entry, write_at_once

    with book.engine.begin() as conn:
        if not run(conn, "SELECT 1 FROM fiscal_period WHERE year = 2026 AND month = 2").first():
            run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 2, 'closed')")
    entries, expected = [], None
    for entry_lines, in_closed, other_line_day in batch:
        day = dt.date(2026, 2, 20) if in_closed == 0 else DAY
        line_day = day + dt.timedelta(days=1) if other_line_day == 0 else day
        entries.append(Entry(lines=[(code, amount if debit else 0, 0 if debit else amount)
                                    for code, amount, debit in entry_lines],
                             day=day, line_day=line_day, operation="manual"))
        rules = broken(entry_lines, day, line_day)
        if rules and expected is None:
            expected = next(r for r in RULE_ORDER if r in rules)
    event("accepted" if expected is None else f"refused: {expected}")
    written = attempt(book, lambda conn: write_at_once(conn, entries))
    if expected is None:
        assert written is None, written
    else:
        assert written is not None and f"{ddl.PREFIX} {expected}" in written, (expected, written)
