"""The cashier's desk for the faces: one function per thing the treasurer does.

Every function is one unit of work on the book: a write runs in one
transaction through ``book.run`` (committed once, or nothing changed and a
translated-ready ``KasirError``/``LedgerError`` raised), a read in one
read-only session. The screens get plain values back (dataclasses, ``Money``),
never ORM objects, and never run SQL themselves.

Writes that move money take an operation ``key`` made when the screen prepares
the operation: the same key posts once, and asking again answers the first
posting with its receipt (a double Enter, or a retry after a slow answer).

The PDF papers (receipt, passbook, cash book) are drawn by ``reports``, a layer
above this one; the window reaches them through ``ui.papers``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir import anggota, bagi_hasil, impor, journal, kas, simpanan
from kasir.anggota import GroupInput, GroupRow, MemberInput, MemberRow
from kasir.bagi_hasil import ProfitSharePlan
from kasir.book import Book
from kasir.errors import N_, KasirError
from kasir.impor import ImportResult
from kasir.kas import CashCountResult, CashCountRow
from kasir.models import Anggota, Kuitansi, ProdukSimpanan
from kasir.settings import get_setting, set_setting
from kasir.simpanan import HistoryRow, MemberDetail, ProductRow, ReceiptRow
from ledger import queries
from ledger.money import ZERO, Money
from ledger.posting import PostedRef, entry_label
from ledger.schema import Account, JournalEntry, JournalLine, Party

__all__ = [
    "CoopSettings", "EventFile", "GroupInput", "GroupRow", "History", "ImportResult",
    "MemberInput", "MemberPage", "MemberRow", "PostResult", "ProfitSharePlan", "ReceiptRow",
    "SavingsAccount", "WadiahHolder", "cancel_receipt", "cash_count_preview", "cash_counts",
    "confirm_cash_count", "cooperative", "create_group", "create_member", "deposit",
    "event_file", "exit_member", "find_members", "groups", "import_event_file", "member_count",
    "member_history", "member_page", "next_member_number", "parse_nisbah", "parse_percent",
    "post_profit_share", "products", "profit_share_entry", "profit_share_plan", "receipt",
    "receipt_label", "receipts", "save_cooperative", "transfer", "update_group",
    "update_member", "update_product", "wadiah_bonus", "wadiah_holders", "withdraw",
]

COOP_KEYS = ("name", "address", "place", "treasurer")


# --- members ---------------------------------------------------------------------------

def find_members(book: Book, text: str = "", group: str | None = None,
                 status: str | None = None, limit: int = 50) -> list[MemberRow]:
    """Members whose number or name contains ``text``; an exact number comes first."""
    with book.read_session() as s:
        return anggota.search(s, text, group_code=group or None, status=status or None,
                              limit=limit)


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

    def account(self, product: str) -> SavingsAccount | None:
        return next((a for a in self.accounts if a.product == product), None)

    def held(self) -> dict[str, Money]:
        """The non-zero balances an exit pays out."""
        return {a.product: a.balance for a in self.accounts if a.balance}


def member_page(book: Book, number: str, as_of: dt.date | None = None) -> MemberPage:
    day = as_of or dt.date.today()
    with book.read_session() as s:
        detail = simpanan.member_detail(s, number, day)
        by_code = simpanan.products(s)
        accounts = tuple(
            SavingsAccount(r.code, r.name_id, r.name_en, r.account_code,
                           by_code[r.code].passbook_code, r.withdrawable, r.default_amount,
                           detail.balances.get(r.code, ZERO))
            for r in simpanan.product_rows(s) if r.active)
    return MemberPage(detail, accounts, day)


@dataclass(frozen=True, slots=True)
class History:
    opening: Money
    rows: list[HistoryRow]

    @property
    def closing(self) -> Money:
        return self.rows[-1].balance if self.rows else self.opening


def member_history(book: Book, number: str, product: str, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> History:
    with book.read_session() as s:
        opening, rows = simpanan.history(s, number, product, date_from, date_to)
    return History(opening, rows)


def create_member(book: Book, m: MemberInput) -> None:
    book.run(lambda s: anggota.add_member(s, m))


def update_member(book: Book, m: MemberInput) -> None:
    book.run(lambda s: anggota.update_member(s, m))


def next_member_number(book: Book) -> str:
    """A suggestion for a new member: the highest number's digits plus one ("A-011")."""
    with book.read_session() as s:
        numbers = list(s.scalars(select(Anggota.number).order_by(Anggota.id.desc()).limit(200)))
    best: tuple[int, str, int, str] | None = None
    for number in numbers:
        match = re.fullmatch(r"(.*?)(\d+)(\D*)", number)
        if match is None:
            continue
        value = int(match.group(2))
        if best is None or value > best[0]:
            best = (value, match.group(1), len(match.group(2)), match.group(3))
    if best is None:
        return "A-001" if not numbers else ""
    value, prefix, width, suffix = best
    return f"{prefix}{value + 1:0{width}d}{suffix}"


