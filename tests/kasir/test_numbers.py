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


@pytest.mark.parametrize("typed, meant", [
    ("50,000", "50.000"),             # was Rp50 on a real receipt ("Lima puluh rupiah")
    ("50,500", "50.500"),             # was Rp50,50
    ("1,500,000", "1.500.000"),       # the English way, all through
    ("1.234,567", "1.234.567"),
    ("Rp 250,000", "250.000"),
])
def test_a_comma_before_three_digits_is_refused_with_what_she_meant(typed, meant):
    with pytest.raises(AmountError) as refused:
        parse_amount(typed)
    assert refused.value.params["suggestion"] == meant
    assert f"Did you mean {meant}?" in str(refused.value)


@pytest.mark.parametrize("typed", ["50,0000", "1.000,1234", "0,000"])
def test_more_than_three_digits_after_the_comma_are_no_sen(typed):
    with pytest.raises(AmountError, match="at most two decimals"):
        parse_amount(typed)


@pytest.mark.parametrize("typed, sen", [
    ("1.234.567,50", 123_456_750), ("50,00", 5_000), ("50,5", 5_050), ("50.000", 5_000_000),
])
def test_sen_after_the_comma_stay_valid(typed, sen):
    assert parse_amount(typed) == Money(sen)
