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


def _raise_pg(msg: str) -> str:
    return f"RAISE EXCEPTION '{PREFIX} {msg}' USING ERRCODE = 'check_violation';"