# --- groups -------------------------------------------------------------------------------

def groups(book: Book) -> list[GroupRow]:
    with book.read_session() as s:
        return anggota.group_rows(s)


def create_group(book: Book, g: GroupInput) -> None:
    book.run(lambda s: anggota.add_group(s, g))


def update_group(book: Book, code: str, g: GroupInput) -> None:
    book.run(lambda s: anggota.update_group(s, code, g))


# --- cashier operations ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PostResult:
    """What the cashier shows after an operation: the entry and its receipt."""

    entry: str  # "2026/000012"
    entry_id: int
    receipt: str | None  # "0001/KW/XI/2026"; None for a transfer
    receipt_id: int | None
    duplicate: bool = False  # the key had been posted already: this is that posting


def _already(s: Session, key: str | None) -> PostResult | None:
    """The posting made earlier with this key, with its receipt, or None."""
    if not key:
        return None
    row = s.execute(select(JournalEntry.id, JournalEntry.fiscal_year, JournalEntry.number)
                    .where(JournalEntry.uuid == key)).first()
    if row is None:
        return None
    entry_id, fy, number = row
    receipt = s.execute(select(Kuitansi.id, Kuitansi.year, Kuitansi.number, Kuitansi.date)
                        .where(Kuitansi.entry_id == entry_id)).first()
    if receipt is None:
        return PostResult(entry_label(fy, number), entry_id, None, None, True)
    rid, year, rno, day = receipt
    return PostResult(entry_label(fy, number), entry_id,
                      simpanan.receipt_label(year, rno, day.month), rid, True)


def receipt_label(book: Book, receipt_id: int) -> str:
    """The printed number of a receipt ("0001/KW/XI/2026")."""
    with book.read_session() as s:
        receipt = s.get(Kuitansi, receipt_id)
        if receipt is None:
            raise KasirError(N_("There is no receipt {number}."), number=receipt_id)
        return simpanan.receipt_label(receipt.year, receipt.number, receipt.date.month)


def _result(r: simpanan.OperationResult) -> PostResult:
    if not r.entry.id:  # an exit with nothing to pay out posts no entry
        return PostResult("", 0, None, None)
    return PostResult(r.entry.label, r.entry.id, r.receipt, r.receipt_id, r.entry.duplicate)


def deposit(book: Book, number: str, product: str, amount: Money, day: dt.date,
            channel: str = "cash", user: str = "", key: str | None = None) -> PostResult:
    def work(s: Session) -> PostResult:
        return _already(s, key) or _result(simpanan.deposit(
            s, number, product, amount, day=day, channel=channel, user=user, key=key))
    return book.run(work)  # type: ignore[no-any-return]


