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
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from kasir.i18n import language
from ledger.money import Money

if TYPE_CHECKING:  # names for the hints only: a trial balance in TSV loads no feature
    from kasir.financing.portfolio import Portfolio
    from kasir.financing.queries import ContractPage, ContractRow
    from kasir.journal.queries import EntryDetail
    from kasir.meetings.queries import Sheet
    from kasir.profit_share.queries import ProfitSharePlan
    from kasir.savings.queries import SavingsBalanceRow
    from ledger.queries import LedgerAccount, LedgerLine
    from ledger.trial_balance import TrialBalance

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
    return list(general_ledger_stream(
        (acc.code, ln) for acc in accounts for ln in acc.lines))


def general_ledger_stream(lines: Iterable[tuple[str, LedgerLine]]) -> Iterator[Row]:
    """The general ledger's rows one at a time, from ``ledger.queries.general_ledger_lines``."""
    for code, ln in lines:
        yield {
            "date": ln.date.isoformat(), "entry": ln.entry, "code": code,
            "member_id": ln.party_code or "", "memo": ln.memo,
            "debit": ln.debit.plain(), "credit": ln.credit.plain(),
            "balance": ln.balance.plain(),
        }


# the columns holding amounts (and the line number): plain numbers, never escaped
NUMBER_COLUMNS = frozenset({"debit", "credit", "balance", "adb", "share", "tax", "net",
                            "total", "line", "price", "paid", "outstanding",
                            "deferred_margin", "days_past_due", "contracts", "ppap_rate",
                            "ppap_required", "savings_due", "installment_due", "arrears",
                            "amount", "principal", "margin", "cost", "down_payment",
                            "admin_fee", "tazir", "installment", "settle_pays", "tenor",
                            "seq", "next_amount"})
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
# a row holding none of these (beyond its separators) is written as it is
_TSV_BAD = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS))) + "]")
_CSV_BAD = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS)) + '"') + "]")


