"""The member register and one member's page without Qt: the search and its filters, a
new member with the suggested number, her page (details, accounts, history), her
passbook as a PDF, and her details changed.

The register reads at most ``LIMIT`` rows (one more tells that there are more), so it
stays quick with thousands of members; typing more narrows it. Saving a member never
lets the book's refusal escape: the dialog gets an ``Outcome`` and stays open with the
reason, so nothing typed is lost.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from kasir.actor import Actor
from kasir.i18n import _
from kasir.members import service as members
from kasir.members.queries import GroupRow, MemberRow
from kasir.members.service import MemberInput
from kasir.numbers import AmountError, format_date_short, format_rupiah, parse_amount
from kasir.profit_share import service as profit_share
from kasir.savings import service as savings
from kasir.savings.queries import History, MemberPage, SavingsAccount
from kasir.uow import Book
from ledger.errors import LedgerError
from ledger.money import ZERO, Money
from ui import papers
from ui.presenters import labels
from ui.presenters.outcome import Outcome, file_problem, refused

LIMIT = 200
PASSBOOK_SIZES = ("A5", "A4")

Choice = tuple[str, str | None]  # the words shown, the code the filter uses (None: all)


def read_wajib(typed: str) -> Money | Outcome:
    """The usual simpanan wajib as typed in the member dialog: empty is none, anything
    that is not an amount is the reason to show (the dialog stays open)."""
    if not typed.strip():
        return ZERO
    try:
        return parse_amount(typed, allow_zero=True)
    except AmountError as exc:
        return refused(exc)


def groups_with_all(groups: list[GroupRow]) -> list[Choice]:
    """The group filter: every group, or one ("K01 Mawar")."""
    return [(_("all"), None), *((f"{g.code} {g.name}", g.code) for g in groups)]


def status_choices() -> list[Choice]:
    """The status filter: all members, the active ones (those she works with), those who
    left."""
    return [(_("all"), None), *((_(title), code) for code, title in
                                labels.MEMBER_STATUS.items())]


class MembersPresenter:
    """The register's state (the rows found, whether there are more) and its calls: find,
    suggest a new member, add her."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.rows: list[MemberRow] = []
        self.more = False

    def groups(self) -> list[GroupRow]:
        """Read again each time: groups may have been added in the settings."""
        return members.groups(self.book)

    def group_choices(self) -> list[Choice]:
        return groups_with_all(self.groups())

    def search(self, text: str = "", group: str | None = None,
               status: str | None = None) -> list[MemberRow]:
        """The members whose number or name holds ``text``, at most ``LIMIT`` of them."""
        found = members.find_members(self.book, text, group=group, status=status,
                                     limit=LIMIT + 1)
        self.more = len(found) > LIMIT
        self.rows = found[:LIMIT]
        return self.rows

    def count_text(self) -> str:
        if self.more:
            return _("The first {count} members are shown; type more of the name or number "
                     "to narrow.").format(count=LIMIT)
        return _("{count} members").format(count=len(self.rows))

    def suggestion(self) -> MemberInput:
        """A new member as the dialog opens: the next number, joining today (the book's
        day), the usual simpanan wajib."""
        wajib = next((p.default_amount for p in savings.products(self.book)
                      if p.code == "wajib"), ZERO)
        return MemberInput(members.next_member_number(self.book), "", self.book.clock.today(),
                           wajib_amount=wajib)

    def create(self, m: MemberInput) -> Outcome:
        """Add her; the words to show, or the book's refusal (a number already used)."""
        try:
            members.create_member(self.book, self.actor, m)
        except LedgerError as exc:
            return refused(exc)
        return self.added(m)

    def added(self, m: MemberInput) -> Outcome:
        return Outcome(_("{name} ({number}) was added.").format(
            name=" ".join(m.name.split()), number=m.number), "ok")


