"""Triggers of migration 0011: an entry may be *born posted*.

Posting used to insert an entry as a draft, add its lines unposted, then flip the
entry to posted, which made the database rewrite every line a second time (the flag
going 0 -> 1, each change checked by a per-line trigger). Bulk posting spent a third
of its time there. Now the program writes each row once: the lines first, already
posted, for an entry id it has reserved, then the entry itself, posted, with its
number and chain hash. The entry's insert is the moment the database checks the
whole entry (the same rules as the draft -> posted flip: at least two lines,
balanced to the sen, postable active accounts, an open month, the lines' date, every
line posted, an owned account moved by its owner or a reversal that mirrors).

What holds the pieces together is the foreign key from a line to its entry, made
``DEFERRABLE INITIALLY DEFERRED``: a posted line whose entry never arrives fails the
commit, so no posted line can exist without a checked entry. SQLite enforces foreign
keys only when a connection asks (``PRAGMA foreign_keys``; Kasir always does), so a
posted line is refused outright on a connection that does not: a raw SQL tool cannot
slip one in. A posted line can never be added to an entry that already exists, and a
draft cannot be inserted over posted lines waiting for an entry.

The draft path (insert a draft, add unposted lines, flip) still works, with the
triggers of ``ledger.ddl`` unchanged.

These are the triggers as 0011 made them. On PostgreSQL, migration 0012 replaces the three
by triggers of the same names that check once for each statement
(``ledger.ddl_per_statement``); on SQLite they stay as they are here.
"""

from __future__ import annotations

from ledger.ddl_base import (
    ENTRY_CHECKS_PG,
    ENTRY_CHECKS_SQLITE,
    LINES_OF_NEW,
    MSG_LINE_DRAFT_ONLY,
    PREFIX,
    Trigger,
    _pg,
    _raise_pg,
)
from ledger.ddl_guards import (
    MSG_FOREIGN_OWNER,
    MSG_NOT_A_MIRROR,
    NOT_MIRRORED,
    OWNED_LINE,
    SQLITE_KIND,
)

MSG_UNPOSTED_LINE = "the lines of a posted entry must be inserted posted, before it"
MSG_DRAFT_OVER_POSTED = "a draft cannot take lines that are already posted"
MSG_POSTED_LINE = "a posted line can only be inserted before its entry, with foreign keys on"

def _sqlite_checks() -> str:
    """The flip's checks of a whole entry, then those only a born-posted entry needs: every
    line posted, and the owner's rule (for a draft a trigger of its own, ``ddl_guards``)."""
    return f"""
{ENTRY_CHECKS_SQLITE}
  SELECT RAISE(ABORT, '{PREFIX} {MSG_UNPOSTED_LINE}')
    WHERE EXISTS (SELECT 1 {LINES_OF_NEW} AND posted = 0);
  SELECT RAISE(ABORT, '{PREFIX} {MSG_FOREIGN_OWNER}')
    WHERE NEW.reverses_entry_id IS NULL AND EXISTS ({OWNED_LINE.format(kind=SQLITE_KIND)});
  SELECT RAISE(ABORT, '{PREFIX} {MSG_NOT_A_MIRROR}')
    WHERE NEW.reverses_entry_id IS NOT NULL AND ({NOT_MIRRORED.format(same="IS")});"""


def _pg_checks() -> str:
    return f"""{ENTRY_CHECKS_PG}IF EXISTS (SELECT 1 {LINES_OF_NEW} AND NOT posted) THEN {_raise_pg(MSG_UNPOSTED_LINE)} END IF;
IF NEW.reverses_entry_id IS NULL AND EXISTS (
  {OWNED_LINE.format(kind="split_part(NEW.operation, ':', 1)")}) THEN
  {_raise_pg(MSG_FOREIGN_OWNER)} END IF;
IF NEW.reverses_entry_id IS NOT NULL AND ({NOT_MIRRORED.format(same="IS NOT DISTINCT FROM")}) THEN
  {_raise_pg(MSG_NOT_A_MIRROR)} END IF;"""


# ``NEW.id`` of a SQLite BEFORE INSERT is -1 when the id is left to the database, so an
# entry inserted posted without an id of its own finds no lines and is refused.
BORN_POSTED: tuple[Trigger, ...] = (
    Trigger(
        "trg_entry_insert_check",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_insert_check BEFORE INSERT ON journal_entry
WHEN NEW.status <> 'draft'
BEGIN{_sqlite_checks()}
END""",
        _pg("trg_entry_insert_check", "journal_entry", "BEFORE INSERT",
            _pg_checks() + "\nRETURN NEW;", "NEW.status <> 'draft'"),
    ),
    Trigger(
        "trg_entry_insert_draft",
        "journal_entry",
        f"""CREATE TRIGGER trg_entry_insert_draft BEFORE INSERT ON journal_entry
WHEN NEW.status = 'draft' AND EXISTS (SELECT 1 {LINES_OF_NEW})
BEGIN SELECT RAISE(ABORT, '{PREFIX} {MSG_DRAFT_OVER_POSTED}'); END""",
        _pg("trg_entry_insert_draft", "journal_entry", "BEFORE INSERT",
            f"IF EXISTS (SELECT 1 {LINES_OF_NEW}) THEN {_raise_pg(MSG_DRAFT_OVER_POSTED)} END IF;\n"
            "RETURN NEW;", "NEW.status = 'draft'"),
    ),
    Trigger(
        "trg_line_insert_check",
        "journal_line",
        f"""CREATE TRIGGER trg_line_insert_check BEFORE INSERT ON journal_line
BEGIN
  SELECT RAISE(ABORT, '{PREFIX} {MSG_LINE_DRAFT_ONLY}')
    WHERE NEW.posted = 0
      AND (SELECT status FROM journal_entry WHERE id = NEW.entry_id) <> 'draft';
  SELECT RAISE(ABORT, '{PREFIX} {MSG_POSTED_LINE}')
    WHERE NEW.posted <> 0
      AND (EXISTS (SELECT 1 FROM journal_entry WHERE id = NEW.entry_id)
           OR (SELECT foreign_keys FROM pragma_foreign_keys) = 0);
END""",
        _pg("trg_line_insert_check", "journal_line", "BEFORE INSERT",
            f"""IF NOT NEW.posted AND (SELECT status FROM journal_entry WHERE id = NEW.entry_id) <> 'draft'
THEN {_raise_pg(MSG_LINE_DRAFT_ONLY)} END IF;
IF NEW.posted AND EXISTS (SELECT 1 FROM journal_entry WHERE id = NEW.entry_id) THEN
  {_raise_pg(MSG_POSTED_LINE)} END IF;
RETURN NEW;"""),
    ),
)

# the foundation's insert guards these replace (entries born draft, lines born unposted)
REPLACED = ("trg_entry_born_draft", "trg_line_insert_draft_only")
