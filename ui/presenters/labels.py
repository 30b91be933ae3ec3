"""Words for the codes stored in the books (account classes, normal sides).

The values are message ids marked with ``N_`` (not translated here, at import
time); callers translate them when they show them.
"""

from __future__ import annotations

from kasir.i18n import _, language
from ledger.errors import N_

ACCOUNT_CLASS = {
    "asset": N_("Asset"),
    "liability": N_("Liability"),
    "syirkah": N_("Temporary syirkah fund"),
    "equity": N_("Equity"),
    "income": N_("Income"),
    "expense": N_("Expense"),
    "maal": N_("Maal (zakat, infak)"),
}

SIDE = {"D": N_("Debit"), "C": N_("Credit")}


def account_class(code: str) -> str:
    return _(ACCOUNT_CLASS.get(code, code))


def side(code: str) -> str:
    return _(SIDE.get(code, code))


def account_name(name_id: str, name_en: str) -> str:
    """The account's name in the interface language (Indonesian when English is missing)."""
    return name_en if language() == "en" and name_en else name_id


MEMBER_STATUS = {"active": N_("Active"), "exited": N_("Left")}
WAJIB_PERIOD = {"weekly": N_("per week"), "monthly": N_("per month")}
GENDER = {"P": N_("Woman (P)"), "L": N_("Man (L)")}


def member_status(code: str) -> str:
    return _(MEMBER_STATUS.get(code, code))


def wajib_period(code: str) -> str:
    return _(WAJIB_PERIOD.get(code, code))


def gender(code: str | None) -> str:
    return _(GENDER[code]) if code in GENDER else ""


WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
            N_("Saturday"), N_("Sunday"))


def weekday_name(day: int | None) -> str:
    """Meeting days: 0 is Monday (Senin) to 6 Sunday (Minggu)."""
    return _(WEEKDAYS[day]) if day is not None and 0 <= day <= 6 else ""
