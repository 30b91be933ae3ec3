"""The migrations build exactly the schema the models describe, triggers included,
and can be taken down to nothing and up again."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from kasir.audit import SEALED_TRIGGERS
from kasir.book import Book, migrate
from ledger import ddl, ddl_references, ddl_waiting, posting, queries
from tests.factories import run_alembic, simple_entry


def present_triggers(book: Book) -> set[str]:
    with book.engine.connect() as conn:
        return set(conn.execute(text(ddl.present_triggers_sql(book.dialect))).scalars())


def schema_shape(book: Book) -> dict[str, object]:
    """Tables, columns, indexes and triggers, as the database reports them."""
    triggers = sorted(present_triggers(book))
    with book.engine.connect() as conn:
        insp = inspect(conn)
        tables = sorted(insp.get_table_names())
        return {
            "tables": tables,
            "columns": {t: [(c["name"], str(c["type"]), c["nullable"])
                            for c in insp.get_columns(t)] for t in tables},
            "indexes": {t: sorted((i["name"], tuple(i["column_names"]))
                                  for i in insp.get_indexes(t)) for t in tables},
            "checks": {t: sorted(c["name"] for c in insp.get_check_constraints(t))
                       for t in tables},
            "triggers": triggers,
        }


alembic = run_alembic


def test_head_schema_matches_the_models(book: Book) -> None:
    """``alembic check``: no difference between the migrated database and the metadata."""
    command.check(migrate.alembic_config(book.url))


def test_book_is_at_head(book: Book) -> None:
    with book.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()


def test_every_trigger_is_present_after_upgrade(book: Book) -> None:
    expected = {t.name for t in ddl.triggers_on(book.dialect)}
    assert expected <= present_triggers(book)
    if book.dialect == "postgresql":
        with book.engine.connect() as conn:
            functions = set(conn.execute(text(
                "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
            )).scalars())
        assert {f"{name}_fn" for name in expected} <= functions


def test_triggers_sit_on_the_tables_they_guard(book: Book) -> None:
    if book.dialect == "sqlite":
        sql = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
    with book.engine.connect() as conn:
        where = dict(conn.execute(text(sql)).all())
    # the ledger's (those of the backend) and the cooperative's sealed tables
    every = ddl.triggers_on(book.dialect) + SEALED_TRIGGERS
    assert {t.name: t.table for t in every} == {n: where[n] for n in where
                                                if n.startswith("trg_")}


def test_downgrade_to_base_and_upgrade_again(book: Book) -> None:
    fresh = schema_shape(book)
    alembic(book, "downgrade", "base")
    with book.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        assert migrate.current_revision(conn) is None
    assert not present_triggers(book)
    if book.dialect == "postgresql":
        with book.engine.connect() as conn:
            assert not conn.execute(text(
                "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
                "AND proname LIKE 'trg_%'")).all()

    alembic(book, "upgrade", "head")
    assert schema_shape(book) == fresh
    command.check(migrate.alembic_config(book.url))
    # the rebuilt book works, triggers and default chart included
    with book.transaction() as s:
        ref = posting.post(s, simple_entry(dt.date(2026, 1, 5), "1101", "2101", 1000))
        assert ref.number == 1
        assert queries.trial_balance(s).balanced
    with pytest.raises(Exception, match="kasir:"):
        with book.engine.begin() as conn:
            conn.execute(text("DELETE FROM journal_line"))


def trigger_definitions(book: Book) -> dict[str, str]:
    """Every trigger as the database holds it: SQLite's text; PostgreSQL's definition and
    the source of its function."""
    with book.engine.connect() as conn:
        if book.dialect == "sqlite":
            return dict(conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all())
        return dict(conn.execute(text(
            "SELECT t.tgname, pg_get_triggerdef(t.oid) || ' ' || p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal")).all())


def test_an_upgraded_book_has_the_triggers_of_a_new_one(book: Book) -> None:
    """0012 turns the born-posted insert guards into per-statement triggers on PostgreSQL
    and leaves SQLite as it was; 0013 and 0014 add the guards of what a line names: a book
    upgraded from 0011 ends with a new book's triggers, definition for definition."""
    fresh = trigger_definitions(book)
    guards = ("trg_entry_insert_check", "trg_entry_insert_draft", "trg_line_insert_check")
    added = {t.name for t in ddl.triggers_on(book.dialect, ddl_references.REFERENCE_GUARDS
                                             + ddl_waiting.ENTRY_GUARDS)}
    alembic(book, "downgrade", "0011")
    older = trigger_definitions(book)
    assert set(fresh) - set(older) == added
    if book.dialect == "sqlite":
        assert older == {n: d for n, d in fresh.items() if n not in added}
    else:
        assert {n for n in older if fresh[n] != older[n]} == set(guards)
        assert all("FOR EACH ROW" in older[n] and "FOR EACH STATEMENT" in fresh[n]
                   for n in guards)
    alembic(book, "upgrade", "head")
    assert trigger_definitions(book) == fresh


def test_step_by_step_round_trip_of_every_revision(book: Book) -> None:
    """Each revision downgrades and upgrades on its own (guards future migrations)."""
    revisions = [r.revision for r in ScriptDirectory.from_config(
        migrate.alembic_config()).walk_revisions()]  # newest first
    fresh = schema_shape(book)
    for _ in revisions:
        alembic(book, "downgrade", "-1")
    for _ in revisions:
        alembic(book, "upgrade", "+1")
    assert schema_shape(book) == fresh
