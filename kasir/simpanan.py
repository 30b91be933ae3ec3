"""Savings at the cashier's desk: deposits, withdrawals, transfers, member exit.

Each operation is one balanced entry with the member on the savings lines and
one receipt (kuitansi) numbered inside the same transaction, so a receipt
number exists exactly when its entry does. Simpanan pokok and wajib are the
member's capital: they are never withdrawn except when she leaves, and she
cannot leave while she still owes financing. The book never computes interest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select, text
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


def _check_can_take(s: Session, number: str, prod: ProdukSimpanan, amount: Money) -> None:
    """Money leaves a savings product only if it is withdrawable and covered."""
    if not prod.withdrawable:
        raise KasirError(N_("{product} can only be paid out when the member leaves the "
                            "cooperative."), product=prod.name_id)
    available = balance(s, number, prod.code)
    if amount > available:
        raise KasirError(N_("A withdrawal of {amount} from {product} of {member} exceeds its "
                            "balance {balance}."), amount=amount, product=prod.name_id,
                         member=number, balance=available)


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


def deposit_draft(s: Session, number: str, product: str, amount: Money, *, day: dt.date,
                  channel: str = "cash", memo: str | None = None, key: str | None = None,
                  member: Anggota | None = None) -> EntryDraft:
    """The entry of a deposit, after every rule is checked (nothing posted yet).
    ``member`` may be passed by a caller that already holds her (an import)."""
    _positive(amount)
    if member is None or member.number != number:
        member = anggota.get_member(s, number)
    if member.status != "active":
        raise KasirError(N_("Member {member} has left the cooperative."), member=number)
    prod = _product(s, product)
    cash = _channel(channel)
    memo = memo or f"Setoran {prod.name_id} {member.number} {member.name}"
    return EntryDraft(day, memo, (
        LineDraft(cash, debit=amount, party_code=number),
        LineDraft(prod.account_code, credit=amount, party_code=number),
    ), operation=f"deposit:{product}", uuid=key)


def deposit(s: Session, number: str, product: str, amount: Money, *, day: dt.date,
            channel: str = "cash", user: str = "", memo: str | None = None,
            key: str | None = None, receipt: bool = True,
            ctx: PostingContext | None = None) -> OperationResult:
    member = anggota.get_member(s, number)
    draft = deposit_draft(s, number, product, amount, day=day, channel=channel, memo=memo,
                          key=key, member=member)
    ref = posting.post(s, draft, user=user, ctx=ctx)
    label, rid = (issue_receipt(s, ref, day, "in", member, amount, draft.memo, channel, user)
                  if receipt and not ref.duplicate else (None, None))
    return OperationResult(ref, label, rid)


def withdraw(s: Session, number: str, product: str, amount: Money, *, day: dt.date,
             channel: str = "cash", user: str = "", memo: str | None = None,
             key: str | None = None, receipt: bool = True,
            ctx: PostingContext | None = None) -> OperationResult:
    _positive(amount)
    member = _active_member(s, number)
    prod = _product(s, product)
    _check_can_take(s, number, prod, amount)
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
             day: dt.date, user: str = "", key: str | None = None) -> OperationResult:
    """Between a member's own savings; capital may receive but never give."""
    _positive(amount)
    member = _active_member(s, number)
    src, dst = _product(s, from_product), _product(s, to_product)
    if src.code == dst.code:
        raise KasirError(N_("Choose two different savings products."))
    _check_can_take(s, number, src, amount)
    memo = f"Pindah buku {src.name_id} ke {dst.name_id} {member.number}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(src.account_code, debit=amount, party_code=number),
        LineDraft(dst.account_code, credit=amount, party_code=number),
    ), operation="transfer", uuid=key), user=user)
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


def _passbook_code(operation: str, product: ProdukSimpanan, into: bool) -> str:
    if operation == "reversal":
        return "KR"
    if operation == "transfer":
        return "PB"
    if operation == "profit_share":
        return "BH" if into else "PJK"
    if operation.startswith("deposit") or (into and operation != "member_exit"):
        return product.passbook_code
    return "TR"


