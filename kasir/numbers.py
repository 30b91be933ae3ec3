"""Rupiah and dates the Indonesian way, with Babel; strict parsing of typed amounts.

Typed amounts are parsed strictly (``1.234.567`` or ``1.234.567,50``): an
ambiguous entry such as ``12.34`` is refused, never guessed, because a guess
that is wrong by a factor of a hundred is the worst kind of bookkeeping error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from kasir.errors import N_, KasirError
from ledger.money import Money

LOCALES = {"id": "id_ID", "en": "en_US"}


class AmountError(KasirError):
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


def file_amount(value: object) -> Money:
    """An amount as an event or entry file writes it: whole rupiah as a JSON integer, or
    a decimal string ("45967.74"); never a float, never negative."""
    if isinstance(value, Money):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise AmountError(N_("must be whole rupiah or a decimal string"))
    try:
        amount = Money.rupiah(int(value) if isinstance(value, int) else Decimal(value))
    except (InvalidOperation, ValueError, OverflowError):
        raise AmountError(N_("{value} is not an amount"), value=value) from None
    if amount.is_negative():
        raise AmountError(N_("cannot be negative"))
    return amount


def parse_percent(typed: str) -> int:
    """A percentage as typed ("30", "27,5", "27.5 %") in basis points (0 to 10.000); strict."""
    text = typed.strip().removesuffix("%").strip().replace(",", ".")
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text):
        raise AmountError(N_("“{typed}” is not a percentage; type it like 30 or 27,5."),
                          typed=typed.strip())
    whole, _dot, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def parse_nisbah(typed: str) -> int:
    """The mudharabah nisbah as typed ("30", "27,5", "27.5 %") in basis points; strict."""
    bp = parse_percent(typed)
    if bp > 10_000:
        raise AmountError(N_("The nisbah must be between 0 and 100 percent."))
    return bp
