"""One audit trail of every change, in the postings' chain (issue 8, point 3), on both
backends: each change is recorded with who did it and from where; the database refuses
to change sealed records; verify proves the chain and each row against its last change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from factories import EVENTS, rp, write_events
from kasir.actor import Actor
from kasir.audit import SEALED_TRIGGERS
from kasir.book.verify import verify_book
from kasir.imports import service as imports
from kasir.journal import service as journal
from kasir.members import service as members
from kasir.members.service import MemberInput
from kasir.savings import service as savings
from ledger import ddl
from ledger.schema import AuditRecord

SITI = Actor("siti", "bendahara", "LAPTOP-KANTOR")
D = dt.date(2026, 11, 20)


def trail(book, table: str | None = None) -> list[AuditRecord]:  # noqa: ANN001
    with book.read_session() as s:
        q = select(AuditRecord).order_by(AuditRecord.seq)
        if table:
            q = q.where(AuditRecord.table_name == table)
        return list(s.scalars(q))


def behind_the_back(book, *statements: str) -> None:  # noqa: ANN001
    with book.engine.begin() as conn:
        for stmt in ddl.drop_statements(book.dialect, ddl.TRIGGERS + SEALED_TRIGGERS):
            conn.execute(text(stmt))
        for stmt in statements:
            conn.execute(text(stmt))


def found(book) -> list[str]:  # noqa: ANN001
    return [f.english() for f in verify_book(book) if "protective trigger" not in f.english()]


def test_a_change_is_recorded_with_who_where_and_the_row_after(members_book):
    members.update_member(members_book, SITI, MemberInput(
        "A-001", "Siti Aminah Binti Ali", dt.date(2026, 10, 5), "K01", phone="0812"))
    last = trail(members_book, "anggota")[-1]
    assert (last.action, last.row_key, last.user, last.computer) == (
        "update", "A-001", "siti", "LAPTOP-KANTOR")
    assert json.loads(last.data)["name"] == "Siti Aminah Binti Ali"
    done = savings.deposit(members_book, SITI, "A-001", "sukarela", rp(5_000), D)
    receipt = trail(members_book, "kuitansi")[-1]
    assert receipt.action == "insert" and receipt.row_key == f"2026/{int(done.receipt[:4])}"
    assert found(members_book) == []


def test_records_and_postings_share_one_sequence(members_book):
    savings.deposit(members_book, SITI, "A-001", "sukarela", rp(5_000), D)
    with members_book.read_session() as s:
        seqs = sorted([*s.scalars(text("SELECT seq FROM audit_record")),
                       *s.scalars(text("SELECT posted_seq FROM journal_entry "
                                       "WHERE status = 'posted'"))])
        head = s.scalar(text("SELECT last_seq FROM ledger_state"))
    assert seqs == list(range(1, head + 1))


def test_the_database_refuses_to_change_or_delete_a_sealed_record(members_book, tmp_path):
    """Measured: deleting imported_event rows (no trigger) made a re-import post twice."""
    imports.import_event_file(members_book, SITI, write_events(tmp_path, EVENTS))
    savings.deposit(members_book, SITI, "A-001", "sukarela", rp(5_000), D)
    for sql in ("DELETE FROM imported_event", "UPDATE imported_event SET seq = 9",
                "UPDATE kuitansi SET amount = 1", "DELETE FROM kuitansi",
                "UPDATE audit_record SET reason = 'x'", "DELETE FROM audit_record"):
        with pytest.raises(IntegrityError, match="sealed record"), \
                members_book.engine.begin() as conn:
            conn.execute(text(sql))
    again = imports.import_event_file(members_book, SITI, write_events(tmp_path, EVENTS))
    assert again.imported == 0


@pytest.mark.parametrize(("tamper", "named"), [
    ("UPDATE anggota SET name = 'Orang Lain' WHERE number = 'A-001'",
     "The anggota record A-001 differs from its last sealed change"),
    ("UPDATE produk_simpanan SET nisbah_anggota_bp = 10000 WHERE code = 'mudharabah'",
     "The produk_simpanan record mudharabah differs"),
    ("DELETE FROM book_setting WHERE key = 'name'",
     "The book_setting record name (sealed at number"),
    ("DELETE FROM imported_event", "imported-event records, but the audit trail sealed"),
    # measured: flipping a month's status let a deposit into closed September
    ("UPDATE fiscal_period SET status = 'open' WHERE month = 9",
     "The fiscal_period record 2026/9 differs"),
    ("INSERT INTO book_user (name, full_name, role, password_hash, active, created_at) "
     "VALUES ('penyusup', '', 'admin', 'x', TRUE, '2026-11-20')",
     "The book_user record penyusup has no change in the audit trail"),
    ("DELETE FROM audit_record WHERE id = (SELECT MAX(id) FROM audit_record)",
     "The record of the last posting"),
    ("UPDATE audit_record SET data = '{}' WHERE id = 3", "was changed after it was sealed"),
])
def test_verify_names_every_change_made_behind_the_programs_back(members_book, tmp_path,
                                                                 tamper, named):
    imports.import_event_file(members_book, SITI, write_events(tmp_path, EVENTS))
    journal.close_period(members_book, SITI, 2026, 9)
    assert found(members_book) == []
    behind_the_back(members_book, tamper)
    assert any(named in f for f in found(members_book)), found(members_book)


def test_sign_ins_and_refusals_are_events_not_the_state_of_the_user_row(members_book):
    """A sign-in is recorded on the user's key without data; verify must still compare the
    user row with the change that made it (found when a restore refused a staffed book)."""
    from kasir.users import service as users
    from kasir.users.rules import SignInRefused

    users.add_user(members_book, SITI, "admin", "admin", "rahasia-123")
    users.sign_in(members_book, "admin", "rahasia-123")
    with pytest.raises(SignInRefused):
        users.sign_in(members_book, "admin", "salah")
    actions = [r.action for r in trail(members_book, "book_user")]
    assert actions[-2:] == ["sign_in", "refused"]
    assert found(members_book) == []


@pytest.mark.parametrize("change", [
    {}, {"name": "Siti Aminah"}, {"name": "Siti Aminah", "phone": ""},
    {"phone": "0813"}, {"phone": "0813", "village": "Sukamaju"}])
def test_the_audits_change_test_agrees_with_the_sessions(members_book, change):  # noqa: ANN001
    """``kasir.audit._modified`` asks only the attributes set since the last flush: it
    tells a row changed, or set back to what it was, exactly as ``Session.is_modified``."""
    from kasir.audit import _modified
    from kasir.members.models import Member

    with members_book.transaction() as s:
        member = s.scalar(select(Member).where(Member.number == "A-001"))
        was = {key: getattr(member, key) for key in change}
        for key, value in change.items():
            setattr(member, key, value)
        assert _modified(member) == s.is_modified(member, include_collections=False)
        for key, value in was.items():  # set back: no change left
            setattr(member, key, value)
        assert _modified(member) == s.is_modified(member, include_collections=False) is False


def test_the_commits_records_carry_the_chains_head_with_them(members_book):  # noqa: ANN001
    """A cashier's deposit seals its receipt's record at the commit: on PostgreSQL the
    records and the journal's head (``ledger_state``) go in one statement, one round trip
    fewer in the stretch cashiers queue for; on both the head is the last record's."""
    from sqlalchemy import event

    sent: list[str] = []

    def listen(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        sent.append(" ".join(statement.split()))

    event.listen(members_book.engine, "before_cursor_execute", listen)
    try:
        savings.deposit(members_book, SITI, "A-001", "sukarela", rp(7_000), D)
    finally:
        event.remove(members_book.engine, "before_cursor_execute", listen)
    head_updates = [s for s in sent if s.startswith("UPDATE ledger_state")]
    with_head = [s for s in sent if s.startswith("WITH head AS (UPDATE ledger_state")]
    if members_book.dialect == "postgresql":
        assert (len(head_updates), len(with_head)) == (0, 1)
    else:
        assert (len(head_updates), len(with_head)) == (1, 0)
    last = trail(members_book)[-1]
    with members_book.read_session() as s:
        state = s.execute(text("SELECT last_seq, last_hash FROM ledger_state")).one()
    assert (state.last_seq, state.last_hash) == (last.seq, last.hash)
    assert last.table_name == "kuitansi"
    assert found(members_book) == []


def test_the_groups_and_members_an_import_adds_are_recorded_as_they_stand(book, tmp_path):  # noqa: ANN001
    """An import adds groups and members without a flush each (``ledger.held_rows``): each
    still has one record of its transaction, holding the row as the commit left it (a
    member who left in the same file, as she left); a second import finds them in the
    book; ``verify`` finds every row as recorded."""
    gone = {"type": "member_exit", "date": "2026-01-20", "member_id": "M1", "pokok": 0,
            "wajib": 5000, "sukarela": 120000, "paid_from": "cash"}
    ani = {"type": "member_created", "date": "2026-01-21", "member_id": "M2",
           "group_id": "G1", "name": "Ani", "joined": "2026-01-21"}
    imports.import_event_file(book, SITI, write_events(tmp_path, [*EVENTS, gone, ani]))
    ida = {**ani, "member_id": "M3", "name": "Ida"}
    imports.import_event_file(book, SITI, write_events(tmp_path, [ida], "dua.events.jsonl"))
    records = [r for r in trail(book) if r.table_name in ("anggota", "kelompok")]
    assert [(r.table_name, r.row_key, r.action, r.user) for r in records] == [
        ("kelompok", "G1", "insert", "siti"), ("anggota", "M1", "insert", "siti"),
        ("anggota", "M2", "insert", "siti"), ("anggota", "M3", "insert", "siti")]
    assert json.loads(records[1].data)["status"] == "exited"
    with book.read_session() as s:
        rows = s.execute(text(
            "SELECT a.number, p.code, k.code FROM anggota a JOIN party p ON p.id = a.party_id "
            "JOIN kelompok k ON k.id = a.kelompok_id ORDER BY a.id")).all()
    assert [tuple(r) for r in rows] == [("M1", "M1", "G1"), ("M2", "M2", "G1"),
                                        ("M3", "M3", "G1")]
    assert found(book) == []
