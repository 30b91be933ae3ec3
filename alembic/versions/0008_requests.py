"""Maker–checker requests: an action that waits for a second person's approval.

A request records who asked, from which computer and when, what exactly is to be
done (JSON), and once only the decision: who approved or rejected it, when, why,
and what was done. The database itself refuses a decision by the one who asked.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("asked_by", sa.String(length=40), nullable=False),
        sa.Column("asked_role", sa.String(length=20), nullable=False),
        sa.Column("asked_from", sa.String(length=120), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=120), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')",
                           name=op.f("ck_request_status")),
        sa.CheckConstraint("decided_by IS NULL OR decided_by <> asked_by",
                           name=op.f("ck_request_two_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request")),
    )
    op.create_index(op.f("ix_request_status"), "request", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_request_status"), table_name="request")
    op.drop_table("request")
