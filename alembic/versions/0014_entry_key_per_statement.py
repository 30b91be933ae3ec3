"""A line's entry checked once a statement on PostgreSQL.

The deferred foreign key ``fk_journal_line_entry_id_journal_entry`` checked every line
on its own at the commit: a million queries at the end of a big import, with nothing
else to do meanwhile. On PostgreSQL it gives way to a count the statements' triggers
keep in ``journal_waiting`` (a row a transaction, made and removed inside it) and a
check deferred to the commit that refuses, in the key's own words, a posted line whose
entry never came (``ledger.ddl_waiting``). A line moved to a missing entry, and an entry
lines name deleted or given another id, are refused at once.

SQLite keeps the foreign key; ``journal_waiting`` is made on both and stays empty there.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ledger import ddl, ddl_waiting

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(sa.text(statement) if statement.startswith("DROP") else statement)


def upgrade() -> None:
    op.create_table(
        "journal_waiting",
        sa.Column("txid", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lines", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("txid", name=op.f("pk_journal_waiting")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.drop_constraint(ddl_waiting.ENTRY_KEY, "journal_line", type_="foreignkey")
        _run(ddl.drop_statements(dialect, ddl_waiting.BEFORE_COUNTS))
        _run(ddl.create_statements(dialect, ddl_waiting.WITH_COUNTS + ddl_waiting.ENTRY_GUARDS))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _run(ddl.drop_statements(dialect, ddl_waiting.WITH_COUNTS + ddl_waiting.ENTRY_GUARDS))
        _run(ddl.create_statements(dialect, ddl_waiting.BEFORE_COUNTS))
        op.create_foreign_key(ddl_waiting.ENTRY_KEY, "journal_line", "journal_entry",
                              ["entry_id"], ["id"], deferrable=True, initially="DEFERRED")
    op.drop_table("journal_waiting")
