"""What the journal entry form means, without Qt.

The form hands over the raw text of every cell; this module decides which
account and member each line names, what each amount is (strictly, with
``kasir.numbers.parse_amount``: a doubtful amount is an error, never a guess),
the running totals, and whether the entry may be posted. Keeping it free of
Qt lets the rules be tested directly and keeps the widget code to binding.

Two kinds of trouble are kept apart on purpose: an *error* is something typed
wrong (the cell turns red), a *hint* is something not typed yet (the form just
says what is missing). A half-typed line is not a mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kasir.i18n import _, message
from kasir.journal.service import LineInput
from kasir.numbers import AmountError, format_amount, format_rupiah, parse_amount
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money

T = TypeVar("T")
MIN_LINES = 2
FIELDS = ("account", "debit", "credit", "member", "memo")
FIELD_TITLES = {"account": N_("Account"), "debit": N_("Debit"), "credit": N_("Credit"),
                "member": N_("Member"), "memo": N_("Line note")}


class FormProblem(LedgerError):
    """Something on the form that keeps the entry from being posted."""


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """An account as the form offers it (name already in the user's language)."""

    code: str
    name: str
    is_header: bool = False
    active: bool = True

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def postable(self) -> bool:
        return self.active and not self.is_header


@dataclass(frozen=True, slots=True)
class MemberChoice:
    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True, slots=True)
class RowInput:
    """The raw text of one line of the form."""

    account: str = ""
    debit: str = ""
    credit: str = ""
    member: str = ""
    memo: str = ""

    @property
    def blank(self) -> bool:
        return not any(t.strip() for t in (self.account, self.debit, self.credit,
                                            self.member, self.memo))


@dataclass(frozen=True, slots=True)
class RowState:
    """One line as understood: resolved codes, parsed amounts, problems per cell."""

    account: AccountChoice | None = None
    member: MemberChoice | None = None
    debit: Money = ZERO
    credit: Money = ZERO
    memo: str = ""
    blank: bool = True
    errors: dict[str, LedgerError] = field(default_factory=dict)
    missing: str | None = None  # template of what is not typed yet (takes {line})

    @property
    def valid(self) -> bool:
        return not self.blank and not self.errors and self.missing is None


@dataclass(frozen=True, slots=True)
class EntryState:
    rows: tuple[RowState, ...]
    total_debit: Money
    total_credit: Money
    hints: tuple[LedgerError, ...]

    @property
    def difference(self) -> Money:
        """Debit minus credit; zero when the entry balances."""
        return self.total_debit - self.total_credit

    @property
    def balanced(self) -> bool:
        return not self.difference

    @property
    def valid_lines(self) -> int:
        return sum(1 for r in self.rows if r.valid)

    @property
    def errors(self) -> list[tuple[int, str, LedgerError]]:
        """(row index, field, problem) for every cell typed wrong, in form order."""
        return [(i, f, r.errors[f]) for i, r in enumerate(self.rows)
                for f in FIELDS if f in r.errors]

    @property
    def can_post(self) -> bool:
        return not self.errors and not self.hints

    def lines(self) -> list[LineInput]:
        """The lines to post: every complete row, blank rows left out."""
        return [LineInput(r.account.code, r.debit, r.credit,
                          r.member.code if r.member else None, r.memo or None)
                for r in self.rows if r.valid and r.account is not None]


