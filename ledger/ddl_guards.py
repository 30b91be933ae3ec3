"""Triggers added after the foundation: owned accounts move only in their owner's
operations (and a reversal mirrors its original), and append-only tables (the audit
trail, sealed records) refuse changes and deletions."""

from __future__ import annotations

from ledger.ddl_base import PREFIX, Trigger, _pg, _raise_pg

MSG_FOREIGN_OWNER = "a line on an owned account needs an operation of its owner"
MSG_NOT_A_MIRROR = "a reversal must mirror the lines of the entry it reverses"
OWNED_LINE = ("SELECT 1 FROM journal_line l JOIN account a ON a.id = l.account_id "
               "WHERE l.entry_id = NEW.id AND a.owner <> 'journal' AND NOT EXISTS ("
               "SELECT 1 FROM operation_permit p WHERE p.owner = a.owner AND p.kind = {kind})")
SQLITE_KIND = ("CASE WHEN instr(NEW.operation, ':') > 0 "
                "THEN substr(NEW.operation, 1, instr(NEW.operation, ':') - 1) "
                "ELSE NEW.operation END")
NOT_MIRRORED = ("(SELECT COUNT(*) FROM journal_line WHERE entry_id = NEW.id) <> "
                 "(SELECT COUNT(*) FROM journal_line WHERE entry_id = NEW.reverses_entry_id) "
                 "OR EXISTS (SELECT 1 FROM journal_line n WHERE n.entry_id = NEW.id AND NOT EXISTS ("
                 "SELECT 1 FROM journal_line o WHERE o.entry_id = NEW.reverses_entry_id "
                 "AND o.line_no = n.line_no AND o.account_id = n.account_id "
                 "AND o.party_id {same} n.party_id AND o.debit = n.credit AND o.credit = n.debit))")

# An account a service owns (``account.owner``) moves only in an entry whose operation that
# owner permits (``operation_permit``); a reversal may touch anything its original touched,
# so it must be that entry's exact mirror.
OWNER_GUARDS: tuple[Trigger, ...] = (
    Trigger(
        "trg_entry_post_owner",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_post_owner BEFORE UPDATE ON journal_entry
WHEN OLD.status = 'draft' AND NEW.status = 'posted'
BEGIN
  SELECT RAISE(ABORT, '{PREFIX} {MSG_FOREIGN_OWNER}')
    WHERE NEW.reverses_entry_id IS NULL AND EXISTS ({OWNED_LINE.format(kind=SQLITE_KIND)});
  SELECT RAISE(ABORT, '{PREFIX} {MSG_NOT_A_MIRROR}')
    WHERE NEW.reverses_entry_id IS NOT NULL AND ({NOT_MIRRORED.format(same="IS")});
END""",
        _pg(
            "trg_entry_post_owner",
            "journal_entry",
            "BEFORE UPDATE",
            f"""IF NEW.reverses_entry_id IS NULL AND EXISTS (
  {OWNED_LINE.format(kind="split_part(NEW.operation, ':', 1)")}) THEN
  {_raise_pg(MSG_FOREIGN_OWNER)} END IF;
IF NEW.reverses_entry_id IS NOT NULL AND ({NOT_MIRRORED.format(same="IS NOT DISTINCT FROM")}) THEN
  {_raise_pg(MSG_NOT_A_MIRROR)} END IF;
RETURN NEW;""",
            "OLD.status = 'draft' AND NEW.status = 'posted'",
        ),
    ),
)

MSG_SEALED_ROW = "a sealed record cannot be changed or deleted"


def append_only(table: str) -> tuple[Trigger, ...]:
    """The two triggers that make a table append-only: rows are added, never changed or
    deleted (the audit trail, the imported-event records, receipts)."""
    out = []
    for verb in ("UPDATE", "DELETE"):
        name = f"trg_{table}_no_{verb.lower()}"
        out.append(Trigger(
            name, table,
            f"""CREATE TRIGGER {name} BEFORE {verb} ON {table}
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_SEALED_ROW}'); END""",
            _pg(name, table, f"BEFORE {verb}",
                f"{_raise_pg(MSG_SEALED_ROW)}\nRETURN OLD;"),
        ))
    return tuple(out)


AUDIT_GUARDS = append_only("audit_record")  # created by migration 0009


MSG_FIXED_TERMS = "the terms of a contract are fixed at its akad"


def fixed_after(table: str, moment: str, columns: tuple[str, ...]) -> Trigger:
    """Once ``moment`` is set on a row (an akad's date), ``columns`` never change again."""
    name = f"trg_{table}_fixed_terms"
    changed = " OR ".join(f"NEW.{c} <> OLD.{c}" for c in columns)
    when = f"OLD.{moment} IS NOT NULL AND ({changed})"
    return Trigger(
        name, table,
        f"""CREATE TRIGGER {name} BEFORE UPDATE ON {table}
WHEN {when}
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_FIXED_TERMS}'); END""",
        _pg(name, table, "BEFORE UPDATE", f"{_raise_pg(MSG_FIXED_TERMS)}\nRETURN NEW;", when))
