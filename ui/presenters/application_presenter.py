"""A new financing application (the wizard), without Qt.

The treasurer types the terms; after every change the schedule they would give
is read from ``financing.preview`` (nothing recorded), with the flat and the
effective rate side by side, or the rule they break in the service's own words.
Save records the application (``financing.apply``): on a book with users it then
waits for a ketua's approval, and the screen says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from kasir.actor import Actor
from kasir.financing import schedule
from kasir.financing import service as financing
from kasir.financing.queries import ProductRow, ScheduleRow
from kasir.financing.service import Terms
from kasir.i18n import _
from kasir.members import service as members
from kasir.numbers import AmountError, format_rupiah, parse_amount
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO
from ui.presenters.dates import DateProblem, parse_day, shown
from ui.presenters.outcome import Outcome, refused

FREQUENCIES = {"weekly": N_("Weekly"), "fortnightly": N_("Fortnightly"),
               "monthly": N_("Monthly")}
PURCHASE_MODES = {"direct": N_("The cooperative buys directly"),
                  "wakalah": N_("The member buys as agent (wakalah)")}


class ApplicationProblem(LedgerError):
    """A field typed wrong, before the terms reach the rules."""


@dataclass(frozen=True, slots=True)
class ApplicationForm:
    member: str = ""
    product: str = ""
    goods: str = ""
    supplier: str = ""
    cost: str = ""
    margin: str = ""
    down_payment: str = ""
    tenor: str = ""
    frequency: str = ""  # "" = the product's
    first_due: str = ""
    purchase_mode: str = "direct"


@dataclass(frozen=True, slots=True)
class Preview:
    rows: list[ScheduleRow]
    problem: Outcome | None  # why there is no schedule (or a hint of what is missing)
    summary: str  # price, financed, installment
    rates: str  # "flat 12,00% a year · effective 21,46% a year"


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.01'))}".replace(".", ",")


class ApplicationPresenter:
    def __init__(self, book: Book, actor: Actor) -> None:
        self.book, self.actor = book, actor
        self.day: dt.date = book.clock.today()
        self.products: list[ProductRow] = financing.products(book)
        self.last = ""  # the contract the last save recorded
        self.form = ApplicationForm(product=self.products[0].code if self.products else "",
                                    first_due=shown(self.day + dt.timedelta(days=7)))

    def product(self) -> ProductRow | None:
        return next((p for p in self.products if p.code == self.form.product), None)

    def is_qard(self) -> bool:
        p = self.product()
        return p is not None and p.kind == "qard"

    def product_label(self, p: ProductRow) -> str:
        return f"{p.code} — {p.name}"

    def edit(self, **typed: str) -> None:
        self.form = replace(self.form, **typed)

    def member_name(self) -> str:
        """Her name when the number typed is a member's; "" otherwise."""
        typed = self.form.member.strip()
        if not typed:
            return ""
        found = [m for m in members.find_members(self.book, typed, limit=5)
                 if m.number.casefold() == typed.casefold()]
        return found[0].name if found else ""

    def terms(self) -> Terms | ApplicationProblem:
        f, p = self.form, self.product()
        if p is None:
            return ApplicationProblem(N_("Choose a financing product."))
        if not f.member.strip():
            return ApplicationProblem(N_("Type the member's number."))
        try:
            cost = parse_amount(f.cost)
            margin = parse_amount(f.margin, allow_zero=True) if f.margin.strip() else ZERO
            down = (parse_amount(f.down_payment, allow_zero=True) if f.down_payment.strip()
                    else ZERO)
        except AmountError as exc:
            return ApplicationProblem(exc.template, **exc.params)
        if p.kind == "qard":  # its fields are off: a qard has no margin, no down payment
            margin = down = ZERO
        tenor = f.tenor.strip()
        if not tenor.isdigit() or int(tenor) < 1:
            return ApplicationProblem(N_("Type the number of installments (1 or more)."))
        try:
            first_due = parse_day(f.first_due)
        except DateProblem as exc:
            return ApplicationProblem(exc.template, **exc.params)
        return Terms(member=f.member.strip(), kind=p.kind, cost=cost, margin=margin,
                     tenor=int(tenor), first_due=first_due, product=p.code,
                     goods=f.goods.strip(),
                     supplier=f.supplier.strip() if p.kind == "murabahah" else "",
                     down_payment=down,
                     frequency=f.frequency or None,
                     purchase_mode=f.purchase_mode if p.kind == "murabahah" else "direct")

    def preview(self) -> Preview:
        terms = self.terms()
        if isinstance(terms, ApplicationProblem):
            return Preview([], Outcome(refused(terms).text, "hint"), "", "")
        try:
            rows = financing.preview(self.book, terms)
        except LedgerError as exc:
            return Preview([], refused(exc), "", "")
        price = terms.cost + terms.margin
        financed = price - terms.down_payment
        frequency = terms.frequency or (self.product().frequency if self.product() else "")
        summary = _("Price {price} · financed {financed} · {tenor} × {installment}").format(
            price=format_rupiah(price), financed=format_rupiah(financed), tenor=terms.tenor,
            installment=format_rupiah(rows[0].amount if rows else ZERO))
        rates = ""
        if terms.margin and rows and frequency:
            parts = [r.amount.sen for r in rows]
            _per, year = schedule.effective_rate_per_year(terms.margin.sen, parts, frequency)
            flat = schedule.flat_rate_per_year(terms.margin.sen, (financed - terms.margin).sen,
                                               terms.tenor, frequency)
            rates = _("Flat {flat}% a year · effective {effective}% a year").format(
                flat=_percent(flat), effective=_percent(year))
        elif rows:
            rates = _("No margin: she repays what she received.")
        return Preview(rows, None, summary, rates)

    def save(self) -> Outcome:
        terms = self.terms()
        if isinstance(terms, ApplicationProblem):
            return refused(terms)
        try:
            applied = financing.apply(self.book, self.actor, terms, self.day)
        except LedgerError as exc:
            return refused(exc)
        self.last = applied.contract
        if applied.request is not None:
            return Outcome(_("Application {contract} is recorded: waiting for approval by "
                             "ketua (request {request}).").format(contract=applied.contract,
                                                                 request=applied.request),
                           "hint")
        return Outcome(_("Application {contract} is recorded and approved: next, the down "
                         "payment and the purchase.").format(contract=applied.contract)
                       if terms.kind == "murabahah" else
                       _("Application {contract} is recorded and approved: next, the "
                         "disbursement.").format(contract=applied.contract))
