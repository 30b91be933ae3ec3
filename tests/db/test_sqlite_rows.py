"""SQLite's bulk rows for an import's background writer (``ledger.sqlite_rows``): one JSON
statement per batch, stored exactly as row-by-row inserts store them; what JSON would change
(a NUL in a text, a number beyond 64 bits) never changes silently. The writer itself is
tested on both backends in ``test_background_writer``."""

from __future__ import annotations

import pytest

from kasir.book import Book
from kasir.imports.models import ImportedEvent
from ledger import background_writer, sqlite_rows
from ledger.bulk_rows import insert_rows
from tests.db.test_background_writer import imported, stored
from tests.db.test_batches import writes
from tests.db.test_triggers import snapshot

pytestmark = pytest.mark.usefixtures("sqlite_only")


def statements(book: Book, work, monkeypatch: pytest.MonkeyPatch | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The INSERT statements ``work`` sends, through SQLAlchemy or handed to a writer."""
    handed: list[str] = []
    if monkeypatch is not None:
        submit = background_writer.BackgroundWriter.submit

        def hand(writer: background_writer.BackgroundWriter, batch: sqlite_rows.JsonInsert) -> None:
            handed.append(batch.insert)
            submit(writer, batch)

        monkeypatch.setattr(background_writer.BackgroundWriter, "submit", hand)
    return writes(book, work, "INSERT") + handed


def test_without_a_writer_rows_go_through_the_driver_as_before(book: Book) -> None:
    """Outside an import (a cashier's entry, a month's batch of postings) the driver's
    ``executemany`` writes the rows: no thread, no JSON."""
    with book.transaction() as s:
        seen = statements(book, lambda: insert_rows(s, ImportedEvent.__table__, imported(3)))
    assert len(seen) == 1 and "json_each" not in seen[0]


@pytest.mark.parametrize("text_value", ["tes.jsonl", "a\"b\\c", "😀 ünï\nbaris", "{\"x\": 1}",
                                        "\u2028", "  "])
def test_a_batch_is_stored_as_row_by_row_inserts_store_it(book: Book, text_value: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The same rows through the JSON statement and through SQLAlchemy's own insert: the
    same values, of the same SQLite types (dates and time stamps as the dialect writes
    them, a true flag as 1)."""
    rows = imported(3, source=text_value)
    with book.transaction() as s:
        with background_writer.in_background(s):
            seen = statements(book, lambda: insert_rows(s, ImportedEvent.__table__, rows),
                              monkeypatch)
        for r in imported(3, source=text_value):
            r["digest"] = "b" + str(r["digest"])[1:]
            s.add(ImportedEvent(**r))
    assert len(seen) == 1 and "json_each" in seen[0]
    got = stored(book, "SELECT substr(digest, 1, 1), seq, typeof(seq), type, date, typeof(date),"
                       " source, imported_at FROM imported_event ORDER BY digest")
    assert [r[1:] for r in got[:3]] == [r[1:] for r in got[3:]]
    assert got[0][1:] == (1, "integer", "deposit", "2026-03-10", "text", text_value,
                          "2026-03-10 09:05:07.000120")


def test_a_text_holding_nul_goes_row_by_row_and_is_kept_whole(book: Book,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's JSON would cut a text at a NUL character: such a batch is not sent as
    JSON, and the text is stored whole."""
    with book.transaction() as s, background_writer.in_background(s):
        seen = statements(book, lambda: insert_rows(s, ImportedEvent.__table__,
                                                    imported(2, source="a\x00b")), monkeypatch)
    assert "json_each" not in seen[0]
    assert stored(book, "SELECT hex(source) FROM imported_event") == [("610062",)] * 2


def test_a_whole_number_beyond_64_bits_is_refused_and_nothing_kept(book: Book) -> None:
    """JSON would hand SQLite such a number as a REAL: the batch is refused, as the
    driver refuses the number, and the transaction leaves nothing."""
    before = snapshot(book)
    with pytest.raises(OverflowError), book.transaction() as s, background_writer.in_background(s):
        insert_rows(s, ImportedEvent.__table__, imported(3) + imported(1, digest="f" * 64,
                                                                     seq=2**64 + 1))
    assert snapshot(book) == before
    assert stored(book, "SELECT COUNT(*) FROM imported_event") == [(0,)]
