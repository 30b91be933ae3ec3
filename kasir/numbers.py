"""Rupiah and dates the Indonesian way, with Babel; strict parsing of typed amounts.

Typed amounts are parsed strictly (``1.234.567`` or ``1.234.567,50``): an
ambiguous entry such as ``12.34`` is refused, never guessed, because a guess
that is wrong by a factor of a hundred is the worst kind of bookkeeping error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from kasir.errors import N_, KasirError
from ledger.money import MAX_AMOUNT_SEN, Money

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
    text = _figure(abs(amount.sen), show_sen)
    sign = "-" if amount.is_negative() else ""
    return f"{sign}Rp{text}" if symbol else f"{sign}{text}"


@lru_cache(maxsize=8192)
def _figure(sen: int, show_sen: bool) -> str:
    """Babel's Indonesian figure, remembered: an import or a report writes the same few
    thousand amounts over and over (Babel takes ~45 µs a call)."""
    pattern = "#,##0.00" if show_sen else "#,##0"
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        return format_decimal(Money(sen).to_decimal(), format=pattern, locale="id_ID",
                              decimal_quantization=True)


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


_COMMA_THOUSANDS = re.compile(r"[0-9.,]*,[0-9]{3}")


def _refuse_long_decimals(text: str, typed: str) -> None:
    """More than two digits after the comma is never sen. ``50,000`` is the English way
    of writing fifty thousand: read as Indonesian it would be Rp50 (and ``50,500``
    Rp50,50), a receipt wrong by a factor of a thousand, so it is refused with the amount
    she most likely meant. Compared as text: ``50,000`` equals 50 as a number."""
    if "," not in text or len(text.rpartition(",")[2]) <= 2:
        return
    whole = int(re.sub(r"[.,]", "", text))
    if _COMMA_THOUSANDS.fullmatch(text) and whole:
        raise AmountError(N_("“{typed}”: in Indonesian, thousands are separated by dots and "
                             "a comma starts the sen. Did you mean {suggestion}?"),
                          typed=typed.strip(),
                          suggestion=format_decimal(whole, format="#,##0", locale="id_ID"))
    raise AmountError(N_("An amount has at most two decimals (sen)."))


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
    _refuse_long_decimals(text, typed)
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
    """An amount as an event or entry file writes it: whole rupiah as a JSON integer, or a
    decimal string ("45967.74"); never a float, never negative. Taken exactly as written or
    refused, never rounded: at most two decimals (a 30-digit decimal is not Rp1) and at
    most Rp1.000.000.000.000.000 (``MAX_AMOUNT_SEN``, beyond which the ledger refuses a
    line), so the file's own field is named rather than a line of a draft entry. A
    ``Decimal`` is how ``kasir.jsonfile`` hands over a JSON integer too long to convert."""
    if type(value) is int and 0 <= value <= _MOST_RUPIAH:  # nearly every amount of a file
        return Money(value * 100)
    if isinstance(value, Money):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise AmountError(N_("must be whole rupiah or a decimal string"))
    if isinstance(value, int | Decimal):
        if isinstance(value, Decimal) and not (value.is_finite()
                                               and value == value.to_integral_value()):
            raise AmountError(N_("must be whole rupiah or a decimal string"))
        if value < 0:
            raise AmountError(N_("cannot be negative"))
        # compared before converting: a 5000-digit integer is never turned into an int
        whole, sen = (int(value), 0) if value <= MAX_AMOUNT_SEN else (MAX_AMOUNT_SEN, 0)
    else:
        written = _FILE_AMOUNT.fullmatch(value)
        if written is None:
            raise AmountError(N_("{value} is not an amount"),
                              value=value if len(value) <= 40 else value[:40] + "…")
        sign, digits, fraction = written.groups()
        if sign:
            raise AmountError(N_("cannot be negative"))
        if len(fraction or "") > 2:
            raise AmountError(N_("has more than two decimals (sen)"))
        digits = digits.lstrip("0")[:20]  # twenty digits are far beyond the largest amount
        whole, sen = int(digits or "0"), int((fraction or "").ljust(2, "0"))
    total = int(whole) * 100 + sen
    if total > MAX_AMOUNT_SEN:
        raise AmountError(N_("is beyond {most}, the most one amount may be"),
                          most=Money(MAX_AMOUNT_SEN))
    return Money(total)


_MOST_RUPIAH = MAX_AMOUNT_SEN // 100
# a decimal string of a file: ASCII digits, a dot before the sen, nothing else
_FILE_AMOUNT = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")


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
