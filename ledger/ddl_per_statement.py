"""Triggers of migration 0012: on PostgreSQL, the born-posted checks run once a statement.

The checks of ``ledger.ddl_born_posted`` ran once for every row: a PL/pgSQL call and
its half-dozen queries for each line and each entry, which was most of what the
server did while bulk posting (about 2.5 s of every 100,000 lines). On PostgreSQL the
same three triggers now run once for each statement that inserts (an INSERT of many
rows, or the COPY the program writes a batch with, ``ledger.posted_rows``), after it,
and check every row it inserted at once through the statement's transition table
(``REFERENCING NEW TABLE``): the lines of all its entries read in one index scan,
summed and compared per entry in one query.

They refuse what the row triggers refused, with the same words: an entry inserted
posted is checked whole (at least two lines, balanced to the sen, postable active
accounts, an open month, the lines' date, every line posted, the owner's rule or the
reversal's mirror), in the same order, so an entry breaking several rules is refused
for the first of them; a posted line cannot be added to an existing entry, nor an
unposted one to a posted entry; a draft cannot be inserted over posted lines. When a
statement inserts several entries that break rules, the refusal is the one of the
lowest id, which for the program's batches (ids in writing order) is the first one
written, as before. What changes is only when within the statement the check runs:
after its rows, so a row that also breaks a CHECK constraint, a unique key or an
immediate foreign key is refused by that constraint instead. A posted line whose entry
never comes still fails the commit through the deferred foreign key.

The queries reach the journal's lines and entries only by entry id, one index lookup for
each entry of the statement, never by a scan of the whole table: a batch costs the same
on a book of any size, and under SERIALIZABLE it reads (and locks against concurrent
writers) only the rows it checks, as the row triggers did.

SQLite keeps its per-row triggers, word for word: each ``Trigger`` here carries the
SQLite text of ``ledger.ddl_born_posted`` unchanged, and the migration does nothing there.
"""

from __future__ import annotations

from ledger.ddl_base import (
    MSG_BAD_ACCOUNT,
    MSG_CLOSED_PERIOD,
    MSG_LINE_DATE,
    MSG_LINE_DRAFT_ONLY,
    MSG_TOO_FEW_LINES,
    MSG_UNBALANCED,
    RAISE_REFUSAL_PG,
    Trigger,
    _pg_per_statement,
    _refusal_pg,
)
from ledger.ddl_born_posted import (
    BORN_POSTED,
    MSG_DRAFT_OVER_POSTED,
    MSG_POSTED_LINE,
    MSG_UNPOSTED_LINE,
)
from ledger.ddl_guards import MSG_FOREIGN_OWNER, MSG_NOT_A_MIRROR, NOT_MIRRORED

# Each query reaches the journal's tables only by an equality on an indexed column, once
# for each entry of the statement (a LATERAL subquery kept whole by OFFSET 0, a scalar
# subquery), and joins the small tables (accounts, permits, months) only to what it read
# (a MATERIALIZED CTE): the plan PL/pgSQL caches at a book's first batch, when the tables
# are nearly empty, stays an index lookup as they grow, where a join of the whole batch
# would be planned as a scan of the whole table.

