"""``kasir db copy``: a book moved between SQLite and PostgreSQL keeps its trial balance,
its rows, its audit chain and its protective triggers; anything doubtful is refused
before a byte is written, and a failure leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from factories import EVENTS, rp, run_alembic, write_events
from kasir.actor import Actor
from kasir.audit import SEALED_TRIGGERS
from kasir.book import copy as dbcopy
from kasir.book import create_book, open_book, seals
from kasir.book.demo import build_demo
from kasir.book.verify import verify_book
from kasir.errors import BookExists, KasirError
from kasir.imports import service as imports
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from kasir.uow import Book
from kasir.users import service as users
from kasir.users.permissions import PermissionRefused, SignInRequired
from ledger import ddl, queries
from ledger.audit import Finding
from ledger.schema import Base

PW = "rahasia-sekali"
D = dt.date(2026, 11, 20)


def snapshot(location: str | Path) -> dict[str, object]:
    """What must survive the move: every table's rows, the posted entries, the trial
    balance account by account, the seal and the triggers present."""
    with open_book(location) as book:
        with book.read_session() as s:
            conn = s.connection()
            rows = {t.name: conn.scalar(select(func.count()).select_from(t))
                    for t in Base.metadata.sorted_tables}
            triggers = {r[0] for r in conn.execute(text(ddl.present_triggers_sql(book.dialect)))}
        # those PostgreSQL has of its own (a key SQLite keeps as a key): not a difference
        triggers -= ddl.SERVER_ONLY
        tb = book.read(queries.trial_balance)
        return {"rows": rows, "entries": book.read(queries.count_posted),
                "balances": [(r.code, r.debit, r.credit) for r in tb.rows],
                "seal": seals.current(book), "triggers": triggers}


def refuses_posted_changes(location: str | Path) -> None:
    """The protective triggers are back: a posted entry, its lines and a sealed record
    cannot be changed behind the program's back."""
    with open_book(location) as book:
        for sql in ("UPDATE journal_entry SET memo = 'diubah' WHERE status = 'posted'",
                    "DELETE FROM journal_line WHERE posted = TRUE",
                    "UPDATE audit_record SET reason = 'x'",
                    # complete but for its lines: refused by a trigger, not a CHECK
                    "INSERT INTO journal_entry (uuid, status, date, memo, operation, "
                    "created_at, created_by, fiscal_year, number, posted_seq, hash) VALUES "
                    "('x', 'posted', '2026-11-01', '', 'manual', '2026-11-01 00:00:00', '', "
                    "2026, 999999, 999999, 'abc')"):
            with pytest.raises(IntegrityError, match="kasir:"), book.engine.begin() as conn:
                conn.execute(text(sql))


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "contoh.kasir"
    with create_book(path, name="Contoh") as book:
        build_demo(book)
    return path


def staff(book: Book) -> dict[str, Actor]:
    users.add_user(book, None, "admin", "admin", PW, "Pak Admin")
    admin = users.sign_in(book, "admin", PW, computer="kantor")
    users.add_user(book, admin, "bendahara", "bendahara", PW)
    return {"admin": admin, "bendahara": users.sign_in(book, "bendahara", PW,
                                                       computer="kantor")}


@pytest.fixture
def busy_file(tmp_path: Path) -> Path:
    """The demo (closed months, a reversal, financing) with users, an import, another
    posting reversed, and a parent account added after its children."""
    path = tmp_path / "sibuk.kasir"
    with create_book(path, name="Sibuk") as book:
        build_demo(book)
        team = staff(book)
        treasurer = team["bendahara"]
        imports.import_event_file(book, treasurer, write_events(tmp_path, EVENTS))
        done = journal.post_entry(book, treasurer, D, "sewa",
                                  [LineInput("6203", debit=rp(5_000)),
                                   LineInput("1101", credit=rp(5_000))])
        journal.reverse_entry(book, treasurer, done.id, reason="salah ketik", day=D)
        with book.engine.begin() as conn:  # a header added late, as a chart grows
            conn.execute(text(
                "INSERT INTO account (code, name_id, name_en, account_class, normal_side, "
                "is_contra, is_header, active, owner) VALUES ('9', 'Induk baru', "
                "'New parent', 'expense', 'D', FALSE, TRUE, TRUE, 'journal')"))
            conn.execute(text("UPDATE account SET parent_id = (SELECT id FROM account "
                              "WHERE code = '9') WHERE code = '6203'"))
    return path