def withdraw(book: Book, number: str, product: str, amount: Money, day: dt.date,
             channel: str = "cash", user: str = "", key: str | None = None) -> PostResult:
    def work(s: Session) -> PostResult:
        return _already(s, key) or _result(simpanan.withdraw(
            s, number, product, amount, day=day, channel=channel, user=user, key=key))
    return book.run(work)  # type: ignore[no-any-return]


def transfer(book: Book, number: str, from_product: str, to_product: str, amount: Money,
             day: dt.date, user: str = "", key: str | None = None) -> PostResult:
    """Between her own savings (no cash moves, so no receipt); the key posts it once."""
    def work(s: Session) -> PostResult:
        return _already(s, key) or _result(simpanan.transfer(
            s, number, from_product, to_product, amount, day=day, user=user, key=key))
    return book.run(work)  # type: ignore[no-any-return]


def exit_member(book: Book, number: str, day: dt.date, paid_from: str = "cash", user: str = "",
                expected: dict[str, Money] | None = None, key: str | None = None) -> PostResult:
    """Pay out every balance and mark her exited. ``expected`` is what the treasurer
    confirmed: when a balance changed meanwhile the exit is refused."""
    def work(s: Session) -> PostResult:
        return _already(s, key) or _result(simpanan.member_exit(
            s, number, day=day, paid_from=paid_from, user=user, expected=expected, key=key))
    return book.run(work)  # type: ignore[no-any-return]


# --- savings products -----------------------------------------------------------------

def products(book: Book) -> list[ProductRow]:
    with book.read_session() as s:
        return simpanan.product_rows(s)


def parse_percent(typed: str) -> int:
    """A percentage as typed ("30", "27,5", "27.5 %") in basis points (0 to 10.000); strict."""
    text = typed.strip().removesuffix("%").strip().replace(",", ".")
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text):
        raise KasirError(N_("“{typed}” is not a percentage; type it like 30 or 27,5."),
                         typed=typed.strip())
    whole, _dot, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def parse_nisbah(typed: str) -> int:
    """The mudharabah nisbah as typed ("30", "27,5", "27.5 %") in basis points; strict."""
    bp = parse_percent(typed)
    if bp > 10_000:
        raise KasirError(N_("The nisbah must be between 0 and 100 percent."))
    return bp


def update_product(book: Book, code: str, *, default_amount: Money | None = None,
                   nisbah_bp: int | None = None, name_id: str | None = None) -> None:
    book.run(lambda s: simpanan.update_product(s, code, default_amount=default_amount,
                                               nisbah_bp=nisbah_bp, name_id=name_id))


# --- the daily cash count --------------------------------------------------------------

def cash_count_preview(book: Book, day: dt.date, pieces: dict[int, int]) -> CashCountResult:
    with book.read_session() as s:
        return kas.count_cash(s, day, pieces)


def confirm_cash_count(book: Book, day: dt.date, pieces: dict[int, int], note: str = "",
                       user: str = "") -> CashCountResult:
    return book.run(lambda s: kas.confirm_count(s, day, pieces, note=note, user=user))  # type: ignore[no-any-return]


def cash_counts(book: Book, date_from: dt.date, date_to: dt.date) -> list[CashCountRow]:
    with book.read_session() as s:
        return kas.counts_between(s, date_from, date_to)


# --- the cooperative's own settings ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class CoopSettings:
    """Printed on every paper: the name, address, town (for "Lebak, 28 November 2026")
    and the treasurer who signs the receipts."""

    name: str = ""
    address: str = ""
    place: str = ""
    treasurer: str = ""


def cooperative(book: Book) -> CoopSettings:
    with book.read_session() as s:
        return CoopSettings(*(get_setting(s, key) for key in COOP_KEYS))


def save_cooperative(book: Book, coop: CoopSettings) -> None:
    if not coop.name.strip():
        raise KasirError(N_("The cooperative needs a name."))
    values = {"name": " ".join(coop.name.split()), "address": coop.address.strip(),
              "place": coop.place.strip(), "treasurer": " ".join(coop.treasurer.split())}

    def work(s: Session) -> None:
        for key, value in values.items():
            set_setting(s, key, value)
        s.flush()
    book.run(work)


