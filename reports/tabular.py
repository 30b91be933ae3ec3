"""Text formats of the reports: TSV, CSV and JSON, for people who check the
books with other tools.

Amounts are plain decimal rupiah with no thousands separator (``1234567`` or
``1234567.50``), dates ISO; JSON carries amounts as strings so no reader turns
them into floats. The columns are those of ``../shared/spec/cli.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence

from kasir.i18n import language
from kasir.simpanan import SavingsBalanceRow
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


def _safe_spreadsheet_text(value: str) -> str:
    """Keep a cell that starts like a formula from being run by a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _is_number(value) else value


def _is_number(value: str) -> bool:
    return re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) is not None


def render(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: r[c] for c in columns} for r in rows], ensure_ascii=False,
                          indent=1) + "\n"
    buf = io.StringIO()
    if fmt == "tsv":
        buf.write("\t".join(columns) + "\n")
        for r in rows:
            buf.write("\t".join(_tsv_clean(r[c]) for c in columns) + "\n")
        return buf.getvalue()
    if fmt == "csv":
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_safe_spreadsheet_text(r[c]) for c in columns])
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt}")


def _tsv_clean(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
