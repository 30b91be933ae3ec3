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
