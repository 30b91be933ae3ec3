"""``verify`` cross-checks the book's own records against the audit trail.

Each current row of an audited table must equal its last recorded change; a row with
no record, or one whose record says it was deleted, was written behind Kasir's back, as
was a recorded row that is gone. The imported-event records are counted against the
imports the trail sealed, and the triggers that seal receipts and imported events must
still be there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

import kasir.tables  # noqa: F401  (every audited table on the metadata)
from kasir.audit import AUDITED, SEALED_TRIGGERS, row_key
from kasir.errors import N_
from ledger import ddl
from ledger.audit import Finding
from ledger.audit_trail import canonical_data
from ledger.schema import AuditRecord, Base

# Records that say what a row became; sign-ins, refusals and other events say what happened.
ROW_ACTIONS = frozenset({"baseline", "insert", "update", "delete"})
MAX_NAMED = 20  # findings of one kind named one by one; the rest counted


def check_trail(s: Session) -> list[Finding]:
    last: dict[tuple[str, str], tuple[int, str, str]] = {}
    imported = 0
    for seq, table, key, action, data in s.execute(
            select(AuditRecord.seq, AuditRecord.table_name, AuditRecord.row_key,
                   AuditRecord.action, AuditRecord.data).order_by(AuditRecord.seq)):
        if table == "imported_event":
            imported += int(_json(data).get("count", 0))
        elif table in AUDITED and action in ROW_ACTIONS:
            last[(table, key)] = (seq, action, data)
    findings: list[Finding] = []
    for table_name in AUDITED:
        table = Base.metadata.tables.get(table_name)
        if table is None:
            continue
        for row in s.execute(select(table)):
            values = dict(row._mapping)
            key = row_key(table_name, values)
            seen = last.pop((table_name, key), None)
            if seen is None or seen[1] == "delete":
                findings.append(Finding(N_("The {table} record {key} has no change in the audit "
                                           "trail: it was written behind Kasir's back."),
                                        {"table": table_name, "key": key}))
            elif seen[2] != canonical_data(values):
                findings.append(Finding(N_("The {table} record {key} differs from its last "
                                           "sealed change (number {seq}): it was changed "
                                           "behind Kasir's back."),
                                        {"table": table_name, "key": key, "seq": seen[0]}))
    for (table_name, key), (seq, action, _data) in sorted(last.items()):
        if action != "delete":
            findings.append(Finding(N_("The {table} record {key} (sealed at number {seq}) is "
                                       "gone: it was deleted behind Kasir's back."),
                                    {"table": table_name, "key": key, "seq": seq}))
    held = int(s.scalar(text("SELECT COUNT(*) FROM imported_event")) or 0)
    if held != imported:
        findings.append(Finding(N_("The book holds {held} imported-event records, but the "
                                   "audit trail sealed {sealed}: they were changed behind "
                                   "Kasir's back."), {"held": held, "sealed": imported}))
    findings.extend(_missing_triggers(s.connection()))
    return findings[:MAX_NAMED * 4]


def _json(data: str) -> dict[str, Any]:
    import json

    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _missing_triggers(conn: Connection) -> list[Finding]:
    present = {r[0] for r in conn.execute(text(ddl.present_triggers_sql(conn.dialect.name)))}
    return [Finding(N_("The protective trigger {name} is missing from the database."),
                    {"name": t.name}) for t in SEALED_TRIGGERS if t.name not in present]
