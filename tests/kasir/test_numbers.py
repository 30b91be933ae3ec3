"""Amounts typed the Indonesian way, parsed strictly; rupiah and dates shown the same way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kasir.numbers import (
    AmountError,
    format_amount,
    format_date_long,
    format_date_short,
    format_rupiah,
    parse_amount,
)
from ledger.money import Money


@pytest.mark.parametrize("typed, sen", [
    ("1.234.567", 123_456_700),
    ("1.234.567,50", 123_456_750),
    ("1234567", 123_456_700),
    ("1234567,5", 123_456_750),
    ("Rp1.000", 100_000),
    ("Rp 1.000.000", 100_000_000),
    ("Rp. 25.000,-", 2_500_000),
    ("  5.000 ", 500_000),
])
def test_valid_amounts(typed, sen):
    assert parse_amount(typed) == Money(sen)


@pytest.mark.parametrize("typed", [
    "", "   ", "12.34", "1,000,000", "1.000.000.00", "1e3", "-5.000", "abc", "1.2.3",
    "0", "0,00", "1,005", "٣٠٠٠", "1 000 000x", "99999999999999999999999",
])
def test_doubtful_amounts_are_refused(typed):
    with pytest.raises(AmountError):
        parse_amount(typed)


def test_zero_allowed_when_asked():
    assert parse_amount("0", allow_zero=True) == Money(0)


def test_rupiah_display():
    assert format_rupiah(Money.rupiah(1_234_567)) == "Rp1.234.567"
    assert format_rupiah(Money.rupiah(Decimal("45967.74"))) == "Rp45.967,74"
    assert format_rupiah(Money.rupiah(-2_500)) == "-Rp2.500"
    assert format_rupiah(Money.rupiah(1_000), sen=True) == "Rp1.000,00"
    assert format_amount(Money.rupiah(420_000)) == "420.000"


def test_dates_display():
    assert format_date_long(dt.date(2026, 11, 28)) == "28 November 2026"
    assert format_date_long(dt.date(2025, 8, 17)) == "17 Agustus 2025"
    assert format_date_short(dt.date(2026, 1, 5)) == "05/01/2026"
