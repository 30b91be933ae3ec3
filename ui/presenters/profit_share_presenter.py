"""What the profit-sharing screen means, without Qt.

The screen hands over the month chosen and what was typed: a reserve in
percent ("10" or "12,5"; empty is none) and, only when the treasurer wants to
share another figure than the book's, the month's income typed the Indonesian
way ("1.500.000"; empty is the income the book received). This module reads
them strictly, words the plan's figures, builds the table rows with their total
and decides whether the plan may be posted: only a finished month, only when
there is something to share. ``ProfitSharePresenter`` holds the plan shown and
makes the page's calls to the profit-sharing service (compute, post once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import get_month_names

from kasir.actor import Actor
from kasir.i18n import _, language
from kasir.numbers import LOCALES, AmountError, format_rupiah, parse_amount, parse_percent
from kasir.profit_share import service as profit_share
from kasir.profit_share.queries import ProfitSharePlan
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money
from ui.presenters.outcome import Outcome, refused


class ProfitShareProblem(LedgerError):
    """Something typed on the profit-sharing screen that cannot be used."""


def last_finished_month(today: dt.date) -> tuple[int, int]:
    """The month before ``today``'s (October on 28 November; December on 3 January)."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.year, last.month


def month_finished(year: int, month: int, today: dt.date) -> bool:
    return (year, month) < (today.year, today.month)


def period_text(year: int, month: int) -> str:
    """"November 2026" in the interface language, as the month list names it."""
    name = get_month_names("wide", locale=LOCALES.get(language(), "id_ID"))[month]
    return f"{name} {year}"


@dataclass(frozen=True, slots=True)
class ProfitShareForm:
    year: int
    month: int
    reserve: str = ""  # percent, empty is none
    income: str = ""  # rupiah, empty is the book's income of the month


@dataclass(frozen=True, slots=True)
class ProfitShareRequest:
    """The desk call "Hitung" and "Posting" make."""

    year: int
    month: int
    income: Money | None  # None: the income the book received that month
    reserve_bp: int


def read_form(form: ProfitShareForm) -> ProfitShareRequest:
    """The typed form as a request; a reserve or income that cannot be read is refused."""
    reserve_bp = 0
    if form.reserve.strip():
        try:
            reserve_bp = parse_percent(form.reserve)
        except LedgerError as exc:
            raise ProfitShareProblem(exc.template, **exc.params) from None
        if reserve_bp > 10_000:
            raise ProfitShareProblem(N_("The reserve must be between 0 and 100 percent."))
    income: Money | None = None
    if form.income.strip():
        try:
            income = parse_amount(form.income, allow_zero=True)
        except AmountError as exc:
            raise ProfitShareProblem(exc.template, **exc.params) from None
    return ProfitShareRequest(form.year, form.month, income, reserve_bp)


def percent_text(bp: int) -> str:
    """Basis points the Indonesian way: 3000 -> "30 %", 1250 -> "12,5 %"."""
    whole, rest = divmod(bp, 100)
    return f"{whole} %" if not rest else f"{whole},{rest:02d}".rstrip("0") + " %"


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    title: str
    value: str
    strong: bool = False


def figure_titles(income_typed: bool = False) -> dict[str, str]:
    """The steps from the month's income to the members' pool, in the user's words."""
    return {
        "income": (_("Income to share (typed)") if income_typed
                   else _("Income received this month")),
        "mudharabah_adb": _("Mudharabah savings, average daily balance"),
        "productive_adb": _("Productive funds (financing), average daily balance"),
        "portion": _("Income earned by the mudharabah savings"),
        "reserve": _("Reserve"),
        "nisbah": _("Members' nisbah"),
        "pool": _("To share among the members"),
    }


def figures(plan: ProfitSharePlan, income_typed: bool = False) -> list[Figure]:
    """Each step's title and figure."""
    values = {
        "income": format_rupiah(plan.income),
        "mudharabah_adb": format_rupiah(plan.mudharabah_adb),
        "productive_adb": format_rupiah(plan.productive_adb),
        "portion": format_rupiah(plan.portion),
        "reserve": percent_text(plan.reserve_bp),
        "nisbah": percent_text(plan.nisbah_bp),
        "pool": format_rupiah(plan.pool),
    }
    return [Figure(key, title, values[key], key == "pool")
            for key, title in figure_titles(income_typed).items()]


@dataclass(frozen=True, slots=True)
class ShareRow:
    """One line of the table: a member's share, or the total."""

    number: str
    name: str
    adb: Money
    gross: Money
    tax: Money
    total: bool = False

    @property
    def net(self) -> Money:
        return self.gross - self.tax


