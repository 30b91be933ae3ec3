"""Migration 0014: on PostgreSQL, a line's entry is checked once a statement too.

A posted line is written before its entry (``ledger.ddl_born_posted``), so the key from a
line to its entry (``fk_journal_line_entry_id_journal_entry``) was deferred to the commit,
where PostgreSQL checked each line on its own: a million queries at the end of a big
import, 2.8 s in which nothing else ran. On PostgreSQL the key becomes a count kept by
the statements' triggers, in a row of ``journal_waiting`` that lives only inside the
transaction:

- lines inserted (``trg_line_insert_check``): those whose entry is not in the book yet
  are *waiting*, and their number is added to the transaction's row; an entry that
  exists is locked ``FOR KEY SHARE``, as the key locked it;
- entries inserted posted (``trg_entry_insert_check``): every line of a new entry was
  written before it, so waited; their number is taken off (a draft cannot be inserted
  over lines at all, ``trg_entry_insert_draft``);
- at the commit, a constraint trigger deferred to it (``trg_waiting_lines_checked``, the
  one commit-time hook PostgreSQL gives, which is per row: here one row a transaction)
  removes the row and refuses the commit, in the key's own words, unless the count is
  back to nought: a posted line whose entry never came is never committed.

The row is the transaction's own (its id is the key), so two cashiers posting at once
never touch the same one; a savepoint rolled back takes back its lines and its count
together. A line cannot be moved to an entry that is not there (``trg_line_entry_checked``),
nor an entry lines name deleted or given another id (``trg_journal_entry_kept``): refused
at once, where the key waited for the commit. ``verify`` looks for a line without its
entry on both backends.

SQLite keeps the deferred foreign key (its check is cheap there); the table exists on
both, and stays empty.
"""

from __future__ import annotations

from ledger.ddl_base import RAISE_REFUSAL_PG, Trigger, _pg, _pg_per_statement
from ledger.ddl_per_statement import _ENTRY_CHECKS, _LINE_CHECKS
from ledger.ddl_references import (
    CHECKED_ONCE,
    REFERENCE_CHECKS,
    kept,
    key_refusal,
    missing_row_refusal,
)

ENTRY_KEY = "fk_journal_line_entry_id_journal_entry"


# the transaction's count of waiting lines moved by ``change`` (a PL/pgSQL expression)
_COUNT = ("INSERT INTO journal_waiting (txid, lines) VALUES (txid_current(), {change})\n"
          "  ON CONFLICT (txid) DO UPDATE SET lines = journal_waiting.lines + {change};")


def _replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (there exactly once) made ``new``: the checks of 0012, word
    for word, with what the count needs beside them."""
    if text.count(old) != 1:
        raise ValueError(f"expected once in the checks: {old!r}")
    return text.replace(old, new)


# The lines' checks of 0012, which read each entry the statement's lines name (its status,
# or none): they also count, per entry, the lines and whether any is unposted.
_LINE_COUNTS = _replaced(_replaced(_replaced(_replaced(
    _LINE_CHECKS,
    "  END INTO refusal\n",
    "  END, COALESCE(sum(g.lines) FILTER (WHERE g.status IS NULL), 0)\n"
    "  INTO refusal, waiting\n"),
    "FROM (SELECT n.unposted, n.posted,\n",
    "FROM (SELECT n.lines, n.unposted, n.posted,\n"),
    "(SELECT status FROM journal_entry WHERE id = n.entry_id) AS status",
    "(SELECT status FROM journal_entry WHERE id = n.entry_id FOR KEY SHARE) AS status"),
    "FROM (SELECT entry_id, bool_or(NOT posted)",
    "FROM (SELECT entry_id, count(*) AS lines, bool_or(NOT posted)")
_LINE_COUNTS = _replaced(
    _LINE_COUNTS, f"{RAISE_REFUSAL_PG}\nRETURN NULL;",
    f"""{RAISE_REFUSAL_PG}
IF waiting > 0 THEN
  {_COUNT.format(change="waiting")}
