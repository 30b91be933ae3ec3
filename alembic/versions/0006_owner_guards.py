"""An owned account moves only in its owner's operations, and a reversal mirrors its original.

``operation_permit`` says which owners' accounts each kind of operation may move
(``kasir.accounts.PERMITS`` at the time of this migration); the trigger of
``ledger.ddl.OWNER_GUARDS`` refuses, at posting, a line on an owned account from any
other operation, and a reversal that is not the exact mirror of the entry it reverses.
Entries posted before this revision stay as they were.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ledger import ddl

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PERMITS = {
    "deposit": ("savings",), "withdrawal": ("savings",), "transfer": ("savings",),
    "member_exit": ("savings",), "wadiah_bonus": ("savings",),
    "profit_share": ("profit_share", "savings"), "profit_share_payout": ("profit_share",),
    "cash_count": ("cash_count",),
    "zis_received": ("funds",), "zis_distributed": ("funds",),
    "kebajikan_disbursed": ("funds",), "non_halal_received": ("funds",),
    "fund_used": ("closing",),
    **{kind: ("financing", "funds") for kind in (
        "murabahah_contract", "installment", "murabahah_settlement", "murabahah_writeoff",
        "writeoff_recovery", "qard_disbursed", "qard_repayment", "qard_writeoff",
        "allowance")},
}


def upgrade() -> None:
    table = op.create_table(
        "operation_permit",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("kind", "owner", name=op.f("pk_operation_permit")),
    )
    op.bulk_insert(table, [{"kind": k, "owner": o} for k, owners in PERMITS.items()
                           for o in owners])
    for statement in ddl.create_statements(op.get_bind().dialect.name, ddl.OWNER_GUARDS):
        op.execute(statement)
    # entries posted before now were made without owners: ``verify`` checks those after
    last = op.get_bind().execute(sa.text("SELECT MAX(posted_seq) FROM journal_entry")).scalar()
    op.execute(sa.text("DELETE FROM book_setting WHERE key = 'owners_checked_after'"))
    op.execute(sa.text("INSERT INTO book_setting (key, value) VALUES "
                       "('owners_checked_after', :v)").bindparams(v=str(last or 0)))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM book_setting WHERE key = 'owners_checked_after'"))
    for statement in ddl.drop_statements(op.get_bind().dialect.name, ddl.OWNER_GUARDS):
        op.execute(statement)
    op.drop_table("operation_permit")
