"""Triggers that make the database itself keep the books honest.

The code checks every rule before it writes; these triggers are the last line
of defence against anything that reaches the tables without the code (a raw SQL
tool, a bug, a script). An entry is checked whole at one moment: when a draft
is marked posted (its lines were added in any order), or when an entry is
inserted already posted over the posted lines written just before it
(``ledger.ddl_born_posted``, the program's own way since migration 0011; on
PostgreSQL once for each statement since 0012, ``ledger.ddl_per_statement``). The
database then checks that it has at least two lines, balances to the sen, uses
only postable active accounts, falls in an open month and carries its official
number and chain hash. From then on the entry and its lines can be neither
updated nor deleted.

Migrations execute these statements (``alembic`` cannot see triggers), and
``kasir verify`` checks that every trigger named here is still present.
"""

from __future__ import annotations

from ledger.ddl_base import (
    ENTRY_CHECKS_PG,
    ENTRY_CHECKS_SQLITE,
    MSG_BAD_ACCOUNT,
    MSG_CLOSED_PERIOD,
    MSG_LINE_DATE,
    MSG_LINE_DRAFT_ONLY,
    MSG_TOO_FEW_LINES,
    MSG_UNBALANCED,
    PREFIX,
    Trigger,
    _pg,
    _raise_pg,
)
from ledger.ddl_born_posted import (
    BORN_POSTED,
    MSG_DRAFT_OVER_POSTED,
    MSG_POSTED_LINE,
    MSG_UNPOSTED_LINE,
    REPLACED,
)
from ledger.ddl_guards import (
    AUDIT_GUARDS,
    MSG_FOREIGN_OWNER,
    MSG_NOT_A_MIRROR,
    MSG_SEALED_ROW,
    OWNER_GUARDS,
    append_only,
)
from ledger.ddl_per_statement import PER_STATEMENT
from ledger.ddl_references import REFERENCE_GUARDS, REFERENCE_KEYS
from ledger.ddl_waiting import COUNTED, ENTRY_GUARDS, ENTRY_KEY

MSG_BORN_DRAFT = "an entry must be inserted as a draft and posted afterwards"
MSG_POSTED_IMMUTABLE = "a posted entry cannot be changed"
MSG_POSTED_NO_DELETE = "a posted entry cannot be deleted"
MSG_LINE_IMMUTABLE = "a line of a posted entry cannot be changed"
MSG_LINE_NO_DELETE = "a line of a posted entry cannot be deleted"
MSG_REOPEN_REASON = "a period can only be reopened with a recorded reason"
MSG_LOG_APPEND_ONLY = "the period log is append-only"

