"""Draft entries as immutable values, and the rules a draft must meet to be posted.

Validation returns every problem at once (a treasurer fixing a form wants the
whole list, not one refusal at a time); ``posting.post`` refuses to write
anything while a single problem remains.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ledger.errors import N_, Problem
from ledger.money import MAX_AMOUNT_SEN, ZERO, Money


@dataclass(frozen=True, slots=True)
class LineDraft:
    account_code: str
    debit: Money = ZERO
    credit: Money = ZERO
    party_code: str | None = None
    memo: str | None = None


@dataclass(frozen=True, slots=True)
class EntryDraft:
    date: dt.date
    memo: str
    lines: tuple[LineDraft, ...]
    operation: str = "manual"
    uuid: str | None = None  # idempotency key: the same key posts once
    reverses_entry_id: int | None = None
    reversal_reason: str | None = None

    @property
    def total_debit(self) -> Money:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def total_credit(self) -> Money:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def difference(self) -> Money:
        """Debit minus credit: zero when the entry balances."""
        return self.total_debit - self.total_credit


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """What posting needs to know of an account."""

    id: int
    code: str
    name_id: str
    name_en: str
    account_class: str
    normal_side: str
    is_contra: bool
    is_header: bool
    active: bool
    owner: str = "journal"  # the service that alone may move it


@dataclass(frozen=True, slots=True)
class PostingContext:
    """The facts of the book a draft is checked against."""

    accounts: dict[str, AccountInfo]
    parties: dict[str, int]
    closed_periods: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    # (operation kind, owner): which owners' accounts each kind of operation may move
    permits: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def operation_kind(operation: str) -> str:
    """``deposit:sukarela`` is a ``deposit``: the part that permits and reversal rules key on."""
    return operation.split(":", 1)[0]


MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2099, 12, 31)


def validate(draft: EntryDraft, ctx: PostingContext) -> list[Problem]:
    """Every reason this draft cannot be posted; an empty list means it can."""
    if _plainly_valid(draft, ctx):
        return []
    return problems_of(draft, ctx)


def _plainly_valid(draft: EntryDraft, ctx: PostingContext) -> bool:
    """True only for a draft in which ``problems_of`` finds nothing, in one pass over its
    lines (an import checks four hundred thousand drafts, nearly all of them sound);
    False sends the draft through every rule, to name what is wrong."""
    day = draft.date
    if type(day) is not dt.date or not MIN_DATE <= day <= MAX_DATE \
            or (day.year, day.month) in ctx.closed_periods or len(draft.lines) < 2 \
            or draft.reverses_entry_id is not None or not 0 < len(draft.operation) <= 60 \
            or len(draft.memo) > 500 or not _plainly_text(draft.memo) \
            or not _plainly_text(draft.operation):
        return False
    key = draft.uuid
    if key is not None and not (type(key) is str and 0 < len(key) <= 64 and key.isascii()
                                and key.isprintable()):
        return False
    accounts, parties, permits = ctx.accounts, ctx.parties, ctx.permits
    kind = operation_kind(draft.operation)
    balance = 0
    for line in draft.lines:
        debit, credit = line.debit, line.credit
        if type(debit) is not Money or type(credit) is not Money:
            return False
        d, c = debit.sen, credit.sen
        if (d == 0) == (c == 0) or d < 0 or c < 0 or d > MAX_AMOUNT_SEN or c > MAX_AMOUNT_SEN:
            return False
        account = accounts.get(line.account_code)
        if account is None or account.is_header or not account.active \
                or (account.owner != "journal" and (kind, account.owner) not in permits):
            return False
        party, memo = line.party_code, line.memo
        if (party is not None and party not in parties) or (
                memo is not None and (len(memo) > 300 or not _plainly_text(memo))):
            return False
        balance += d - c
    return balance == 0


def _plainly_text(value: str) -> bool:
    return (value.isascii() and "\x00" not in value) or _is_text(value)


def problems_of(draft: EntryDraft, ctx: PostingContext) -> list[Problem]:
    """``validate``'s every rule, each problem found."""
    problems: list[Problem] = []
    if not isinstance(draft.date, dt.date) or isinstance(draft.date, dt.datetime):
        problems.append(Problem(N_("The entry date is missing or not a date.")))
    elif not MIN_DATE <= draft.date <= MAX_DATE:
        problems.append(Problem(N_("The date {date} is outside the years the books can hold."),
                                date=draft.date.isoformat()))
    elif (draft.date.year, draft.date.month) in ctx.closed_periods:
        problems.append(Problem(N_("The period {period} is closed; nothing can be posted in it."),
                                period=f"{draft.date.month:02d}/{draft.date.year}"))
    if len(draft.lines) < 2:
        problems.append(Problem(N_("An entry needs at least two lines.")))
    balance = 0
    for no, line in enumerate(draft.lines, start=1):
        problems.extend(_line_problems(no, line, ctx))
        if isinstance(line.debit, Money) and isinstance(line.credit, Money):
            balance += line.debit.sen - line.credit.sen
    if draft.reverses_entry_id is None:  # a reversal mirrors what its original could move
        problems.extend(_owner_problems(draft, ctx))
    if balance:
        problems.append(Problem(
            N_("Debits ({debit}) and credits ({credit}) differ by {difference}."),
            debit=draft.total_debit, credit=draft.total_credit, difference=abs(draft.difference),
        ))
    if draft.reverses_entry_id is not None and not (draft.reversal_reason or "").strip():
        problems.append(Problem(N_("A reversal needs a reason.")))
    if len(draft.memo) > 500:
        problems.append(Problem(N_("The description is longer than 500 characters.")))
    texts = [draft.memo, draft.reversal_reason or "", draft.operation,
             *(ln.memo or "" for ln in draft.lines)]
    if not all(_is_text(t) for t in texts):
        problems.append(Problem(N_("The description contains characters that are not text.")))
    if any(len(ln.memo or "") > 300 for ln in draft.lines):
        problems.append(Problem(N_("A line note is longer than 300 characters.")))
    if not 0 < len(draft.operation) <= 60:
        problems.append(Problem(N_("The operation name must be 1 to 60 characters.")))
    if draft.uuid is not None and not (
        isinstance(draft.uuid, str) and 0 < len(draft.uuid) <= 64 and draft.uuid.isascii()
        and draft.uuid.isprintable()
    ):
        problems.append(Problem(N_("The entry key must be 1 to 64 plain characters.")))
    return problems


