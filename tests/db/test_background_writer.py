"""An import's background writer (``ledger.background_writer``), on both backends: batches
written by a thread in order, in the session's own transaction, every statement of the
session's waiting for them, and a refusal in the thread raised as in the foreground (on
PostgreSQL the batch runs in a savepoint, so the transaction is still usable to say why)."""

from __future__ import annotations

import datetime as dt
import sys
import threading

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from kasir.book import Book
from kasir.imports.models import ImportedEvent
from ledger import background_writer, ddl, posting, queries
from ledger.bulk_rows import insert_rows
from ledger.chain_walk import check_chain
from ledger.schema import JournalLine
from tests.db.test_batches import account_id_of, drafts
from tests.db.test_triggers import CASH, DAY, SAVINGS, snapshot

AT = dt.datetime(2026, 3, 10, 9, 5, 7, 120)


def imported(n: int, **change: object) -> list[dict[str, object]]:
    return [{"digest": f"{i:064x}", "seq": i + 1, "type": "deposit", "date": DAY,
             "source": "tes.jsonl", "imported_at": AT, **change} for i in range(n)]


def stored(book: Book, sql: str) -> list[tuple]:
    with book.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_the_background_writer_writes_in_order_before_any_statement_reads(book: Book) -> None:
    """Batches handed to the writer are written by its thread; a statement of the
    session's own waits until they are there, and the commit keeps them all."""
    threads: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)

    switch = sys.getswitchinterval()
    with book.transaction() as s, background_writer.in_background(s) as writer:
        assert isinstance(writer, background_writer.BackgroundWriter)
        for start in range(0, 300, 100):
            insert_rows(s, ImportedEvent.__table__, imported(300)[start:start + 100])
        event.listen(s.connection(), "before_cursor_execute", note)
        count = s.execute(text("SELECT COUNT(*), MAX(seq) FROM imported_event")).one()
        assert tuple(count) == (300, 300)
        assert sys.getswitchinterval() < switch
    assert sys.getswitchinterval() == switch
    assert threads == [threading.current_thread().name]  # the writer's own go unseen
    assert stored(book, "SELECT COUNT(*), MIN(seq), MAX(seq) FROM imported_event") \
        == [(300, 1, 300)]


def test_a_batch_refused_in_the_background_is_refused_as_in_the_foreground(book: Book) -> None:
    """Posted lines for an entry that exists already: the trigger refuses them in the
    writer's thread; the same refusal (``IntegrityError``, the trigger's words) reaches
    the caller, and the book keeps nothing of the transaction."""
    with book.transaction() as s:
        ref = posting.post_many(s, drafts(1), user="uji")[0]
    before = snapshot(book)
    cash, savings = account_id_of(book, CASH), account_id_of(book, SAVINGS)

    def lines(eid: int) -> list[dict[str, object]]:  # enough for a COPY on PostgreSQL
        return [{"entry_id": eid, "line_no": 10 + k, "account_id": acc, "party_id": None,
                 "debit": d, "credit": c, "memo": None, "entry_date": DAY, "posted": True}
                for k, (acc, d, c) in enumerate(((cash, 500, 0), (savings, 0, 500)) * 30)]

    with pytest.raises(IntegrityError) as info, book.transaction() as s, \
            background_writer.in_background(s):
        insert_rows(s, ImportedEvent.__table__, imported(60))
        insert_rows(s, JournalLine.__table__, lines(ref.id))  # refused in the thread
        insert_rows(s, ImportedEvent.__table__, [{**r, "digest": "e" + str(r["digest"])[1:]}
                                                 for r in imported(60)])
    assert f"{ddl.PREFIX} {ddl.MSG_POSTED_LINE}" in str(info.value.orig)
    assert snapshot(book) == before
    assert stored(book, "SELECT COUNT(*) FROM imported_event") == [(0,)]


def test_a_refusal_is_raised_at_a_drain_that_leaves_batches_in_flight(book: Book) -> None:
    """``drain(keep=n)`` lets the last batches be written while the caller goes on, but
    not a refusal: once one is refused, the drain waits for the rest (skipped) and raises
    it, whatever ``keep`` says."""
    with book.transaction() as s:
        ref = posting.post_many(s, drafts(1), user="uji")[0]
    cash, savings = account_id_of(book, CASH), account_id_of(book, SAVINGS)
    lines = [{"entry_id": ref.id, "line_no": 10 + k, "account_id": acc, "party_id": None,
              "debit": d, "credit": c, "memo": None, "entry_date": DAY, "posted": True}
             for k, (acc, d, c) in enumerate(((cash, 500, 0), (savings, 0, 500)) * 30)]
    with pytest.raises(IntegrityError) as info, book.transaction() as s, \
            background_writer.in_background(s) as writer:
        assert isinstance(writer, background_writer.BackgroundWriter)
        insert_rows(s, JournalLine.__table__, lines)  # refused in the thread
        for start in range(0, 300, 60):
            insert_rows(s, ImportedEvent.__table__, imported(300)[start:start + 60])
        writer.wait()  # the refusal is known: the batches after it were skipped
        writer.drain(keep=6)
        pytest.fail("the refusal was not raised")
    assert f"{ddl.PREFIX} {ddl.MSG_POSTED_LINE}" in str(info.value.orig)
    assert stored(book, "SELECT COUNT(*) FROM imported_event") == [(0,)]


def test_an_error_of_the_callers_leaves_the_writer_stopped_and_nothing_kept(book: Book) -> None:
    before = snapshot(book)
    switch = sys.getswitchinterval()
    with pytest.raises(RuntimeError), book.transaction() as s, background_writer.in_background(s):
        insert_rows(s, ImportedEvent.__table__, imported(80))
        raise RuntimeError("a bad event")
    assert snapshot(book) == before
    assert sys.getswitchinterval() == switch
    assert not [t for t in threading.enumerate() if t.name == "kasir-bulk-writer"]


def test_posting_through_the_background_writer_gives_the_same_journal(book: Book) -> None:
    """The journal's writer hands its lines and entries over like any batch: numbers,
    chain and trial balance are those of posting in the foreground."""
    with book.transaction() as s, background_writer.in_background(s):
        refs = posting.post_many(s, drafts(40), user="uji")
        refs += posting.post_many(s, drafts(3), user="uji")
    assert [r.number for r in refs] == list(range(1, 44))
    with book.read_session() as s:
        assert s.scalar(text("SELECT COUNT(*) FROM journal_line WHERE posted")) == 86
        assert check_chain(s) == []
        assert queries.trial_balance(s).balanced
