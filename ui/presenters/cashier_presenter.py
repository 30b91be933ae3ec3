"""What the cashier screen means and does, without Qt.

``CashierPresenter`` decides, for the member's page and what the treasurer chose, which
products each operation offers, which key picks what, the amount offered (the wajib in
arrears), whether Enter may post and the call to make. ``CashierDesk`` makes the calls:
finding and taking her, posting with the operation's key, the receipt PDF. The rules of
money stay in the services; their refusals come back as an ``Outcome``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from kasir.actor import Actor
from kasir.i18n import _
from kasir.members import service as members
from kasir.members.queries import MemberRow
from kasir.numbers import AmountError, format_amount, format_rupiah, parse_amount
from kasir.savings import service as savings
from kasir.savings.queries import MemberPage, SavingsAccount
from kasir.savings.service import PostResult
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import Money
from ui import papers
from ui.presenters.labels import account_name
from ui.presenters.outcome import Outcome, file_problem, refused

DEPOSIT, WITHDRAW, TRANSFER, EXIT = "deposit", "withdraw", "transfer", "exit"
OPERATIONS = (DEPOSIT, WITHDRAW, TRANSFER, EXIT)
# The "&" marks the single key that picks the operation, in each language.
OPERATION_LABELS = {DEPOSIT: N_("&Deposit"), WITHDRAW: N_("&Withdraw"),
                    TRANSFER: N_("&Transfer"), EXIT: N_("E&xit")}
OPERATION_NAMES = {DEPOSIT: N_("Deposit"), WITHDRAW: N_("Withdrawal"),
                   TRANSFER: N_("Transfer between her savings"), EXIT: N_("Member exit")}
SHORT_NAMES = {"pokok": N_("Principal"), "wajib": N_("Mandatory"),
               "sukarela": N_("Voluntary"), "mudharabah": N_("Mudharabah")}
CHANNELS = {"cash": N_("Cash"), "bank": N_("Bank")}


class CashierProblem(LedgerError):
    """Something on the cashier screen that keeps the operation from being posted."""


def key_of(label: str) -> str:
    """The letter after "&" in a (translated) label, lower case; "" when there is none."""
    at = label.find("&")
    return label[at + 1].lower() if 0 <= at < len(label) - 1 else ""


def operation_keys() -> dict[str, str]:
    """Key letter -> operation, in the interface language."""
    return {key_of(_(OPERATION_LABELS[op])): op for op in OPERATIONS}


def short_name(account: SavingsAccount) -> str:
    """"Sukarela" rather than "Simpanan Sukarela (Wadiah)": the buttons are small."""
    if account.product in SHORT_NAMES:
        return _(SHORT_NAMES[account.product])
    return account.name_id.removeprefix("Simpanan ").strip() or account.product


def product_name(account: SavingsAccount) -> str:
    """The product's full name in the interface language."""
    return account_name(account.name_id, account.name_en)


@dataclass(frozen=True, slots=True)
class CashierForm:
    """What the treasurer has chosen and typed so far for the member shown."""

    operation: str = DEPOSIT
    product: str | None = None  # the product deposited to, withdrawn or moved from
    to_product: str | None = None  # a transfer's destination
    amount: str = ""
    channel: str = "cash"


@dataclass(frozen=True, slots=True)
class Verdict:
    amount: Money | None = None
    problem: LedgerError | None = None  # typed wrong: shown in red
    hint: str = ""  # not chosen or typed yet: shown in grey
    can_post: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """The desk call Enter makes."""

    operation: str
    number: str
    product: str | None = None
    to_product: str | None = None
    amount: Money | None = None
    channel: str = "cash"
    expected: dict[str, Money] = field(default_factory=dict)


