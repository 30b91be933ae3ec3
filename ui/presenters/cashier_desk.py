"""The cashier desk: the calls the cashier screen makes, without Qt.

``CashierDesk`` finds and takes one member after another, posts with the
operation's key, writes the receipt PDF, and says what the screen shows. It also
guards against the desk's costly slips: the date typed is read strictly (a text
that is no date refuses posting instead of falling back to another day), the
amount typed is shown in words (*terbilang*) before Enter, and an amount above
the book's threshold (``kasir.book.cooperative.confirm_above``) is asked about
once before it is posted. The rules of the form are
:class:`~ui.presenters.cashier_presenter.CashierPresenter`'s.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from kasir.actor import Actor
from kasir.book import cooperative
from kasir.financing import service as financing
from kasir.i18n import _
from kasir.members import service as members
from kasir.members.queries import MemberRow
from kasir.numbers import format_rupiah
from kasir.savings import service as savings
from kasir.savings.queries import MemberPage
from kasir.savings.service import PostResult
from kasir.terbilang import terbilang
from kasir.uow import Book
from ledger.errors import LedgerError
from ui import papers
from ui.presenters.cashier_presenter import (
    DEPOSIT,
    EXIT,
    INSTALLMENT,
    TRANSFER,
    WITHDRAW,
    CashierForm,
    CashierPresenter,
    Request,
    short_name,
)
from ui.presenters.dates import DateProblem, parse_day
from ui.presenters.outcome import Outcome, file_problem, refused


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
    words: str = ""  # the amount in words, before Enter: "Lima puluh ribu rupiah"


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
        self.bad_day: DateProblem | None = None  # the date field holds no real day
        self.confirmed: tuple[str, Request] | None = None  # the large amount she agreed to

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

    def date_typed(self, typed: str) -> Outcome | None:
        """The date field's text: a real day reads her page on it; anything else is kept
        as the reason Enter refuses (never the previous day posted in its place)."""
        try:
            day = parse_day(typed)
        except DateProblem as exc:
            self.bad_day = exc
            return refused(exc)
        self.bad_day = None
        return self.reload(day) if day != self.day else None

    def _read(self, number: str) -> Outcome | None:
        try:
            self.page = savings.member_page(self.book, number, self.day)
            self.contracts = financing.contracts(self.book, self.day, member=number)
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
        shown = page.total if exit_ and page is not None else verdict.amount
        pad = (form.operation if page else None,
               [n for n, a in enumerate(accounts, start=1) if a.product in chosen],
               [active and self.allowed(form, a, to=picking_to) for a in accounts], title)
        if form.operation == INSTALLMENT:
            pad = (form.operation if page else None,
                   [n for n, c in enumerate(self.contracts, start=1) if c.number in chosen],
                   [active] * len(self.contracts), _("Contract"))
            chosen_contract = next((c for c in self.contracts if c.number == form.product),
                                   None)
            if chosen_contract is not None:
                available = _("Owes {outstanding}; due {due}").format(
                    outstanding=format_rupiah(chosen_contract.outstanding),
                    due=format_rupiah(chosen_contract.arrears or chosen_contract.next_amount))
        return Screen(
            (page or self.preview_page, chosen),
            pad,
            (active, active and not exit_, active and form.operation != TRANSFER),
            format_rupiah(page.total, symbol=False) if exit_ and page is not None else None,
            available, verdict.can_post and self.bad_day is None, guide,
            terbilang(shown) if shown is not None and verdict.can_post else "")

    def prepare(self) -> Request | Outcome:
        """The call Enter would make, or why it cannot be made yet."""
        request, verdict = self.request(self.form), self.evaluate(self.form)
        if request is not None and self.bad_day is not None:
            return refused(self.bad_day)
        if request is None and verdict.problem is not None:
            return refused(verdict.problem)
        return request or Outcome(verdict.hint, "hint" if verdict.hint else "plain")

    def confirmation(self, request: Request) -> str | None:
        """The question to ask before posting an amount above the book's threshold, once
        for this operation; None when Enter may post at once (an exit asks its own).
        The threshold is read each time: the settings page may have changed it."""
        if request.operation == EXIT or request.amount is None \
                or self.confirmed == (self.key, request):
            return None
        threshold = cooperative.confirm_above(self.book)
        if request.amount <= threshold:
            return None
        return _("Post {what}?\n\n{words}\n\nThis is more than {threshold}.").format(
            what=self.describe(request), words=terbilang(request.amount),
            threshold=format_rupiah(threshold))

    def confirm(self, request: Request) -> None:
        """She answered yes: this operation posts without asking again (a second Enter)."""
        self.confirmed = (self.key, request)

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
        if r.operation == INSTALLMENT:
            assert r.product is not None and r.amount is not None
            return financing.pay(book, actor, r.product, r.amount, day, channel=r.channel,
                                 key=key)
        assert r.product is not None and r.amount is not None
        if r.operation == TRANSFER:
            assert r.to_product is not None
            return savings.transfer(book, actor, r.number, r.product, r.to_product, r.amount,
                                    day, key)
        move = savings.deposit if r.operation == DEPOSIT else savings.withdraw
        return move(book, actor, r.number, r.product, r.amount, day, r.channel, key)
