"""Text formats of the reports: TSV, CSV and JSON, for people who check the
books with other tools.

Amounts are plain decimal rupiah with no thousands separator (``1234567`` or
``1234567.50``), dates ISO; JSON carries amounts as strings so no reader turns
them into floats. The columns are those of ``../shared/spec/cli.md``.

A spreadsheet opening a TSV or CSV file runs a cell that looks like a formula
(``=HYPERLINK(...)`` typed as a member's name or a memo). So a text cell that
begins with ``=``, ``+``, ``-``, ``@``, TAB or CR is written with a leading
``'``; the amount columns are never touched, so ``-1500`` stays a number. CSV
quotes every cell holding a line break of any kind (Python's ``csv`` module
leaves a lone CR bare when the line ends in LF), so no reader splits a row.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence

from kasir.i18n import language
from kasir.journal.queries import EntryDetail
from kasir.profit_share.queries import ProfitSharePlan
from kasir.savings.queries import SavingsBalanceRow
from ledger.money import Money
from ledger.queries import LedgerAccount, TrialBalance

TEXT_FORMATS = ("tsv", "csv", "json")

Row = dict[str, str]


def _cell(value: object) -> str:
    if isinstance(value, Money):
        return value.plain()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def trial_balance_rows(tb: TrialBalance) -> list[Row]:
    en = language() == "en"
    return [
        {"code": r.code, "name": r.name_en if en else r.name_id,
         "debit": _cell(r.debit), "credit": _cell(r.credit)}
        for r in tb.rows
    ]


TRIAL_BALANCE_COLUMNS = ("code", "name", "debit", "credit")
SAVINGS_BALANCE_COLUMNS = ("member_id", "name", "product", "balance")


def savings_balance_rows(rows: Sequence[SavingsBalanceRow]) -> list[Row]:
    return [{"member_id": r.member_id, "name": r.name, "product": r.product,
             "balance": _cell(r.balance)} for r in rows]
GENERAL_LEDGER_COLUMNS = ("date", "entry", "code", "member_id", "memo", "debit", "credit",
                          "balance")


def general_ledger_rows(accounts: list[LedgerAccount]) -> list[Row]:
    rows: list[Row] = []
    for acc in accounts:
        for ln in acc.lines:
            rows.append({
                "date": _cell(ln.date), "entry": ln.entry, "code": acc.code,
                "member_id": ln.party_code or "", "memo": ln.memo,
                "debit": _cell(ln.debit), "credit": _cell(ln.credit),
                "balance": _cell(ln.balance),
            })
    return rows


# the columns holding amounts (and the line number): plain numbers, never escaped
NUMBER_COLUMNS = frozenset({"debit", "credit", "balance", "adb", "share", "tax", "net",
                            "total", "line"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# every character str.splitlines() breaks on: a reader may end a row at any of them
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def safe_text(value: str) -> str:
    """Keep a text cell that starts like a formula from being run by a spreadsheet."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _text_cell(column: str, value: str) -> str:
    return value if column in NUMBER_COLUMNS else safe_text(value)


_TSV_SPACES = {ord(ch): " " for ch in LINE_BREAKS | {"\t"}}
_CSV_QUOTED = frozenset(LINE_BREAKS | {",", '"'})


def _csv_field(value: str) -> str:
    if not _CSV_QUOTED.isdisjoint(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def render(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: r[c] for c in columns} for r in rows], ensure_ascii=False,
                          indent=1) + "\n"
    buf = io.StringIO()
    if fmt == "tsv":
        buf.write("\t".join(columns) + "\n")
        for r in rows:
            buf.write("\t".join(_tsv_clean(_text_cell(c, r[c])) for c in columns) + "\n")
        return buf.getvalue()
    if fmt == "csv":
        buf.write(",".join(_csv_field(c) for c in columns) + "\n")
        for r in rows:
            buf.write(",".join(_csv_field(_text_cell(c, r[c])) for c in columns) + "\n")
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt}")


def _tsv_clean(value: str) -> str:
    """TSV has no quoting: a TAB or a line break inside a cell becomes a space."""
    return value.translate(_TSV_SPACES)


ENTRY_LINE_COLUMNS = ("line", "code", "name", "member_id", "debit", "credit", "memo")
PROFIT_SHARE_COLUMNS = ("member_id", "adb", "share", "tax", "net")


def entry_fields(detail: EntryDetail) -> Row:
    h = detail.header
    return {"entry": h.label, "date": _cell(h.date), "memo": h.memo, "operation": h.operation,
            "key": h.key, "posted_by": _cell(h.posted_by),
            "posted_at": h.posted_at.isoformat(timespec="seconds") if h.posted_at else "",
            "total": _cell(detail.total), "reverses": _cell(h.reverses),
            "reversal_reason": _cell(h.reversal_reason), "reversed_by": _cell(h.reversed_by),
            "reversed_because": _cell(h.reversed_because)}


def entry_line_rows(detail: EntryDetail) -> list[Row]:
    en = language() == "en"
    return [{"line": str(ln.line_no), "code": ln.account_code,
             "name": ln.account_name_en if en else ln.account_name_id,
             "member_id": ln.party_code or "", "debit": _cell(ln.debit or None),
             "credit": _cell(ln.credit or None), "memo": ln.memo or ""}
            for ln in detail.lines]


def render_entry(detail: EntryDetail, fmt: str) -> str:
    """One entry: its fields as ``field<TAB>value`` lines, a blank line, then its lines
    as a table (TSV); or one JSON object with a ``lines`` list."""
    fields, lines = entry_fields(detail), entry_line_rows(detail)
    if fmt == "json":
        return json.dumps({**fields, "lines": lines}, ensure_ascii=False, indent=1) + "\n"
    head = "".join(f"{k}\t{_tsv_clean(_text_cell(k, v))}\n" for k, v in fields.items())
    return head + "\n" + render(lines, ENTRY_LINE_COLUMNS, "tsv")


def profit_share_rows(plan: ProfitSharePlan) -> list[Row]:
    return [{"member_id": ln.member, "adb": _cell(ln.adb), "share": _cell(ln.gross),
             "tax": _cell(ln.tax), "net": _cell(ln.net)} for ln in plan.lines]


def render_profit_share(plan: ProfitSharePlan, fmt: str, entry: str | None = None) -> str:
    """Each member's share (TSV), or ``{"month", "income", "pool", "rows"}`` in JSON
    (with the ``entry`` that posted it, once posted)."""
    rows = profit_share_rows(plan)
    if fmt == "json":
        data: dict[str, object] = {"month": f"{plan.year}-{plan.month:02d}",
                                   "income": _cell(plan.income), "pool": _cell(plan.pool),
                                   "rows": rows}
        if entry:
            data["entry"] = entry
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return render(rows, PROFIT_SHARE_COLUMNS, fmt)
