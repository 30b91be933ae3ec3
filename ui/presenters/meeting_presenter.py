"""The group meeting (pertemuan kelompok), without Qt: one row per active member.

The treasurer picks a group and the meeting's day; each member's row shows her
mandatory savings (simpanan wajib) due, the installments falling due and her
arrears, and three cells she fills: savings paid, installment paid and, under
tanggung renteng, the member of the group who paid for her. "Fill as expected"
copies what is due into the paid cells; the totals are set against the cash
handed over, and the whole meeting is posted at once (``post_meeting``) or not
at all.

A member with several contracts has one installment cell: what she pays goes
first to what is due on each contract, oldest first, then what is left to her
oldest contract (a treasurer thinks "Bu Siti paid 150.000", not per contract).

Each sheet read carries ``key``, as the cashier's operations do: the meeting posts once
under it, so a Post repeated (a double Ctrl+Enter, a retry after an error) never pays
twice. Before the meeting the blank collection sheet (lembar kolektif) is printed for
the group and the day, to be filled in by hand.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kasir.actor import Actor
from kasir.i18n import Reason, _, message
from kasir.meetings import service as meetings
from kasir.meetings.queries import Sheet, SheetRow
from kasir.meetings.service import MeetingLine
from kasir.members import service as members
from kasir.numbers import AmountError, format_amount, format_rupiah, parse_amount
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money
from ui import papers
from ui.presenters.outcome import Outcome, file_problem, refused

SAVINGS, INSTALLMENT, PAYER = "savings", "installment", "payer"
EDITABLE = (SAVINGS, INSTALLMENT, PAYER)
# the grid's columns: (key, English title, right-aligned)
COLUMNS = (("member", N_("No."), False), ("name", N_("Name"), False),
           ("savings_due", N_("Savings due"), True),
           ("installment_due", N_("Installment due"), True),
           ("arrears", N_("Arrears"), True), (SAVINGS, N_("Savings paid"), True),
           (INSTALLMENT, N_("Installment paid"), True), (PAYER, N_("Paid by"), False))
WAJIB = "wajib"


class MeetingProblem(LedgerError):
    """A cell typed wrong: the meeting is not posted until it is put right."""


@dataclass(slots=True)
class MeetingRow:
    """One member's row: what the sheet expects and what the treasurer typed."""

    sheet: SheetRow
    typed: dict[str, str] = field(default_factory=lambda: dict.fromkeys(EDITABLE, ""))

    @property
    def has_contracts(self) -> bool:
        return bool(self.sheet.contracts)

    @property
    def installment_expected(self) -> Money:
        return self.sheet.installment_due + self.sheet.arrears


@dataclass(frozen=True, slots=True)
class Totals:
    savings: Money
    installments: Money
    total: Money
    expected: Money
    cash: Money | None  # what was handed over, once typed
    difference: Money | None  # cash handed over less the total

    def text(self) -> str:
        return _("Savings {savings} · Installments {installments} · Total {total} "
                 "(expected {expected})").format(
            savings=format_rupiah(self.savings), installments=format_rupiah(self.installments),
            total=format_rupiah(self.total), expected=format_rupiah(self.expected))

    def difference_text(self) -> str:
        if self.cash is None or self.difference is None:
            return ""
        if not self.difference:
            return _("The cash matches the grid.")
        if self.difference.is_positive():
            return _("{amount} more cash than the grid").format(
                amount=format_rupiah(self.difference))
        return _("{amount} less cash than the grid").format(
            amount=format_rupiah(-self.difference))


def allocate(sheet_row: SheetRow, amount: Money) -> dict[str, Money]:
    """One installment amount spread over her contracts: what is due on each first
    (oldest contract first), the rest to the oldest; more than she owes stays on the
    oldest, for the service to refuse in its own words."""
    out: dict[str, Money] = {}
    left = amount
    for due in sheet_row.contracts:
        share = min(left, due.installment_due + due.arrears)
        if share.is_positive():
            out[due.contract] = share
            left -= share
    for due in sheet_row.contracts:
        if not left.is_positive():
            break
        room = due.outstanding - out.get(due.contract, ZERO)
        share = min(left, room) if room.is_positive() else ZERO
        if share.is_positive():
            out[due.contract] = out.get(due.contract, ZERO) + share
            left -= share
    if left.is_positive() and sheet_row.contracts:
        first = sheet_row.contracts[0].contract
        out[first] = out.get(first, ZERO) + left
    return out


