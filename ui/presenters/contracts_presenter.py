"""The contracts list and one contract's page, without Qt.

The list shows open contracts (or all) and filters by contract number, member
number or name. A contract's page shows its terms, its schedule with each
installment's state, its events (who paid), where it stands (arrears, days past
due), the early-settlement quote (Fatwa 153: the margin not yet earned is not
billed) and the steps its status and the user's role allow. Each step asks a
few fields (amount, date, reason...) described here as an ``Action``; the
dialog only draws them, and ``run`` makes the call and words its outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kasir.actor import Actor
from kasir.financing import service as financing
from kasir.financing.queries import ContractPage, ContractRow
from kasir.i18n import _
from kasir.numbers import format_amount, format_rupiah, parse_amount
from kasir.uow import Book
from kasir.users.permissions import Permission
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money
from ui import papers
from ui.presenters.application_presenter import FREQUENCIES
from ui.presenters.dates import parse_day
from ui.presenters.outcome import Outcome, file_problem, refused

STATUS_NAMES = {"applied": N_("waiting for approval"), "approved": N_("approved"),
                "purchasing": N_("goods with the agent"), "purchased": N_("goods bought"),
                "active": N_("running"), "settled": N_("settled"),
                "written_off": N_("written off"), "cancelled": N_("cancelled"),
                "rejected": N_("rejected")}
STATE_NAMES = {"paid": N_("paid"), "partly": N_("partly paid"), "late": N_("late"),
               "due": N_("due")}
EVENT_NAMES = {"down_payment": N_("Down payment"), "purchase": N_("Purchase"),
               "goods_received": N_("Goods received"), "akad": N_("Akad"),
               "disbursement": N_("Disbursement"), "installment": N_("Installment"),
               "settlement": N_("Early settlement"), "write_off": N_("Write-off"),
               "recovery": N_("Recovery"), "reschedule": N_("Rescheduled"),
               "cancel": N_("Cancelled"), "reversal": N_("Reversal")}
BEFORE_AKAD = ("applied", "approved", "purchasing", "purchased")


@dataclass(frozen=True, slots=True)
class Action:
    """A step on the contract: its button, who may, and the fields its dialog asks."""

    key: str
    label: str  # English msgid
    permission: Permission
    fields: tuple[str, ...]  # amount, fine, date, tenor, first_due, reason, channel, cost
    amount: Money = ZERO  # offered in the amount field
    note: str = ""  # said above the fields (the quote, what happens)


@dataclass(frozen=True, slots=True)
class Answers:
    """What the step's dialog gave back, as typed."""

    day: str
    amount: str = ""
    fine: str = ""
    tenor: str = ""
    first_due: str = ""
    reason: str = ""
    channel: str = "cash"
    cost: str = ""


