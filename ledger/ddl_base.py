"""What every protective trigger is made of: its two forms (SQLite, PostgreSQL) and the
prefix each refusal starts with, on both backends."""

from __future__ import annotations

from dataclasses import dataclass

# Every refusal by a trigger starts with this, on both backends; refusals by a
# CHECK constraint name the constraint instead (ck_journal_line_one_side, ...).
PREFIX = "kasir:"

# what the checks of a whole entry answer, whether it is flipped from draft or born posted
MSG_TOO_FEW_LINES = "an entry needs at least two lines"
MSG_UNBALANCED = "debits and credits of the entry differ"
MSG_BAD_ACCOUNT = "a line uses a header or inactive account"
MSG_CLOSED_PERIOD = "the entry date falls in a closed period"
MSG_LINE_DATE = "a line date differs from its entry date"
MSG_LINE_DRAFT_ONLY = "lines can only be added to a draft entry"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    sqlite: str
    postgresql: tuple[str, ...]  # function then trigger


def _pg(name: str, table: str, timing: str, body: str, when: str = "") -> tuple[str, ...]:
    fn = f"{name}_fn"
    when_sql = f" WHEN ({when})" if when else ""
    return (
        f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nEND $$",
        f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH ROW{when_sql} EXECUTE FUNCTION {fn}()",
    )


def _pg_per_statement(name: str, table: str, rows: str, declare: str,
                      body: str) -> tuple[str, ...]:
    """A PostgreSQL trigger run once for each statement that inserts into ``table`` (an
    INSERT of many rows, a COPY), after it, over every row it inserted: the transition
    table ``rows``. A refusal aborts the statement whole, as a row trigger's would.

    Without JIT: the planner cannot know how many lines an entry of the statement has and,
    from a big table's statistics, may guess hundreds; the query then looks costly enough
    to be compiled, at every batch, for far longer (half a second) than it runs."""
    fn = f"{name}_fn"
    return (
        f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql SET jit = off "
        f"AS $$\n"
        f"DECLARE {declare}\nBEGIN\n{body}\nEND $$",
        f"CREATE TRIGGER {name} AFTER INSERT ON {table} REFERENCING NEW TABLE AS {rows} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
    )


def _raise_pg(msg: str) -> str:
    return f"RAISE EXCEPTION '{PREFIX} {msg}' USING ERRCODE = 'check_violation';"


def _refusal_pg(msg: str) -> str:
    """A refusal as a PostgreSQL string literal, for a trigger that picks one of several."""
    return "'" + f"{PREFIX} {msg}".replace("'", "''") + "'"


# how a trigger raises the refusal it picked (held in its variable ``refusal``)
RAISE_REFUSAL_PG = ("IF refusal IS NOT NULL THEN\n"
                    "  RAISE EXCEPTION USING MESSAGE = refusal, ERRCODE = 'check_violation';\n"
                    "END IF;")


LINES_OF_NEW = "FROM journal_line WHERE entry_id = NEW.id"
# The checks of a whole entry, as the database makes them when a draft is flipped to posted
# (``ledger.ddl``) or an entry is inserted posted (``ledger.ddl_born_posted``): the body of
# a SQLite trigger (between BEGIN and END) and of a PL/pgSQL function (before its RETURN).
ENTRY_CHECKS_SQLITE = f"""  SELECT RAISE(ABORT, '{PREFIX} {MSG_TOO_FEW_LINES}')
    WHERE (SELECT COUNT(*) {LINES_OF_NEW}) < 2;
  SELECT RAISE(ABORT, '{PREFIX} {MSG_UNBALANCED}')
    WHERE (SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) {LINES_OF_NEW}) <> 0;
  SELECT RAISE(ABORT, '{PREFIX} {MSG_BAD_ACCOUNT}')
    WHERE EXISTS (SELECT 1 FROM journal_line l JOIN account a ON a.id = l.account_id
                  WHERE l.entry_id = NEW.id AND (a.is_header OR NOT a.active));
  SELECT RAISE(ABORT, '{PREFIX} {MSG_CLOSED_PERIOD}')
    WHERE EXISTS (SELECT 1 FROM fiscal_period p WHERE p.status = 'closed'
                  AND p.year = CAST(strftime('%Y', NEW.date) AS INTEGER)
                  AND p.month = CAST(strftime('%m', NEW.date) AS INTEGER));
  SELECT RAISE(ABORT, '{PREFIX} {MSG_LINE_DATE}')
    WHERE EXISTS (SELECT 1 {LINES_OF_NEW} AND entry_date <> NEW.date);"""
ENTRY_CHECKS_PG = f"""IF (SELECT COUNT(*) {LINES_OF_NEW}) < 2 THEN {_raise_pg(MSG_TOO_FEW_LINES)} END IF;
IF (SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) {LINES_OF_NEW}) <> 0 THEN
  {_raise_pg(MSG_UNBALANCED)} END IF;
IF EXISTS (SELECT 1 FROM journal_line l JOIN account a ON a.id = l.account_id
           WHERE l.entry_id = NEW.id AND (a.is_header OR NOT a.active)) THEN
  {_raise_pg(MSG_BAD_ACCOUNT)} END IF;
IF EXISTS (SELECT 1 FROM fiscal_period p WHERE p.status = 'closed'
           AND p.year = EXTRACT(YEAR FROM NEW.date) AND p.month = EXTRACT(MONTH FROM NEW.date)) THEN
  {_raise_pg(MSG_CLOSED_PERIOD)} END IF;
IF EXISTS (SELECT 1 {LINES_OF_NEW} AND entry_date <> NEW.date) THEN
  {_raise_pg(MSG_LINE_DATE)} END IF;
"""
