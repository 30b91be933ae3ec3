"""Every change to the book's own records goes into the audit trail, whatever path made it.

A listener on every session's flush turns each row added, changed or deleted in an
audited table (members, groups, savings products, settings, receipts, months and their
log, users and their events, requests) into a record of ``ledger.audit_trail``, with the
actor the unit of work carries (``session.info["actor"]``), in the same transaction: a
change is sealed exactly when it is committed. The importer's bulk records and sign-ins
add their records themselves (``record``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.base import PassiveFlag

from ledger import audit_trail, ddl
from ledger.audit_trail import Change
from ledger.ddl_guards import fixed_after
from ledger.posted_rows import HEAD_HELD, head_written, hold_head

# Tables whose rows are sealed once written: the database refuses to change or delete them.
SEALED_TABLES = ("imported_event", "kuitansi", "financing_schedule", "financing_event")
# A contract's terms, fixed once its akad is signed (a margin is never changed afterwards).
CONTRACT_TERMS = ("number", "kind", "member_id", "product_code", "cost", "margin", "price",
                  "down_payment", "admin_fee", "tazir", "tenor", "frequency", "installment",
                  "last_installment", "first_due", "margin_method")
SEALED_TRIGGERS = tuple(t for table in SEALED_TABLES for t in ddl.append_only(table)) + (
    fixed_after("financing_contract", "akad_on", CONTRACT_TERMS),)
# Audited tables and the columns naming a row for people (its natural key).
AUDITED: dict[str, tuple[str, ...]] = {
    "anggota": ("number",), "kelompok": ("code",), "produk_simpanan": ("code",),
    "book_setting": ("key",), "kuitansi": ("year", "number"),
    "fiscal_period": ("year", "month"), "period_event": ("id",),
    "book_user": ("name",), "book_user_event": ("id",), "request": ("id",),
    "financing_product": ("code",), "financing_contract": ("number",),
}


def row_key(table: str, values: Mapping[str, Any]) -> str:
    return "/".join(str(values.get(col)) for col in AUDITED.get(table, ("id",)))


def row_values(table: Table, obj: object) -> dict[str, Any]:
    """The row as its columns say (the same form the migration's baseline reads): from the
    object's loaded values, an attribute not loaded through the ORM."""
    loaded = instance_state(obj).dict
    return {name: loaded[key] if key in loaded else getattr(obj, key)
            for name, key in _attributes(type(obj), table)}


def _modified(obj: object) -> bool:
    """``Session.is_modified(obj, include_collections=False)``, asking only the attributes
    that were set since the last flush (an import changes thousands of contracts of forty
    columns each, and the session would ask all forty of each)."""
    state = instance_state(obj)
    if not state.modified:
        return False
    manager, loaded = state.manager, state.dict
    for key in state.committed_state:
        impl = manager[key].impl
        if hasattr(impl, "get_collection") or not hasattr(impl, "get_history"):
            continue
        added, _same, deleted = impl.get_history(state, loaded, passive=PassiveFlag.NO_CHANGE)
        if added or deleted:
            return True
    return False


@cache
def _attributes(cls: type, table: Table) -> tuple[tuple[str, str], ...]:
    """Each column's name and the attribute holding it (an import changes thousands of
    contracts, each recorded at every flush)."""
    mapper = inspect(cls)
    return tuple((col.name, mapper.get_property_by_column(col).key) for col in table.columns)


def _actor(session: Session) -> tuple[str, str]:
    actor = session.info.get("actor")
    return (getattr(actor, "user", "") or "", getattr(actor, "computer", "") or "")


def _changes(session: Session) -> list[Change]:
    out: list[Change] = []
    for action, objects in (("insert", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in objects:
            table = getattr(obj, "__table__", None)
            if table is None or table.name not in AUDITED:
                continue
            if action == "update" and not _modified(obj):
                continue
            values = row_values(table, obj)
            out.append(Change(action, table.name, row_key(table.name, values),
                              None if action == "delete" else values))
    return sorted(out, key=lambda c: (c.table_name, c.row_key, c.action))


PENDING = "kasir_audit"  # session.info: the transaction's changes, one per row, in order
HEAD = "kasir_head"  # session.info: the chain's head after the last records (kasir.uow.HEAD)


def _merge(before: Change | None, after: Change) -> Change | None:
    """One record per row and transaction: what it became by the commit (a row added then
    changed is added with its last values; added then deleted leaves no trace)."""
    if before is None:
        return after
    if before.action == "insert":
        return None if after.action == "delete" else Change(
            "insert", after.table_name, after.row_key, after.data)
    if before.action == "delete" and after.action == "insert":
        return Change("update", after.table_name, after.row_key, after.data)
    return after


def _pend(session: Session, changes: Iterable[Change]) -> None:
    pending: dict[tuple[str, str], Change | None] = session.info.setdefault(PENDING, {})
    for change in changes:
        key = (change.table_name, change.row_key)
        pending[key] = _merge(pending.get(key), change)


@event.listens_for(Session, "after_flush")
def _collect_changes(session: Session, _flush_context: object) -> None:
    _pend(session, _changes(session))


def added(session: Session, objects: Iterable[object]) -> None:
    """Rows a bulk writer added beside the unit of work (``ledger.held_rows``), recorded as
    a flush would have recorded them: one record per row by the commit, whatever happens
    to it later in the transaction."""
    changes = []
    for obj in objects:
        table = getattr(obj, "__table__", None)
        if table is not None and table.name in AUDITED:
            values = row_values(table, obj)
            changes.append(Change("insert", table.name, row_key(table.name, values), values))
    _pend(session, changes)


@event.listens_for(Session, "before_commit", insert=True)
def _seal_changes(session: Session) -> None:
    """At the commit, after the last flush: the transaction's changes join the chain.
    First of the ``before_commit`` hooks: ``ledger.posted_rows`` writes the head after."""
    session.flush()
    pending = session.info.pop(PENDING, {})
    changes = [c for c in pending.values() if c is not None]
    if changes:
        user, computer = _actor(session)
        session.info[HEAD] = _append(session, changes, user, computer, last=True)


@event.listens_for(Session, "after_soft_rollback")
def _forget_changes(session: Session, _previous: object) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(HEAD_HELD, None)


@event.listens_for(Session, "after_commit")
def _release_head(session: Session) -> None:
    """The head is held no more: a session used again must read it afresh."""
    session.info.pop(HEAD_HELD, None)


def record(session: Session, changes: Sequence[Change] | Iterable[Change]) -> None:
    """Add records the flush cannot see (bulk inserts, sign-ins, refused attempts)."""
    items = list(changes)
    if items:
        user, computer = _actor(session)
        _append(session, items, user, computer)


def _append(session: Session, changes: Sequence[Change], user: str,
            computer: str, *, last: bool = False) -> tuple[int, str]:
    """Append to the chain after whatever this transaction already appended (a posting
    leaves the head it wrote, still locked: ``HEAD_HELD``), and leave the new head.
    ``ledger_state`` is written once, at the commit: by the records' own statement when
    they are the ``last`` the transaction appends (the commit's seal), else afterwards."""
    head = audit_trail.append_head(session.connection(), changes, user=user,
                                   computer=computer, held=session.info.get(HEAD_HELD),
                                   write_state=last)
    if last:
        head_written(session, *head)
    else:
        hold_head(session, *head)
    return head


def refusal(table: str, key: str, exc: Any) -> Change:
    """A refused attempt: the reason in English, and its template and parameters (nested
    reasons by their templates) so the audit screen can word it in the reader's language."""
    params = {k: {"template": v.template} if hasattr(v, "template") else
              (v if isinstance(v, (int, str)) else str(v)) for k, v in exc.params.items()}
    return Change("refused", table, key[:60], {"message": exc.template, "params": params},
                  reason=exc.english())