class ContractsPresenter:
    def __init__(self, book: Book, actor: Actor, may: Callable[[Permission], bool]) -> None:
        self.book, self.actor, self.may = book, actor, may
        self.day: dt.date = book.clock.today()
        self.open_only = True
        self.search = ""
        self.rows: list[ContractRow] = []
        self.page: ContractPage | None = None

    # --- the list -------------------------------------------------------------------
    def load(self) -> list[ContractRow]:
        rows = financing.contracts(self.book, self.day, open_only=self.open_only)
        wanted = self.search.strip().casefold()
        self.rows = [r for r in rows if not wanted or wanted in r.number.casefold()
                     or wanted in r.member.casefold() or wanted in r.name.casefold()]
        return self.rows

    def show(self, number: str) -> Outcome | None:
        try:
            self.page = financing.contract_page(self.book, number, self.day)
        except LedgerError as exc:
            self.page = None
            return refused(exc)
        return None

    # --- the page -------------------------------------------------------------------
    def title(self) -> str:
        if self.page is None:
            return ""
        r = self.page.row
        return f"{r.number} — {r.name} ({r.member}) · {_(STATUS_NAMES.get(r.status, r.status))}"

    def terms(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the contract's terms and where it stands."""
        p = self.page
        if p is None:
            return []
        r = p.row
        rp = format_rupiah
        out = [(_("Product"), f"{r.product} · {r.goods}" + (f" · {p.supplier}"
                                                            if p.supplier else ""))]
        if r.kind == "murabahah":
            out += [(_("Cost / margin / price"), f"{rp(p.cost)} + {rp(p.margin)} = "
                                                  f"{rp(r.price)}"),
                    (_("Down payment"), rp(r.down_payment))]
        else:
            out += [(_("Amount lent"), rp(p.cost))]
        frequency = _(FREQUENCIES.get(p.frequency, p.frequency))
        out += [(_("Installments"), f"{r.tenor} × {rp(r.installment)} ({frequency.lower()}, "
                                    + _("first on {day}").format(
                                        day=p.first_due.strftime("%d/%m/%Y")) + ")")]
        if r.kind == "murabahah":
            out.append((_("Rates"), _("flat {flat}% a year · effective {effective}% a year")
                        .format(flat=p.flat_rate_year.replace(".", ","),
                                effective=p.effective_rate_year.replace(".", ","))))
        out.append((_("Paid / outstanding"), f"{rp(r.paid)} / {rp(r.outstanding)}"))
        if r.arrears or r.days_past_due:
            out.append((_("Arrears"), _("{amount}, {days} days past due").format(
                amount=rp(r.arrears), days=r.days_past_due)))
        if r.next_due is not None:
            out.append((_("Next installment"), f"{r.next_due.strftime('%d/%m/%Y')} · "
                                               f"{rp(r.next_amount)}"))
        approved = _("approved by {user}").format(user=p.approved_by) if p.approved_by else ""
        who = p.applied_by + (f" · {approved}" if approved else "")
        out.append((_("Applied"), f"{p.applied_on.strftime('%d/%m/%Y')} · {who}".strip(" ·")))
        return out

    def quote(self) -> str:
        """The early-settlement quote (murabahah, running): what she owes, the margin not
        yet earned that is not billed, and what she pays."""
        p = self.page
        if p is None or p.row.status != "active" or p.row.kind != "murabahah":
            return ""
        return _("Settling today: owes {owed} − margin not yet earned {unearned} (not billed, "
                 "Fatwa 153) = she pays {pays}").format(
            owed=format_rupiah(p.settle_owed), unearned=format_rupiah(p.settle_unearned),
            pays=format_rupiah(p.settle_pays))

    def schedule(self) -> list[tuple[list[str], str]]:
        """Each installment's cells and its state (paid, partly, late, due)."""
        if self.page is None:
            return []
        return [([str(s.seq), s.due_date.strftime("%d/%m/%Y"), format_amount(s.amount),
                  format_amount(s.principal), format_amount(s.margin),
                  format_amount(s.paid) if s.paid else "", _(STATE_NAMES.get(s.state, s.state))],
                 s.state) for s in self.page.schedule]

    def events(self) -> list[tuple[list[str], bool]]:
        """Each event's cells, and whether it was reversed."""
        if self.page is None:
            return []
        return [([e.date.strftime("%d/%m/%Y"), _(EVENT_NAMES.get(e.kind, e.kind)),
                  format_amount(e.amount) if e.amount else "",
                  format_amount(e.tazir) if e.tazir else "", e.payer, e.entry,
                  e.note], e.reversed) for e in self.page.events]

    # --- the papers -----------------------------------------------------------------
    def can_print(self) -> bool:
        """A contract is shown that has papers (not one refused or cancelled)."""
        return self.page is not None and self.page.row.status not in ("rejected", "cancelled")

    def akad_paper(self, folder: Path) -> Path | Outcome:
        """The akad summary of the contract shown, in ``folder``'s financing folder."""
        return self._paper(lambda n, f: papers.akad_pdf(self.book, n, f), folder)

    def card_paper(self, folder: Path) -> Path | Outcome:
        """The installment card of the contract shown, paid up to the page's day."""
        return self._paper(lambda n, f: papers.card_pdf(self.book, n, self.day, f), folder)

    def _paper(self, write: Callable[[str, Path], Path], folder: Path) -> Path | Outcome:
        if self.page is None:
            return Outcome(_("Choose a contract in the list."), "hint")
        try:
            return write(self.page.row.number, papers.financing_folder(folder))
        except (OSError, LedgerError) as exc:
            return file_problem(exc)

    # --- the steps ------------------------------------------------------------------
    def _held(self) -> Money:
        assert self.page is not None
        return sum((e.amount for e in self.page.events
                    if e.kind == "down_payment" and not e.reversed), ZERO)

    def actions(self) -> list[Action]:
        """The steps this contract's status allows and the user's role may take."""
        p = self.page
        if p is None:
            return []
        r, out = p.row, []
        status, murabahah = r.status, r.kind == "murabahah"
        owed_dp = r.down_payment - self._held() if murabahah else ZERO
        if murabahah and status in BEFORE_AKAD and owed_dp.is_positive():
            out.append(Action("down_payment", N_("Down payment…"), Permission.FINANCING,
                              ("amount", "day", "channel"), owed_dp))
        if status == "approved":
            if murabahah:
                out.append(Action("purchase", N_("Purchase the goods…"), Permission.FINANCING,
                                  ("day", "channel"), p.cost,
                                  _("The cooperative pays {cost} for {goods}.").format(
                                      cost=format_rupiah(p.cost), goods=r.goods)))
            else:
                out.append(Action("disburse", N_("Disburse…"), Permission.FINANCING,
                                  ("day", "channel"), p.cost))
        if status == "purchasing":
            out.append(Action("goods_received", N_("Goods received…"), Permission.FINANCING,
                              ("day",)))
        if status == "purchased":
            out.append(Action("akad", N_("Sign the akad…"), Permission.FINANCING, ("day",),
                              note=_("The sale at {price}; the schedule is fixed from now "
                                     "on.").format(price=format_rupiah(r.price))))
        if status == "active":
            due = r.arrears or r.next_amount
            out.append(Action("pay", N_("Take an installment…"), Permission.CASHIER,
                              ("amount", "fine", "day", "channel"), min(due, r.outstanding)))
            if murabahah:
                out.append(Action("settle", N_("Settle early…"), Permission.CASHIER,
                                  ("day", "channel"), p.settle_pays, self.quote()))
            out.append(Action("reschedule", N_("Reschedule…"), Permission.FINANCING,
                              ("day", "tenor", "first_due", "reason")))
            out.append(Action("write_off", N_("Write off…"), Permission.FINANCING, ("day",),
                              note=_("A write-off waits for a ketua's approval on a book "
                                     "with users.")))
        if status == "written_off":
            out.append(Action("recover", N_("Recovery…"), Permission.CASHIER,
                              ("amount", "day", "channel")))
        if status in BEFORE_AKAD and status != "purchasing":
            out.append(Action("cancel", N_("Cancel…"), Permission.FINANCING,
                              ("day", "reason", "cost") if self._held() else ("day", "reason")))
        return [a for a in out if self.may(a.permission)]

    def run(self, action: Action, answers: Answers) -> Outcome:
        """Make the step's call; the page is read again after it."""
        assert self.page is not None
        number = self.page.row.number
        try:
            outcome = self._call(action.key, number, answers)
        except LedgerError as exc:
            return refused(exc)
        self.show(number)
        return outcome

    def _call(self, key: str, number: str, a: Answers) -> Outcome:
        book, actor = self.book, self.actor
        day = parse_day(a.day)
        if key == "down_payment":
            r = financing.down_payment(book, actor, number, parse_amount(a.amount), day,
                                       a.channel)
        elif key == "purchase":
            r = financing.purchase(book, actor, number, day, a.channel)
        elif key == "goods_received":
            r = financing.goods_received(book, actor, number, day)
        elif key == "akad":
            r = financing.akad(book, actor, number, day)
        elif key == "disburse":
            r = financing.disburse_qard(book, actor, number, day, a.channel)
        elif key == "pay":
            fine = parse_amount(a.fine, allow_zero=True) if a.fine.strip() else ZERO
            r = financing.pay(book, actor, number, parse_amount(a.amount), day,
                              channel=a.channel, tazir=fine)
        elif key == "settle":
            r = financing.settle(book, actor, number, day, a.channel)
        elif key == "recover":
            r = financing.recover(book, actor, number, parse_amount(a.amount), day, a.channel)
        elif key == "reschedule":
            if not a.tenor.strip().isdigit():
                raise ContractProblem(N_("Type the number of installments (1 or more)."))
            financing.reschedule(book, actor, number, day, int(a.tenor),
                                 parse_day(a.first_due), a.reason)
            return Outcome(_("{contract} is rescheduled.").format(contract=number))
        elif key == "write_off":
            entry = financing.write_off(book, actor, number, day)
            return Outcome(_("{contract} is written off: entry {entry}.").format(
                contract=number, entry=entry))
        elif key == "cancel":
            cost = parse_amount(a.cost, allow_zero=True) if a.cost.strip() else ZERO
            r = financing.cancel(book, actor, number, day, a.reason, cost, a.channel)
        else:
            raise ContractProblem(N_("Unknown step {step}."), step=key)
        if r.receipt:
            return Outcome(_("Done: {contract}. Receipt {receipt}.").format(
                contract=number, receipt=r.receipt))
        return Outcome(_("Done: {contract}. Entry {entry}.").format(contract=number,
                                                                  entry=r.entry or "—"))


class ContractProblem(LedgerError):
    """A step's field typed wrong."""