TRIGGERS: tuple[Trigger, ...] = (
    Trigger(
        "trg_entry_born_draft",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_born_draft BEFORE INSERT ON journal_entry
WHEN NEW.status <> 'draft'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_BORN_DRAFT}'); END""",
        _pg(
            "trg_entry_born_draft",
            "journal_entry",
            "BEFORE INSERT",
            f"{_raise_pg(MSG_BORN_DRAFT)}",
            "NEW.status <> 'draft'",
        ),
    ),
    Trigger(
        "trg_entry_posted_immutable",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_posted_immutable BEFORE UPDATE ON journal_entry
WHEN OLD.status = 'posted'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_POSTED_IMMUTABLE}'); END""",
        _pg(
            "trg_entry_posted_immutable",
            "journal_entry",
            "BEFORE UPDATE",
            _raise_pg(MSG_POSTED_IMMUTABLE),
            "OLD.status = 'posted'",
        ),
    ),
    Trigger(
        "trg_entry_posted_no_delete",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_posted_no_delete BEFORE DELETE ON journal_entry
WHEN OLD.status = 'posted'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_POSTED_NO_DELETE}'); END""",
        _pg(
            "trg_entry_posted_no_delete",
            "journal_entry",
            "BEFORE DELETE",
            _raise_pg(MSG_POSTED_NO_DELETE),
            "OLD.status = 'posted'",
        ),
    ),
    Trigger(
        "trg_entry_post_check",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_post_check BEFORE UPDATE ON journal_entry
WHEN OLD.status = 'draft' AND NEW.status = 'posted'
BEGIN
{ENTRY_CHECKS_SQLITE}
END""",
        _pg(
            "trg_entry_post_check",
            "journal_entry",
            "BEFORE UPDATE",
            f"""{ENTRY_CHECKS_PG}RETURN NEW;""",
            "OLD.status = 'draft' AND NEW.status = 'posted'",
        ),
    ),
    Trigger(
        "trg_entry_mark_lines_posted",
        "journal_entry",
        """CREATE TRIGGER trg_entry_mark_lines_posted AFTER UPDATE OF status ON journal_entry
WHEN OLD.status = 'draft' AND NEW.status = 'posted'
BEGIN UPDATE journal_line SET posted = 1 WHERE entry_id = NEW.id; END""",
        _pg(
            "trg_entry_mark_lines_posted",
            "journal_entry",
            "AFTER UPDATE",
            "UPDATE journal_line SET posted = TRUE WHERE entry_id = NEW.id;\nRETURN NULL;",
            "OLD.status = 'draft' AND NEW.status = 'posted'",
        ),
    ),
    Trigger(
        "trg_entry_draft_date_follows",
        "journal_entry",
        """CREATE TRIGGER trg_entry_draft_date_follows AFTER UPDATE OF date ON journal_entry
WHEN NEW.status = 'draft' AND NEW.date <> OLD.date
BEGIN UPDATE journal_line SET entry_date = NEW.date WHERE entry_id = NEW.id; END""",
        _pg(
            "trg_entry_draft_date_follows",
            "journal_entry",
            "AFTER UPDATE",
            "UPDATE journal_line SET entry_date = NEW.date WHERE entry_id = NEW.id;\nRETURN NULL;",
            "NEW.status = 'draft' AND NEW.date <> OLD.date",
        ),
    ),
    Trigger(
        "trg_line_insert_draft_only",
        "journal_line",
        f"""CREATE TRIGGER trg_line_insert_draft_only BEFORE INSERT ON journal_line
WHEN NEW.posted <> 0
  OR (SELECT status FROM journal_entry WHERE id = NEW.entry_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_LINE_DRAFT_ONLY}'); END""",
        _pg(
            "trg_line_insert_draft_only",
            "journal_line",
            "BEFORE INSERT",
            f"""IF NEW.posted OR (SELECT status FROM journal_entry WHERE id = NEW.entry_id) <> 'draft' THEN
  {_raise_pg(MSG_LINE_DRAFT_ONLY)} END IF;
RETURN NEW;""",
        ),
    ),
    Trigger(
        "trg_line_posted_immutable",
        "journal_line",
        # The one update allowed on a posted entry's line is the posted flag
        # going 0 -> 1 by trg_entry_mark_lines_posted, with every other column
        # unchanged. A draft's line may change, but may not claim to be posted.
        f"""CREATE TRIGGER trg_line_posted_immutable BEFORE UPDATE ON journal_line
WHEN ((SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted'
      OR (SELECT status FROM journal_entry WHERE id = NEW.entry_id) = 'posted'
      OR NEW.posted <> 0)
  AND NOT (OLD.posted = 0 AND NEW.posted = 1
      AND (SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted'
      AND NEW.id IS OLD.id AND NEW.entry_id IS OLD.entry_id AND NEW.line_no IS OLD.line_no
      AND NEW.account_id IS OLD.account_id AND NEW.party_id IS OLD.party_id
      AND NEW.debit IS OLD.debit AND NEW.credit IS OLD.credit
      AND NEW.memo IS OLD.memo AND NEW.entry_date IS OLD.entry_date)
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_LINE_IMMUTABLE}'); END""",
        _pg(
            "trg_line_posted_immutable",
            "journal_line",
            "BEFORE UPDATE",
            f"""IF ((SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted'
    OR (SELECT status FROM journal_entry WHERE id = NEW.entry_id) = 'posted'
    OR NEW.posted)
  AND NOT (NOT OLD.posted AND NEW.posted
    AND (SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted'
    AND NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.entry_id IS NOT DISTINCT FROM OLD.entry_id
    AND NEW.line_no IS NOT DISTINCT FROM OLD.line_no
    AND NEW.account_id IS NOT DISTINCT FROM OLD.account_id
    AND NEW.party_id IS NOT DISTINCT FROM OLD.party_id
    AND NEW.debit IS NOT DISTINCT FROM OLD.debit AND NEW.credit IS NOT DISTINCT FROM OLD.credit
    AND NEW.memo IS NOT DISTINCT FROM OLD.memo
    AND NEW.entry_date IS NOT DISTINCT FROM OLD.entry_date) THEN
  {_raise_pg(MSG_LINE_IMMUTABLE)} END IF;
RETURN NEW;""",
        ),
    ),
    Trigger(
        "trg_line_posted_no_delete",
        "journal_line",
        f"""CREATE TRIGGER trg_line_posted_no_delete BEFORE DELETE ON journal_line
WHEN OLD.posted <> 0 OR (SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_LINE_NO_DELETE}'); END""",
        _pg(
            "trg_line_posted_no_delete",
            "journal_line",
            "BEFORE DELETE",
            f"""IF OLD.posted OR (SELECT status FROM journal_entry WHERE id = OLD.entry_id) = 'posted' THEN
  {_raise_pg(MSG_LINE_NO_DELETE)} END IF;
RETURN OLD;""",
        ),
    ),
    Trigger(
        "trg_period_reopen_reason",
        "fiscal_period",
        f"""CREATE TRIGGER trg_period_reopen_reason BEFORE UPDATE OF status ON fiscal_period
WHEN OLD.status = 'closed' AND NEW.status = 'open'
  AND COALESCE((SELECT action FROM period_event WHERE period_id = NEW.id
                ORDER BY id DESC LIMIT 1), '') <> 'reopen'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_REOPEN_REASON}'); END""",
        _pg(
            "trg_period_reopen_reason",
            "fiscal_period",
            "BEFORE UPDATE",
            f"""IF COALESCE((SELECT action FROM period_event WHERE period_id = NEW.id
             ORDER BY id DESC LIMIT 1), '') <> 'reopen' THEN
  {_raise_pg(MSG_REOPEN_REASON)} END IF;
RETURN NEW;""",
            "OLD.status = 'closed' AND NEW.status = 'open'",
        ),
    ),
    Trigger(
        "trg_period_event_no_update",
        "period_event",
        f"""CREATE TRIGGER trg_period_event_no_update BEFORE UPDATE ON period_event
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_LOG_APPEND_ONLY}'); END""",
        _pg(
            "trg_period_event_no_update",
            "period_event",
            "BEFORE UPDATE",
            f"{_raise_pg(MSG_LOG_APPEND_ONLY)}",
        ),
    ),
    Trigger(
        "trg_period_event_no_delete",
        "period_event",
        f"""CREATE TRIGGER trg_period_event_no_delete BEFORE DELETE ON period_event
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_LOG_APPEND_ONLY}'); END""",
        _pg(
            "trg_period_event_no_delete",
            "period_event",
            "BEFORE DELETE",
            f"{_raise_pg(MSG_LOG_APPEND_ONLY)}",
        ),
    ),
)


