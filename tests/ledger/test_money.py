from decimal import Decimal

import pytest

from ledger.money import ZERO, Money


def test_float_is_refused_everywhere():
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.rupiah(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)  # type: ignore[arg-type]


def test_rupiah_is_exact():
    assert Money.rupiah(1_234_567).sen == 123_456_700
    assert Money.rupiah(Decimal("45967.74")).sen == 4_596_774
    assert Money.rupiah("0.01").sen == 1
    with pytest.raises(ValueError):
        Money.rupiah(Decimal("0.001"))
    with pytest.raises(ValueError):
        Money.rupiah("abc")


def test_plain_text_for_machine_formats():
    assert Money.rupiah(1_234_567).plain() == "1234567"
    assert Money.rupiah(Decimal("1234567.5")).plain() == "1234567.50"
    assert Money(-5).plain() == "-0.05"


def test_arithmetic_and_sum():
    a, b = Money.rupiah(100), Money.rupiah(40)
    assert a + b == Money.rupiah(140)
    assert a - b == Money.rupiah(60)
    assert -a == Money.rupiah(-100)
    assert sum([a, b]) == Money.rupiah(140)
    assert not ZERO and a


def test_overflow_beyond_bigint_is_refused():
    with pytest.raises(OverflowError):
        Money(2**63)


def test_allocate_sums_exactly_largest_remainder():
    parts = Money(100).allocate([1, 1, 1])
    assert parts == [Money(34), Money(33), Money(33)]
    parts = Money.rupiah(180_000).allocate([600_000, 24_000_000 - 600_000])
    assert parts[0] == Money.rupiah(4_500)  # domain.md §1.3: Bu A's share of the pool
    assert sum(parts) == Money.rupiah(180_000)
    with pytest.raises(ValueError):
        Money(10).allocate([0, 0])
