"""The people who keep the book: users with a role and an Argon2 password hash, and the
trace of what was done to their accounts (added, passwords, disabled, recoveries).

A book upgraded to this revision has no users yet, so it stays open as it was:
nothing changes for anyone until its first user, its administrator, is added.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "book_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'bendahara', 'kasir', 'ketua', 'pengawas')",
                           name=op.f("ck_book_user_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_book_user")),
        sa.UniqueConstraint("name", name=op.f("uq_book_user_name")),
    )
    op.create_table(
        "book_user_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("by_user", sa.String(length=60), nullable=False),
        sa.Column("computer", sa.String(length=120), nullable=False),
        sa.Column("os_user", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("event IN ('added', 'password', 'disabled', 'recovered')",
                           name=op.f("ck_book_user_event_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_book_user_event")),
    )
    op.create_index(op.f("ix_book_user_event_user_name"), "book_user_event", ["user_name"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_book_user_event_user_name"), table_name="book_user_event")
    op.drop_table("book_user_event")
    op.drop_table("book_user")