def admin_of(path: Path) -> Actor:
    with open_book(path) as book:
        return users.sign_in(book, "admin", PW, computer="kantor")


def test_the_demo_is_copied_file_to_file_with_every_figure(demo_file, tmp_path):
    before = snapshot(demo_file)
    target = tmp_path / "salinan" / "baru.kasir"
    seen: list[str] = []
    result = dbcopy.copy_book(demo_file, target, progress=lambda t, d, n: seen.append(t))
    assert result.done, [f.english() for f in result.findings]
    assert set(seen) == {t.name for t in Base.metadata.sorted_tables}
    assert snapshot(target) == before
    assert result.figures.seal == before["seal"]
    assert result.figures.entries == before["entries"] > 100
    assert result.figures.rows == before["rows"]
    with open_book(target) as copy:
        assert verify_book(copy) == []
    names = {t.name for t in ddl.triggers_on("sqlite") + SEALED_TRIGGERS}
    assert names <= before["triggers"]  # type: ignore[operator]
    refuses_posted_changes(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["baru.kasir"]


def test_a_book_with_users_imports_and_reversals_is_copied_by_its_administrator(busy_file,
                                                                              tmp_path):
    target = tmp_path / "baru.kasir"
    with pytest.raises(SignInRequired):
        dbcopy.copy_book(busy_file, target)
    with open_book(busy_file) as book:
        treasurer = users.sign_in(book, "bendahara", PW)
    with pytest.raises(PermissionRefused) as err:
        dbcopy.copy_book(busy_file, target, actor=treasurer)
    assert err.value.params["needed"] == "admin"
    assert not target.exists()
    admin = admin_of(busy_file)
    before = snapshot(busy_file)
    result = dbcopy.copy_book(busy_file, target, actor=admin)
    assert result.done, [f.english() for f in result.findings]
    assert snapshot(target) == before
    with open_book(target) as copy:  # the same people sign in to the copy
        assert users.sign_in(copy, "bendahara", PW).role == "bendahara"
    refuses_posted_changes(target)


def test_sqlite_to_postgresql_and_back(backend, book_location, busy_file, tmp_path):
    if backend != "postgresql":
        pytest.skip("needs a PostgreSQL server (.ci/with-postgres)")
    url = str(book_location)
    admin = admin_of(busy_file)  # signing in is recorded: before the figures are taken
    before = snapshot(busy_file)
    there = dbcopy.copy_book(busy_file, url, actor=admin)
    assert there.done, [f.english() for f in there.findings]
    assert snapshot(url) == before
    refuses_posted_changes(url)
    back = tmp_path / "kembali.kasir"
    with open_book(url) as server:
        admin = users.sign_in(server, "admin", PW)
    again = dbcopy.copy_book(url, back, actor=admin)
    assert again.done, [f.english() for f in again.findings]
    after = snapshot(back)
    assert after == snapshot(url)
    assert after["balances"] == before["balances"]
    assert after["seal"].seq == before["seal"].seq + 1  # type: ignore[attr-defined]  # sign-in
    refuses_posted_changes(back)
    # the server's keys go on after the copied ones: new work posts and seals there
    with open_book(url) as server:
        treasurer = users.sign_in(server, "bendahara", PW)
        journal.post_entry(server, treasurer, D, "listrik",
                           [LineInput("6203", debit=rp(7_000)),
                            LineInput("1101", credit=rp(7_000))])
        assert verify_book(server) == []
        assert seals.current(server).seq > before["seal"].seq  # type: ignore[attr-defined]


def test_a_target_that_exists_is_never_written(demo_file, tmp_path):
    target = tmp_path / "ada.kasir"
    target.write_bytes(b"")
    with pytest.raises(BookExists, match="never overwrites"):
        dbcopy.copy_book(demo_file, target)
    assert target.read_bytes() == b""
    with pytest.raises(BookExists):
        dbcopy.copy_book(demo_file, demo_file)


def test_a_database_that_is_not_empty_is_never_written(backend, book_location, demo_file):
    if backend != "postgresql":
        pytest.skip("needs a PostgreSQL server (.ci/with-postgres)")
    url = str(book_location)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE transactions (guid text)"))
    with pytest.raises(BookExists, match="not empty"):
        dbcopy.copy_book(demo_file, url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["transactions"]
    engine.dispose()


def test_a_book_that_fails_verify_is_not_copied(demo_file, tmp_path):
    with open_book(demo_file) as book, book.engine.begin() as conn:
        for sql in ddl.drop_statements("sqlite", ddl.TRIGGERS):
            conn.execute(text(sql))
        conn.execute(text("UPDATE journal_line SET memo = 'diubah' WHERE id = 1"))
    target = tmp_path / "baru.kasir"
    with pytest.raises(KasirError, match="did not pass verification") as err:
        dbcopy.copy_book(demo_file, target)
    assert err.value.params["count"] > 1
    assert list(tmp_path.glob("*baru*")) == []


def test_a_book_of_an_older_schema_is_upgraded_first(tmp_path):
    old = tmp_path / "lama.kasir"
    with create_book(old, name="Lama") as book:
        run_alembic(book, "downgrade", "0009")
    with pytest.raises(KasirError, match="kasir db upgrade") as err:
        dbcopy.copy_book(old, tmp_path / "baru.kasir")
    assert err.value.params["revision"] == "0009"
    assert not (tmp_path / "baru.kasir").exists()
    from kasir.book.opening import inspect_sqlite

    assert inspect_sqlite(old).revision == "0009"  # left as it was


def test_a_failure_half_way_leaves_nothing_behind(backend, book_location, demo_file,
                                                  tmp_path, monkeypatch):
    target: str | Path = tmp_path / "baru.kasir" if backend == "sqlite" else str(book_location)
    real = dbcopy._copy_table

    def failing(src, dst, table, *args):  # noqa: ANN001, ANN002
        if table.name == "journal_line":
            raise KasirError(dbcopy.TABLE_FAILED, table=table.name, target="x", reason="uji")
        return real(src, dst, table, *args)

    monkeypatch.setattr(dbcopy, "_copy_table", failing)
    with pytest.raises(KasirError, match="nothing was kept"):
        dbcopy.copy_book(demo_file, target)
    if isinstance(target, Path):
        assert [p.name for p in tmp_path.iterdir() if "baru" in p.name] == []
    else:
        engine = create_engine(target)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
        engine.dispose()


def test_a_copy_that_differs_is_named_and_not_kept(demo_file, tmp_path, monkeypatch):
    wrong = Finding("Table {table}: {source} rows in the book, {copied} in the copy.",
                    {"table": "anggota", "source": 10, "copied": 9})
    monkeypatch.setattr(dbcopy, "differences", lambda source, copied: [wrong])
    target = tmp_path / "baru.kasir"
    result = dbcopy.copy_book(demo_file, target)
    assert not result.done and not result.kept
    assert result.findings == [wrong]
    assert not target.exists()


def test_differences_name_each_figure():
    seal = seals.Seal(3, "AAAA-BBBB-CC")
    base = dbcopy.Figures({"anggota": 10}, 5, (("1101", rp(10), rp(0)),), seal, "0010",
                          frozenset({"trg_a", "trg_b"}))
    other = dbcopy.Figures({"anggota": 9}, 4, (("1101", rp(9), rp(0)),),
                           seals.Seal(3, "AAAA-BBBB-CD"), "0010", frozenset({"trg_a"}))
    assert dbcopy.differences(base, base) == []
    found = " ".join(f.english() for f in dbcopy.differences(base, other))
    for words in ("anggota: 10 rows in the book, 9", "Posted entries: 5", "Account 1101",
                  "seal is AAAA-BBBB-CC /3", "trg_b is missing"):
        assert words in found