def history(s: Session, number: str, product: str, date_from: dt.date | None = None,
            date_to: dt.date | None = None) -> tuple[Money, list[HistoryRow]]:
    """Opening balance and every movement of one member's savings product."""
    from ledger.schema import Account, JournalEntry, JournalLine, Party

    prod = _product(s, product)
    anggota.get_member(s, number)
    opening = ZERO
    if date_from is not None:
        opening = balance(s, number, product, date_from - dt.timedelta(days=1))
    q = (
        select(JournalLine.entry_date, JournalEntry.fiscal_year, JournalEntry.number,
               JournalEntry.operation, JournalEntry.memo, JournalLine.debit, JournalLine.credit,
               Kuitansi.year, Kuitansi.number, Kuitansi.date)
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .join(Account, Account.id == JournalLine.account_id)
        .join(Party, Party.id == JournalLine.party_id)
        .outerjoin(Kuitansi, Kuitansi.entry_id == JournalEntry.id)
        .where(Account.code == prod.account_code, Party.code == number,
               JournalLine.posted == True)  # noqa: E712
        .order_by(JournalLine.entry_date, JournalEntry.posted_seq, JournalLine.line_no)
    )
    if date_from is not None:
        q = q.where(JournalLine.entry_date >= date_from)
    if date_to is not None:
        q = q.where(JournalLine.entry_date <= date_to)
    rows: list[HistoryRow] = []
    running = opening
    for day, fy, no, op, memo, d, c, ky, kn, kd in s.execute(q):
        running = running + Money(c) - Money(d)
        rows.append(HistoryRow(
            day, posting.entry_label(fy, no), _passbook_code(op, prod, c > 0), memo,
            Money(d), Money(c), running,
            receipt_label(ky, kn, kd.month) if kn is not None else None))
    return opening, rows


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


def member_detail(s: Session, number: str, as_of: dt.date) -> MemberDetail:
    from kasir.models import Kelompok

    m = anggota.get_member(s, number)
    group = s.get(Kelompok, m.kelompok_id) if m.kelompok_id else None
    return MemberDetail(
        m.number, m.name, m.nik, m.gender, m.address, m.village, m.phone,
        group.code if group else None, group.name if group else None, m.joined, m.status,
        m.exited_on, Money(m.wajib_amount), m.wajib_period, balances(s, number, as_of),
        wajib_status(s, number, as_of), outstanding_financing(s, number))


@dataclass(frozen=True, slots=True)
class ProductRow:
    code: str
    kind: str
    name_id: str
    name_en: str
    account_code: str
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
                              bool(p.withdrawable), Money(p.default_amount), nisbah,
                              bool(p.active)))
    order = {"pokok": 0, "wajib": 1, "sukarela": 2, "mudharabah": 3}
    return sorted(out, key=lambda r: (order.get(r.code, 9), r.code))


def update_product(s: Session, code: str, *, default_amount: Money | None = None,
                   nisbah_bp: int | None = None, name_id: str | None = None) -> None:
    """The settings a cooperative may change; the account and kind stay as the chart says."""
    prod = _product(s, code)
    if default_amount is not None:
        if default_amount.is_negative():
            raise KasirError(N_("The amount cannot be negative."))
        prod.default_amount = default_amount.sen
    if nisbah_bp is not None:
        if prod.kind != "mudharabah":
            raise KasirError(N_("Only mudharabah savings have a profit-sharing ratio (nisbah)."))
        if not 0 <= nisbah_bp <= 10_000:
            raise KasirError(N_("The nisbah must be between 0 and 100 percent."))
        prod.nisbah_anggota_bp = nisbah_bp
    if name_id is not None and name_id.strip():
        prod.name_id = name_id.strip()
    s.flush()


def undo_side_effects(s: Session, entry_id: int) -> None:
    """What a reversal must undo besides the lines: a reversed exit makes the
    member active again (her savings are back on her accounts)."""
    from ledger.schema import JournalEntry, JournalLine, Party

    entry = s.get(JournalEntry, entry_id)
    if entry is None or entry.operation != "member_exit":
        return
    number = s.scalar(select(Party.code).join(JournalLine, JournalLine.party_id == Party.id)
                      .where(JournalLine.entry_id == entry_id).limit(1))
    member = s.scalar(select(Anggota).where(Anggota.number == number)) if number else None
    if member is not None:
        member.status, member.exited_on = "active", None
        s.flush()