def member_count(book: Book) -> int:
    with book.read_session() as s:
        return int(s.scalar(select(func.count(Anggota.id))) or 0)


# --- monthly profit sharing (bagi hasil) -----------------------------------------------

def profit_share_plan(book: Book, year: int, month: int, income: Money | None = None,
                      reserve_bp: int = 0) -> ProfitSharePlan:
    """The month's profit sharing as it would be posted; nothing is written.
    ``income`` replaces the income the book received that month when given."""
    with book.read_session() as s:
        return bagi_hasil.plan(s, year, month, income=income, reserve_bp=reserve_bp)


def post_profit_share(book: Book, year: int, month: int, income: Money | None = None,
                      reserve_bp: int = 0, user: str = "",
                      expected: ProfitSharePlan | None = None) -> PostedRef:
    """Compute the plan again inside the posting's transaction and post it once.

    ``expected`` is the plan the treasurer looked at: when the book changed since
    (a late deposit, income posted meanwhile) the posting is refused, so what is
    posted is always what was shown."""
    def work(s: Session) -> PostedRef:
        fresh = bagi_hasil.plan(s, year, month, income=income, reserve_bp=reserve_bp)
        posted = s.scalar(select(JournalEntry.id).where(JournalEntry.uuid == fresh.key))
        if posted is None and expected is not None and fresh != expected:
            raise KasirError(N_("The figures of {period} changed since they were computed; "
                                "compute them again before posting."),
                             period=f"{month:02d}/{year}")
        return bagi_hasil.post_plan(s, fresh, user=user)  # refuses a month posted before
    return book.run(work)  # type: ignore[no-any-return]


def profit_share_entry(book: Book, year: int, month: int) -> str | None:
    """The number of the entry that posted the month's profit sharing, or None."""
    key = f"bagi-hasil-{year}-{month:02d}"
    with book.read_session() as s:
        row = s.execute(select(JournalEntry.fiscal_year, JournalEntry.number)
                        .where(JournalEntry.uuid == key)).first()
    return entry_label(row[0], row[1]) if row is not None else None


# --- a voluntary bonus on wadiah savings ----------------------------------------------

@dataclass(frozen=True, slots=True)
class WadiahHolder:
    """An active member holding simpanan sukarela (wadiah), with her balance."""

    number: str
    name: str
    balance: Money


def wadiah_holders(book: Book, as_of: dt.date | None = None) -> list[WadiahHolder]:
    """Active members with a sukarela balance above zero, by number."""
    with book.read_session() as s:
        account = simpanan.products(s)["sukarela"].account_code
        raw = queries.party_balances(s, account, as_of)  # debit-positive: savings are negative
        names = {number: name for number, name in s.execute(
            select(Anggota.number, Anggota.name).where(Anggota.status == "active"))}
    return [WadiahHolder(number, names[number], -sen)
            for number, sen in sorted(raw.items()) if number in names and -sen > ZERO]


def wadiah_bonus(book: Book, day: dt.date, decision: str, amounts: dict[str, Money],
                 user: str = "") -> PostedRef:
    """Post the board's bonus on wadiah savings (``kasir.simpanan.wadiah_bonus``) in one
    entry; never a rate: the amounts are the ones the board decided."""
    return book.run(lambda s: simpanan.wadiah_bonus(  # type: ignore[no-any-return]
        s, day=day, decision=decision, amounts=amounts, user=user))


# --- importing a business-event file -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventFile:
    """A business-event file chosen for import, before anything is read into the book."""

    path: Path
    name: str
    lines: int  # lines holding an event (blank lines are not counted)
    size: int  # bytes


