"""What the other features may ask of financing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from ledger import queries
from ledger.money import ZERO, Money

# Accounts on which a member may owe the cooperative: murabahah, qard, maal qard.
RECEIVABLES = (AccountRole.MURABAHAH_RECEIVABLE, AccountRole.QARD_RECEIVABLE,
               AccountRole.MAAL_QARD_RECEIVABLE)


def outstanding(s: Session, number: str) -> Money:
    """What the member still owes on every financing receivable (debit-positive)."""
    return sum((queries.balance(s, code, None, number) for code in RECEIVABLES), ZERO)
