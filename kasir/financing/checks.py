"""What ``verify`` checks of financing, beyond the arithmetic.

Each contract's running totals equal the sum of its events; each event's entry is in the
journal; each member's murabahah and qard receivable, deferred margin and down payment
in the journal equal what her contracts say; a signed contract's schedule adds up to
what she owes. Every finding names the contract or the member and the account.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.errors import N_
from kasir.financing.models import TOTALS, Contract, FinancingEvent, FinancingProduct, ScheduleLine
from kasir.members.models import Member
from ledger import queries
from ledger.audit import Finding
from ledger.money import Money
from ledger.schema import JournalEntry

MAX_NAMED = 20


def check_financing(s: Session) -> list[Finding]:
    contracts = list(s.scalars(select(Contract)))
    if not contracts:
        return []
    findings = _totals(s, contracts) + _entries(s) + _schedules(s, contracts)
    findings += _subledgers(s, contracts)
    return findings


def _totals(s: Session, contracts: list[Contract]) -> list[Finding]:
    sums = {cid: row for cid, *row in s.execute(
        select(FinancingEvent.contract_id,
               *(func.sum(getattr(FinancingEvent, n)) for n in TOTALS),
               func.sum(FinancingEvent.down_payment))
        .group_by(FinancingEvent.contract_id))}
    out = []
    for c in contracts:
        row = [int(v or 0) for v in sums.get(c.id, [0] * (len(TOTALS) + 1))]
        held = [getattr(c, n) for n in TOTALS] + [c.down_payment_held]
        if row != held:
            out.append(Finding(N_("Contract {contract}'s totals differ from its recorded "
                                  "payments: it was changed behind Kasir's back."),
                               {"contract": c.number}))
    return out[:MAX_NAMED]


def _entries(s: Session) -> list[Finding]:
    missing = s.execute(
        select(FinancingEvent.id, Contract.number)
        .join(Contract, Contract.id == FinancingEvent.contract_id)
        .outerjoin(JournalEntry, JournalEntry.uuid == FinancingEvent.entry_key)
        .where(FinancingEvent.entry_key.is_not(None), JournalEntry.id.is_(None))).all()
    return [Finding(N_("A payment recorded on contract {contract} has no entry in the "
                       "journal."), {"contract": number}) for _id, number in missing][:MAX_NAMED]


def _schedules(s: Session, contracts: list[Contract]) -> list[Finding]:
    sums = {(cid, ver): int(total) for cid, ver, total in s.execute(
        select(ScheduleLine.contract_id, ScheduleLine.version, func.sum(ScheduleLine.amount))
        .group_by(ScheduleLine.contract_id, ScheduleLine.version))}
    out = []
    for c in contracts:
        if c.status != "active":
            continue
        total = sums.get((c.id, c.schedule_version))
        if total is not None and total != c.price - c.down_payment:
            out.append(Finding(N_("The schedule of contract {contract} adds up to {total}, "
                                  "not the {owed} financed."),
                               {"contract": c.number, "total": Money(total),
                                "owed": Money(c.price - c.down_payment)}))
    return out[:MAX_NAMED]


def _subledgers(s: Session, contracts: list[Contract]) -> list[Finding]:
    products = {p.code: p for p in s.scalars(select(FinancingProduct))}
    numbers = dict(s.execute(select(Member.id, Member.number)).all())
    want: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in contracts:
        m = numbers[c.member_id]
        if c.down_payment_held:
            want[AccountRole.MURABAHAH_DOWN_PAYMENT][m] -= c.down_payment_held
        if c.status != "active":
            continue
        owed = c.price - c.down_payment - c.collected - c.cleared
        prod = products[c.product_code]
        receivable = (AccountRole.MAAL_QARD_RECEIVABLE if c.kind == "qard" and
                      c.fund == "kebajikan" else prod.receivable_account)
        want[receivable][m] += owed
        if c.kind == "murabahah":
            want[prod.deferred_margin_account][m] -= c.margin - c.recognized - c.margin_cleared
    accounts = {AccountRole.MURABAHAH_RECEIVABLE, AccountRole.DEFERRED_MARGIN,
                AccountRole.QARD_RECEIVABLE, AccountRole.MAAL_QARD_RECEIVABLE,
                AccountRole.MURABAHAH_DOWN_PAYMENT} | set(want)
    out = []
    for code in sorted(accounts):
        held = {k: v.sen for k, v in queries.party_balances(s, code).items() if v.sen}
        expected = {k: v for k, v in want.get(code, {}).items() if v}
        for member in sorted(set(held) | set(expected)):
            if held.get(member, 0) != expected.get(member, 0):
                out.append(Finding(N_("Account {code} of member {member} holds {held}, but "
                                      "her contracts say {expected}."),
                                   {"code": code, "member": member,
                                    "held": Money(held.get(member, 0)),
                                    "expected": Money(expected.get(member, 0))}))
    return out[:MAX_NAMED]