END IF;
RETURN NULL;""")

# The entries' checks of 0012: the refusal of the lowest id, as before, and the number of
# lines the statement's entries found, which had all waited for them.
_ENTRY_COUNTS = _replaced(_replaced(_replaced(
    _ENTRY_CHECKS,
    "SELECT r.refusal INTO refusal FROM (\n  SELECT e.id, CASE",
    "SELECT (array_agg(r.refusal ORDER BY r.id) FILTER (WHERE r.refusal IS NOT NULL))[1],\n"
    "  COALESCE(sum(r.lines), 0) INTO refusal, arrived FROM (\n"
    "  SELECT e.id, COUNT(l.entry_id) AS lines, CASE"),
    "WHERE r.refusal IS NOT NULL ORDER BY r.id LIMIT 1;", ";"),
    f"{RAISE_REFUSAL_PG}\nRETURN NULL;",
    f"""{RAISE_REFUSAL_PG}
IF arrived > 0 THEN
  {_COUNT.format(change="-arrived")}
END IF;
RETURN NULL;""")

_PG = {
    "trg_entry_insert_check": _pg_per_statement(
        "trg_entry_insert_check", "journal_entry", "new_entries",
        "refusal text; arrived bigint;", _ENTRY_COUNTS),
    "trg_line_insert_check": _pg_per_statement(
        "trg_line_insert_check", "journal_line", "new_lines",
        "refusal text; wanted bigint; there bigint; missing bigint; waiting bigint;",
        REFERENCE_CHECKS + _LINE_COUNTS),
}

# the born-posted triggers as 0014 leaves them: on SQLite still the very ones of 0011
COUNTED: tuple[Trigger, ...] = tuple(
    Trigger(t.name, t.table, t.sqlite, _PG[t.name]) if t.name in _PG else t
    for t in CHECKED_ONCE)
# those 0014 replaces on PostgreSQL, as 0013 left them, and as 0014 makes them
BEFORE_COUNTS = tuple(t for t in CHECKED_ONCE if t.name in _PG)
WITH_COUNTS = tuple(t for t in COUNTED if t.name in _PG)

_WAITING_CHECKED = (
    "CREATE OR REPLACE FUNCTION trg_waiting_lines_checked_fn() RETURNS trigger "
    "LANGUAGE plpgsql AS $$\n"
    "DECLARE left_over bigint;\n"
    "BEGIN\n"
    "DELETE FROM journal_waiting WHERE txid = NEW.txid RETURNING lines INTO left_over;\n"
    "IF left_over IS DISTINCT FROM 0 THEN\n  "
    + key_refusal(ENTRY_KEY, "format('%s posted lines name an entry that is not in the "
                             "book.', COALESCE(left_over, 0))")
    + "\nEND IF;\nRETURN NULL;\nEND $$",
    "CREATE CONSTRAINT TRIGGER trg_waiting_lines_checked AFTER INSERT ON journal_waiting "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trg_waiting_lines_checked_fn()",
)

# PostgreSQL only (``sqlite`` empty: the foreign key does it there)
ENTRY_GUARDS: tuple[Trigger, ...] = (
    Trigger("trg_waiting_lines_checked", "journal_waiting", "", _WAITING_CHECKED),
    Trigger("trg_line_entry_checked", "journal_line", "", _pg(
        "trg_line_entry_checked", "journal_line", "BEFORE UPDATE OF entry_id",
        f"""PERFORM 1 FROM journal_entry WHERE id = NEW.entry_id FOR KEY SHARE;
IF NOT FOUND THEN
  {missing_row_refusal("entry_id", "journal_entry", ENTRY_KEY, "NEW.entry_id")}
END IF;
RETURN NEW;""")),
    kept("journal_entry", "entry_id", ENTRY_KEY, on_sqlite=False),
)

__all__ = ["BEFORE_COUNTS", "COUNTED", "ENTRY_GUARDS", "ENTRY_KEY", "WITH_COUNTS"]