# Triggers added by migration 0003: a closed month's row can neither be moved to
# another month nor deleted (either would silently reopen it).
PERIOD_GUARDS: tuple[Trigger, ...] = (
    Trigger(
        "trg_period_closed_fixed",
        "fiscal_period",
        f"""CREATE TRIGGER trg_period_closed_fixed BEFORE UPDATE ON fiscal_period
WHEN OLD.status = 'closed' AND (NEW.year <> OLD.year OR NEW.month <> OLD.month)
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_REOPEN_REASON}'); END""",
        _pg(
            "trg_period_closed_fixed",
            "fiscal_period",
            "BEFORE UPDATE",
            _raise_pg(MSG_REOPEN_REASON),
            "OLD.status = 'closed' AND (NEW.year <> OLD.year OR NEW.month <> OLD.month)",
        ),
    ),
    Trigger(
        "trg_period_closed_no_delete",
        "fiscal_period",
        f"""CREATE TRIGGER trg_period_closed_no_delete BEFORE DELETE ON fiscal_period
WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_REOPEN_REASON}'); END""",
        _pg(
            "trg_period_closed_no_delete",
            "fiscal_period",
            "BEFORE DELETE",
            _raise_pg(MSG_REOPEN_REASON),
            "OLD.status = 'closed'",
        ),
    ),
)