class MeetingPresenter:
    def __init__(self, book: Book, actor: Actor) -> None:
        self.book, self.actor = book, actor
        self.day: dt.date = book.clock.today()
        self.group: str | None = None
        self.sheet: Sheet | None = None
        self.rows: list[MeetingRow] = []
        self.cash = ""
        self.key = uuid.uuid4().hex  # the meeting posts once under it

    # --- choosing the meeting -------------------------------------------------------
    def groups(self) -> list[tuple[str, str]]:
        """(code, "code — name, village") of every group, for the picker."""
        out = []
        for g in members.groups(self.book):
            if not g.active:
                continue
            where = f", {g.village}" if g.village else ""
            out.append((g.code, f"{g.code} — {g.name}{where}"))
        return out

    def load(self, group: str | None = None, day: dt.date | None = None) -> Outcome | None:
        """The sheet of ``group`` on ``day``; what was typed is forgotten."""
        self.group = group if group is not None else self.group
        self.day = day or self.day
        self.cash = ""
        self.key = uuid.uuid4().hex  # a new grid: another posting
        if not self.group:
            self.sheet, self.rows = None, []
            return None
        try:
            self.sheet = meetings.sheet(self.book, self.group, self.day)
        except LedgerError as exc:
            self.sheet, self.rows = None, []
            return refused(exc)
        self.rows = [MeetingRow(r) for r in self.sheet.rows]
        return None

    # --- the cells ------------------------------------------------------------------
    def editable(self, row: int, key: str) -> bool:
        if key == SAVINGS:
            return True
        if key in (INSTALLMENT, PAYER):
            return self.rows[row].has_contracts
        return False

    def edit(self, row: int, key: str, text: str) -> None:
        self.rows[row].typed[key] = text

    def edit_cash(self, text: str) -> None:
        self.cash = text

    def typed(self) -> bool:
        """Whether any amount, payer or the cash was typed (lost if the sheet is read again)."""
        return bool(self.cash.strip()) or any(v.strip() for r in self.rows
                                              for v in r.typed.values())

    def collection_sheet(self, folder: Path) -> Path | Outcome:
        """The blank collection sheet of the group for the meeting's day, in ``folder``."""
        if not self.group:
            return Outcome(_("Choose the group and the day of the meeting."), "hint")
        try:
            return papers.collection_sheet_pdf(self.book, self.group, self.day,
                                               papers.collection_sheets_folder(folder))
        except (OSError, LedgerError) as exc:
            return file_problem(exc)

    def fill_expected(self) -> None:
        """Every paid cell set to what is due (the usual meeting: everybody paid)."""
        for r in self.rows:
            due = r.sheet.savings_due
            r.typed[SAVINGS] = format_amount(due) if due else ""
            if r.has_contracts:
                inst = r.installment_expected
                r.typed[INSTALLMENT] = format_amount(inst) if inst else ""

    def text(self, row: int, key: str) -> str:
        """What a cell shows."""
        r = self.rows[row]
        s = r.sheet
        if key == "member":
            return s.member
        if key == "name":
            return s.name
        if key in ("savings_due", "installment_due", "arrears"):
            value = getattr(s, key)
            return format_amount(value) if value else ""
        if key == PAYER:
            payer = self._payer(row)
            typed = r.typed[PAYER].strip()
            if isinstance(payer, SheetRow):
                return f"{payer.member} {payer.name}"
            return _("The group ({group})").format(group=self.group) \
                if payer == self._group_payer() else typed
        return r.typed[key]

    def _amount(self, row: int, key: str) -> Money | MeetingProblem:
        typed = self.rows[row].typed[key].strip()
        if not typed:
            return ZERO
        try:
            return parse_amount(typed, allow_zero=True)
        except AmountError as exc:
            return MeetingProblem(N_("{member}: {reason}"), member=self.rows[row].sheet.member,
                                  reason=_reason(exc))

    def _group_payer(self) -> str:
        """The whole group paying from its common fund (tanggung renteng by the group)."""
        return f"kelompok {self.group}"

    def _payer(self, row: int) -> SheetRow | str | MeetingProblem | None:
        """The member of the group who paid her installment, or the group itself (its code
        or "kelompok" typed)."""
        typed = self.rows[row].typed[PAYER].strip()
        if not typed:
            return None
        me = self.rows[row].sheet
        wanted = typed.casefold()
        if wanted in ((self.group or "").casefold(), "kelompok", "group",
                      self._group_payer().casefold()):
            return self._group_payer()
        found = [r.sheet for r in self.rows if r.sheet.member.casefold() == wanted]
        if not found:
            found = [r.sheet for r in self.rows if wanted in r.sheet.name.casefold()]
        if len(found) != 1:
            return MeetingProblem(N_("{member}: “{typed}” is no member of group {group}; type "
                                     "the number of the member who paid for her."),
                                  member=me.member, typed=typed, group=self.group or "")
        if found[0].member == me.member:
            return MeetingProblem(N_("{member} cannot pay for herself under tanggung renteng; "
                                     "leave the cell empty."), member=me.member)
        return found[0]

    def problem(self, row: int, key: str) -> str:
        """Why a cell is wrong, in words ("" when it is right)."""
        value = self._payer(row) if key == PAYER else self._amount(row, key) \
            if key in (SAVINGS, INSTALLMENT) else None
        if isinstance(value, MeetingProblem):
            return message(value)
        return ""

    # --- totals and posting ---------------------------------------------------------
    def totals(self) -> Totals:
        savings = installments = ZERO
        for n in range(len(self.rows)):
            s, i = self._amount(n, SAVINGS), self._amount(n, INSTALLMENT)
            savings += s if isinstance(s, Money) else ZERO
            installments += i if isinstance(i, Money) else ZERO
        expected = sum((r.sheet.savings_due + r.installment_expected for r in self.rows), ZERO)
        total = savings + installments
        cash = self._cash()
        money = cash if isinstance(cash, Money) else None
        return Totals(savings, installments, total, expected, money,
                      money - total if money is not None else None)

    def _cash(self) -> Money | MeetingProblem | None:
        if not self.cash.strip():
            return None
        try:
            return parse_amount(self.cash, allow_zero=True)
        except AmountError as exc:
            return MeetingProblem(N_("Cash handed over: {reason}"), reason=_reason(exc))

    def lines(self) -> list[MeetingLine] | MeetingProblem:
        """What would be posted, or the first cell typed wrong."""
        out = []
        for n, r in enumerate(self.rows):
            saving, inst, payer = (self._amount(n, SAVINGS), self._amount(n, INSTALLMENT),
                                   self._payer(n))
            for value in (saving, inst, payer):
                if isinstance(value, MeetingProblem):
                    return value
            assert isinstance(saving, Money) and isinstance(inst, Money)
            if not saving and not inst:
                continue
            if payer is not None and not inst:
                return MeetingProblem(N_("{member}: a member who paid for her is named, but "
                                         "no installment."), member=r.sheet.member)
            out.append(MeetingLine(
                r.sheet.member, {WAJIB: saving} if saving else {},
                allocate(r.sheet, inst) if inst else {},
                payer.member if isinstance(payer, SheetRow) else payer or ""))
        return out

    def prepare(self) -> tuple[list[MeetingLine], Money] | Outcome:
        """The lines and the cash, or why the meeting cannot be posted yet."""
        if self.sheet is None:
            return Outcome(_("Choose the group and the day of the meeting."), "hint")
        lines = self.lines()
        if isinstance(lines, MeetingProblem):
            return refused(lines)
        if not lines:
            return Outcome(_("Nothing was paid at this meeting: type the amounts, or F5 to "
                             "fill what is due."), "hint")
        cash = self._cash()
        if isinstance(cash, MeetingProblem):
            return refused(cash)
        if cash is None:
            return Outcome(_("Type the cash handed over, then Ctrl+Enter."), "hint")
        return lines, cash

    def post(self) -> Outcome:
        """Post the meeting at once; on success the sheet is read again (arrears change)
        and the paid cells are empty for the next meeting."""
        ready = self.prepare()
        if isinstance(ready, Outcome):
            return ready
        lines, cash = ready
        try:
            posted = meetings.post_meeting(self.book, self.actor, self.group or "", self.day,
                                           lines, cash, key=self.key)
        except LedgerError as exc:
            return refused(exc)
        receipts = sum(1 for r in posted.results if r.receipt)
        self.load()
        if posted.duplicate:
            return Outcome(_("This meeting of group {group} was already posted ({count} "
                             "receipts, {total}); it was not posted again.").format(
                group=self.group, count=receipts, total=format_rupiah(posted.total)))
        return Outcome(_("Meeting of group {group} posted: {count} receipts, {total} in "
                         "all.").format(group=self.group, count=receipts,
                                        total=format_rupiah(posted.total)))


def _reason(exc: LedgerError) -> Reason:
    return Reason(exc.template, exc.params)
