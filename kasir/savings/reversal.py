"""What reversing a savings operation must check and undo (``kasir.journal.reversals``).

Reversing takes back what the operation gave: a deposit already withdrawn
cannot simply be taken back, so a reversal is refused when it would leave a
member's savings below zero. A reversed exit puts her balances back on her
accounts, and makes her an active member again.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.journal.reversals import Reversing, register
from kasir.members import rules as members
from kasir.savings.rules import covered_from, products
from ledger.money import Money

# Operations whose reversal takes money back out of savings. "manual": entries of
# older books, typed into the general journal before savings had their own screens.
TAKES_BACK = ("deposit", "transfer", "wadiah_bonus", "manual")


def savings_stay_covered(s: Session, entry: Reversing) -> None:
    """Refuse the reversal if any member's savings would go below zero."""
    savings = {p.account_code: p for p in products(s).values()}
    taken: dict[tuple[str, str], int] = {}
    for ln in entry.lines:
        if ln.account_code in savings and ln.party_code:
            key = (ln.account_code, ln.party_code)
            taken[key] = taken.get(key, 0) + ln.credit.sen - ln.debit.sen
    for (code, member), sen in sorted(taken.items()):
        if sen <= 0:
            continue
        held = covered_from(s, member, code, entry.day)
        if held >= Money(sen):
            continue
        facts = dict(member=member, balance=held, product=savings[code].name_id,
                     amount=Money(sen))
        if entry.receipt is not None:
            raise KasirError(N_("Receipt {receipt} cannot be cancelled: {member} has only "
                                "{balance} left in {product}, less than the {amount} the "
                                "cancellation takes back."), receipt=entry.receipt, **facts)
        raise KasirError(N_("Entry {entry} cannot be reversed: {member} has only "
                            "{balance} left in {product}, less than the {amount} the "
                            "reversal takes back."), entry=entry.label, **facts)


def reactivate_member(s: Session, actor: Actor, entry: Reversing) -> None:
    number = next((ln.party_code for ln in entry.lines if ln.party_code), None)
    if number is not None:
        members.reactivate(members.get_member(s, number))
        s.flush()


for _kind in TAKES_BACK:
    register(_kind, check=savings_stay_covered)
register("member_exit", undo=reactivate_member)
