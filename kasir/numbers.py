"""Rupiah and dates the Indonesian way, with Babel; strict parsing of typed amounts.

Typed amounts are parsed strictly (``1.234.567`` or ``1.234.567,50``): an
ambiguous entry such as ``12.34`` is refused, never guessed, because a guess
that is wrong by a factor of a hundred is the worst kind of bookkeeping error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from ledger.errors import N_, LedgerError
from ledger.money import Money

LOCALES = {"id": "id_ID", "en": "en_US"}


class AmountError(LedgerError):
    """A typed amount that is not a valid rupiah amount."""


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "id_ID")


def format_rupiah(amount: Money, *, sen: bool | None = None, symbol: bool = True,
                  lang: str = "id") -> str:
    """``Rp1.234.567`` (whole rupiah) or ``Rp1.234.567,50`` when there are sen.

    Indonesian style is used for amounts whatever the interface language, as
    members and auditors read them on paper.
    """
    show_sen = (amount.sen % 100 != 0) if sen is None else sen
    pattern = "#,##0.00" if show_sen else "#,##0"
    value = amount.to_decimal()
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        text = format_decimal(abs(value), format=pattern, locale="id_ID",
                              decimal_quantization=True)
    sign = "-" if amount.is_negative() else ""
    return f"{sign}Rp{text}" if symbol else f"{sign}{text}"


def format_amount(amount: Money, *, sen: bool | None = None) -> str:
    """The figure alone, for table cells: ``1.234.567``."""
    return format_rupiah(amount, sen=sen, symbol=False)


def format_date_long(day: dt.date, lang: str = "id") -> str:
    """``28 November 2026``."""
    return _babel_format_date(day, format="long", locale=_locale(lang))


def format_date_short(day: dt.date) -> str:
    """``28/11/2026`` (never a two-digit year in the books)."""
    return day.strftime("%d/%m/%Y")


_CLEAN = re.compile(r"^\s*(?:rp\.?\s*)?", re.IGNORECASE)


def parse_amount(typed: str, *, allow_zero: bool = False) -> Money:
    """A positive amount typed the Indonesian way; anything doubtful is refused."""
    text = _CLEAN.sub("", typed or "").strip().replace(" ", "")
    if text.endswith(",-"):
        text = text[:-2]
    if not text:
        raise AmountError(N_("Type an amount."))
    if text.startswith("-"):
        raise AmountError(N_("The amount cannot be negative."))
    if not re.fullmatch(r"[0-9.,]+", text):
        raise AmountError(N_("“{typed}” is not an amount; type it like 1.234.567 or "
                             "1.234.567,50."), typed=typed.strip())
    try:
        value = parse_decimal(text, locale="id_ID", strict=True)
    except NumberFormatError as exc:
        raise AmountError(N_("“{typed}” is not an amount; type it like 1.234.567 or "
                             "1.234.567,50."), typed=typed.strip()) from exc
    if value != value.quantize(Decimal("0.01")):
        raise AmountError(N_("An amount has at most two decimals (sen)."))
    try:
        money = Money.rupiah(value)
    except OverflowError as exc:
        raise AmountError(N_("The amount is too large.")) from exc
    if money.sen == 0 and not allow_zero:
        raise AmountError(N_("The amount must be more than zero."))
    return money
