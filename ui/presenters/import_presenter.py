"""What the import screen says, without Qt: the chosen file, the summary, the refusal.

An import is all or nothing (``kasir.imports``): a file is either in the book
whole, with events seen before skipped and counted, or refused whole, naming
the file, line and field of the first bad event. The screen says which, in
words a treasurer reads, and names each kind of event.
"""

from __future__ import annotations

from dataclasses import dataclass

from kasir.i18n import _, message
from kasir.imports.service import EventFile, ImportResult
from ledger.errors import N_, LedgerError

EVENT_NAMES = {
    "coop_founded": N_("Cooperative founded"),
    "group_created": N_("Group created"),
    "member_created": N_("Member joined"),
    "deposit": N_("Deposit"),
    "withdrawal": N_("Withdrawal"),
    "member_exit": N_("Member exit"),
    "zis_received": N_("Zakat, infaq or sadaqah received"),
    "zis_distributed": N_("Zakat, infaq or sadaqah distributed"),
    "kebajikan_disbursed": N_("Benevolence fund used"),
    "fund_used": N_("Education or social fund used"),
    "expense": N_("Expense"),
    "bank_profit_share": N_("Profit share from the bank"),
    "non_halal_received": N_("Non-halal income to the benevolence fund"),
    "cash_transfer": N_("Cash moved to or from the bank"),
    "asset_purchased": N_("Asset bought"),
    "depreciation": N_("Depreciation"),
    "asset_disposed": N_("Asset retired"),
}


def event_name(code: str) -> str:
    return _(EVENT_NAMES[code]) if code in EVENT_NAMES else code


def file_text(info: EventFile) -> str:
    """"uji.events.jsonl — 4 lines (1 KB)"."""
    size = max(1, (info.size + 1023) // 1024)
    return _("{file} — {lines} lines ({size} KB)").format(
        file=info.name, lines=f"{info.lines:,}".replace(",", "."), size=size)


def summary(result: ImportResult, explain: bool = True) -> str:
    """One line: what came in, what was posted, what was already there (and, when
    ``explain``, what a file imported before means)."""
    parts = [_("{count} events imported").format(count=result.imported),
             _("{count} entries posted").format(count=result.entries)]
    if result.skipped:
        parts.append(_("{count} skipped: already in the book").format(count=result.skipped))
    text = " · ".join(parts) + "."
    if explain and not result.imported and result.skipped:
        text += " " + _("Every event of this file had been imported before; nothing changed.")
    return text


@dataclass(frozen=True, slots=True)
class TypeRow:
    code: str
    name: str
    count: int


def type_rows(result: ImportResult) -> list[TypeRow]:
    """The events imported per kind, the most frequent first (ties in the file's order)."""
    return [TypeRow(code, event_name(code), count)
            for code, count in sorted(result.by_type.items(), key=lambda kv: -kv[1])]


def refusal(error: LedgerError) -> str:
    """The service's message in full (file:line: field: reason) and what it means."""
    return (message(error) + "\n" +
            _("Nothing was imported: the whole file was refused. Correct that line and "
              "import the file again."))