# The entries a statement inserted posted, each with its lines, refused for the first
# rule it breaks (in the order of ``ENTRY_CHECKS_PG``, then the born-posted checks); of
# several entries refused, the one of the lowest id.
_ENTRY_CHECKS = f"""WITH line AS MATERIALIZED (
  SELECT l.* FROM new_entries e CROSS JOIN LATERAL (
    SELECT entry_id, account_id, debit, credit, entry_date, posted
    FROM journal_line WHERE entry_id = e.id OFFSET 0) l
  WHERE e.status <> 'draft')
SELECT r.refusal INTO refusal FROM (
  SELECT e.id, CASE
    WHEN COUNT(l.entry_id) < 2 THEN {_refusal_pg(MSG_TOO_FEW_LINES)}
    WHEN COALESCE(SUM(l.debit), 0) - COALESCE(SUM(l.credit), 0) <> 0
      THEN {_refusal_pg(MSG_UNBALANCED)}
    WHEN bool_or(a.is_header OR NOT a.active) THEN {_refusal_pg(MSG_BAD_ACCOUNT)}
    WHEN p.id IS NOT NULL THEN {_refusal_pg(MSG_CLOSED_PERIOD)}
    WHEN bool_or(l.entry_date <> e.date) THEN {_refusal_pg(MSG_LINE_DATE)}
    WHEN bool_or(NOT l.posted) THEN {_refusal_pg(MSG_UNPOSTED_LINE)}
    WHEN e.reverses_entry_id IS NULL AND bool_or(a.owner <> 'journal' AND k.kind IS NULL)
      THEN {_refusal_pg(MSG_FOREIGN_OWNER)}
    WHEN e.reverses_entry_id IS NOT NULL
      AND ({NOT_MIRRORED.format(same="IS NOT DISTINCT FROM").replace("NEW.", "e.")})
      THEN {_refusal_pg(MSG_NOT_A_MIRROR)}
  END AS refusal
  FROM new_entries e
  LEFT JOIN fiscal_period p ON p.status = 'closed'
    AND p.year = EXTRACT(YEAR FROM e.date) AND p.month = EXTRACT(MONTH FROM e.date)
  LEFT JOIN line l ON l.entry_id = e.id
  LEFT JOIN account a ON a.id = l.account_id
  LEFT JOIN operation_permit k ON k.owner = a.owner
    AND k.kind = split_part(e.operation, ':', 1)
  WHERE e.status <> 'draft'
  GROUP BY e.id, e.date, e.operation, e.reverses_entry_id, p.id) r
WHERE r.refusal IS NOT NULL ORDER BY r.id LIMIT 1;
{RAISE_REFUSAL_PG}
RETURN NULL;"""

# Lines a statement inserted, per entry that exists already: an unposted line only into a
# draft, a posted line into none (a posted line comes before its entry).
_LINE_CHECKS = f"""SELECT CASE
    WHEN bool_or(g.unposted AND g.status <> 'draft') THEN {_refusal_pg(MSG_LINE_DRAFT_ONLY)}
    WHEN bool_or(g.posted AND g.status IS NOT NULL) THEN {_refusal_pg(MSG_POSTED_LINE)}
  END INTO refusal
FROM (SELECT n.unposted, n.posted,
             (SELECT status FROM journal_entry WHERE id = n.entry_id) AS status
      FROM (SELECT entry_id, bool_or(NOT posted) AS unposted, bool_or(posted) AS posted
            FROM new_lines GROUP BY entry_id) n
      OFFSET 0) g;
{RAISE_REFUSAL_PG}
RETURN NULL;"""

# Drafts a statement inserted: none over posted lines already waiting for their entry.
_DRAFT_CHECKS = f"""IF EXISTS (SELECT 1 FROM new_entries e WHERE e.status = 'draft'
           AND (SELECT true FROM journal_line WHERE entry_id = e.id LIMIT 1)) THEN
  refusal := {_refusal_pg(MSG_DRAFT_OVER_POSTED)};
END IF;
{RAISE_REFUSAL_PG}
RETURN NULL;"""

_PG = {
    "trg_entry_insert_check": _pg_per_statement(
        "trg_entry_insert_check", "journal_entry", "new_entries",
        "refusal text;", _ENTRY_CHECKS),
    "trg_entry_insert_draft": _pg_per_statement(
        "trg_entry_insert_draft", "journal_entry", "new_entries", "refusal text;",
        _DRAFT_CHECKS),
    "trg_line_insert_check": _pg_per_statement(
        "trg_line_insert_check", "journal_line", "new_lines", "refusal text;", _LINE_CHECKS),
}

# The born-posted triggers as migration 0012 leaves them: on SQLite the very ones of 0011.
PER_STATEMENT: tuple[Trigger, ...] = tuple(
    Trigger(t.name, t.table, t.sqlite, _PG[t.name]) for t in BORN_POSTED)
