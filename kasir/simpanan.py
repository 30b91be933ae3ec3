"""Savings at the cashier's desk: deposits, withdrawals, transfers, member exit.

Each operation is one balanced entry with the member on the savings lines and
one receipt (kuitansi) numbered inside the same transaction, so a receipt
number exists exactly when its entry does. Simpanan pokok and wajib are the
member's capital: they are never withdrawn except when she leaves, and she
cannot leave while she still owes financing. The book never computes interest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kasir import anggota
from kasir.errors import N_, KasirError
from kasir.models import Anggota, Kuitansi, ProdukSimpanan
from ledger import posting, queries
from ledger.entry import EntryDraft, LineDraft, PostingContext
from ledger.money import ZERO, Money
from ledger.posting import PostedRef

CHANNEL_ACCOUNTS = {"cash": "1101", "bank": "1111"}
# Accounts on which a member may owe the cooperative: murabahah, qard, maal qard.
FINANCING_ACCOUNTS = ("1301", "1311", "7201")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True, slots=True)
class OperationResult:
    entry: PostedRef
    receipt: str | None  # "0001/KW/XI/2026"
    receipt_id: int | None


def products(s: Session) -> dict[str, ProdukSimpanan]:
    return {p.code: p for p in s.scalars(select(ProdukSimpanan))}


def _product(s: Session, code: str) -> ProdukSimpanan:
    product = s.get(ProdukSimpanan, code)
    if product is None or not product.active:
        raise KasirError(N_("There is no savings product {product}."), product=code)
    return product


def _channel(channel: str) -> str:
    if channel not in CHANNEL_ACCOUNTS:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    return CHANNEL_ACCOUNTS[channel]


def _positive(amount: Money) -> None:
    if not isinstance(amount, Money):
        raise KasirError(N_("The amount is not money."))
    if amount.sen <= 0:
        raise KasirError(N_("The amount must be more than zero."))


def _active_member(s: Session, number: str) -> Anggota:
    member = anggota.get_member(s, number)
    if member.status != "active":
        raise KasirError(N_("Member {member} has left the cooperative."), member=number)
    return member


def balance(s: Session, number: str, product: str, as_of: dt.date | None = None) -> Money:
    """The member's balance in a product, on the product account's normal side."""
    return queries.normal_balance(s, _product(s, product).account_code, as_of, number)


def balances(s: Session, number: str, as_of: dt.date | None = None) -> dict[str, Money]:
    return {code: queries.normal_balance(s, p.account_code, as_of, number)
            for code, p in products(s).items()}


def issue_receipt(s: Session, ref: PostedRef, day: dt.date, direction: str, member: Anggota | None,
                  amount: Money, purpose: str, channel: str, user: str) -> tuple[str, int]:
    """Give the next receipt number of the year, in the caller's transaction."""
    year = day.year
    s.execute(text("INSERT INTO kuitansi_counter (year, last_number) VALUES (:y, 0) "
                   "ON CONFLICT (year) DO NOTHING"), {"y": year})
    number = s.execute(text("UPDATE kuitansi_counter SET last_number = last_number + 1 "
                            "WHERE year = :y RETURNING last_number"), {"y": year}).scalar_one()
    receipt = Kuitansi(year=year, number=number, entry_id=ref.id, date=day, direction=direction,
                       party_id=member.party_id if member else None, amount=amount.sen,
                       purpose=purpose, channel=channel, created_by=user)
    s.add(receipt)
    s.flush()
    return receipt_label(year, number, day.month), receipt.id


def receipt_label(year: int, number: int, month: int) -> str:
    return f"{number:04d}/KW/{ROMAN[month - 1]}/{year}"


def deposit(s: Session, number: str, product: str, amount: Money, *, day: dt.date,
            channel: str = "cash", user: str = "", memo: str | None = None,
            key: str | None = None, receipt: bool = True,
            ctx: PostingContext | None = None) -> OperationResult:
    _positive(amount)
    member = _active_member(s, number)
    prod = _product(s, product)
    cash = _channel(channel)
    memo = memo or f"Setoran {prod.name_id} {member.number} {member.name}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(cash, debit=amount, party_code=number),
        LineDraft(prod.account_code, credit=amount, party_code=number),
    ), operation=f"deposit:{product}", uuid=key), user=user, ctx=ctx)
    label, rid = (issue_receipt(s, ref, day, "in", member, amount, memo, channel, user)
                  if receipt and not ref.duplicate else (None, None))
    return OperationResult(ref, label, rid)


