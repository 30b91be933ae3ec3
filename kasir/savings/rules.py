"""Savings at the cashier's desk: deposits, withdrawals, transfers, member exit, wadiah bonus.

Each operation is one balanced entry with the member on the savings lines and
one receipt (kuitansi) numbered inside the same transaction, so a receipt
number exists exactly when its entry does. Simpanan pokok and wajib are the
member's capital: they are never withdrawn except when she leaves, and she
cannot leave while she still owes financing. The book never computes interest.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.accounts import CHANNELS, AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.financing import queries as financing
from kasir.members import rules as members
from kasir.members.models import Member
from kasir.receipts.rules import OperationResult, issue_receipt
from kasir.savings.models import SavingsProduct
from ledger import movements, posting, queries
from ledger.entry import EntryDraft, LineDraft, PostingContext
from ledger.money import ZERO, Money
from ledger.posting import PostedRef

NOTHING_POSTED = PostedRef(0, 0, 0, 0)


def products(s: Session) -> dict[str, SavingsProduct]:
    return {p.code: p for p in s.scalars(select(SavingsProduct))}


def product(s: Session, code: str) -> SavingsProduct:
    prod = s.get(SavingsProduct, code)
    if prod is None or not prod.active:
        raise KasirError(N_("There is no savings product {product}."), product=code)
    return prod


def channel_account(channel: str) -> str:
    if channel not in CHANNELS:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    return CHANNELS[channel]


def check_positive(amount: Money) -> None:
    if not isinstance(amount, Money):
        raise KasirError(N_("The amount is not money."))
    if amount.sen <= 0:
        raise KasirError(N_("The amount must be more than zero."))


def balance(s: Session, number: str, code: str, as_of: dt.date | None = None) -> Money:
    """The member's balance in a product, on the product account's normal side."""
    return queries.normal_balance(s, product(s, code).account_code, as_of, number)


def balances(s: Session, number: str, as_of: dt.date | None = None) -> dict[str, Money]:
    return {code: queries.normal_balance(s, p.account_code, as_of, number)
            for code, p in products(s).items()}


def covered_from(s: Session, number: str, account_code: str, day: dt.date) -> Money:
    """What may leave the member's savings account on ``day``: the lowest balance of that
    day and of every later day (a back-dated withdrawal must not overdraw what came after)."""
    return movements.lowest_balance_from(s, account_code, number, day, credit_normal=True)


def check_can_take(s: Session, number: str, prod: SavingsProduct, amount: Money,
                   day: dt.date) -> None:
    """Money leaves a savings product only if it is withdrawable and covered on its date
    and on every later date."""
    if not prod.withdrawable:
        raise KasirError(N_("{product} can only be paid out when the member leaves the "
                            "cooperative."), product=prod.name_id)
    available = covered_from(s, number, prod.account_code, day)
    if amount <= available:
        return
    on_day = balance(s, number, prod.code, day)
    if available < on_day:
        raise KasirError(N_("A withdrawal of {amount} from {product} of {member} on {date} "
                            "would overdraw a later day: only {balance} stays free from then "
                            "on."), amount=amount, product=prod.name_id, member=number,
                         date=day.strftime("%d/%m/%Y"), balance=available)
    raise overdraft(prod, number, amount, available)


def overdraft(prod: SavingsProduct, number: str, amount: Money, available: Money) -> KasirError:
    """The refusal of a withdrawal beyond what the member holds (the desk's and an
    import's check alike)."""
    return KasirError(N_("A withdrawal of {amount} from {product} of {member} exceeds its "
                         "balance {balance}."), amount=amount, product=prod.name_id,
                      member=number, balance=available)


def _receipt(s: Session, actor: Actor, ref: PostedRef, day: dt.date, direction: str,
             member: Member, amount: Money, memo: str, channel: str,
             wanted: bool) -> OperationResult:
    if not wanted or ref.duplicate:
        return OperationResult(ref, None, None)
    label, rid = issue_receipt(s, actor, ref, day, direction, member.party_id, amount, memo,
                               channel)
    return OperationResult(ref, label, rid)


def deposit_draft(s: Session, number: str, code: str, amount: Money, *, day: dt.date,
                  channel: str = "cash", memo: str | None = None, key: str | None = None,
                  member: Member | None = None,
                  held: SavingsProduct | None = None) -> EntryDraft:
    """The entry of a deposit, after every rule is checked (nothing posted yet).
    ``member`` and the product (``held``) may be passed by a caller that already holds
    them (an import)."""
    check_positive(amount)
    if member is None or member.number != number:
        member = members.get_member(s, number)
    if member.status != "active":
        raise KasirError(N_("Member {member} has left the cooperative."), member=number)
    prod = held if held is not None and held.code == code and held.active \
        else product(s, code)
    cash = channel_account(channel)
    memo = memo or f"Setoran {prod.name_id} {member.number} {member.name}"
    return EntryDraft(day, memo, (
        LineDraft(cash, debit=amount, party_code=number),
        LineDraft(prod.account_code, credit=amount, party_code=number),
    ), operation=f"deposit:{code}", uuid=key)


def deposit(s: Session, actor: Actor, number: str, code: str, amount: Money, *,
            day: dt.date, channel: str = "cash", memo: str | None = None,
            key: str | None = None, receipt: bool = True,
            ctx: PostingContext | None = None) -> OperationResult:
    member = members.get_member(s, number)
    draft = deposit_draft(s, number, code, amount, day=day, channel=channel, memo=memo,
                          key=key, member=member)
    ref = posting.post(s, draft, user=actor.user, ctx=ctx)
    return _receipt(s, actor, ref, day, "in", member, amount, draft.memo, channel, receipt)


def withdrawal_draft(member: Member, prod: SavingsProduct, amount: Money, *, day: dt.date,
                     channel: str = "cash", memo: str | None = None,
                     key: str | None = None) -> EntryDraft:
    """The entry of a withdrawal whose balance the caller has checked (``check_can_take``,
    or an import's running balance)."""
    check_positive(amount)
    if not prod.withdrawable:
        raise KasirError(N_("{product} can only be paid out when the member leaves the "
                            "cooperative."), product=prod.name_id)
    memo = memo or f"Penarikan {prod.name_id} {member.number} {member.name}"
    return EntryDraft(day, memo, (
        LineDraft(prod.account_code, debit=amount, party_code=member.number),
        LineDraft(channel_account(channel), credit=amount, party_code=member.number),
    ), operation=f"withdrawal:{prod.code}", uuid=key)


def withdraw(s: Session, actor: Actor, number: str, code: str, amount: Money, *,
             day: dt.date, channel: str = "cash", memo: str | None = None,
             key: str | None = None, receipt: bool = True,
             ctx: PostingContext | None = None) -> OperationResult:
    check_positive(amount)
    member = members.active_member(s, number)
    prod = product(s, code)
    check_can_take(s, number, prod, amount, day)
    draft = withdrawal_draft(member, prod, amount, day=day, channel=channel, memo=memo,
                             key=key)
    ref = posting.post(s, draft, user=actor.user, ctx=ctx)
    return _receipt(s, actor, ref, day, "out", member, amount, draft.memo, channel, receipt)


def transfer(s: Session, actor: Actor, number: str, from_product: str, to_product: str,
             amount: Money, *, day: dt.date, key: str | None = None) -> OperationResult:
    """Between a member's own savings; capital may receive but never give."""
    check_positive(amount)
    member = members.active_member(s, number)
    src, dst = product(s, from_product), product(s, to_product)
    if src.code == dst.code:
        raise KasirError(N_("Choose two different savings products."))
    check_can_take(s, number, src, amount, day)
    memo = f"Pindah buku {src.name_id} ke {dst.name_id} {member.number}"
    ref = posting.post(s, EntryDraft(day, memo, (
        LineDraft(src.account_code, debit=amount, party_code=number),
        LineDraft(dst.account_code, credit=amount, party_code=number),
    ), operation="transfer", uuid=key), user=actor.user)
    return OperationResult(ref, None, None)


def member_exit(s: Session, actor: Actor, number: str, *, day: dt.date, paid_from: str = "cash",
                expected: dict[str, Money] | None = None, key: str | None = None,
                ctx: PostingContext | None = None) -> OperationResult:
    """Pay out every savings balance of a leaving member, in one entry and one receipt."""
    member = members.active_member(s, number)
    owed = financing.outstanding(s, number)
    if owed.is_positive():
        raise KasirError(N_("Member {member} still owes {amount} in financing; settle it "
                            "before she leaves."), member=number, amount=owed)
    all_products = products(s)
    for prod in all_products.values():
        if movements.account_movements(s, prod.account_code, party_code=number,
                                       date_from=day + dt.timedelta(days=1)):
            raise KasirError(N_("Member {member} has savings movements after {date}; date her "
                                "exit on the day of the last one or later."),
                             member=number, date=day.strftime("%d/%m/%Y"))
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
    members.mark_exited(member, day)
    if not total:
        s.flush()
        return OperationResult(NOTHING_POSTED, None, None)
    lines = [LineDraft(all_products[code].account_code, debit=amount, party_code=number)
             for code, amount in sorted(held.items())]
    lines.append(LineDraft(channel_account(paid_from), credit=total, party_code=number))
    memo = f"Anggota keluar: pengembalian simpanan {member.number} {member.name}"
    ref = posting.post(s, EntryDraft(day, memo, tuple(lines), operation="member_exit", uuid=key),
                       user=actor.user, ctx=ctx)
    return _receipt(s, actor, ref, day, "out", member, total, memo, paid_from, True)


def wadiah_bonus(s: Session, actor: Actor, *, day: dt.date, decision: str,
                 amounts: dict[str, Money]) -> PostedRef:
    """A voluntary bonus ('athaya) on wadiah savings, only as a recorded board decision.

    DSN-MUI fatwa 02/2000: no return may be promised on wadiah savings, so
    Kasir never computes a rate; the board decides the amounts, and the
    decision's reference is kept in the entry.
    """
    if not decision.strip():
        raise KasirError(N_("A wadiah bonus needs the board decision it carries out."))
    prod = product(s, "sukarela")
    lines = []
    for number, amount in sorted(amounts.items()):
        check_positive(amount)
        members.active_member(s, number)
        lines.append(LineDraft(prod.account_code, credit=amount, party_code=number,
                               memo="Bonus wadiah"))
    if not lines:
        raise KasirError(N_("The amount must be more than zero."))
    total = sum((ln.credit for ln in lines), ZERO)
    memo = f"Bonus wadiah sesuai keputusan pengurus {decision.strip()}"[:500]
    return posting.post(s, EntryDraft(day, memo, (
        LineDraft(AccountRole.WADIAH_BONUS_EXPENSE, debit=total), *lines),
        operation="wadiah_bonus"), user=actor.user)


def update_product(s: Session, code: str, *, default_amount: Money | None = None,
                   nisbah_bp: int | None = None, name_id: str | None = None) -> None:
    """The settings a cooperative may change; the account and kind stay as the chart says."""
    prod = product(s, code)
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