def wadiah_bonus(s: Session, *, day: dt.date, decision: str, amounts: dict[str, Money],
                 user: str = "") -> PostedRef:
    """A voluntary bonus ('athaya) on wadiah savings, only as a recorded board decision.

    DSN-MUI fatwa 02/2000: no return may be promised on wadiah savings, so
    Kasir never computes a rate; the board decides the amounts, and the
    decision's reference is kept in the entry.
    """
    if not decision.strip():
        raise KasirError(N_("A wadiah bonus needs the board decision it carries out."))
    prod = _product(s, "sukarela")
    lines = []
    for number, amount in sorted(amounts.items()):
        _positive(amount)
        _active_member(s, number)
        lines.append(LineDraft(prod.account_code, credit=amount, party_code=number,
                               memo="Bonus wadiah"))
    if not lines:
        raise KasirError(N_("The amount must be more than zero."))
    total = sum((ln.credit for ln in lines), ZERO)
    memo = f"Bonus wadiah sesuai keputusan pengurus {decision.strip()}"[:500]
    return posting.post(s, EntryDraft(day, memo, (LineDraft("6102", debit=total), *lines),
                                      operation="wadiah_bonus"), user=user)


# --- the receipts list ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReceiptRow:
    """One receipt as the receipts list shows it, with the state of its operation."""

    id: int
    label: str  # "0001/KW/XI/2026"
    date: dt.date
    direction: str  # "in" or "out"
    member: str  # her number ("" for a receipt without a member)
    name: str
    amount: Money
    purpose: str
    channel: str
    entry_id: int
    entry: str  # "2026/000012"
    operation: str
    reversed_by: str | None  # the entry that reversed the operation, if any
    reversal_reason: str | None

    @property
    def cancelled(self) -> bool:
        return self.reversed_by is not None


_LABEL = re.compile(r"0*(\d{1,9})(?:/KW/[IVX]+/(\d{4}))?", re.IGNORECASE)


def receipts_between(s: Session, date_from: dt.date, date_to: dt.date, search: str = "",
                     limit: int | None = None) -> list[ReceiptRow]:
    """Receipts dated in the range, newest first; ``search`` is a receipt number
    ("12", "0012/KW/XI/2026") or part of the member's number or name."""
    from sqlalchemy import or_
    from sqlalchemy.orm import aliased

    from ledger.schema import ENTRY_POSTED, JournalEntry, Party

    reversal = aliased(JournalEntry)
    q = (
        select(Kuitansi.id, Kuitansi.year, Kuitansi.number, Kuitansi.date, Kuitansi.direction,
               Kuitansi.amount, Kuitansi.purpose, Kuitansi.channel, Kuitansi.entry_id,
               JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.operation,
               Anggota.number, Anggota.name, Party.code, Party.name,
               reversal.fiscal_year, reversal.number, reversal.reversal_reason)
        .join(JournalEntry, JournalEntry.id == Kuitansi.entry_id)
        .outerjoin(Party, Party.id == Kuitansi.party_id)
        .outerjoin(Anggota, Anggota.party_id == Kuitansi.party_id)
        .outerjoin(reversal, (reversal.reverses_entry_id == Kuitansi.entry_id)
                   & (reversal.status == ENTRY_POSTED))
        .where(Kuitansi.date >= date_from, Kuitansi.date <= date_to)
        .order_by(Kuitansi.date.desc(), Kuitansi.year.desc(), Kuitansi.number.desc())
    )
    typed = " ".join(search.split())
    if typed:
        folded = typed.lower()
        found = [func.lower(Anggota.number).contains(folded, autoescape=True),
                 func.lower(Anggota.name).contains(folded, autoescape=True)]
        label = _LABEL.fullmatch(typed)
        if label is not None:
            by_number = Kuitansi.number == int(label.group(1))
            if label.group(2):
                by_number = by_number & (Kuitansi.year == int(label.group(2)))
            found.append(by_number)
        q = q.where(or_(*found))
    if limit is not None:
        q = q.limit(limit)
    rows = []
    for (rid, year, number, day, direction, amount, purpose, channel, entry_id, fy, eno, op,
         member, name, party, party_name, rfy, rno, reason) in s.execute(q):
        rows.append(ReceiptRow(
            rid, receipt_label(year, number, day.month), day, direction, member or party or "",
            name or party_name or "", Money(amount), purpose or "", channel, entry_id,
            posting.entry_label(fy, eno), op,
            posting.entry_label(rfy, rno) if rno is not None else None, reason))
    return rows
