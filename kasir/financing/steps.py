"""Posting one financing step in the caller's unit of work: its entry, its event row,
and its receipt where money changed hands (the desk, the group meeting, the akad)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.financing.models import StepEvent
from kasir.members import rules as members
from kasir.receipts.rules import PostResult, issue_receipt
from ledger import posting
from ledger.entry import EntryDraft
from ledger.money import Money

Receipt = tuple[str, Money, str, str, str]  # direction, amount, purpose, channel, payer


def post_step(s: Session, actor: Actor, step: tuple[EntryDraft | None, StepEvent],
              receipt: tuple[str, Money, str, str, str] | None = None,
              key: str | None = None) -> PostResult:
    """Post a step's entry, keep its event, issue its receipt: (direction, amount, purpose,
    channel, payer's member number). ``key``, the operation key the screen made, becomes
    the entry's key, so asking again finds this posting (the caller checks first)."""
    d, ev = step
    if d is not None and key:
        d = replace(d, uuid=key)
        ev.entry_key = key
    s.add(ev.orm())
    paid = receipt is not None and receipt[1].is_positive()
    payer = receipt[4] if receipt is not None else ""
    party = members.get_member(s, payer).party_id if paid and payer else None
    # The contract, its event and the payer are written and read before the posting: from
    # the journal's head to the commit, other cashiers queue behind this one (the event
    # finds its entry by the entry's key, which the draft already carries).
    s.flush()
    if d is None:
        return PostResult("", 0, None, None)
    ref = posting.post(s, d, user=actor.user)
    label, rid = None, None
    if paid and receipt is not None:
        direction, amount, purpose, channel, _payer = receipt
        label, rid = issue_receipt(s, actor, ref, d.date, direction, party, amount, purpose,
                                   channel)
    return PostResult(ref.label, ref.id, label, rid)
