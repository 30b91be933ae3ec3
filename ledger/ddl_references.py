"""Migration 0013: on PostgreSQL, a line's account and party are checked once a statement.

A foreign key on PostgreSQL checks each inserted row on its own: a query for the row's
account and another for its party, each planned, started and locking the row it finds.
Bulk posting a million lines made two million of them, a quarter of the server's work
while an import ran (profiled with ``perf``). On PostgreSQL the two foreign keys of
``journal_line`` (``fk_journal_line_account_id_account``, ``fk_journal_line_party_id_party``)
become triggers that do what the keys did, in the same words and with the same error
code (``foreign_key_violation``), for all the rows of a statement at once:

- lines inserted (an INSERT, a COPY): each account and party they name is looked up
  once by its key and locked ``FOR KEY SHARE``, as a foreign key locks them, so
  that no one deletes one before the lines are committed; a line naming one that does
  not exist is refused (``trg_line_insert_check``, before its other checks, as the keys'
  row checks ran before it);
- a line whose account or party is changed: the new one must exist (``trg_line_refs_checked``);
- an account or a party a line names can be neither deleted nor given another id
  (``trg_account_kept``, ``trg_party_kept``).

The line's key to its entry stayed a foreign key (deferred to the commit: a posted line
comes before its entry) until 0014 (``ledger.ddl_waiting``), and SQLite keeps all three keys: its checks are cheap. On
SQLite the three guards are triggers too, refusing what the keys refuse: the same
guards on both backends, and on SQLite they also hold on a connection that has not
switched foreign keys on (a raw SQL tool).
"""

from __future__ import annotations

from ledger.ddl_base import Trigger, _pg, _pg_per_statement
from ledger.ddl_per_statement import _LINE_CHECKS, PER_STATEMENT

# (column of the line, table it names, the foreign key's name)
_REFERENCES = (("account_id", "account", "fk_journal_line_account_id_account"),
               ("party_id", "party", "fk_journal_line_party_id_party"))
# the foreign keys PostgreSQL carries by these triggers (``ddl.KEYS_BY_TRIGGER``)
REFERENCE_KEYS = frozenset(key for _column, _table, key in _REFERENCES)

_SQLITE_REFUSAL = "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed')"


def key_refusal(key: str, detail: str) -> str:
    """PostgreSQL's own words for lines naming what is not there, as the foreign key ``key``
    refused them; ``detail``: a PL/pgSQL expression."""
    return (f"RAISE EXCEPTION 'insert or update on table \"journal_line\" violates foreign "
            f"key constraint \"{key}\"' USING ERRCODE = 'foreign_key_violation', "
            f"DETAIL = {detail}, CONSTRAINT = '{key}';")


def missing_row_refusal(column: str, table: str, key: str, value: str) -> str:
    """A line naming a row that is not there: its key's words and the value named."""
    return key_refusal(key, f"format('Key ({column})=(%s) is not present in table "
                            f"\"{table}\".', {value})")


def _statement_check(column: str, table: str, key: str) -> str:
    """The rows the statement's lines name, each looked up by its key and locked as a
    foreign key locks it (whatever the plan cached at a book's first batch: a list of ids
    compared with every row of a table would grow with the table); if fewer than named,
    the line of lowest id naming a missing one is refused."""
    return f"""SELECT count(*), count(k.id) INTO wanted, there
  FROM (SELECT DISTINCT {column} AS id FROM new_lines WHERE {column} IS NOT NULL) n
  LEFT JOIN LATERAL (SELECT id FROM {table} WHERE id = n.id FOR KEY SHARE OFFSET 0) k ON true;
IF there < wanted THEN
  SELECT l.{column} INTO missing FROM new_lines l
    WHERE l.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {table} WHERE id = l.{column})
    ORDER BY l.id LIMIT 1;
  {missing_row_refusal(column, table, key, "missing")}
END IF;
"""


# the lines' accounts and parties, checked before the other checks of their statement
REFERENCE_CHECKS = "".join(_statement_check(*ref) for ref in _REFERENCES)

_LINE_INSERT_CHECK_PG = _pg_per_statement(
    "trg_line_insert_check", "journal_line", "new_lines",
    "refusal text; wanted bigint; there bigint; missing bigint;",
    REFERENCE_CHECKS + _LINE_CHECKS)

# the born-posted triggers as 0013 leaves them: on PostgreSQL the lines' check also checks
# what they name; on SQLite the very triggers of 0011
CHECKED_ONCE: tuple[Trigger, ...] = tuple(
    Trigger(t.name, t.table, t.sqlite, _LINE_INSERT_CHECK_PG)
    if t.name == "trg_line_insert_check" else t for t in PER_STATEMENT)
LINE_INSERT_CHECKS = tuple(t for t in CHECKED_ONCE if t.name == "trg_line_insert_check")


def _line_refs_checked() -> Trigger:
    pg_body = "".join(
        f"""IF NEW.{column} IS NOT NULL THEN
  PERFORM 1 FROM {table} WHERE id = NEW.{column} FOR KEY SHARE;
  IF NOT FOUND THEN {missing_row_refusal(column, table, key, f"NEW.{column}")} END IF;
END IF;
""" for column, table, key in _REFERENCES) + "RETURN NEW;"
    missing = " OR ".join(
        f"(NEW.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {table} "
        f"WHERE id = NEW.{column}))" for column, table, _key in _REFERENCES)
    return Trigger(
        "trg_line_refs_checked", "journal_line",
        f"""CREATE TRIGGER trg_line_refs_checked
BEFORE UPDATE OF account_id, party_id ON journal_line
WHEN {missing}
BEGIN {_SQLITE_REFUSAL}; END""",
        _pg("trg_line_refs_checked", "journal_line",
            "BEFORE UPDATE OF account_id, party_id", pg_body))


def kept(table: str, column: str, key: str, *, on_sqlite: bool = True) -> Trigger:
    """A row lines name can be neither deleted nor given another id (the key's NO ACTION).
    On PostgreSQL the check runs once the row is locked: a transaction that has just
    inserted lines naming it holds it ``FOR KEY SHARE`` until it ends. ``on_sqlite=False``:
    PostgreSQL's only (on SQLite the foreign key does it)."""
    name = f"trg_{table}_kept"
    pg_body = f"""IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id)
   AND EXISTS (SELECT 1 FROM journal_line WHERE {column} = OLD.id) THEN
  RAISE EXCEPTION 'update or delete on table "{table}" violates foreign key constraint "{key}" on table "journal_line"'
    USING ERRCODE = 'foreign_key_violation',
    DETAIL = format('Key (id)=(%s) is still referenced from table "journal_line".', OLD.id),
    CONSTRAINT = '{key}';
END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
RETURN NEW;"""
    sqlite = f"""CREATE TRIGGER {name} BEFORE DELETE ON {table}
WHEN EXISTS (SELECT 1 FROM journal_line WHERE {column} = OLD.id)
BEGIN {_SQLITE_REFUSAL}; END"""
    return Trigger(name, table, sqlite if on_sqlite else "",
                   _pg(name, table, "BEFORE DELETE OR UPDATE OF id", pg_body))


REFERENCE_GUARDS: tuple[Trigger, ...] = (
    _line_refs_checked(),
    *(kept(table, column, key) for column, table, key in _REFERENCES),
)
