"""What the general journal may post: only its own accounts, and never against the two
guard-rails of domain.md §2.1.

An account another service owns (a member's savings, a contract's balance, a fund) moves
only through that service, where its rules are checked; the refusal names the screen to
use instead. Whoever posts, money from a conventional bank (interest) and a fine (ta'zir)
are never credited to income: both belong to the benevolence fund.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole, Owner
from kasir.errors import N_, KasirError
from kasir.i18n import Reason
from ledger import queries
from ledger.entry import EntryDraft

# Where a treasurer posts to an account the general journal does not own.
OWNER_SCREENS = {
    Owner.SAVINGS: N_("the cashier page (Kasir)"),
    Owner.PROFIT_SHARE: N_("the profit-sharing page (Bagi Hasil)"),
    Owner.FINANCING: N_("the financing pages"),
    Owner.FUNDS: N_("the ZIS and benevolence-fund operations"),
    Owner.CASH_COUNT: N_("the daily cash count (Kas Harian)"),
    Owner.CLOSING: N_("the year-end close"),
}
# Words that say a receipt is a late-payment fine (denda, ta'zir) or bank interest (bunga).
FINE_WORDS = re.compile(r"\b(denda|ta.?zir|bunga|fine|interest|riba)\b", re.IGNORECASE)


def check_general_journal(s: Session, draft: EntryDraft) -> None:
    """Refuse a manual entry that moves an owned account or breaks a guard-rail."""
    chart = {a.code: a for a in queries.chart(s)}
    for no, line in enumerate(draft.lines, start=1):
        account = chart.get(line.account_code)
        if account is not None and account.owner != Owner.JOURNAL:
            where = OWNER_SCREENS.get(Owner(account.owner), N_("its own page"))
            raise KasirError(N_("Line {line}: account {code} {name} is kept by its own "
                                "service; post it from {where}, not in the general journal."),
                             line=no, code=account.code, name=account.name_id,
                             where=Reason(where, {}))
    check_guard_rails(draft, {code: a.account_class for code, a in chart.items()})


def check_guard_rails(draft: EntryDraft, classes: dict[str, str]) -> None:
    """Conventional-bank money and fines are never credited to income (domain §2.1)."""
    income = [ln for ln in draft.lines if ln.credit and classes.get(ln.account_code) == "income"]
    if not income:
        return
    if any(ln.debit and ln.account_code == AccountRole.CONVENTIONAL_BANK for ln in draft.lines):
        raise KasirError(N_("Money from a conventional bank is interest and never income: "
                            "post it to the benevolence fund (2121) as a non-halal receipt."))
    texts = [draft.memo, *(ln.memo or "" for ln in draft.lines)]
    if any(FINE_WORDS.search(t) for t in texts):
        raise KasirError(N_("A fine (denda, ta'zir) or interest is never income: it goes to "
                            "the benevolence fund (2121)."))
