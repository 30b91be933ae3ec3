"""``verify`` on both backends: a clean book passes, edits behind its back are named."""

from __future__ import annotations

from sqlalchemy import text

from kasir.book.verify import verify_book
from kasir.i18n import message
from ledger import ddl


def behind_the_back(book, *statements: str) -> None:
    with book.engine.begin() as conn:
        for stmt in ddl.drop_statements(book.dialect):
            conn.execute(text(stmt))
        for stmt in statements:
            conn.execute(text(stmt))


def findings(book) -> list[str]:
    return [f.english() for f in verify_book(book)]


def test_demo_book_verifies_clean(demo_book):
    assert findings(demo_book) == []


def test_edited_amount_named_on_any_backend(demo_book):
    behind_the_back(demo_book,
                    "UPDATE journal_line SET credit = credit + 100 WHERE id = (SELECT MIN(l.id) "
                    "FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                    "WHERE e.number = 3 AND l.credit > 0)")
    found = findings(demo_book)
    assert "Entry 2026/000003 was changed after posting: its lines or details no longer match "\
           "its seal." in found
    assert any("does not balance" in f and "2026/000003" in f for f in found)
    assert any("protective trigger" in f for f in found)


def test_edited_memo_and_ledger_state_are_found(demo_book):
    behind_the_back(demo_book,
                    "UPDATE journal_entry SET memo = 'diubah' WHERE number = 4",
                    "UPDATE ledger_state SET last_seq = last_seq + 1")
    found = findings(demo_book)
    assert any("2026/000004 was changed after posting" in f for f in found)
    assert any("record of the last posting" in f for f in found)


def test_findings_are_worded_in_indonesian_by_default(demo_book):
    behind_the_back(demo_book, "UPDATE journal_entry SET memo = 'x' WHERE number = 4")
    texts = [message(f) for f in verify_book(demo_book)]
    assert any("2026/000004" in t and "diubah setelah diposting" in t for t in texts), texts



def test_full_verify_runs_sqlite_s_integrity_check(tmp_path, monkeypatch):
    """``verify`` runs SQLite's quick_check; ``verify --full`` its integrity_check."""
    from kasir.book import create_book, opening, service

    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    ran: list[bool] = []
    real = opening.sqlite_integrity

    def spy(book, *, full=False):  # type: ignore[no-untyped-def]
        ran.append(full)
        return real(book, full=full)

    monkeypatch.setattr("kasir.book.verify.sqlite_integrity", spy)
    assert service.verify(path).sound
    assert service.verify(path, full=True).sound
    assert ran == [False, True]
