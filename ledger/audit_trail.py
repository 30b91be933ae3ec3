"""The audit trail: every change to the book besides a posting, in the postings' own chain.

A record says who did what to which row, when, from which computer and why, with the
row's values after the change as canonical JSON. It takes the next number of the one
sequence the postings use and links its hash to the element before it, so the chain
over postings and records together is what a seal names: a record deleted, changed or
inserted behind the program's back breaks it exactly as a posting would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ledger import chain
from ledger.schema import AuditRecord, LedgerState, utcnow


@dataclass(frozen=True, slots=True)
class Change:
    action: str  # insert, update, delete, sign_in, refused, import, recovery, approve, ...
    table_name: str
    row_key: str
    data: Mapping[str, Any] | None  # the row after the change; None for a deletion
    reason: str = ""


def canonical_data(data: Mapping[str, Any] | None) -> str:
    """Values as JSON with sorted keys; dates and times as ISO text, anything else as text."""
    if data is None:
        return ""

    def plain(value: Any) -> Any:
        if value is None or isinstance(value, bool | int | str):
            return value
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if isinstance(value, Mapping):  # an event's details (a refusal's wording)
            return {str(k): plain(v) for k, v in value.items()}
        return str(value)

    return json.dumps({k: plain(v) for k, v in data.items()}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def record_bytes(seq: int, at: dt.datetime, user: str, computer: str, action: str,
                 table_name: str, row_key: str, data: str, reason: str) -> bytes:
    body = ["audit", seq, at.isoformat(timespec="microseconds"), user, computer, action,
            table_name, row_key, data, reason]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + payload).hexdigest()


_WITH_HEAD = 50  # records written in the head's statement (more go in an executemany)
_RECORD_COLUMNS = ("seq", "at", "user", "computer", "action", "table_name", "row_key", "data",
                   "reason", "prev_hash", "hash")
_RECORD_SQL = tuple(f'"{c}"' if c == "user" else c for c in _RECORD_COLUMNS)


def append(conn: Connection, changes: Sequence[Change], *, user: str = "",
           computer: str = "") -> int:
    """Add the records to the chain in the caller's transaction; returns the last seq."""
    if not changes:
        return 0
    return append_head(conn, changes, user=user, computer=computer)[0]


def append_head(conn: Connection, changes: Sequence[Change], *, user: str = "",
                computer: str = "", held: tuple[int, str] | None = None,
                write_state: bool = True) -> tuple[int, str]:
    """``append``, returning the chain's new head: its last seq and hash. ``held``: the
    head as this transaction last reached it, still locked by it (a posting's), so it is
    not read again. ``write_state=False``: the caller writes ``ledger_state`` itself, once,
    at its commit (``ledger.posted_rows.hold_head``)."""
    if not changes:
        if held is not None:
            return held
        state = conn.execute(select(LedgerState.last_seq, LedgerState.last_hash)
                             .where(LedgerState.id == 1)).one()
        return int(state.last_seq or 0), state.last_hash or ""
    if held is None:
        state = conn.execute(select(LedgerState.last_seq, LedgerState.last_hash)
                             .where(LedgerState.id == 1).with_for_update()).one()
        held = (int(state.last_seq or 0), state.last_hash or "")
    seq, prev = held[0], held[1] or chain.GENESIS
    now = utcnow()
    rows = []
    for c in changes:
        seq += 1
        data = canonical_data(c.data)
        digest = link(prev, record_bytes(seq, now, user[:60], computer[:120], c.action,
                                         c.table_name, c.row_key[:160], data, c.reason))
        rows.append({"seq": seq, "at": now, "user": user[:60], "computer": computer[:120],
                     "action": c.action, "table_name": c.table_name,
                     "row_key": c.row_key[:160], "data": data, "reason": c.reason,
                     "prev_hash": prev, "hash": digest})
        prev = digest
    if write_state and len(rows) <= _WITH_HEAD and conn.dialect.name == "postgresql":
        # the records and the head in one statement: one round trip fewer in the stretch
        # every cashier queues for (the head's row is locked from the posting to the
        # commit). Written for the driver: SQLAlchemy compiles a multi-row VALUES anew
        # each time, which cost more than the round trip saves.
        row = f"({', '.join(['%s'] * len(_RECORD_COLUMNS))})"
        conn.exec_driver_sql(
            "WITH head AS (UPDATE ledger_state SET last_seq = %s, last_hash = %s "
            f"WHERE id = 1) INSERT INTO audit_record ({', '.join(_RECORD_SQL)}) VALUES "
            + ", ".join([row] * len(rows)),
            (seq, prev, *(r[c] for r in rows for c in _RECORD_COLUMNS)))
        return seq, prev
    conn.execute(insert(AuditRecord.__table__), rows)
    if write_state:
        state_t = LedgerState.__table__
        conn.execute(update(state_t).where(state_t.c.id == 1)
                     .values(last_seq=seq, last_hash=prev))
    return seq, prev


def recompute(row: Any) -> str:
    """The hash a stored record should carry, from its own fields."""
    return link(row.prev_hash or "", record_bytes(
        row.seq, row.at, row.user or "", row.computer or "", row.action, row.table_name or "",
        row.row_key or "", row.data or "", row.reason or ""))
