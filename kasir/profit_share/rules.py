"""Posting a month's profit sharing: each member's share (less the final tax) credited to
her mudharabah savings, in one entry, once (the figures come from ``queries.plan``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from kasir.accounts import CHANNELS, AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.members import rules as members
from kasir.profit_share.queries import ProfitSharePlan, next_key, standing_posting
from kasir.receipts.rules import OperationResult, issue_receipt
from kasir.savings.models import SavingsProduct
from ledger import movements, posting
from ledger.entry import EntryDraft, LineDraft
from ledger.posting import PostedRef


def post_plan(s: Session, actor: Actor, p: ProfitSharePlan) -> PostedRef:
    """Credit each member's share (less tax) to her mudharabah savings, in one entry; the
    share of a member who has left waits for her as a payable the cashier pays out, never
    on her closed savings account."""
    if standing_posting(s, p.year, p.month) is not None:
        raise KasirError(N_("The profit sharing of {period} has already been posted."),
                         period=f"{p.month:02d}/{p.year}")
    if not p.pool:
        raise KasirError(N_("There is no profit to share for {period}."),
                         period=f"{p.month:02d}/{p.year}")
    product = s.get(SavingsProduct, "mudharabah")
    assert product is not None
    lines = [LineDraft(AccountRole.PROFIT_SHARE_EXPENSE, debit=p.pool)]
    for ln in p.lines:
        account = AccountRole.PROFIT_SHARE_PAYABLE if ln.left else product.account_code
        if ln.gross:
            lines.append(LineDraft(account, credit=ln.gross, party_code=ln.member,
                                   memo="Bagi hasil"))
        if ln.tax:
            lines.append(LineDraft(account, debit=ln.tax, party_code=ln.member,
                                   memo="PPh final 10%"))
    if p.total_tax:
        lines.append(LineDraft(AccountRole.TAX_PAYABLE, credit=p.total_tax,
                               memo="PPh final bagi hasil"))
    memo = (f"Bagi hasil simpanan mudharabah {p.month:02d}/{p.year}: pendapatan "
            f"{p.income.plain()}, nisbah anggota {(Decimal(p.nisbah_bp) / 100).normalize():f}%")
    return posting.post(s, EntryDraft(p.last_day, memo, tuple(lines), operation="profit_share",
                                      uuid=next_key(s, p.year, p.month)), user=actor.user)


def pay_out(s: Session, actor: Actor, number: str, *, day: dt.date, channel: str = "cash",
            key: str | None = None) -> OperationResult:
    """Pay a member who has left the profit share that waited for her (2105), in cash or
    by bank, with its receipt."""
    member = members.get_member(s, number)
    owed = movements.lowest_balance_from(s, AccountRole.PROFIT_SHARE_PAYABLE, number, day,
                                         credit_normal=True)
    if not owed.is_positive():
        raise KasirError(N_("No profit share waits for {member} on {date}."), member=number,
                         date=day.strftime("%d/%m/%Y"))
    if channel not in CHANNELS:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    memo = f"Pembayaran bagi hasil tertahan {member.number} {member.name}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(AccountRole.PROFIT_SHARE_PAYABLE, debit=owed, party_code=number),
        LineDraft(CHANNELS[channel], credit=owed, party_code=number),
    ), operation="profit_share_payout", uuid=key), user=actor.user)
    if ref.duplicate:
        return OperationResult(ref, None, None)
    label, rid = issue_receipt(s, actor, ref, day, "out", member.party_id, owed, memo, channel)
    return OperationResult(ref, label, rid)