def share_rows(plan: ProfitSharePlan) -> list[ShareRow]:
    """Each member with mudharabah savings that month, then the total."""
    rows = [ShareRow(ln.member, ln.name, ln.adb, ln.gross, ln.tax) for ln in plan.lines]
    if rows:
        rows.append(ShareRow("", _("Total ({count} members)").format(count=len(rows)),
                             plan.mudharabah_adb,  # the members' ADBs are rounded down each
                             sum((r.gross for r in rows), ZERO),
                             sum((r.tax for r in rows), ZERO), total=True))
    return rows


@dataclass(frozen=True, slots=True)
class PostVerdict:
    can_post: bool
    why_not: str = ""


def may_post(plan: ProfitSharePlan | None, today: dt.date,
             posted_as: str | None = None) -> PostVerdict:
    """Posting needs a computed plan of a finished month with something to share.
    A month already posted stays postable here: the service says why it refuses."""
    if plan is None:
        return PostVerdict(False, _("Choose the month and press Compute."))
    if not month_finished(plan.year, plan.month, today):
        return PostVerdict(False, _("This month is not over yet: its income is not all in. "
                                    "Post the profit sharing once the month has ended."))
    if not plan.pool:
        if not plan.lines:
            return PostVerdict(False, _("No member held mudharabah savings this month: there "
                                        "is nothing to share."))
        return PostVerdict(False, _("There is no income to share this month: nothing is "
                                    "posted."))
    if posted_as:
        return PostVerdict(True, _("Already posted as entry {entry}.").format(entry=posted_as))
    return PostVerdict(True)


class ProfitSharePresenter:
    """The plan shown (and the request that made it) and the page's calls: compute the
    month's plan, post it once. The verdict always reads the book's clock, so a month
    still running is never posted, whatever the computer's date."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.plan: ProfitSharePlan | None = None
        self.request: ProfitShareRequest | None = None
        self.posted_as: str | None = None  # the entry that posted the plan's month

    def default_month(self) -> tuple[int, int]:
        """(year, month) offered when the page opens: the last finished month."""
        return last_finished_month(self.book.clock.today())

    def verdict(self) -> PostVerdict:
        return may_post(self.plan, self.book.clock.today(), self.posted_as)

    def forget(self, form: ProfitShareForm) -> Outcome | None:
        """Another month or figure was typed: the plan shown no longer answers it."""
        if self.plan is None:
            return None
        self.plan, self.request, self.posted_as = None, None, None
        return Outcome(_("Press Enter to compute {period} again.").format(
            period=period_text(form.year, form.month)), "hint")

    def compute(self, form: ProfitShareForm) -> Outcome:
        """The plan of the month typed (nothing is written), and what to do next."""
        try:
            request = read_form(form)
            plan = profit_share.plan(self.book, request.year, request.month, request.income,
                                     request.reserve_bp)
        except LedgerError as exc:
            self.plan, self.request = None, None
            return refused(exc)
        self.plan, self.request = plan, request
        self.posted_as = profit_share.posted_entry(self.book, request.year, request.month)
        verdict = self.verdict()
        if verdict.can_post and not self.posted_as:
            return Outcome(_("Check the figures, then press Ctrl+Enter to post the profit "
                             "sharing of {period}.").format(
                period=period_text(form.year, form.month)), "hint")
        return Outcome(verdict.why_not, "hint")

    def figures(self) -> list[Figure]:
        """The steps shown: the plan's figures, or each title with a dash before Compute."""
        if self.plan is None:
            return [Figure(key, title, "—") for key, title in figure_titles().items()]
        typed = self.request is not None and self.request.income is not None
        return figures(self.plan, typed)

    def rows(self) -> list[ShareRow]:
        return share_rows(self.plan) if self.plan is not None else []

    def table_title(self) -> str:
        if self.plan is None:
            return _("Press Enter to compute the month.")
        return _("Members' shares of {period}: {count} members with mudharabah "
                 "savings").format(period=period_text(self.plan.year, self.plan.month),
                                   count=len(self.plan.lines))

    def post(self) -> Outcome:
        """Post the plan shown, once: the service refuses a month posted before, and a plan
        the book no longer matches (it changed since Compute)."""
        plan, request = self.plan, self.request
        verdict = self.verdict()
        if plan is None or request is None or not verdict.can_post:
            return Outcome(verdict.why_not, "hint")
        try:
            ref = profit_share.post(self.book, self.actor, request.year, request.month,
                                    request.income, request.reserve_bp, expected=plan)
        except LedgerError as exc:
            return refused(exc)
        self.posted_as = ref.label
        return Outcome(_("The profit sharing of {period} is posted: entry {entry}, {amount} to "
                         "{count} members.").format(
            period=period_text(plan.year, plan.month), entry=ref.label,
            amount=format_rupiah(plan.pool), count=len([ln for ln in plan.lines if ln.gross])),
            "ok")
