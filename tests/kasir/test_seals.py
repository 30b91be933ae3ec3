"""A seal nobody can quietly redo: a history cut short or rewritten and re-sealed is
named by ``verify``, from this computer's seal log, a printed seal, or a backup."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from factories import simple_entry
from kasir.book import seals
from kasir.book.backup import backup_sqlite
from kasir.book.verify import verify_book
from ledger import chain, ddl, posting
from ledger.schema import Account, JournalEntry, JournalLine, Party
from ledger.seal import code_of, parse

D = dt.date(2026, 11, 20)


def post(book, n: int) -> None:  # noqa: ANN001
    with book.transaction() as s:
        for i in range(n):
            posting.post(s, simple_entry(D, "6203", "1101", 1_000 + i, memo=f"atk {i}"))


def drop_triggers(book) -> None:  # noqa: ANN001
    with book.engine.begin() as conn:
        for stmt in ddl.drop_statements(book.dialect):
            conn.execute(text(stmt))


def reseal_from(book, seq: int) -> None:  # noqa: ANN001
    """What a careful forger does after an edit: recompute every hash from ``seq`` on and
    the chain's head, so the chain itself is whole again (the entries come after the book's
    own first records, so the chain before ``seq`` is left as it is)."""
    with book.transaction() as s:
        entries = s.scalars(select(JournalEntry).where(JournalEntry.status == "posted")
                            .order_by(JournalEntry.posted_seq)).all()
        prev = s.execute(select(JournalEntry.prev_hash)
                         .where(JournalEntry.posted_seq == entries[0].posted_seq)).scalar_one()
        for e in entries:
            if e.posted_seq >= seq:
                lines = [chain.ChainLine(n, code, party, d, c, m) for n, code, party, d, c, m in
                         s.execute(select(JournalLine.line_no, Account.code, Party.code,
                                          JournalLine.debit, JournalLine.credit,
                                          JournalLine.memo)
                                   .join(Account, Account.id == JournalLine.account_id)
                                   .outerjoin(Party, Party.id == JournalLine.party_id)
                                   .where(JournalLine.entry_id == e.id))]
                e.prev_hash = prev
                e.hash = chain.link(prev, chain.ChainEntry(
                    e.posted_seq, e.uuid, e.fiscal_year, e.number, e.date, e.memo, e.operation,
                    None, e.reversal_reason, lines))
            prev = e.hash
        s.execute(text("UPDATE ledger_state SET last_hash = :h"), {"h": prev})


def head_seq(book) -> int:  # noqa: ANN001
    with book.read_session() as s:
        return int(s.execute(text("SELECT last_seq FROM ledger_state")).scalar_one())


def test_the_seal_is_short_and_read_back_as_printed(book):
    post(book, 3)
    seal = seals.current(book)
    assert seal.seq == head_seq(book) and len(seal.code) == 12
    assert str(seal).endswith(f" /{seal.seq}")
    assert parse(str(seal).lower()) == seal
    assert verify_book(book, [str(seal)]) == []


def test_a_history_cut_short_is_named_from_the_local_seal_log(book):
    """Measured: deleting the last entries together with the state rows passed verify."""
    post(book, 3)
    seals.record(book, "kuitansi 0003")
    last = head_seq(book)
    drop_triggers(book)
    with book.engine.begin() as conn:
        conn.execute(text("DELETE FROM journal_line WHERE entry_id IN (SELECT id FROM "
                          f"journal_entry WHERE posted_seq = {last})"))
        conn.execute(text(f"DELETE FROM journal_entry WHERE posted_seq = {last}"))
        conn.execute(text("UPDATE entry_counter SET last_number = 2"))
        conn.execute(text(f"UPDATE ledger_state SET last_seq = {last - 1}, last_hash = (SELECT "
                          f"hash FROM journal_entry WHERE posted_seq = {last - 1})"))
    found = [f.english() for f in verify_book(book)]
    assert any(f"holds {last - 1} sealed records, but this computer sealed it at record {last}" in f
               for f in found), found


def test_a_rewritten_and_resealed_history_is_named(book, tmp_path: Path):
    """Measured: re-sealing after an edit passed verify."""
    post(book, 3)
    printed = seals.record(book, "kuitansi 0003")
    copy = backup_sqlite(book.path, tmp_path / "cadangan.kasir") if book.path else None
    drop_triggers(book)
    with book.engine.begin() as conn:
        second = conn.execute(text("SELECT posted_seq FROM journal_entry WHERE number = 2")
                              ).scalar_one()
        conn.execute(text("UPDATE journal_entry SET memo = 'diubah' WHERE number = 2"))
    reseal_from(book, second)
    plain = [f.english() for f in verify_book(book) if "protective trigger" not in f.english()]
    assert any("rewritten and sealed again" in f for f in plain), plain
    assert not any("changed after posting" in f for f in plain)  # the chain itself is whole
    anchored = [f.english() for f in verify_book(book, [str(printed)])]
    assert any(f"{printed} was sealed" in f for f in anchored)
    if copy is not None:
        from_backup = [f.english() for f in verify_book(book, [str(copy)])]
        assert any("cadangan.kasir" in f and "sealed again" in f for f in from_backup)


def test_an_anchor_the_book_never_reached_and_a_wrong_one(book):
    post(book, 2)
    assert any("no longer holds record 999" in f.english()
               for f in verify_book(book, [f"{code_of('ab' * 32)} /999"]))
    assert any("neither a seal nor a Kasir backup" in f.english()
               for f in verify_book(book, ["bukan-segel"]))


def test_every_backup_carries_its_seal_beside_it(book, tmp_path: Path, sqlite_only):
    post(book, 2)
    copy = backup_sqlite(book.path, tmp_path / "cadangan.kasir")
    beside = copy.with_name("cadangan.kasir.seal")
    assert beside.read_text("utf-8").strip() == str(seals.current(book))
    assert verify_book(book, [beside.read_text("utf-8").strip()]) == []


def test_a_lost_wal_is_named_even_when_no_paper_was_printed(book, tmp_path: Path, sqlite_only):
    """Measured: deleting the -wal file while another program held a read lost 224
    acknowledged deposits and verify still said sound. Every commit now notes the head it
    reached outside the book; the main file alone (its -wal lost) is named cut short."""
    from kasir.book import open_book

    post(book, 2)
    main_only = tmp_path / "tanpa-wal.kasir"
    reader = sqlite3.connect(book.path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM journal_entry").fetchone()  # holds the checkpoint
    post(book, 224)
    last = head_seq(book)
    shutil.copyfile(book.path, main_only)  # what the file holds without its -wal
    book.engine.dispose()
    reader.close()
    shutil.copyfile(main_only, book.path)
    for suffix in ("-wal", "-shm"):
        Path(f"{book.path}{suffix}").unlink(missing_ok=True)
    with open_book(book.path) as lost:
        assert head_seq(lost) < last  # the 224 postings are gone
        found = [f.english() for f in verify_book(lost)]
    assert any(f"but this computer sealed it at record {last}" in f and "cut short" in f
               for f in found), found


def test_a_restore_starts_the_seal_log_afresh(book, tmp_path: Path, sqlite_only):
    """Restoring an older backup shortens the history on purpose: not a finding."""
    from kasir.book import open_book
    from kasir.book import service as book_service

    post(book, 2)
    old = book_service.back_up(book.path, tmp_path / "lama.kasir")
    post(book, 3)
    seals.record(book, "kuitansi 0005")
    book.engine.dispose()
    assert book_service.restore(old, book.path).done
    with open_book(book.path) as restored:
        assert verify_book(restored) == []
        post(restored, 1)
        assert verify_book(restored) == []
