"""The quality of the portfolio: collectibility (kolektibilitas), the allowance it
requires (PPAP), PAR30 and NPF with its health band (domain.md §3.4).

Days past due count from the oldest installment not fully paid. The classes are
a setting (``collectibility``, JSON) with preset A (KSPPS/BPRS, four classes, the
default for an ISM) and preset B (bank/SLIK, five classes); a cooperative may edit
the thresholds and rates. The allowance's base is the outstanding principal (the
receivable less its deferred margin); collateral is not deducted. A month-end
posting brings each allowance account to what its contracts require.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.errors import N_, KasirError
from kasir.financing.queries import ContractRow, contract_rows
from kasir.settings import get_setting, set_setting
from ledger import queries
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money
from ledger.posting import new_key

SETTING = "collectibility"


@dataclass(frozen=True, slots=True)
class Klass:
    name: str
    up_to_days: int | None  # the last day past due in this class; None: and beyond
    rate_bp: int  # PPAP rate, basis points of the base
    problem: bool  # counted in NPF


PRESETS: dict[str, tuple[Klass, ...]] = {
    "A": (Klass("Lancar", 90, 50, False), Klass("Kurang Lancar", 180, 1000, True),
          Klass("Diragukan", 365, 5000, True), Klass("Macet", None, 10000, True)),
    "B": (Klass("Kol-1 Lancar", 0, 50, False),
          Klass("Kol-2 Dalam Perhatian Khusus", 90, 300, False),
          Klass("Kol-3 Kurang Lancar", 120, 1000, True),
          Klass("Kol-4 Diragukan", 180, 5000, True), Klass("Kol-5 Macet", None, 10000, True)),
}
HEALTH = ((Decimal(5), "Sehat"), (Decimal(10), "Cukup Sehat"), (Decimal(15), "Kurang Sehat"))


def classes(s: Session) -> tuple[Klass, ...]:
    stored = get_setting(s, SETTING)
    if not stored:
        return PRESETS["A"]
    if stored in PRESETS:
        return PRESETS[stored]
    try:
        return tuple(Klass(str(k["name"]), k.get("up_to_days"), int(k["rate_bp"]),
                           bool(k.get("problem", False))) for k in json.loads(stored))
    except (ValueError, KeyError, TypeError):
        raise KasirError(N_("The collectibility classes in the settings cannot be read; "
                            "choose preset A or B again.")) from None


def classify(days: int, table: tuple[Klass, ...]) -> Klass:
    for k in table:
        if k.up_to_days is None or days <= k.up_to_days:
            return k
    return table[-1]


@dataclass(frozen=True, slots=True)
class ClassRow:
    name: str
    contracts: int
    outstanding: Money  # principal
    rate_bp: int
    required: Money


@dataclass(frozen=True, slots=True)
class Portfolio:
    day: dt.date
    rows: list[ClassRow]
    contracts: list[tuple[ContractRow, str]]  # each open contract and its class
    total: Money
    required: Money
    formed: Money
    par30: Decimal  # percent
    npf: Decimal  # percent
    health: str


def required_of(row: ContractRow, k: Klass) -> Money:
    base = max(row.principal.sen, 0)
    return Money(base * k.rate_bp // 10_000)


def portfolio(s: Session, day: dt.date) -> Portfolio:
    table = classes(s)
    every = [(r, classify(r.days_past_due, table)) for r in contract_rows(s, day)]
    # a qard from the benevolence fund is the maal book's: classed, but outside the
    # cooperative's own portfolio, its allowance and its ratios
    tagged = [(r, k) for r, k in every if not _maal(r)]
    rows = [r for r, _k in tagged]
    out = []
    for k in table:
        mine = [r for r, kk in tagged if kk.name == k.name]
        out.append(ClassRow(k.name, len(mine), sum((r.principal for r in mine), ZERO),
                            k.rate_bp, sum((required_of(r, k) for r in mine), ZERO)))
    total = sum((r.principal for r in rows), ZERO)
    at_risk = sum((r.principal for r in rows if r.days_past_due > 30 or r.restructured), ZERO)
    problem = sum((r.principal for r, k in tagged if k.problem), ZERO)
    formed = sum((queries.normal_balance(s, code, day) for code in ALLOWANCES.values()), ZERO)
    npf = _pct(problem, total)
    return Portfolio(day, out, [(r, k.name) for r, k in every], total,
                     sum((c.required for c in out), ZERO), formed, _pct(at_risk, total), npf,
                     health(npf))


def _maal(r: ContractRow) -> bool:
    """A qard lent from the benevolence fund: the maal book's, not the portfolio's."""
    return r.fund == "kebajikan"


def _pct(part: Money, whole: Money) -> Decimal:
    if not whole.is_positive():
        return Decimal(0)
    return (Decimal(part.sen) * 100 / Decimal(whole.sen)).quantize(Decimal("0.01"))


def health(npf: Decimal) -> str:
    for limit, band in HEALTH:
        if npf <= limit:
            return band
    return "Tidak Sehat"


ALLOWANCES = {"murabahah": AccountRole.MURABAHAH_ALLOWANCE, "qard": AccountRole.QARD_ALLOWANCE}


def allowance_draft(s: Session, day: dt.date) -> EntryDraft | None:
    """The entry that brings each allowance account to what its contracts require on
    ``day`` (a charge to expense, or a release when less is required now)."""
    p = portfolio(s, day)
    table = {k.name: k for k in classes(s)}
    lines: list[LineDraft] = []
    for kind, account in ALLOWANCES.items():
        need = sum((required_of(r, table[k]) for r, k in p.contracts
                    if r.kind == kind and not _maal(r)), ZERO)
        held = queries.normal_balance(s, account, day)
        diff = need - held
        if diff.is_positive():
            lines += [LineDraft(AccountRole.ALLOWANCE_EXPENSE, debit=diff),
                      LineDraft(account, credit=diff)]
        elif diff.is_negative():
            lines += [LineDraft(account, debit=-diff),
                      LineDraft(AccountRole.ALLOWANCE_EXPENSE, credit=-diff)]
    if not lines:
        return None
    return EntryDraft(day, f"PPAP per {day.strftime('%d/%m/%Y')}: wajib dibentuk "
                           f"{p.required.plain()}", tuple(lines), operation="allowance",
                      uuid=new_key())


def save_classes(s: Session, preset: str | None, table: list[Klass] | None) -> None:
    if preset is not None:
        if preset not in PRESETS:
            raise KasirError(N_("There is no collectibility preset {preset}; choose A or B."),
                             preset=preset)
        set_setting(s, SETTING, preset)
        return
    if not table:
        raise KasirError(N_("Give a preset or the classes."))
    last = -1
    for i, k in enumerate(table):
        final = i == len(table) - 1
        if not k.name.strip() or not 0 <= k.rate_bp <= 10_000 or \
                (k.up_to_days is None) != final or \
                (k.up_to_days is not None and k.up_to_days <= last):
            raise KasirError(N_("The collectibility classes must rise in days past due, the "
                                "last one open-ended, each with a rate from 0 to 100%."))
        last = k.up_to_days if k.up_to_days is not None else last
    set_setting(s, SETTING, json.dumps([{"name": k.name, "up_to_days": k.up_to_days,
                                         "rate_bp": k.rate_bp, "problem": k.problem}
                                        for k in table]))