def _unreadable(path: Path, exc: Exception) -> KasirError:
    if isinstance(exc, UnicodeDecodeError):
        return KasirError(N_("{file} is not a text file in UTF-8."),
                          file=path.name)
    reason = getattr(exc, "strerror", None) or str(exc)
    return KasirError(N_("{file} could not be read: {reason}"), file=path.name, reason=reason)


def event_file(path: Path | str) -> EventFile:
    """The file's name, its number of event lines and its size."""
    path = Path(path)
    lines = 0
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for raw in fh:
                if raw.strip():
                    lines += 1
        size = path.stat().st_size
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from None
    return EventFile(path, path.name, lines, size)


def import_event_file(book: Book, path: Path | str, user: str = "",
                      progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import the whole file in one transaction (``kasir.impor``), or nothing.

    ``progress`` hears the number of events handled: 0 at the start, every few
    hundred events on the way, and the total once the file is in the book."""
    path = Path(path)
    if progress is not None:
        progress(0)
    try:
        result = impor.import_events(book, path, user=user, progress=progress)
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from None
    if progress is not None:
        progress(result.events)
    return result


# --- receipts ----------------------------------------------------------------------------

def receipts(book: Book, date_from: dt.date, date_to: dt.date, search: str = "",
             limit: int | None = 1000) -> list[ReceiptRow]:
    """Receipts of a date range, newest first, with the state of their operation;
    ``search`` is a receipt number or part of the member's number or name."""
    with book.read_session() as s:
        return simpanan.receipts_between(s, date_from, date_to, search, limit)


def receipt(book: Book, receipt_id: int) -> ReceiptRow:
    """One receipt with its entry and reversal state."""
    with book.read_session() as s:
        day = s.scalar(select(Kuitansi.date).where(Kuitansi.id == receipt_id))
        if day is None:
            raise KasirError(N_("There is no receipt {number}."), number=receipt_id)
        rows = simpanan.receipts_between(s, day, day)
    return next(r for r in rows if r.id == receipt_id)


def _savings_left_after_reversal(s: Session, row: ReceiptRow) -> None:
    """A receipt's operation is undone only if no savings balance goes below zero
    (a deposit already withdrawn cannot simply be taken back)."""
    savings = {p.account_code: p for p in s.scalars(select(ProdukSimpanan))}
    lines = s.execute(
        select(Account.code, Party.code, JournalLine.debit, JournalLine.credit)
        .join(Account, Account.id == JournalLine.account_id)
        .join(Party, Party.id == JournalLine.party_id)
        .where(JournalLine.entry_id == row.entry_id, Account.code.in_(list(savings)))
    ).all()
    taken: dict[tuple[str, str], int] = {}
    for code, member, debit, credit in lines:
        taken[(code, member)] = taken.get((code, member), 0) + int(credit) - int(debit)
    for (code, member), sen in sorted(taken.items()):
        if sen <= 0:
            continue
        held = queries.normal_balance(s, code, None, member)
        if held < Money(sen):
            raise KasirError(N_("Receipt {receipt} cannot be cancelled: {member} has only "
                                "{balance} left in {product}, less than the {amount} the "
                                "cancellation takes back."), receipt=row.label, member=member,
                             balance=held, product=savings[code].name_id, amount=Money(sen))


def cancel_receipt(book: Book, receipt_id: int, reason: str, day: dt.date,
                   user: str = "") -> PostedRef:
    """Undo the receipt's operation by reversing its entry (``kasir.journal``), with the
    reason; the receipt stays numbered and prints as DIBATALKAN."""
    if not reason or not reason.strip():
        raise KasirError(N_("A reversal needs a reason."))
    row = receipt(book, receipt_id)
    if row.reversed_by is not None:
        raise KasirError(N_("Receipt {receipt} was already cancelled by entry {entry}."),
                         receipt=row.label, entry=row.reversed_by)
    with book.read_session() as s:
        _savings_left_after_reversal(s, row)
    return journal.reverse_entry(book, row.entry_id, reason=reason, day=day, user=user)