def _is_text(value: str) -> bool:
    """Text every backend can store: valid Unicode (no lone surrogates from a
    broken file) and no NUL character (PostgreSQL refuses it in any text)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _owner_problems(draft: EntryDraft, ctx: PostingContext) -> list[Problem]:
    kind = operation_kind(draft.operation)
    out: list[Problem] = []
    for no, line in enumerate(draft.lines, start=1):
        account = ctx.accounts.get(line.account_code)
        if account is not None and account.owner != "journal" \
                and (kind, account.owner) not in ctx.permits:
            out.append(Problem(N_("Line {line}: account {code} is moved only by the {owner} "
                                  "operations, not by {operation}."), line=no,
                               code=account.code, owner=account.owner, operation=kind))
    return out


def _line_problems(no: int, line: LineDraft, ctx: PostingContext) -> list[Problem]:
    out: list[Problem] = []
    if not isinstance(line.debit, Money) or not isinstance(line.credit, Money):
        return [Problem(N_("Line {line}: the amount is not money."), line=no)]
    account = ctx.accounts.get(line.account_code)
    if account is None:
        out.append(Problem(N_("Line {line}: there is no account {code}."),
                           line=no, code=line.account_code))
    elif account.is_header:
        out.append(Problem(N_("Line {line}: account {code} is a heading; choose one of its "
                              "sub-accounts."), line=no, code=account.code))
    elif not account.active:
        out.append(Problem(N_("Line {line}: account {code} is no longer in use."),
                           line=no, code=account.code))
    if line.debit.is_negative() or line.credit.is_negative():
        out.append(Problem(N_("Line {line}: amounts cannot be negative."), line=no))
    elif max(line.debit.sen, line.credit.sen) > MAX_AMOUNT_SEN:
        out.append(Problem(N_("Line {line}: the amount is beyond Rp1.000.000.000.000.000, the "
                              "most one line may carry."), line=no))
    elif bool(line.debit) == bool(line.credit):
        out.append(Problem(N_("Line {line}: give either a debit or a credit, not both or "
                              "neither."), line=no))
    if line.party_code is not None and line.party_code not in ctx.parties:
        out.append(Problem(N_("Line {line}: there is no member {member}."),
                           line=no, member=line.party_code))
    return out
