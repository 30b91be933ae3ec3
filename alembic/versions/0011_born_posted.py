"""Entries born posted: each journal row written once.

A line's reference to its entry becomes ``DEFERRABLE INITIALLY DEFERRED``, so the
program can write an entry's lines already posted and then the entry itself, posted,
which the database checks whole at its insert (``ledger.ddl_born_posted``); a posted
line whose entry never comes fails the commit. The two foundation triggers that made
every entry start as a draft and every line start unposted give way to the new insert
checks; every other guard stays as it was, and the draft path still works.

SQLite cannot alter a constraint, so ``journal_line`` is rebuilt (rows, ids, indexes
and triggers kept); PostgreSQL alters it in place. The upgrade runs after the
automatic backup every migration takes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from ledger import ddl

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

FK = "fk_journal_line_entry_id_journal_entry"
_REFERENCE = "REFERENCES journal_entry (id)"
_DEFERRED = " DEFERRABLE INITIALLY DEFERRED"


def _replaced() -> tuple[ddl.Trigger, ...]:
    return tuple(t for t in ddl.FOUNDATION_TRIGGERS if t.name in ddl.REPLACED)


def _rebuild_sqlite_lines(deferred: bool) -> None:
    """The documented twelve steps (sqlite.org/lang_altertable.html#otheralter), run
    with foreign keys off by the migration engine: a new table, the rows copied with
    their ids, the old one dropped, the new one renamed, indexes and triggers back."""
    bind = op.get_bind()
    table_sql = bind.execute(sa.text(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal_line'")).scalar_one()
    table_sql = re.sub(rf"{re.escape(_REFERENCE)}(\s+DEFERRABLE INITIALLY DEFERRED)?",
                       _REFERENCE + (_DEFERRED if deferred else ""), table_sql, count=1)
    # every trigger and index that names the table (those on journal_entry too: SQLite
    # re-reads the whole schema when a table is renamed)
    keep = bind.execute(sa.text(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL AND (tbl_name = 'journal_line' OR sql LIKE '%journal_line%')"
    )).all()
    for kind, name, _ in keep:
        op.execute(sa.text(f"DROP {kind.upper()} IF EXISTS {name}"))
    op.execute(sa.text(re.sub(r'^CREATE TABLE\s+"?journal_line"?', "CREATE TABLE journal_line_rebuilt",
                              table_sql, count=1)))
    op.execute(sa.text("INSERT INTO journal_line_rebuilt SELECT * FROM journal_line"))
    op.execute(sa.text("DROP TABLE journal_line"))
    op.execute(sa.text("ALTER TABLE journal_line_rebuilt RENAME TO journal_line"))
    for _, _, sql in sorted(keep, key=lambda row: row[0] != "index"):  # indexes first
        op.execute(sa.text(sql))


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        _rebuild_sqlite_lines(deferred=True)
    else:
        op.execute(sa.text(f"ALTER TABLE journal_line ALTER CONSTRAINT {FK}{_DEFERRED}"))
    for statement in ddl.drop_statements(dialect, _replaced()):
        op.execute(sa.text(statement))
    for statement in ddl.create_statements(dialect, ddl.BORN_POSTED):
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    for statement in ddl.drop_statements(dialect, ddl.BORN_POSTED):
        op.execute(sa.text(statement))
    for statement in ddl.create_statements(dialect, _replaced()):
        op.execute(statement)
    if dialect == "sqlite":
        _rebuild_sqlite_lines(deferred=False)
    else:
        op.execute(sa.text(f"ALTER TABLE journal_line ALTER CONSTRAINT {FK} NOT DEFERRABLE"))