class MemberPagePresenter:
    """One member's page: what is shown of her (as of the book's today), the history of
    the account chosen, her passbook, her details changed."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.page: MemberPage | None = None
        self.history: History | None = None

    def groups(self) -> list[GroupRow]:
        return members.groups(self.book)

    def load(self, number: str) -> Outcome | None:
        """Read her page; a refusal to show (an unknown number), or None. On a refusal
        the page shown before stays."""
        try:
            self.page = savings.member_page(self.book, number, self.book.clock.today())
        except LedgerError as exc:
            return refused(exc)
        return None

    def reload(self) -> Outcome | None:
        return self.load(self.page.number) if self.page is not None else None

    def details(self) -> dict[str, str]:
        """The words of her details, by the view's field: nik, gender, address, phone,
        joined, wajib, due."""
        if self.page is None:
            return {}
        d = self.page.detail
        left = ("  (" + _("left on {date}").format(date=format_date_short(d.exited_on)) + ")"
                if d.exited_on else "")
        return {
            "nik": d.nik or "—",
            "gender": labels.gender(d.gender) or "—",
            "address": ", ".join(x for x in (d.address, d.village) if x) or "—",
            "phone": d.phone or "—",
            "joined": format_date_short(d.joined) + left,
            "wajib": (f"{format_rupiah(d.wajib_amount)} {labels.wajib_period(d.wajib_period)}"
                      if d.wajib_amount else "—"),
            "due": _("{periods} periods: due {due}, paid {paid}, in arrears {arrears}").format(
                periods=d.wajib.periods, due=format_rupiah(d.wajib.due),
                paid=format_rupiah(d.wajib.paid), arrears=format_rupiah(d.wajib.arrears)),
        }

    def account_row(self, keep: str | None) -> int:
        """Which account to show: the one shown before, else the one she has most in
        (what she will ask about)."""
        accounts = self.page.accounts if self.page is not None else ()
        row = next((i for i, a in enumerate(accounts) if a.product == keep), None)
        if row is None:
            row = max(range(len(accounts)), key=lambda i: accounts[i].balance.sen, default=0)
        return row

    def load_history(self, product: str) -> Outcome | None:
        """The movements of one of her accounts, as in her passbook; a refusal, or None."""
        if self.page is None:
            return None
        try:
            self.history = savings.member_history(self.book, self.page.number, product)
        except LedgerError as exc:
            return refused(exc)
        return None

    def history_title(self, account: SavingsAccount) -> str:
        rows = self.history.rows if self.history is not None else []
        closing = self.history.closing if self.history is not None else ZERO
        return _("History of {product}: {count} movements, balance {balance}").format(
            product=labels.account_name(account.name_id, account.name_en), count=len(rows),
            balance=format_rupiah(closing))

    def passbook(self, product: str, folder: Path, size: str = "A5") -> Path | Outcome:
        """Her passbook of ``product`` as a PDF under ``folder``, or why it could not be
        written (a full disk, a folder that is a file)."""
        if self.page is None:
            return Outcome("", "plain")
        try:
            return papers.passbook_pdf(self.book, self.page.number, product,
                                       papers.passbooks_folder(folder), size)
        except (OSError, LedgerError) as exc:
            return file_problem(exc)

    def edit_initial(self) -> MemberInput | None:
        """Her details as the dialog opens to change them."""
        if self.page is None:
            return None
        d = self.page.detail
        return MemberInput(d.number, d.name, d.joined, d.group_code, d.nik, d.gender,
                           d.address, d.village, d.phone, d.wajib_amount, d.wajib_period)

    def update(self, m: MemberInput) -> Outcome:
        """Save her changed details (her number stays); the words, or the refusal."""
        try:
            members.update_member(self.book, self.actor, m)
        except LedgerError as exc:
            return refused(exc)
        return self.edited(m)

    def edited(self, m: MemberInput) -> Outcome:
        return Outcome(_("The details of {name} were saved.").format(name=m.name), "ok")

    # --- a profit share that waited for her (she left before it was posted) ----------
    def share_owed(self) -> Money:
        return self.page.detail.profit_share_owed if self.page is not None else ZERO

    def share_question(self) -> str:
        return _("Pay {name} ({number}) her profit share of {amount} in cash now?").format(
            name=self.page.name if self.page else "", number=self.page.number if self.page
            else "", amount=format_rupiah(self.share_owed()))

    def pay_out_share(self, folder: Path) -> Outcome:
        """Pay it in cash today with its receipt (written as a PDF into ``folder``)."""
        if self.page is None or not self.share_owed().is_positive():
            return Outcome(_("No profit share waits for her."), "hint")
        try:
            result = profit_share.pay_out(self.book, self.actor, self.page.number,
                                          self.book.clock.today(), "cash", uuid.uuid4().hex)
        except LedgerError as exc:
            return refused(exc)
        text = _("Paid: profit share {amount}. Receipt {receipt}.").format(
            amount=format_rupiah(self.share_owed()), receipt=result.receipt)
        if result.receipt_id is not None:
            try:
                papers.receipt_pdf(self.book, result.receipt_id, papers.receipts_folder(folder))
            except (OSError, LedgerError) as exc:
                text += " " + _("The receipt file could not be written: {reason}").format(
                    reason=file_problem(exc).text)
        self.load(self.page.number)
        return Outcome(text, "ok")