class CashierPresenter:
    """The rules of the form for one member's page: pure, so each is tested alone."""

    def __init__(self, page: MemberPage | None = None) -> None:
        self.page = page

    # --- what may be chosen ----------------------------------------------------
    def accounts(self) -> list[SavingsAccount]:
        return list(self.page.accounts) if self.page is not None else []

    def product_by_digit(self, digit: int) -> SavingsAccount | None:
        accounts = self.accounts()
        return accounts[digit - 1] if 1 <= digit <= len(accounts) else None

    def allowed(self, form: CashierForm, account: SavingsAccount, *, to: bool = False) -> bool:
        """May this product be picked (as source, or as a transfer's destination)?"""
        if form.operation == TRANSFER and to:
            return account.product != form.product
        return form.operation == DEPOSIT or (form.operation in (WITHDRAW, TRANSFER)
                                             and account.withdrawable)

    def refusal(self, form: CashierForm, account: SavingsAccount) -> LedgerError | None:
        """Why a product cannot be picked for this operation (the services' own words)."""
        if self.allowed(form, account, to=self.wants_destination(form)):
            return None
        if form.operation in (WITHDRAW, TRANSFER) and not account.withdrawable:
            return CashierProblem(N_("{product} can only be paid out when the member leaves "
                                     "the cooperative."), product=product_name(account))
        return CashierProblem(N_("Choose two different savings products."))

    def wants_destination(self, form: CashierForm) -> bool:
        """A transfer whose source is chosen and whose destination is not yet."""
        return form.operation == TRANSFER and form.product is not None \
            and form.to_product is None

    def needs_amount(self, form: CashierForm) -> bool:
        return form.operation != EXIT

    def pick_product(self, form: CashierForm, digit: int) -> tuple[CashierForm, LedgerError | None]:
        """The form after a product key; a product that does not fit is refused."""
        account = self.product_by_digit(digit)
        if account is None or form.operation == EXIT:
            return form, None
        problem = self.refusal(form, account)
        if problem is not None:
            return form, problem
        if self.wants_destination(form):
            return replace(form, to_product=account.product), None
        amount = form.amount or self.default_amount(form.operation, account)
        return replace(form, product=account.product, to_product=None, amount=amount), None

    def pick_operation(self, form: CashierForm, operation: str) -> CashierForm:
        """A new operation starts over: products and amount are chosen again."""
        return CashierForm(operation, None, None, "", form.channel)

    def default_amount(self, operation: str, account: SavingsAccount) -> str:
        """For a deposit: the wajib in arrears (or the member's wajib per period), else the
        product's usual amount; nothing for money going out."""
        if operation != DEPOSIT or self.page is None:
            return ""
        if account.product == "wajib":
            due = self.page.arrears or self.page.detail.wajib_amount
            return format_amount(due) if due else ""
        return format_amount(account.default_amount) if account.default_amount else ""

    # --- the whole form ----------------------------------------------------------
    def evaluate(self, form: CashierForm) -> Verdict:
        page = self.page
        if page is None:
            return Verdict(hint=_("Type a member number or part of her name, then Enter."))
        if not page.active:
            return Verdict(problem=CashierProblem(N_("Member {member} has left the "
                                                     "cooperative."), member=page.number))
        if form.operation == EXIT:
            return Verdict(hint=_("Enter: confirm the exit and pay out every balance."),
                           can_post=True)
        if form.product is None:
            return Verdict(hint=_("Choose the savings product with its number key."))
        if form.operation == TRANSFER and form.to_product is None:
            return Verdict(hint=_("Choose the savings product to move the money to."))
        if not form.amount.strip():
            return Verdict(hint=_("Type the amount, then Enter."))
        try:
            amount = parse_amount(form.amount)
        except AmountError as exc:
            return Verdict(problem=exc)
        return Verdict(amount=amount, can_post=True)

    def request(self, form: CashierForm) -> Request | None:
        verdict = self.evaluate(form)
        if not verdict.can_post or self.page is None:
            return None
        if form.operation == EXIT:
            return Request(EXIT, self.page.number, channel=form.channel,
                           expected=self.page.held())
        return Request(form.operation, self.page.number, form.product, form.to_product,
                       verdict.amount, form.channel)

    def describe(self, request: Request) -> str:
        """One line for the status: what was done, for whom."""
        assert self.page is not None
        names = {a.product: product_name(a) for a in self.accounts()}
        what = _(OPERATION_NAMES[request.operation])
        if request.operation == TRANSFER:
            what += f" {names.get(request.product or '', '')} → {names.get(request.to_product or '', '')}"
        elif request.product:
            what += f" {names.get(request.product, request.product)}"
        amount = request.amount if request.amount is not None else self.page.total
        return f"{what} {format_rupiah(amount)} — {self.page.name} ({self.page.number})"


