"""Text the database cannot hold must be refused by validation, on every backend.

PostgreSQL refuses a NUL character in any text and a string longer than its
VARCHAR; SQLite stores both without complaint. ``ledger.entry.validate``
refuses them all with a clear ``InvalidDraft`` before either backend sees them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kasir.book import Book
from ledger import posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.errors import InvalidDraft
from ledger.money import Money

DAY = dt.date(2026, 3, 10)


def draft(memo: str = "setoran", line_memo: str | None = None,
          operation: str = "manual") -> EntryDraft:
    return EntryDraft(DAY, memo, (LineDraft("1101", debit=Money(5_000), memo=line_memo),
                                  LineDraft("1111", credit=Money(5_000))), operation=operation)


@pytest.mark.parametrize(
    "bad",
    [
        draft(memo="setoran\x00tunai"),
        draft(line_memo="baris\x00"),
        draft(line_memo="x" * 301),  # journal_line.memo is VARCHAR(300)
        draft(operation="o" * 61),  # journal_entry.operation is VARCHAR(60)
    ],
    ids=["nul-in-memo", "nul-in-line-memo", "line-memo-301", "operation-61"],
)
def test_text_the_database_cannot_hold_is_refused_by_validation(book: Book,
                                                                bad: EntryDraft) -> None:
    with pytest.raises(InvalidDraft):
        with book.transaction() as s:
            posting.post(s, bad)
    with book.read_session() as s:
        assert queries.count_posted(s) == 0


def test_text_at_the_limits_posts_on_every_backend(book: Book) -> None:
    ok = EntryDraft(DAY, "m" * 500, (LineDraft("1101", debit=Money(5_000), memo="é" * 300),
                                     LineDraft("1111", credit=Money(5_000), memo="مرابحة 🕌")),
                    operation="o" * 60)
    with book.transaction() as s:
        ref = posting.post(s, ok)
    with book.read_session() as s:
        lines = queries.entry_lines(s, ref.id)
    assert [ln.memo for ln in lines] == ["é" * 300, "مرابحة 🕌"]