class EntryPresenter:
    """Understands the form against the book's accounts, members and closed months."""

    def __init__(self, accounts: Iterable[AccountChoice], members: Iterable[MemberChoice] = (),
                 closed_periods: Iterable[tuple[int, int]] = ()) -> None:
        self.accounts = list(accounts)
        self.members = list(members)
        self.closed_periods = frozenset(closed_periods)
        self._accounts_by_code = {a.code: a for a in self.accounts}
        self._members_by_code = {m.code.casefold(): m for m in self.members}

    # --- choices offered to the completers -----------------------------------
    def account_labels(self) -> list[str]:
        return [a.label for a in self.accounts if a.postable]

    def member_labels(self) -> list[str]:
        return [m.label for m in self.members]

    # --- resolving typed names ---------------------------------------------------
    def resolve_account(self, typed: str) -> tuple[AccountChoice | None, LedgerError | None]:
        """The account a cell names: by its code, or by an unambiguous part of its name."""
        text = " ".join(typed.split())
        if not text:
            return None, None
        first = text.split(" ", 1)[0]
        account = self._accounts_by_code.get(first)
        if account is None:
            if first.isdigit():
                return None, FormProblem(N_("There is no account {code}."), code=first)
            found = _match(text, [a for a in self.accounts if a.postable],
                           lambda a: (a.name, a.label))
            if found is None:
                return None, FormProblem(N_("There is no account “{typed}”."), typed=text)
            if isinstance(found, LedgerError):
                return None, found
            account = found
        if account.is_header:
            return None, FormProblem(N_("Account {code} is a heading; choose one of its "
                                        "sub-accounts."), code=account.code)
        if not account.active:
            return None, FormProblem(N_("Account {code} is no longer in use."), code=account.code)
        return account, None

    def resolve_member(self, typed: str) -> tuple[MemberChoice | None, LedgerError | None]:
        """The member a cell names: by number, or by an unambiguous part of the name."""
        text = " ".join(typed.split())
        if not text:
            return None, None
        member = self._members_by_code.get(text.split(" ", 1)[0].casefold())
        if member is not None:
            return member, None
        found = _match(text, self.members, lambda m: (m.name, m.label))
        if found is None:
            return None, FormProblem(N_("There is no member “{typed}”."), typed=text)
        if isinstance(found, LedgerError):
            return None, found
        return found, None

    # --- the whole form ------------------------------------------------------------
    def row_state(self, row: RowInput) -> RowState:
        if row.blank:
            return RowState()
        errors: dict[str, LedgerError] = {}
        account, problem = self.resolve_account(row.account)
        if problem:
            errors["account"] = problem
        member, problem = self.resolve_member(row.member)
        if problem:
            errors["member"] = problem
        amounts = {}
        for name in ("debit", "credit"):
            typed = getattr(row, name)
            amounts[name] = ZERO
            if typed.strip():
                try:
                    amounts[name] = parse_amount(typed, allow_zero=True)
                except AmountError as exc:
                    errors[name] = exc
        debit, credit = amounts["debit"], amounts["credit"]
        if debit and credit:
            errors.setdefault("credit", FormProblem(
                N_("A line has either a debit or a credit, not both.")))
        missing = None
        if not row.account.strip():
            missing = N_("Line {line}: choose the account.")
        elif not debit and not credit and not {"debit", "credit"} & errors.keys():
            missing = N_("Line {line}: type the debit or the credit.")
        return RowState(account, member, debit, credit, row.memo.strip(), False, errors, missing)

    def evaluate(self, rows: Sequence[RowInput], description: str,
                 day: dt.date | None) -> EntryState:
        states = tuple(self.row_state(r) for r in rows)
        total_debit = sum((s.debit for s in states), ZERO)
        total_credit = sum((s.credit for s in states), ZERO)
        hints: list[LedgerError] = []
        if not description.strip():
            hints.append(FormProblem(N_("Write what the entry is about (description).")))
        if day is not None and (day.year, day.month) in self.closed_periods:
            hints.append(FormProblem(
                N_("The period {period} is closed; nothing can be posted in it."),
                period=f"{day.month:02d}/{day.year}"))
        for no, s in enumerate(states, start=1):
            if s.missing is not None and not s.errors:
                hints.append(FormProblem(s.missing, line=no))
        if sum(1 for s in states if s.valid) < MIN_LINES:
            hints.append(FormProblem(N_("An entry needs at least two lines.")))
        if total_debit != total_credit:
            hints.append(FormProblem(N_("Debit and credit differ by {difference}."),
                                     difference=abs(total_debit - total_credit)))
        return EntryState(states, total_debit, total_credit, tuple(hints))

    def understood(self, name: str, row: RowInput) -> str | None:
        """What field ``name`` shows once left, so the user sees what was understood:
        the account's or member's full label, the amount formatted; None to leave the
        typed text (nothing typed, or a mistake the red cell explains)."""
        text = getattr(row, name)
        if name in ("account", "member"):
            resolve = self.resolve_account if name == "account" else self.resolve_member
            choice, problem = resolve(text)
            if choice is not None and problem is None and text != choice.label:
                return choice.label
        elif name in ("debit", "credit"):
            state = self.row_state(row)
            if text.strip() and name not in state.errors:
                amount = getattr(state, name)
                return format_amount(amount) if amount else ""
        return None


def without_line(rows: Sequence[RowInput], index: int,
                 keep: int = MIN_LINES) -> list[RowInput]:
    """The form's lines once line ``index`` is dropped: those below move up, and blank
    lines fill the form back to ``keep`` lines (an entry needs two)."""
    texts = [r for i, r in enumerate(rows) if i != index]
    texts += [RowInput()] * max(0, keep - len(texts))
    return texts


# --- the form's words ------------------------------------------------------------------
def located(index: int, name: str, problem: LedgerError) -> str:
    """A problem with the line and the column it is in ("Line 2, Debit: …")."""
    return _("Line {line}, {field}: {problem}").format(
        line=index + 1, field=_(FIELD_TITLES[name]), problem=message(problem))


def first_problems(problems: Sequence[str], shown: int = 3) -> str:
    """A few problems at a time (the rest are red too), and how many more there are."""
    text = "\n".join(problems[:shown])
    if len(problems) > shown:
        text += "\n" + _("…and {count} more.").format(count=len(problems) - shown)
    return text


def all_problems(state: EntryState) -> str:
    """Why the entry cannot be posted: the cells typed wrong, then what is missing."""
    problems = [located(i, f, p) for i, f, p in state.errors]
    problems += [message(h) for h in state.hints]
    return first_problems(problems)


def totals_texts(state: EntryState) -> tuple[str, str, str]:
    """The totals bar: debit, credit and the difference (always shown as a positive sum)."""
    return (_("Debit: {amount}").format(amount=format_rupiah(state.total_debit)),
            _("Credit: {amount}").format(amount=format_rupiah(state.total_credit)),
            _("Difference: {amount}").format(amount=format_rupiah(abs(state.difference))))


def balance_kind(state: EntryState) -> str:
    """The difference's colour: plain while nothing is typed (nothing to call balanced),
    then ok when debit equals credit, error when they differ."""
    if not state.total_debit and not state.total_credit:
        return "plain"
    return "ok" if state.balanced else "error"


def _match(text: str, choices: Sequence[T],
           keys: Callable[[T], tuple[str, ...]]) -> T | FormProblem | None:
    """The one choice whose name is ``text`` or contains it; None when nothing
    fits, a problem when several do (never a pick among them).

    An exact name wins over partial matches, so "Kas" picks the account Kas even
    though "Kas Kecil" also contains it.
    """
    low = text.casefold()
    exact = [c for c in choices if any(k.casefold() == low for k in keys(c))]
    found = exact or [c for c in choices if any(low in k.casefold() for k in keys(c))]
    if len(found) == 1:
        return found[0]
    if not found:
        return None
    return FormProblem(N_("“{typed}” fits {count} choices; type the code or more of the name."),
                       typed=text, count=len(found))
