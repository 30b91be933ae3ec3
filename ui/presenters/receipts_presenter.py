"""What the receipts list means, without Qt: the range, the words of each row,
the totals, and which receipt may be cancelled.

A receipt is never deleted or renumbered: cancelling it reverses its
operation (its journal entry) with a reason, and the receipt then prints
"DIBATALKAN". A cancelled receipt counts in no total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.receipts.queries import ReceiptRow
from ledger.errors import N_, LedgerError
from ledger.money import ZERO

DIRECTIONS = {"in": N_("In"), "out": N_("Out")}


class ReceiptsProblem(LedgerError):
    """Something on the receipts list that keeps an action from being done."""


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first of the previous month to today: this month's receipts and the last."""
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return first, today


def direction_text(row: ReceiptRow) -> str:
    return _(DIRECTIONS.get(row.direction, row.direction))


def member_text(row: ReceiptRow) -> str:
    return f"{row.member} {row.name}".strip()


def state_text(row: ReceiptRow) -> str:
    return _("cancelled") if row.cancelled else ""


def state_tooltip(row: ReceiptRow) -> str:
    if not row.cancelled:
        return ""
    text = _("reversed by {number}").format(number=row.reversed_by)
    if row.reversal_reason:
        text += " — " + _("reason: {reason}").format(reason=row.reversal_reason)
    return text


def check_range(date_from: dt.date, date_to: dt.date) -> ReceiptsProblem | None:
    if date_from > date_to:
        return ReceiptsProblem(N_("The first date comes after the last; swap them."))
    return None


def totals_text(rows: Sequence[ReceiptRow], limited: bool = False) -> str:
    """"12 receipts · in Rp… · out Rp…" (cancelled receipts count in no total)."""
    valid = [r for r in rows if not r.cancelled]
    money_in = sum((r.amount for r in valid if r.direction == "in"), ZERO)
    money_out = sum((r.amount for r in valid if r.direction == "out"), ZERO)
    text = _("{count} receipts · in {money_in} · out {money_out}").format(
        count=len(rows), money_in=format_rupiah(money_in), money_out=format_rupiah(money_out))
    cancelled = len(rows) - len(valid)
    if cancelled:
        text += " · " + _("{count} cancelled").format(count=cancelled)
    if limited:
        text += " · " + _("only the newest are shown; narrow the dates or search")
    return text


def cancel_refusal(row: ReceiptRow | None) -> ReceiptsProblem | None:
    """Why the selected receipt cannot be cancelled, before asking for a reason."""
    if row is None:
        return ReceiptsProblem(N_("Select the receipt first."))
    if row.cancelled:
        return ReceiptsProblem(N_("Receipt {receipt} was already cancelled by entry {entry}."),
                               receipt=row.label, entry=row.reversed_by)
    return None


def describe(row: ReceiptRow) -> str:
    """One line about a receipt for the cancel dialog."""
    return _("{receipt} of {date}: {direction} {amount} — {member}").format(
        receipt=row.label, date=row.date.strftime("%d/%m/%Y"), direction=direction_text(row),
        amount=format_rupiah(row.amount), member=member_text(row) or "-")
