"""Monthly profit sharing (bagi hasil) on mudharabah savings — never interest.

Revenue sharing on a cash basis (DSN-MUI fatwas 14 and 15/2000; domain §1.3):

1. each member's average daily balance (ADB) of the month: the sum of her
   end-of-day balances divided by the days of the month (days before she
   opened count as zero, so a partial month weighs only the days held);
2. the income to share is the financing and bank profit income actually
   received in cash that month (margin, financing profit share, bank profit
   share);
3. the part attributable to mudharabah funds is that income times the ratio of
   their ADB to the ADB of the productive funds (financing and mudharabah bank
   placements), never more than the whole, less an optional reserve;
4. the depositors' pool is that part times the members' nisbah;
5. the pool is split by each member's balance-days (largest remainder, so the
   parts sum exactly to the pool), and the final tax of PP 15/2009 is withheld:
   nothing up to Rp240.000 a month, 10% of the whole share above that.

The result is only ever known after the month's income: nothing here is a
promised rate, and the equivalent rate is never stored.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.errors import N_, KasirError
from kasir.members import queries as members
from kasir.savings.models import SavingsProduct
from ledger import movements, queries
from ledger.money import ZERO, Money

# Income shared: margin, financing profit share, bank profit share.
INCOME_ACCOUNTS = (AccountRole.MARGIN_INCOME, AccountRole.FINANCING_PROFIT_SHARE_INCOME,
                   AccountRole.BANK_PROFIT_SHARE_INCOME)
# Productive funds: financing (murabahah net of its deferred margin) and mudharabah placements.
# 1302 (deferred margin) is credit-normal, so its debit-positive balance nets the receivable.
PRODUCTIVE = (AccountRole.MURABAHAH_RECEIVABLE, AccountRole.DEFERRED_MARGIN,
              AccountRole.QARD_RECEIVABLE, AccountRole.MUDHARABAH_FINANCING,
              AccountRole.MUSYARAKAH_FINANCING, AccountRole.IJARAH_RECEIVABLE,
              AccountRole.BANK_MUDHARABAH)
TAX_FREE_LIMIT = Money.rupiah(240_000)
TAX_RATE_PERCENT = 10


@dataclass(frozen=True, slots=True)
class ShareLine:
    member: str
    name: str
    balance_days: int  # sen x days
    adb: Money
    gross: Money
    tax: Money
    left: bool = False  # she left before the posting: her share waits as a payable (2105)

    @property
    def net(self) -> Money:
        return self.gross - self.tax


@dataclass(frozen=True, slots=True)
class ProfitSharePlan:
    year: int
    month: int
    days: int
    income: Money
    mudharabah_adb: Money
    productive_adb: Money
    portion: Money
    reserve_bp: int
    nisbah_bp: int
    pool: Money
    lines: tuple[ShareLine, ...]

    @property
    def total_tax(self) -> Money:
        return sum((ln.tax for ln in self.lines), ZERO)

    @property
    def key(self) -> str:
        return plan_key(self.year, self.month)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.days)


def plan_key(year: int, month: int) -> str:
    """The key of a month's profit sharing; a posting after a reversal adds ``-2``, ``-3``:
    while one posting of the month stands, no other can be made."""
    return f"bagi-hasil-{year}-{month:02d}"


def month_postings(s: Session, year: int, month: int) -> list[queries.KeyedEntry]:
    """Every posting of the month's profit sharing, standing or reversed."""
    base = plan_key(year, month)
    return [e for e in queries.entries_keyed(s, base)
            if e.key == base or e.key.removeprefix(base + "-").isdigit()]


def standing_posting(s: Session, year: int, month: int) -> int | None:
    """The entry that posted the month's profit sharing and was not reversed, if any."""
    return next((e.id for e in month_postings(s, year, month) if e.reversed_by is None), None)


def next_key(s: Session, year: int, month: int) -> str:
    done = month_postings(s, year, month)
    base = plan_key(year, month)
    return base if not done else f"{base}-{len(done) + 1}"


def _month(year: int, month: int) -> tuple[dt.date, dt.date, int]:
    if not (1 <= month <= 12 and 1990 <= year <= 2099):
        raise KasirError(N_("{month}/{year} is not a valid month."), month=month, year=year)
    days = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, days), days


def plan(s: Session, year: int, month: int, *, income: Money | None = None,
         reserve_bp: int = 0) -> ProfitSharePlan:
    """Compute the month's profit sharing without posting anything."""
    start, end, days = _month(year, month)
    if not 0 <= reserve_bp <= 10_000:
        raise KasirError(N_("The reserve must be between 0 and 100 percent."))
    product = s.get(SavingsProduct, "mudharabah")
    if product is None:
        raise KasirError(N_("There is no savings product {product}."), product="mudharabah")
    income = movements.net_credit(s, INCOME_ACCOUNTS, start, end) if income is None else income
    if income.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    # the month's own profit sharing (and any reversal of it) earns no share
    own = [i for e in month_postings(s, year, month)
           for i in (e.id, e.reversed_by) if i is not None]
    held = {p: bd for p, bd in movements.balance_days(
        s, product.account_code, start, end, by_party=True, credit_normal=True,
        exclude_entries=own).items() if bd > 0}
    mudharabah_bd = sum(held.values())
    productive_bd = 0
    for code in PRODUCTIVE:
        productive_bd += movements.balance_days(s, code, start, end, by_party=False,
                                                credit_normal=False).get(None, 0)
    if mudharabah_bd == 0 or productive_bd <= 0:
        portion = 0
    elif mudharabah_bd >= productive_bd:
        portion = income.sen
    else:
        portion = income.sen * mudharabah_bd // productive_bd
    portion = portion * (10_000 - reserve_bp) // 10_000
    pool = Money(portion * product.nisbah_anggota_bp // 10_000)
    names = members.names(s)
    active = members.names(s, active_only=True)
    ordered = sorted(held)
    shares = pool.allocate([held[m] for m in ordered]) if pool and ordered else \
        [ZERO for _ in ordered]
    lines = tuple(
        ShareLine(m, names.get(m, m), held[m], Money(held[m] // days), gross, _tax(gross),
                  m not in active)
        for m, gross in zip(ordered, shares)
    )
    return ProfitSharePlan(year, month, days, income, Money(mudharabah_bd // days),
                           Money(max(productive_bd, 0) // days), Money(portion), reserve_bp,
                           product.nisbah_anggota_bp, pool, lines)


def _tax(gross: Money) -> Money:
    """PP 15/2009: 0% up to Rp240.000 a month, otherwise 10% of the whole share."""
    if gross <= TAX_FREE_LIMIT:
        return ZERO
    return Money(gross.sen * TAX_RATE_PERCENT // 100)
