"""Posting a month's profit sharing: each member's share (less the final tax) credited to
her mudharabah savings, in one entry, once (the figures come from ``queries.plan``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.profit_share.queries import ProfitSharePlan
from kasir.savings.models import SavingsProduct
from ledger import posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.posting import PostedRef


def post_plan(s: Session, actor: Actor, p: ProfitSharePlan) -> PostedRef:
    """Credit each member's share (less tax) to her mudharabah savings, in one entry."""
    if queries.entry_id_by_key(s, p.key) is not None:
        raise KasirError(N_("The profit sharing of {period} has already been posted."),
                         period=f"{p.month:02d}/{p.year}")
    if not p.pool:
        raise KasirError(N_("There is no profit to share for {period}."),
                         period=f"{p.month:02d}/{p.year}")
    product = s.get(SavingsProduct, "mudharabah")
    assert product is not None
    lines = [LineDraft(AccountRole.PROFIT_SHARE_EXPENSE, debit=p.pool)]
    for ln in p.lines:
        if ln.gross:
            lines.append(LineDraft(product.account_code, credit=ln.gross, party_code=ln.member,
                                   memo="Bagi hasil"))
        if ln.tax:
            lines.append(LineDraft(product.account_code, debit=ln.tax, party_code=ln.member,
                                   memo="PPh final 10%"))
    if p.total_tax:
        lines.append(LineDraft(AccountRole.TAX_PAYABLE, credit=p.total_tax,
                               memo="PPh final bagi hasil"))
    memo = (f"Bagi hasil simpanan mudharabah {p.month:02d}/{p.year}: pendapatan "
            f"{p.income.plain()}, nisbah anggota {(Decimal(p.nisbah_bp) / 100).normalize():f}%")
    return posting.post(s, EntryDraft(p.last_day, memo, tuple(lines), operation="profit_share",
                                      uuid=p.key), user=actor.user)