# --- the desk: the calls the cashier screen makes ---------------------------------------
@dataclass(frozen=True, slots=True)
class Screen:
    """What the view draws, decided here: ``card`` and ``pad`` are the arguments of
    ``MemberCard.show_page`` and ``OperationPad.show_choice``, ``guide`` the status's."""

    card: tuple[MemberPage | None, tuple[str, ...]]
    pad: tuple[str | None, list[int], list[bool], str]
    enabled: tuple[bool, bool, bool]  # the pad, the amount, the channel
    exit_amount: str | None  # an exit pays out everything: shown, not typed
    available: str
    can_post: bool
    guide: Outcome


class CashierDesk(CashierPresenter):
    """One member after another: the view keeps widgets, keys and focus; every service
    call and every refusal put into words happens here, so it is tested without Qt.
    Each prepared operation carries ``key``: the same key posts once (a double Enter)."""

    def __init__(self, book: Book, actor: Actor, search_limit: int = 50) -> None:
        super().__init__(None)
        self.book, self.actor, self.search_limit = book, actor, search_limit
        self.day: dt.date = book.clock.today()  # the book's clock, not the computer's
        self.form, self.key = CashierForm(), uuid.uuid4().hex
        self.matches: list[MemberRow] = []
        self.preview_page: MemberPage | None = None  # the highlighted match, not yet taken
        self.last_result: PostResult | None = None
        self.last_receipt: Path | None = None  # its PDF, when it could be written

    def search(self, text: str) -> Outcome | None:
        """The matches for what is typed; a hint when nobody matches."""
        self.preview_page = None
        self.matches = members.find_members(self.book, text, limit=self.search_limit)
        if not text.strip() or self.matches:
            return None
        return Outcome(_("No member has the number or name “{typed}”.").format(
            typed=text.strip()), "hint")

    def preview(self, row: int, typed: str) -> bool:
        """The highlighted match's card before she is taken; True when it changed."""
        if self.page is not None or not typed.strip() or not 0 <= row < len(self.matches):
            return False
        number = self.matches[row].number
        if self.preview_page is not None and self.preview_page.number == number:
            return False
        try:
            self.preview_page = savings.member_page(self.book, number, self.day)
        except LedgerError:
            self.preview_page = None  # the card stays empty; taking her says why
        return True

    def to_take(self, typed: str, current: int) -> str | None:
        """Enter in the search: the exact number typed, else the highlighted match."""
        wanted = typed.strip().casefold()
        exact = [m.number for m in self.matches if wanted and m.number.casefold() == wanted]
        in_list = 0 <= current < len(self.matches)
        return exact[0] if exact else self.matches[current].number if in_list else None

    def take(self, number: str) -> Outcome | None:
        """Her page and a fresh operation (a deposit, the usual case); or the refusal."""
        problem = self._read(number)
        if problem is None:
            self.preview_page = None
            self.new_operation()
        return problem

    def reload(self, day: dt.date | None = None) -> Outcome | None:
        """Her page read again (another day, another page's postings); or the refusal."""
        self.day = day or self.day
        return None if self.page is None else self._read(self.page.number)

    def _read(self, number: str) -> Outcome | None:
        try:
            self.page = savings.member_page(self.book, number, self.day)
        except LedgerError as exc:
            return refused(exc)
        return None

    def new_operation(self, operation: str = DEPOSIT, *, forget: bool = False) -> None:
        """A new form and key: another posting comes (``forget``: and another member)."""
        self.page = None if forget else self.page
        self.key = uuid.uuid4().hex
        self.form = CashierForm(operation, channel=self.form.channel)

    def choose_product(self, digit: int) -> Outcome | None:
        """A product key; the refusal when the product does not fit the operation."""
        self.form, problem = self.pick_product(self.form, digit)  # unchanged when refused
        return refused(problem) if problem is not None else None

    def edit(self, **typed: str) -> None:
        """The amount or the channel as the treasurer changes it."""
        self.form = replace(self.form, **typed)

    def advance(self) -> tuple[Literal["post", "amount", "stay"], Outcome | None]:
        """Enter on the pad: an exit is confirmed; otherwise on to the amount when ready,
        or it stays with the hint of what is still to choose."""
        form = self.form
        if form.operation == EXIT:
            return "post", None
        if form.product is None or (form.operation == TRANSFER and form.to_product is None):
            hint = self.evaluate(form).hint
            return "stay", Outcome(hint, "hint") if hint else None
        return "amount", None

    def screen(self) -> Screen:
        """The screen after any change: the card, the keys that work, the status's word."""
        page, form = self.page, self.form
        chosen = tuple(p for p in (form.product, form.to_product) if p)
        accounts, picking_to = self.accounts(), self.wants_destination(form)
        title = _("Savings")
        if form.operation == TRANSFER:
            title = _("To") if picking_to else _("From")
        active = page is not None and page.active
        verdict, hint = self.evaluate(form), ""
        if page is None and self.preview_page is not None:
            hint = _("Enter takes {name}; ↑↓ chooses another.").format(
                name=self.preview_page.name)
        guide = Outcome(hint or verdict.hint, "hint" if hint or verdict.hint else "plain")
        if verdict.problem is not None and not form.amount.strip():
            guide = refused(verdict.problem)
        account = page.account(form.product) if page and form.product else None
        available = _("{product} balance: {amount}").format(
            product=short_name(account), amount=format_rupiah(account.balance)) \
            if account is not None and form.operation in (WITHDRAW, TRANSFER) else ""
        exit_ = form.operation == EXIT
        return Screen(
            (page or self.preview_page, chosen),
            (form.operation if page else None,
             [n for n, a in enumerate(accounts, start=1) if a.product in chosen],
             [active and self.allowed(form, a, to=picking_to) for a in accounts], title),
            (active, active and not exit_, active and form.operation != TRANSFER),
            format_rupiah(page.total, symbol=False) if exit_ and page is not None else None,
            available, verdict.can_post, guide)

    def prepare(self) -> Request | Outcome:
        """The call Enter would make, or why it cannot be made yet."""
        request, verdict = self.request(self.form), self.evaluate(self.form)
        if request is None and verdict.problem is not None:
            return refused(verdict.problem)
        return request or Outcome(verdict.hint, "hint" if verdict.hint else "plain")

    def post(self, request: Request, folder: Path, paid_from: str | None = None) -> Outcome:
        """Post once with the key (``paid_from``: the channel confirmed for an exit), write
        the receipt PDF under ``folder``, read her page again; a refusal changes nothing."""
        if paid_from is not None:
            request = replace(request, channel=paid_from)
        try:
            result = self._call(request)
        except LedgerError as exc:
            return refused(exc)
        done, self.last_result, self.last_receipt = self.describe(request), result, None
        if result.receipt:
            text = _("Posted: {what}. Receipt {receipt}.").format(what=done,
                                                                  receipt=result.receipt)
        elif result.entry:
            text = _("Posted: {what}. Entry {entry}.").format(what=done, entry=result.entry)
        else:
            text = _("{name} has left the cooperative; there was no balance to pay out.").format(
                name=self.page.name if self.page else "")
        kind = "ok"
        if result.receipt_id is not None:
            try:
                self.last_receipt = papers.receipt_pdf(self.book, result.receipt_id,
                                                       papers.receipts_folder(folder))
            except (OSError, LedgerError) as exc:  # posted all the same: said, not red
                text += " " + _("The receipt file could not be written: {reason}").format(
                    reason=file_problem(exc).text)
                kind = "hint"
        self.new_operation()
        self.reload()  # a refusal here would hide under the posting's own line
        return Outcome(text, kind)

    def _call(self, r: Request) -> PostResult:
        book, actor, day, key = self.book, self.actor, self.day, self.key
        if r.operation == EXIT:
            return savings.exit_member(book, actor, r.number, day, r.channel, r.expected, key)
        assert r.product is not None and r.amount is not None
        if r.operation == TRANSFER:
            assert r.to_product is not None
            return savings.transfer(book, actor, r.number, r.product, r.to_product, r.amount,
                                    day, key)
        move = savings.deposit if r.operation == DEPOSIT else savings.withdraw
        return move(book, actor, r.number, r.product, r.amount, day, r.channel, key)
