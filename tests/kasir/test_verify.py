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


# --- the hash chain walked in spans (two processes on a big book) ------------------------

TAMPERINGS = {
    "clean": (),
    "entry changed": ("UPDATE journal_entry SET memo = 'diubah' WHERE number = 4",),
    "entry removed": ("DELETE FROM journal_line WHERE entry_id = (SELECT id FROM journal_entry "
                      "WHERE number = 7 AND fiscal_year = 2026)",
                      "DELETE FROM journal_entry WHERE number = 7 AND fiscal_year = 2026"),
    "record removed": ("DELETE FROM audit_record WHERE seq = (SELECT MIN(seq) + 5 FROM "
                       "audit_record)",),
    "head moved": ("UPDATE ledger_state SET last_seq = last_seq + 1",),
}


def test_the_chain_walked_in_spans_names_what_one_walk_names(demo_book):
    """Cut anywhere (a span may start on an audit record, after a removed entry, …), the
    spans' findings joined are the one walk's, in the same order."""
    from ledger import chain_walk

    for name, statements in TAMPERINGS.items():
        behind_the_back(demo_book, *statements)
        with demo_book.read_session() as s:
            whole = chain_walk.check_chain(s)
            top = s.execute(text("SELECT last_seq FROM ledger_state")).scalar_one()
            for parts in (2, 3, 7):
                cut = chain_walk.spans(s, parts)
                assert len(cut) == parts and cut[0][0] is None and cut[-1][1] is None
                walked = chain_walk.joined(s, [chain_walk.check_span(s, c) for c in cut])
                assert [f.english() for f in walked] == [f.english() for f in whole], (name, parts)
            if name != "clean":
                assert whole, name
        assert top > 50


def test_a_big_book_walks_its_chain_in_two_processes(demo_book, monkeypatch):
    """From ``SPLIT_AT`` postings the first half is walked by a second process: the same
    findings as one walk, an entry changed in either half named."""
    from kasir.book import verify

    monkeypatch.setattr(verify, "SPLIT_AT", 1)
    assert findings(demo_book) == []
    behind_the_back(demo_book, "UPDATE journal_entry SET memo = 'diubah' WHERE number = 3",
                    "UPDATE journal_entry SET memo = 'diubah' WHERE number = (SELECT MAX(number) "
                    "FROM journal_entry WHERE fiscal_year = 2026)")
    changed = [f for f in findings(demo_book) if "was changed after posting" in f]
    assert len(changed) == 2 and "2026/000003" in changed[0], changed


def test_without_a_second_process_the_chain_is_walked_once(demo_book, monkeypatch):
    """A computer that will not start the second process (a locked-down office laptop)
    still gets every finding, from the one walk."""
    from concurrent.futures.process import BrokenProcessPool

    from kasir.book import verify

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("no processes here")

    monkeypatch.setattr(verify, "SPLIT_AT", 1)
    monkeypatch.setattr(verify, "ProcessPoolExecutor", NoProcesses)
    behind_the_back(demo_book, "UPDATE journal_entry SET memo = 'diubah' WHERE number = 3")
    changed = [f for f in findings(demo_book) if "was changed after posting" in f]
    assert len(changed) == 1 and "2026/000003" in changed[0], changed
