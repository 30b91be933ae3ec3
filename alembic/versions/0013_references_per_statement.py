"""A line's account and party checked once a statement on PostgreSQL.

The foreign keys ``fk_journal_line_account_id_account`` and ``fk_journal_line_party_id_party``
checked every inserted line on its own, two queries a line, a quarter of the server's
work in a bulk import. On PostgreSQL they give way to triggers that make the same
checks, with the same words and error code, for all the rows of a statement at once
(``ledger.ddl_references``): the lines' check (``trg_line_insert_check``) now also looks
up and locks what they name, and new guards refuse a line changed to name a missing
row and the deletion of an account or party a line names. The key from a line to its
entry stays.

SQLite keeps its foreign keys; it gains the three guards too, which refuse what its keys
refuse, also on a connection that has not switched foreign keys on.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ledger import ddl, ddl_references
from ledger.ddl_per_statement import PER_STATEMENT

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_LINE_CHECK_0012 = tuple(t for t in PER_STATEMENT if t.name == "trg_line_insert_check")
# (constraint, column of journal_line, table it names)
_KEYS = (("fk_journal_line_account_id_account", "account_id", "account"),
         ("fk_journal_line_party_id_party", "party_id", "party"))


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(sa.text(statement) if statement.startswith("DROP") else statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for name, _column, _table in _KEYS:
            op.drop_constraint(name, "journal_line", type_="foreignkey")
        _run(ddl.drop_statements(dialect, _LINE_CHECK_0012))
        _run(ddl.create_statements(dialect, ddl_references.LINE_INSERT_CHECKS))
    _run(ddl.create_statements(dialect, ddl_references.REFERENCE_GUARDS))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(ddl.drop_statements(dialect, ddl_references.REFERENCE_GUARDS))
    if dialect == "postgresql":
        _run(ddl.drop_statements(dialect, ddl_references.LINE_INSERT_CHECKS))
        _run(ddl.create_statements(dialect, _LINE_CHECK_0012))
        for name, column, table in _KEYS:
            op.create_foreign_key(name, "journal_line", table, [column], ["id"])
