"""Each account carries its owner: the service that alone may move it (domain §2.1).

The owners come from the chart's ``owner`` column (``resources/coa/default_chart.csv``);
accounts a cooperative added itself belong to the general journal (``journal``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
from __future__ import annotations

from importlib.resources import files

import sqlalchemy as sa
from alembic import op

from ledger.chart import parse_chart

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: rebuilding the table (batch mode) would break the triggers
    # that name it
    op.add_column("account", sa.Column("owner", sa.String(length=20), nullable=False,
                                       server_default="journal"))
    chart = parse_chart(files("resources").joinpath("coa/default_chart.csv").read_text("utf-8"))
    owned = [{"code": a.code, "owner": a.owner} for a in chart if a.owner != "journal"]
    if owned:
        op.get_bind().execute(
            sa.text("UPDATE account SET owner = :owner WHERE code = :code"), owned)


def downgrade() -> None:
    op.execute("ALTER TABLE account DROP COLUMN owner")