FOUNDATION_TRIGGERS = TRIGGERS  # created by migration 0001
# every trigger a current book has (period guards: 0003, owner guards: 0006, entries
# born posted: 0011, replacing two of the foundation's; their checks once a statement on
# PostgreSQL: 0012, the same names and, on SQLite, the same triggers; on PostgreSQL the
# lines' accounts and parties checked by triggers, not foreign keys: 0013, and their entry:
# 0014, with triggers that exist on PostgreSQL only, their SQLite text empty)
TRIGGERS = (tuple(t for t in FOUNDATION_TRIGGERS if t.name not in REPLACED)
            + PERIOD_GUARDS + OWNER_GUARDS + AUDIT_GUARDS + COUNTED + REFERENCE_GUARDS
            + ENTRY_GUARDS)
# the foreign keys a backend carries by triggers (accounts and parties: 0013; the entry:
# 0014): the models keep declaring them (SQLite has them); ``alembic check`` is told
KEYS_BY_TRIGGER = {"postgresql": REFERENCE_KEYS | {ENTRY_KEY}}
# the triggers PostgreSQL has of its own (where SQLite keeps a foreign key)
SERVER_ONLY = frozenset(t.name for t in TRIGGERS if not t.sqlite)
__all__ = ["AUDIT_GUARDS", "BORN_POSTED", "KEYS_BY_TRIGGER", "PER_STATEMENT",
           "MSG_BAD_ACCOUNT", "MSG_CLOSED_PERIOD",
           "MSG_DRAFT_OVER_POSTED", "MSG_FOREIGN_OWNER", "MSG_LINE_DATE", "MSG_TOO_FEW_LINES",
           "MSG_UNBALANCED",
           "MSG_NOT_A_MIRROR", "MSG_POSTED_LINE", "MSG_SEALED_ROW", "MSG_UNPOSTED_LINE",
           "OWNER_GUARDS", "PREFIX", "REPLACED", "TRIGGERS", "Trigger",
           "append_only",
           "create_statements", "drop_statements", "present_triggers_sql", "triggers_on", "SERVER_ONLY"]


def create_statements(dialect: str, triggers: tuple[Trigger, ...] = TRIGGERS) -> list[str]:
    """SQL to create the triggers on the given backend (``sqlite`` or ``postgresql``)."""
    out: list[str] = []
    for t in triggers_on(dialect, triggers):
        if dialect == "sqlite":
            out.append(t.sqlite)
        elif dialect == "postgresql":
            out.extend(t.postgresql)
        else:
            raise ValueError(f"unsupported database: {dialect}")
    return out


def drop_statements(dialect: str, triggers: tuple[Trigger, ...] = TRIGGERS) -> list[str]:
    out: list[str] = []
    for t in triggers_on(dialect, triggers):
        if dialect == "sqlite":
            out.append(f"DROP TRIGGER IF EXISTS {t.name}")
        else:
            out.append(f"DROP TRIGGER IF EXISTS {t.name} ON {t.table}")
            out.append(f"DROP FUNCTION IF EXISTS {t.name}_fn()")
    return out


def triggers_on(dialect: str, triggers: tuple[Trigger, ...] = TRIGGERS) -> tuple[Trigger, ...]:
    """The triggers a book on ``dialect`` has (a few are PostgreSQL's only)."""
    return tuple(t for t in triggers if dialect != "sqlite" or t.sqlite)


def present_triggers_sql(dialect: str) -> str:
    """Query listing the names of the triggers present in the database."""
    if dialect == "sqlite":
        return "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