def withdraw(s: Session, number: str, product: str, amount: Money, *, day: dt.date,
             channel: str = "cash", user: str = "", memo: str | None = None,
             key: str | None = None, receipt: bool = True,
            ctx: PostingContext | None = None) -> OperationResult:
    _positive(amount)
    member = _active_member(s, number)
    prod = _product(s, product)
    if not prod.withdrawable:
        raise KasirError(N_("{product} can only be paid out when the member leaves the "
                            "cooperative."), product=prod.name_id)
    available = balance(s, number, product, None)
    if amount > available:
        raise KasirError(N_("A withdrawal of {amount} from {product} of {member} exceeds its "
                            "balance {balance}."), amount=amount, product=prod.name_id,
                         member=number, balance=available)
    cash = _channel(channel)
    memo = memo or f"Penarikan {prod.name_id} {member.number} {member.name}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(prod.account_code, debit=amount, party_code=number),
        LineDraft(cash, credit=amount, party_code=number),
    ), operation=f"withdrawal:{product}", uuid=key), user=user, ctx=ctx)
    label, rid = (issue_receipt(s, ref, day, "out", member, amount, memo, channel, user)
                  if receipt and not ref.duplicate else (None, None))
    return OperationResult(ref, label, rid)


def transfer(s: Session, number: str, from_product: str, to_product: str, amount: Money, *,
             day: dt.date, user: str = "") -> OperationResult:
    """Between a member's own savings; capital may receive but never give."""
    _positive(amount)
    member = _active_member(s, number)
    src, dst = _product(s, from_product), _product(s, to_product)
    if src.code == dst.code:
        raise KasirError(N_("Choose two different savings products."))
    if not src.withdrawable:
        raise KasirError(N_("{product} can only be paid out when the member leaves the "
                            "cooperative."), product=src.name_id)
    available = balance(s, number, from_product)
    if amount > available:
        raise KasirError(N_("A withdrawal of {amount} from {product} of {member} exceeds its "
                            "balance {balance}."), amount=amount, product=src.name_id,
                         member=number, balance=available)
    memo = f"Pindah buku {src.name_id} ke {dst.name_id} {member.number}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(src.account_code, debit=amount, party_code=number),
        LineDraft(dst.account_code, credit=amount, party_code=number),
    ), operation="transfer"), user=user)
    return OperationResult(ref, None, None)


def outstanding_financing(s: Session, number: str) -> Money:
    return sum((queries.balance(s, code, None, number) for code in FINANCING_ACCOUNTS), ZERO)


def member_exit(s: Session, number: str, *, day: dt.date, paid_from: str = "cash",
                user: str = "", expected: dict[str, Money] | None = None,
                key: str | None = None, ctx: PostingContext | None = None) -> OperationResult:
    """Pay out every savings balance of a leaving member, in one entry and one receipt."""
    member = _active_member(s, number)
    owed = outstanding_financing(s, number)
    if owed.is_positive():
        raise KasirError(N_("Member {member} still owes {amount} in financing; settle it "
                            "before she leaves."), member=number, amount=owed)
    held = {code: b for code, b in balances(s, number).items() if b}
    for code, amount in (expected or {}).items():
        if held.get(code, ZERO) != amount:
            raise KasirError(N_("The exit pays {amount} of {product}, but the balance is "
                                "{balance}."), amount=amount, product=code,
                             balance=held.get(code, ZERO))
    if any(b.is_negative() for b in held.values()):
        raise KasirError(N_("Member {member} has a negative savings balance; correct it first."),
                         member=number)
    total = sum(held.values(), ZERO)
    all_products = products(s)
    member.status = "exited"
    member.exited_on = day
    if not total:
        s.flush()
        return OperationResult(PostedRef(0, 0, 0, 0), None, None)
    lines = [LineDraft(all_products[code].account_code, debit=amount, party_code=number)
             for code, amount in sorted(held.items())]
    lines.append(LineDraft(_channel(paid_from), credit=total, party_code=number))
    memo = f"Anggota keluar: pengembalian simpanan {member.number} {member.name}"
    ref = posting.post(s, EntryDraft(day, memo, tuple(lines), operation="member_exit", uuid=key),
                       user=user, ctx=ctx)
    label, rid = issue_receipt(s, ref, day, "out", member, total, memo, paid_from, user)
    return OperationResult(ref, label, rid)


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
    member = anggota.get_member(s, number)
    end = min(as_of, member.exited_on) if member.exited_on else as_of
    if end < member.joined:
        periods = 0
    elif member.wajib_period == "monthly":
        periods = (end.year - member.joined.year) * 12 + end.month - member.joined.month + 1
    else:
        periods = (end - member.joined).days // 7 + 1
    due = Money(member.wajib_amount * periods)
    paid = queries.normal_balance(s, _product(s, "wajib").account_code, as_of, number) \
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
    names = {n: name for n, name in s.execute(select(Anggota.number, Anggota.name))}
    rows: list[SavingsBalanceRow] = []
    for code, prod in sorted(products(s).items()):
        sign = -1  # savings accounts are credit-normal: show deposits positive
        for number, raw in queries.party_balances(s, prod.account_code, as_of).items():
            if raw and number in names:
                rows.append(SavingsBalanceRow(number, names[number], code, Money(sign * raw.sen)))
    rows.sort(key=lambda r: (r.member_id, r.product))
    return rows
