"""Born-posted checks once a statement on PostgreSQL.

The three insert guards of migration 0011 (``trg_entry_insert_check``,
``trg_entry_insert_draft``, ``trg_line_insert_check``) ran once for every row: on
PostgreSQL a PL/pgSQL call and its queries for each line and each entry, most of the
server's time when posting in bulk. They become statement-level AFTER INSERT
triggers over the statement's transition table (``ledger.ddl_per_statement``): the
same names, the same rules, the same refusals, checked for all the rows of an INSERT
or a COPY at once. Every other trigger stays as it was.

SQLite is not touched: its triggers stay the per-row ones of 0011, word for word.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ledger import ddl

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _swap(old: tuple[ddl.Trigger, ...], new: tuple[ddl.Trigger, ...]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect != "postgresql":  # SQLite keeps the row triggers of 0011
        return
    for statement in ddl.drop_statements(dialect, old):
        op.execute(sa.text(statement))
    for statement in ddl.create_statements(dialect, new):
        op.execute(statement)


def upgrade() -> None:
    _swap(ddl.BORN_POSTED, ddl.PER_STATEMENT)


def downgrade() -> None:
    _swap(ddl.PER_STATEMENT, ddl.BORN_POSTED)
