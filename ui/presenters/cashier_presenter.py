"""What the cashier screen means, without Qt.

``CashierPresenter`` decides, for the member's page and what the treasurer chose, which
products each operation offers, which key picks what, the amount offered (the wajib in
arrears), whether Enter may post and the call to make. ``CashierDesk``
(:mod:`ui.presenters.cashier_desk`) makes the calls: finding and taking her, posting with
the operation's key, the receipt PDF. The rules of money stay in the services; their
refusals come back as an ``Outcome``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kasir.financing.queries import ContractRow
from kasir.i18n import _
from kasir.numbers import AmountError, format_amount, format_rupiah, parse_amount
from kasir.savings.queries import MemberPage, SavingsAccount
from ledger.errors import N_, LedgerError
from ledger.money import Money
from ui.presenters.labels import account_name

DEPOSIT, WITHDRAW, TRANSFER, EXIT = "deposit", "withdraw", "transfer", "exit"
INSTALLMENT = "installment"  # on one of her running financing contracts
OPERATIONS = (DEPOSIT, WITHDRAW, TRANSFER, EXIT, INSTALLMENT)
# The "&" marks the single key that picks the operation, in each language.
OPERATION_LABELS = {DEPOSIT: N_("&Deposit"), WITHDRAW: N_("&Withdraw"),
                    TRANSFER: N_("&Transfer"), EXIT: N_("E&xit"),
                    INSTALLMENT: N_("&Installment")}
OPERATION_NAMES = {DEPOSIT: N_("Deposit"), WITHDRAW: N_("Withdrawal"),
                   TRANSFER: N_("Transfer between her savings"), EXIT: N_("Member exit"),
                   INSTALLMENT: N_("Installment")}
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

    def __init__(self, page: MemberPage | None = None,
                 contracts: list[ContractRow] | None = None) -> None:
        self.page = page
        self.contracts: list[ContractRow] = list(contracts or [])  # her running financing

    # --- what may be chosen ----------------------------------------------------
    def accounts(self) -> list[SavingsAccount]:
        return list(self.page.accounts) if self.page is not None else []

    def product_by_digit(self, digit: int) -> SavingsAccount | None:
        accounts = self.accounts()
        return accounts[digit - 1] if 1 <= digit <= len(accounts) else None

    # --- an installment: the number keys pick one of her contracts ---------------------
    def product_names(self, operation: str) -> list[str]:
        """The pad's numbered buttons: her savings products, or for an installment her
        running contracts (number and goods)."""
        if operation == INSTALLMENT:
            return [f"{c.number} {c.goods}".strip()[:28] for c in self.contracts]
        return [short_name(a) for a in self.accounts()]

    def pick_contract(self, form: CashierForm, digit: int) -> CashierForm:
        """An installment's contract: what is due up to today is offered, else the next
        installment (never more than she owes)."""
        if not 1 <= digit <= len(self.contracts):
            return form
        c = self.contracts[digit - 1]
        due = min(c.arrears or c.next_amount, c.outstanding)
        return replace(form, product=c.number, to_product=None,
                       amount=form.amount or (format_amount(due) if due else ""))

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
        if form.operation == INSTALLMENT:
            return self.pick_contract(form, digit), None
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
        if form.operation == INSTALLMENT and not self.contracts:
            return Verdict(hint=_("{name} has no running financing.").format(name=page.name))
        if form.product is None and form.operation == INSTALLMENT:
            return Verdict(hint=_("Choose her contract with its number key."))
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
