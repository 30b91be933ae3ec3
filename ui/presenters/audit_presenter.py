"""The audit screen without Qt: the auditor's filters and the words of each change."""

from __future__ import annotations

import datetime as dt
import json

from kasir.book import trail
from kasir.book.trail import TrailRow
from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.uow import Book
from ledger.errors import N_
from ledger.money import Money

ACTIONS = {"insert": N_("added"), "update": N_("changed"), "delete": N_("deleted"),
           "baseline": N_("present at the start"), "import": N_("imported"),
           "sign_in": N_("signed in"), "refused": N_("refused")}
TABLES = {"anggota": N_("member"), "kelompok": N_("group"), "produk_simpanan": N_("product"),
          "book_setting": N_("setting"), "kuitansi": N_("receipt"),
          "fiscal_period": N_("month"), "period_event": N_("month's log"),
          "book_user": N_("user"), "book_user_event": N_("user's account"),
          "request": N_("request"), "imported_event": N_("import")}


def action_text(row: TrailRow) -> str:
    return _(ACTIONS[row.action]) if row.action in ACTIONS else row.action


def when_text(row: TrailRow) -> str:
    return trail.local_time(row.at).strftime("%d/%m/%Y %H:%M:%S")


def table_text(table: str) -> str:
    return _(TABLES[table]) if table in TABLES else table


def reason_text(row: TrailRow) -> str:
    """The reason in the reader's language: a refusal is worded from its template; a reason
    typed by a person (a reversal's, a reopening's) is shown as she typed it."""
    data = _data(row)
    template = data.get("message")
    if row.action == "refused" and isinstance(template, str):
        raw = data.get("params")
        params = {k: _(v["template"]) if isinstance(v, dict) and "template" in v else v
                  for k, v in (raw.items() if isinstance(raw, dict) else ())}
        try:
            return _(template).format(**params)
        except (KeyError, IndexError, ValueError):
            return row.reason
    return _(row.reason) if row.reason else ""


def _data(row: TrailRow) -> dict[str, object]:
    try:
        data = json.loads(row.data) if row.data else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# Columns of the audited tables that hold money in sen: shown as rupiah, as on paper.
MONEY_COLUMNS = frozenset({"amount", "default_amount", "wajib_amount"})
HIDDEN_COLUMNS = frozenset({"id", "password_hash"})  # a row number, and never a secret


def _value(key: str, value: object) -> str:
    if key in MONEY_COLUMNS and isinstance(value, int) and not isinstance(value, bool):
        return format_rupiah(Money(value))
    return str(value)


def change_text(row: TrailRow, limit: int = 160) -> str:
    """The row after the change, as ``field: value`` pairs (money as rupiah)."""
    if row.action == "refused":
        return ""  # its data is the refusal's wording, shown as the reason
    try:
        data = json.loads(row.data) if row.data else {}
    except ValueError:
        return row.data[:limit]
    if not isinstance(data, dict):
        return str(data)[:limit]
    text = ", ".join(f"{k}: {_value(k, v)}" for k, v in data.items()
                     if k not in HIDDEN_COLUMNS and v not in (None, ""))
    return text if len(text) <= limit else text[:limit - 1] + "…"


class AuditPresenter:
    """The filters chosen and the rows they give, newest first."""

    LIMIT = 500

    def __init__(self, book: Book) -> None:
        self.book = book
        self.rows: list[TrailRow] = []

    def days(self) -> tuple[dt.date, dt.date]:
        """The dates the filter opens on: from the trail's first day to its last or today."""
        today = self.book.clock.today()
        found = trail.span(self.book)
        return (min(found[0], today), max(found[1], today)) if found else (today, today)

    def choices(self) -> tuple[list[str], list[tuple[str, str]]]:
        users, tables = trail.people_and_tables(self.book)
        return users, [(table_text(t), t) for t in tables]

    def load(self, *, user: str = "", table: str = "", words: str = "",
             date_from: dt.date | None = None, date_to: dt.date | None = None) -> str:
        """Read the trail through the filters; the count line to show."""
        self.rows = trail.records(self.book, user=user, table=table, words=words,
                                  date_from=date_from, date_to=date_to, limit=self.LIMIT + 1)
        more = len(self.rows) > self.LIMIT
        self.rows = self.rows[:self.LIMIT]
        if more:
            return _("The newest {count} changes; narrow the filters to see older ones.").format(
                count=self.LIMIT)
        return _("{count} changes").format(count=len(self.rows))
