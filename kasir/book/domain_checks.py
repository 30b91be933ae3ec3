"""``verify`` knows the domain: the cooperative's rules checked on the book as it is.

No member's savings below zero on any day; each savings sub-ledger equal to its control
account (no line without its member); each receipt equal to its entry; each financing
contract equal to its payments and to its member's receivable (``financing.checks``); no owned account
moved by a foreign operation (since the book has known owners); every month closed or
open as its log says. Each finding names the member, entry or receipt.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from kasir.book.audit_checks import check_trail
from kasir.errors import N_
from kasir.financing.checks import check_financing
from kasir.receipts import queries as receipts
from kasir.savings import queries as savings
from kasir.settings import get_setting
from ledger import audit, movements
from ledger.audit import Finding

OWNERS_FROM = "owners_checked_after"  # posted_seq before the owners were enforced


def check_savings(s: Session) -> list[Finding]:
    findings: list[Finding] = []
    for product in savings.product_rows(s):
        for member, (day, balance) in sorted(movements.below_zero(
                s, product.account_code, credit_normal=True).items()):
            findings.append(Finding(N_("The {product} of member {member} is below zero on "
                                       "{date} ({balance})."),
                                    {"product": product.name_id, "member": member,
                                     "date": day.isoformat(), "balance": balance}))
        for entry in movements.lines_without_party(s, product.account_code)[:20]:
            findings.append(Finding(N_("Entry {entry} moves {product} ({code}) without naming "
                                       "the member: the members' balances no longer add up "
                                       "to the account."),
                                    {"entry": entry, "product": product.name_id,
                                     "code": product.account_code}))
    return findings


def check_receipts(s: Session) -> list[Finding]:
    return [Finding(p.template, p.params) for p in receipts.receipt_problems(s)]


def check_owners(s: Session) -> list[Finding]:
    return audit.check_owners(s, int(get_setting(s, OWNERS_FROM, "0") or 0))


# in the order their findings are told; ``verify`` may run them on two connections at once
CHECKS: tuple[Callable[[Session], list[Finding]], ...] = (
    check_savings, check_receipts, check_owners, audit.check_periods, check_financing,
    check_trail)
# those whose work is nearly all the database's own (sums over every line): worth running
# beside the hash chain, which is Python's
SQL_HEAVY = frozenset({check_savings, check_owners})


def check_domain(s: Session) -> list[Finding]:
    return [f for check in CHECKS for f in check(s)]
