"""What the member page, the cashier and the reports read about savings (plain values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.financing import queries as financing
from kasir.members import queries as member_queries
from kasir.members import rules as members
from kasir.members.models import Group
from kasir.receipts import queries as receipts
from kasir.savings.models import SavingsProduct
from kasir.savings.rules import balance, balances, product, products
from ledger import movements, queries
from ledger.money import ZERO, Money

__all__ = ["balance", "balances"]  # re-exported: the page and the papers read them here

PRODUCT_ORDER = {"pokok": 0, "wajib": 1, "sukarela": 2, "mudharabah": 3}


@dataclass(frozen=True, slots=True)
class WajibStatus:
    periods: int
    due: Money
    paid: Money

    @property
    def arrears(self) -> Money:
        return self.due - self.paid if self.due > self.paid else ZERO


def wajib_status(s: Session, number: str, as_of: dt.date) -> WajibStatus:
    """What simpanan wajib is due since joining, what was paid, and the arrears."""
    member = members.get_member(s, number)
    end = min(as_of, member.exited_on) if member.exited_on else as_of
    if end < member.joined:
        periods = 0
    elif member.wajib_period == "monthly":
        periods = (end.year - member.joined.year) * 12 + end.month - member.joined.month + 1
    else:
        periods = (end - member.joined).days // 7 + 1
    due = Money(member.wajib_amount * periods)
    paid = queries.normal_balance(s, product(s, "wajib").account_code, as_of, number) \
        if member.status == "active" else due
    return WajibStatus(periods, due, paid)


@dataclass(frozen=True, slots=True)
class SavingsBalanceRow:
    member_id: str
    name: str
    product: str
    balance: Money


def savings_balances(s: Session, as_of: dt.date | None = None) -> list[SavingsBalanceRow]:
    """One row per member and product with a non-zero balance (the report's rows)."""
    names = member_queries.names(s)
    rows: list[SavingsBalanceRow] = []
    for code, prod in sorted(products(s).items()):
        for number, raw in queries.party_balances(s, prod.account_code, as_of).items():
            if raw and number in names:  # credit-normal: deposits shown positive
                rows.append(SavingsBalanceRow(number, names[number], code, -raw))
    rows.sort(key=lambda r: (r.member_id, r.product))
    return rows


# --- the member's own view: her accounts, their history, what is due -------------------

@dataclass(frozen=True, slots=True)
class HistoryRow:
    date: dt.date
    entry: str  # official entry number
    code: str  # passbook code: SP SW SS SM TR PB BH PJK KR
    memo: str
    debit: Money  # out of the savings (tarik)
    credit: Money  # into the savings (setor)
    balance: Money
    receipt: str | None


@dataclass(frozen=True, slots=True)
class History:
    opening: Money
    rows: list[HistoryRow]

    @property
    def closing(self) -> Money:
        return self.rows[-1].balance if self.rows else self.opening


def _passbook_code(operation: str, prod: SavingsProduct, into: bool) -> str:
    if operation == "reversal":
        return "KR"
    if operation == "transfer":
        return "PB"
    if operation == "profit_share":
        return "BH" if into else "PJK"
    if operation.startswith("deposit") or (into and operation != "member_exit"):
        return prod.passbook_code
    return "TR"


def history(s: Session, number: str, code: str, date_from: dt.date | None = None,
            date_to: dt.date | None = None) -> History:
    """Opening balance and every movement of one member's savings product."""
    prod = product(s, code)
    members.get_member(s, number)
    opening = ZERO
    if date_from is not None:
        opening = balance(s, number, code, date_from - dt.timedelta(days=1))
    moves = movements.account_movements(s, prod.account_code, party_code=number,
                                        date_from=date_from, date_to=date_to)
    labels = receipts.labels_by_entry(s, sorted({m.entry_id for m in moves}))
    rows: list[HistoryRow] = []
    running = opening
    for m in moves:
        running = running + m.credit - m.debit
        rows.append(HistoryRow(m.date, m.entry, _passbook_code(m.operation, prod,
                                                               m.credit.sen > 0),
                               m.memo, m.debit, m.credit, running, labels.get(m.entry_id)))
    return History(opening, rows)


@dataclass(frozen=True, slots=True)
class MemberDetail:
    number: str
    name: str
    nik: str | None
    gender: str | None
    address: str
    village: str
    phone: str
    group_code: str | None
    group_name: str | None
    joined: dt.date
    status: str
    exited_on: dt.date | None
    wajib_amount: Money
    wajib_period: str
    balances: dict[str, Money]
    wajib: WajibStatus
    financing_outstanding: Money
    profit_share_owed: Money = ZERO  # her share posted after she left, not yet paid out


def member_detail(s: Session, number: str, as_of: dt.date) -> MemberDetail:
    m = members.get_member(s, number)
    group = s.get(Group, m.kelompok_id) if m.kelompok_id else None
    return MemberDetail(
        m.number, m.name, m.nik, m.gender, m.address, m.village, m.phone,
        group.code if group else None, group.name if group else None, m.joined, m.status,
        m.exited_on, Money(m.wajib_amount), m.wajib_period, balances(s, number, as_of),
        wajib_status(s, number, as_of), financing.outstanding(s, number),
        queries.normal_balance(s, AccountRole.PROFIT_SHARE_PAYABLE, as_of, number))


@dataclass(frozen=True, slots=True)
class ProductRow:
    code: str
    kind: str
    name_id: str
    name_en: str
    account_code: str
    passbook_code: str
    withdrawable: bool
    default_amount: Money
    nisbah_percent: str  # "30" or "27.5"
    active: bool


def product_rows(s: Session) -> list[ProductRow]:
    out = []
    for p in products(s).values():
        bp = p.nisbah_anggota_bp
        nisbah = f"{bp // 100}" if bp % 100 == 0 else f"{bp // 100}.{bp % 100:02d}".rstrip("0")
        out.append(ProductRow(p.code, p.kind, p.name_id, p.name_en, p.account_code,
                              p.passbook_code, bool(p.withdrawable), Money(p.default_amount),
                              nisbah, bool(p.active)))
    return sorted(out, key=lambda r: (PRODUCT_ORDER.get(r.code, 9), r.code))


def product_names_by_account(s: Session) -> dict[str, str]:
    """Account code -> the Indonesian name of the savings product kept in it."""
    return {p.account_code: p.name_id for p in products(s).values()}


def product_name(s: Session, code: str) -> str:
    prod = s.get(SavingsProduct, code)
    return prod.name_id if prod else code


@dataclass(frozen=True, slots=True)
class SavingsAccount:
    """One of the member's savings products with its balance."""

    product: str
    name_id: str
    name_en: str
    account_code: str
    passbook_code: str
    withdrawable: bool
    default_amount: Money
    balance: Money


@dataclass(frozen=True, slots=True)
class MemberPage:
    """Everything the cashier and the member page show about one member."""

    detail: MemberDetail
    accounts: tuple[SavingsAccount, ...]
    as_of: dt.date

    @property
    def number(self) -> str:
        return self.detail.number

    @property
    def name(self) -> str:
        return self.detail.name

    @property
    def active(self) -> bool:
        return self.detail.status == "active"

    @property
    def arrears(self) -> Money:
        """Simpanan wajib due and not yet paid."""
        return self.detail.wajib.arrears

    @property
    def total(self) -> Money:
        return sum((a.balance for a in self.accounts), ZERO)

    def account(self, code: str) -> SavingsAccount | None:
        return next((a for a in self.accounts if a.product == code), None)

    def held(self) -> dict[str, Money]:
        """The non-zero balances an exit pays out."""
        return {a.product: a.balance for a in self.accounts if a.balance}


def member_page(s: Session, number: str, as_of: dt.date) -> MemberPage:
    detail = member_detail(s, number, as_of)
    accounts = tuple(
        SavingsAccount(r.code, r.name_id, r.name_en, r.account_code, r.passbook_code,
                       r.withdrawable, r.default_amount, detail.balances.get(r.code, ZERO))
        for r in product_rows(s) if r.active)
    return MemberPage(detail, accounts, as_of)


@dataclass(frozen=True, slots=True)
class WadiahHolder:
    """An active member holding simpanan sukarela (wadiah), with her balance."""

    number: str
    name: str
    balance: Money


def wadiah_holders(s: Session, as_of: dt.date | None = None) -> list[WadiahHolder]:
    """Active members with a sukarela balance above zero, by number."""
    account = product(s, "sukarela").account_code
    raw = queries.party_balances(s, account, as_of)  # debit-positive: savings are negative
    names = member_queries.names(s, active_only=True)
    return [WadiahHolder(number, names[number], -sen)
            for number, sen in sorted(raw.items()) if number in names and -sen > ZERO]