def _csv_field(value: str) -> str:
    if not _CSV_QUOTED.isdisjoint(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def render(rows: Iterable[Row], columns: Sequence[str], fmt: str) -> str:
    buf = io.StringIO()
    write_table(rows, columns, fmt, buf)
    return buf.getvalue()


def write_table(rows: Iterable[Row], columns: Sequence[str], fmt: str, out: TextIO) -> None:
    """``rows`` written to ``out`` one at a time as they come (a generator over a whole
    book never sits in memory); the same text ``render`` returns."""
    if fmt == "json":
        _write_json(rows, columns, out)
        return
    if fmt not in ("tsv", "csv"):
        raise ValueError(f"unknown format {fmt}")
    write = out.write
    sep = "\t" if fmt == "tsv" else ","
    write(sep.join(columns if fmt == "tsv" else map(_csv_field, columns)) + "\n")
    texts = [c for c in columns if c not in NUMBER_COLUMNS]
    bad = _TSV_BAD if fmt == "tsv" else _CSV_BAD
    seps = len(columns) - 1
    for r in rows:
        if any(r[c].startswith(FORMULA_STARTS) for c in texts):
            line = None
        else:  # the common case: every cell as it is
            line = sep.join([r[c] for c in columns])
            # a row whose cells need no cleaning holds exactly the separators
            if line.count(sep) != seps or bad.search(line):
                line = None
        if line is None:
            if fmt == "tsv":
                line = "\t".join(_tsv_clean(_text_cell(c, r[c])) for c in columns)
            else:
                line = ",".join(_csv_field(_text_cell(c, r[c])) for c in columns)
        write(line + "\n")


def _write_json(rows: Iterable[Row], columns: Sequence[str], out: TextIO) -> None:
    """``json.dumps(list_of_rows, ensure_ascii=False, indent=1)`` and a newline, written
    row by row."""
    keys = [json.dumps(c, ensure_ascii=False) for c in columns]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    first = True
    for r in rows:
        out.write("[\n {\n" if first else ",\n {\n")
        first = False
        out.write(",\n".join(f"  {k}: {dumps(r[c])}" for k, c in zip(keys, columns,
                                                                       strict=True)))
        out.write("\n }")
    out.write("[]\n" if first else "\n]\n")


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


# --- financing (cli.md: financing, collectibility, collection-sheet) -----------------

FINANCING_COLUMNS = ("contract_id", "kind", "member_id", "date", "price", "paid", "outstanding",
                     "deferred_margin", "days_past_due", "collectibility")
COLLECTIBILITY_COLUMNS = ("class", "contracts", "outstanding", "ppap_rate", "ppap_required")
COLLECTION_SHEET_COLUMNS = ("group_id", "member_id", "name", "savings_due", "installment_due",
                            "arrears")


def financing_rows(rows: Sequence[ContractRow], classes: dict[str, str]) -> list[Row]:
    """One row per open contract; ``classes`` maps a contract to its collectibility class
    (a contract the portfolio leaves out, a qard from the benevolence fund, has none)."""
    return [{"contract_id": r.number, "kind": r.kind, "member_id": r.member, "name": r.name,
             "date": _cell(r.akad_on), "price": _cell(r.price), "paid": _cell(r.paid),
             "outstanding": _cell(r.outstanding), "deferred_margin": _cell(r.deferred_margin),
             "days_past_due": str(r.days_past_due), "collectibility": classes.get(r.number, "")}
            for r in rows]


def rate_percent(rate_bp: int) -> str:
    """A rate in basis points as a plain percent with two decimals: 50 -> ``0.50``."""
    return f"{rate_bp // 100}.{rate_bp % 100:02d}"


def collectibility_rows(p: Portfolio) -> list[Row]:
    """One row per class of the table in force; ``outstanding`` is the principal (the
    allowance's base) and ``ppap_rate`` a percent."""
    return [{"class": r.name, "contracts": str(r.contracts), "outstanding": _cell(r.outstanding),
             "ppap_rate": rate_percent(r.rate_bp), "ppap_required": _cell(r.required)}
            for r in p.rows]


def collection_sheet_rows(sheets: Sequence[Sheet]) -> list[Row]:
    return [{"group_id": r.group, "member_id": r.member, "name": r.name,
             "savings_due": _cell(r.savings_due), "installment_due": _cell(r.installment_due),
             "arrears": _cell(r.arrears)} for sh in sheets for r in sh.rows]


CONTRACT_LIST_COLUMNS = ("contract_id", "kind", "member_id", "name", "group_id", "status",
                         "date", "price", "paid", "outstanding", "arrears", "days_past_due",
                         "next_due", "next_amount")
SCHEDULE_COLUMNS = ("seq", "due_date", "amount", "principal", "margin", "paid", "state")
EVENT_COLUMNS = ("date", "kind", "amount", "margin", "tazir", "payer", "entry", "reversed")


def contract_list_rows(rows: Sequence[ContractRow]) -> list[Row]:
    return [{"contract_id": r.number, "kind": r.kind, "member_id": r.member, "name": r.name,
             "group_id": r.group, "status": r.status, "date": _cell(r.akad_on),
             "price": _cell(r.price), "paid": _cell(r.paid), "outstanding": _cell(r.outstanding),
             "arrears": _cell(r.arrears), "days_past_due": str(r.days_past_due),
             "next_due": _cell(r.next_due), "next_amount": _cell(r.next_amount)}
            for r in rows]


def contract_fields(page: ContractPage) -> Row:
    r = page.row
    return {"contract_id": r.number, "kind": r.kind, "product": r.product,
            "member_id": r.member, "name": r.name, "group_id": r.group, "status": r.status,
            "goods": r.goods, "supplier": page.supplier, "date": _cell(r.akad_on),
            "cost": _cell(page.cost), "margin": _cell(page.margin), "price": _cell(r.price),
            "down_payment": _cell(r.down_payment), "admin_fee": _cell(page.admin_fee),
            "tazir": _cell(r.tazir), "tenor": str(r.tenor), "frequency": page.frequency,
            "installment": _cell(r.installment), "margin_method": page.margin_method,
            "flat_rate_year": page.flat_rate_year,
            "effective_rate_year": page.effective_rate_year, "paid": _cell(r.paid),
            "outstanding": _cell(r.outstanding), "deferred_margin": _cell(r.deferred_margin),
            "arrears": _cell(r.arrears), "days_past_due": str(r.days_past_due),
            "next_due": _cell(r.next_due), "settle_pays": _cell(page.settle_pays)}


def render_contract(page: ContractPage, fmt: str) -> str:
    """One contract: its fields as ``field<TAB>value`` lines, a blank line, its schedule as
    a table, a blank line, its events as a table (TSV); or one JSON object with
    ``schedule`` and ``events`` lists."""
    fields = contract_fields(page)
    schedule = [{"seq": str(x.seq), "due_date": _cell(x.due_date), "amount": _cell(x.amount),
                 "principal": _cell(x.principal), "margin": _cell(x.margin),
                 "paid": _cell(x.paid), "state": x.state} for x in page.schedule]
    events = [{"date": _cell(e.date), "kind": e.kind, "amount": _cell(e.amount),
               "margin": _cell(e.margin), "tazir": _cell(e.tazir), "payer": e.payer,
               "entry": e.entry, "reversed": "yes" if e.reversed else ""}
              for e in page.events]
    if fmt == "json":
        return json.dumps({**fields, "schedule": schedule, "events": events},
                          ensure_ascii=False, indent=1) + "\n"
    head = "".join(f"{k}\t{_tsv_clean(_text_cell(k, v))}\n" for k, v in fields.items())
    return (head + "\n" + render(schedule, SCHEDULE_COLUMNS, "tsv") + "\n"
            + render(events, EVENT_COLUMNS, "tsv"))
