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
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir.errors import N_, KasirError
from kasir.models import Anggota, ProdukSimpanan
from ledger import posting
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money
from ledger.posting import PostedRef
from ledger.schema import Account, JournalEntry, JournalLine, Party

INCOME_ACCOUNTS = ("5101", "5102", "5301")  # margin, financing profit share, bank profit share
# Productive funds: financing (murabahah net of its deferred margin) and mudharabah placements.
# 1302 (deferred margin) is credit-normal, so its debit-positive balance nets the receivable.
PRODUCTIVE = ("1301", "1302", "1311", "1321", "1322", "1331", "1112")
EXPENSE_ACCOUNT = "6101"  # hak pihak ketiga atas bagi hasil
TAX_ACCOUNT = "2107"
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
    """The entry key of a month's profit sharing: it can be posted only once."""
    return f"bagi-hasil-{year}-{month:02d}"


def _month(year: int, month: int) -> tuple[dt.date, dt.date, int]:
    if not (1 <= month <= 12 and 1990 <= year <= 2099):
        raise KasirError(N_("{month}/{year} is not a valid month."), month=month, year=year)
    days = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, days), days


def _balance_days(s: Session, code: str, start: dt.date, end: dt.date, days: int, *,
                  by_party: bool, credit_normal: bool,
                  exclude_uuid: str | None = None) -> dict[str | None, int]:
    """Sum of end-of-day balances over the month, per member (or for the whole
    account under the key None), in sen-days: the opening balance counts every
    day, a movement on day k counts from day k to the month's end."""
    sign = -1 if credit_normal else 1
    base = (select(JournalLine.entry_date, JournalLine.debit - JournalLine.credit, Party.code)
            .join(Account, Account.id == JournalLine.account_id)
            .outerjoin(Party, Party.id == JournalLine.party_id)
            .where(Account.code == code, JournalLine.posted == True,  # noqa: E712
                   JournalLine.entry_date <= end))
    if exclude_uuid is not None:  # the month's own profit share does not earn a share
        base = base.join(JournalEntry, JournalEntry.id == JournalLine.entry_id).where(
            JournalEntry.uuid != exclude_uuid)
    out: dict[str | None, int] = {}
    for day, change, who in s.execute(base):
        if by_party and who is None:
            continue
        k = who if by_party else None
        weight = days if day < start else days - day.day + 1
        out[k] = out.get(k, 0) + sign * int(change) * weight
    return out


def _income(s: Session, start: dt.date, end: dt.date) -> Money:
    total = s.scalar(
        select(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0))
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code.in_(INCOME_ACCOUNTS), JournalLine.posted == True,  # noqa: E712
               JournalLine.entry_date >= start, JournalLine.entry_date <= end)
    )
    return Money(int(total or 0))


def plan(s: Session, year: int, month: int, *, income: Money | None = None,
         reserve_bp: int = 0) -> ProfitSharePlan:
    """Compute the month's profit sharing without posting anything."""
    start, end, days = _month(year, month)
    if not 0 <= reserve_bp <= 10_000:
        raise KasirError(N_("The reserve must be between 0 and 100 percent."))
    product = s.get(ProdukSimpanan, "mudharabah")
    if product is None:
        raise KasirError(N_("There is no savings product {product}."), product="mudharabah")
    income = _income(s, start, end) if income is None else income
    if income.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    key = plan_key(year, month)
    members = {p: bd for p, bd in _balance_days(s, product.account_code, start, end, days,
                                                 by_party=True, credit_normal=True,
                                                 exclude_uuid=key).items()
               if bd > 0}
    mudharabah_bd = sum(members.values())
    productive_bd = 0
    for code in PRODUCTIVE:
        productive_bd += _balance_days(s, code, start, end, days, by_party=False,
                                       credit_normal=False).get(None, 0)
    if mudharabah_bd == 0 or productive_bd <= 0:
        portion = 0
    elif mudharabah_bd >= productive_bd:
        portion = income.sen
    else:
        portion = income.sen * mudharabah_bd // productive_bd
    portion = portion * (10_000 - reserve_bp) // 10_000
    pool = Money(portion * product.nisbah_anggota_bp // 10_000)
    names = {n: name for n, name in s.execute(select(Anggota.number, Anggota.name))}
    ordered = sorted(members)
    shares = pool.allocate([members[m] for m in ordered]) if pool and ordered else \
        [ZERO for _ in ordered]
    lines = tuple(
        ShareLine(m, names.get(m, m), members[m], Money(members[m] // days), gross,
                  _tax(gross))
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


def post_plan(s: Session, p: ProfitSharePlan, *, user: str = "") -> PostedRef:
    """Credit each member's share (less tax) to her mudharabah savings, in one entry."""
    if s.scalar(select(JournalEntry.id).where(JournalEntry.uuid == p.key)) is not None:
        raise KasirError(N_("The profit sharing of {period} has already been posted."),
                         period=f"{p.month:02d}/{p.year}")
    if not p.pool:
        raise KasirError(N_("There is no profit to share for {period}."),
                         period=f"{p.month:02d}/{p.year}")
    product = s.get(ProdukSimpanan, "mudharabah")
    assert product is not None
    lines = [LineDraft(EXPENSE_ACCOUNT, debit=p.pool)]
    for ln in p.lines:
        if ln.gross:
            lines.append(LineDraft(product.account_code, credit=ln.gross, party_code=ln.member,
                                   memo="Bagi hasil"))
        if ln.tax:
            lines.append(LineDraft(product.account_code, debit=ln.tax, party_code=ln.member,
                                   memo="PPh final 10%"))
    if p.total_tax:
        lines.append(LineDraft(TAX_ACCOUNT, credit=p.total_tax, memo="PPh final bagi hasil"))
    memo = (f"Bagi hasil simpanan mudharabah {p.month:02d}/{p.year}: pendapatan "
            f"{p.income.plain()}, nisbah anggota {(Decimal(p.nisbah_bp) / 100).normalize():f}%")
    return posting.post(s, EntryDraft(p.last_day, memo, tuple(lines), operation="profit_share",
                                      uuid=p.key), user=user)
