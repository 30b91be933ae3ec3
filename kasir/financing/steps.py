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
    if d is None:
        s.flush()
        return PostResult("", 0, None, None)
    ref = posting.post(s, d, user=actor.user)
    s.flush()
    label, rid = None, None
    if receipt is not None and receipt[1].is_positive():
        direction, amount, purpose, channel, payer = receipt
        party = members.get_member(s, payer).party_id if payer else None
        label, rid = issue_receipt(s, actor, ref, d.date, direction, party, amount, purpose,
                                   channel)
    return PostResult(ref.label, ref.id, label, rid)
