"""A closed month can neither be moved to another month nor deleted (``ledger.ddl.PERIOD_GUARDS``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from __future__ import annotations

from alembic import op

from ledger import ddl

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in ddl.create_statements(op.get_bind().dialect.name, ddl.PERIOD_GUARDS):
        op.execute(statement)


def downgrade() -> None:
    for statement in ddl.drop_statements(op.get_bind().dialect.name, ddl.PERIOD_GUARDS):
        op.execute(statement)
