"""One audit trail of every change, in the postings' chain; sealed records are append-only.

``audit_record`` takes the next numbers of the postings' sequence and links into their
hash chain (``ledger.audit_trail``). Its rows, the imported-event records and the
receipts can no longer be changed or deleted (``ledger.ddl.append_only``). Every row the
book already holds in an audited table gets a ``baseline`` record, so ``verify`` can
check each current row against its last recorded change from now on.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ledger import audit_trail, ddl
from ledger.audit_trail import Change

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SEALED = ("imported_event", "kuitansi")
AUDITED = {
    "anggota": ("number",), "kelompok": ("code",), "produk_simpanan": ("code",),
    "book_setting": ("key",), "kuitansi": ("year", "number"),
    "fiscal_period": ("year", "month"), "period_event": ("id",),
    "book_user": ("name",), "book_user_event": ("id",), "request": ("id",),
}


def _triggers() -> tuple[ddl.Trigger, ...]:
    return ddl.AUDIT_GUARDS + tuple(t for table in SEALED for t in ddl.append_only(table))


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=60), nullable=False),
        sa.Column("computer", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=160), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_record")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_record_seq")),
    )
    op.create_index(op.f("ix_audit_record_table_name"), "audit_record", ["table_name"])
    bind = op.get_bind()
    meta = sa.MetaData()
    changes = []
    for name, key in AUDITED.items():
        table = sa.Table(name, meta, autoload_with=bind)
        for row in bind.execute(sa.select(table).order_by(*[table.c[k] for k in key])):
            values = dict(row._mapping)
            changes.append(Change("baseline", name, "/".join(str(values[k]) for k in key),
                                  values, "records present when the audit trail began"))
    audit_trail.append(bind, changes, user="kasir")
    imported = bind.execute(sa.text("SELECT COUNT(*) FROM imported_event")).scalar() or 0
    if imported:
        audit_trail.append(bind, [Change("baseline", "imported_event", "", {"count": imported},
                                         "imported events present when the trail began")],
                           user="kasir")
    for statement in ddl.create_statements(bind.dialect.name, _triggers()):
        op.execute(statement)


def downgrade() -> None:
    for statement in ddl.drop_statements(op.get_bind().dialect.name, _triggers()):
        op.execute(statement)
    op.drop_index(op.f("ix_audit_record_table_name"), table_name="audit_record")
    op.drop_table("audit_record")
