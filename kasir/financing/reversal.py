"""What reversing a financing operation must check and undo (``kasir.journal.reversals``).

A contract's money steps build on each other (the margin an installment
recognises depends on every payment before it), so only a contract's latest step
can be taken back; the reversal leaves the contract exactly as it was before that
step: its totals, its status, and after an akad its goods back in stock and its
down payment held again. The reversal adds a negated event row; nothing is
rewritten.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.financing.models import BEFORE_AKAD, TOTALS, Contract, FinancingEvent
from kasir.journal.reversals import Reversing, register
from ledger.schema import JournalEntry

KINDS = ("murabahah_down_payment", "murabahah_purchase", "murabahah_contract",
         "murabahah_cancel", "installment", "murabahah_settlement", "murabahah_writeoff",
         "writeoff_recovery", "qard_disbursed", "qard_repayment", "qard_writeoff")


def _event_of(s: Session, entry_id: int) -> FinancingEvent | None:
    key = s.scalar(select(JournalEntry.uuid).where(JournalEntry.id == entry_id))
    return s.scalar(select(FinancingEvent).where(FinancingEvent.entry_key == key,
                                                 FinancingEvent.reverses_id.is_(None)))


def _latest(s: Session, contract_id: int) -> FinancingEvent | None:
    """The contract's last step still standing (not a reversal, not reversed)."""
    undone = aliased(FinancingEvent)
    return s.scalars(
        select(FinancingEvent)
        .where(FinancingEvent.contract_id == contract_id,
               FinancingEvent.reverses_id.is_(None),
               ~select(undone.id).where(undone.reverses_id == FinancingEvent.id).exists())
        .order_by(FinancingEvent.id.desc()).limit(1)).first()


def only_the_latest(s: Session, entry: Reversing) -> None:
    ev = _event_of(s, entry.entry_id)
    if ev is None:
        return  # an entry from before contracts were kept (an old manual entry)
    latest = _latest(s, ev.contract_id)
    c = s.get(Contract, ev.contract_id)
    assert c is not None
    if latest is not None and latest.id != ev.id:
        raise KasirError(N_("Entry {entry} is not the latest step of contract {contract}: "
                            "reverse its later steps first."), entry=entry.label,
                         contract=c.number)


def restore_contract(s: Session, actor: Actor, entry: Reversing) -> None:
    ev = _event_of(s, entry.entry_id)
    if ev is None:
        return
    c = s.get(Contract, ev.contract_id)
    assert c is not None
    for name in TOTALS:
        setattr(c, name, getattr(c, name) - getattr(ev, name))
    c.down_payment_held -= ev.down_payment
    status_now = c.status
    c.status = ev.status_before
    if c.status in BEFORE_AKAD or c.status == "active":
        c.closed_on = None
    if ev.kind in ("akad", "disbursement"):
        c.schedule_version += 1  # a later rescheduling starts a version of its own
    key = s.scalar(select(JournalEntry.uuid).where(
        JournalEntry.reverses_entry_id == entry.entry_id))
    s.add(FinancingEvent(
        contract_id=c.id, entry_key=key, date=entry.day, kind="reversal",
        reverses_id=ev.id, status_before=status_now, created_by=actor.user,
        note=f"{ev.kind} {entry.label}",
        **{name: -getattr(ev, name) for name in TOTALS + ("tazir", "down_payment")}))
    s.flush()


for _kind in KINDS:
    register(_kind, check=only_the_latest, undo=restore_contract)
