"""What must be the same in a book and its copy (``kasir db copy``), and how they differ:
every table's rows, the posted entries, the trial balance account by account, the seal of
the audit chain's head, the schema and the protective triggers present."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.orm import Session

from kasir.book import migrate
from kasir.errors import N_
from ledger import queries
from ledger import seal as chain_seal
from ledger.audit import Finding
from ledger.ddl import SERVER_ONLY, present_triggers_sql
from ledger.money import Money
from ledger.seal import Seal


@dataclass(frozen=True, slots=True)
class Figures:
    """What must be the same in a book and its copy."""

    rows: dict[str, int]  # every table's rows, in the order they are copied
    entries: int  # posted journal entries
    balances: tuple[tuple[str, Money, Money], ...]  # trial balance: code, debit, credit
    seal: Seal  # the head of the audit chain
    revision: str | None
    triggers: frozenset[str]

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def figures_of(conn: Connection, tables: list[Table]) -> Figures:
    rows = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in tables}
    with Session(bind=conn) as s:
        tb = queries.trial_balance(s)
        entries = queries.count_posted(s)
        head = chain_seal.head(s)
    # less those PostgreSQL has of its own (keys SQLite keeps as keys): the same book on
    # either backend has the same protective triggers
    triggers = frozenset(str(r[0]) for r in conn.execute(
        text(present_triggers_sql(conn.dialect.name)))) - SERVER_ONLY
    return Figures(rows, entries, tuple((r.code, r.debit, r.credit) for r in tb.rows), head,
                   migrate.current_revision(conn), triggers)


def differences(source: Figures, copied: Figures) -> list[Finding]:
    """Every figure of the copy that is not the source's, named."""
    out: list[Finding] = []
    for table in sorted(set(source.rows) | set(copied.rows)):
        was, now = source.rows.get(table, 0), copied.rows.get(table, 0)
        if was != now:
            out.append(Finding(N_("Table {table}: {source} rows in the book, {copied} in the "
                                  "copy."), {"table": table, "source": was, "copied": now}))
    if source.entries != copied.entries:
        out.append(Finding(N_("Posted entries: {source} in the book, {copied} in the copy."),
                           {"source": source.entries, "copied": copied.entries}))
    was_tb = {code: (d, c) for code, d, c in source.balances}
    now_tb = {code: (d, c) for code, d, c in copied.balances}
    zero = (Money(0), Money(0))
    for code in sorted(set(was_tb) | set(now_tb)):
        was_dc, now_dc = was_tb.get(code, zero), now_tb.get(code, zero)
        if was_dc != now_dc:
            out.append(Finding(N_("Account {code}: debit {debit} and credit {credit} in the "
                                  "book, debit {copy_debit} and credit {copy_credit} in the "
                                  "copy."),
                               {"code": code, "debit": was_dc[0], "credit": was_dc[1],
                                "copy_debit": now_dc[0], "copy_credit": now_dc[1]}))
    if source.seal != copied.seal:
        out.append(Finding(N_("The book's seal is {source}, the copy's {copied}: their audit "
                              "chains differ."),
                           {"source": str(source.seal), "copied": str(copied.seal)}))
    if source.revision != copied.revision:
        out.append(Finding(N_("The book's schema is {source}, the copy's {copied}."),
                           {"source": source.revision or "-", "copied": copied.revision or "-"}))
    for name in sorted(source.triggers - copied.triggers):
        out.append(Finding(N_("The protective trigger {name} is missing from the database."),
                           {"name": name}))
    return out
