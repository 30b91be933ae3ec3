"""Exact money: integer sen (1/100 rupiah), never a float.

Rupiah amounts are stored, summed and compared as integers so that a trial
balance nets to exactly zero in SQL as well as in Python. A ``float`` is refused
at the door, because by the time a float reaches the books its error is already
invisible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SEN_PER_RUPIAH = 100
MAX_SEN = 2**63 - 1  # BIGINT on both backends
# The largest amount one line may carry: Rp1.000.000.000.000.000 (10^17 sen). Far beyond any
# cooperative, and small enough that a book's sums stay well inside a 64-bit integer.
MAX_AMOUNT_SEN = 10**17


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """An amount of rupiah held as integer sen."""

    sen: int

    def __post_init__(self) -> None:
        if type(self.sen) is not int:  # bool and float are refused alike
            raise TypeError(f"Money needs integer sen, not {type(self.sen).__name__}")
        if abs(self.sen) > MAX_SEN:
            raise OverflowError("amount is beyond what the books can hold")

    # --- construction -------------------------------------------------------
    @classmethod
    def rupiah(cls, value: int | Decimal | str) -> Money:
        """Money from a rupiah amount; sen fractions beyond two places are refused."""
        if isinstance(value, float) or isinstance(value, bool):
            raise TypeError("a float is never money: use int, Decimal or str")
        if isinstance(value, int):
            return cls(value * SEN_PER_RUPIAH)
        if isinstance(value, str):
            try:
                value = Decimal(value.strip())
            except InvalidOperation as exc:
                raise ValueError(f"not an amount: {value!r}") from exc
        if not isinstance(value, Decimal):
            raise TypeError(f"not an amount: {value!r}")
        if not value.is_finite():
            raise ValueError("amount must be a finite number")
        sen = value * SEN_PER_RUPIAH
        if sen != sen.to_integral_value():
            raise ValueError(f"{value} has fractions of a sen")
        return cls(int(sen))

    # --- conversion ---------------------------------------------------------
    def to_decimal(self) -> Decimal:
        """The amount in rupiah with two decimal places."""
        return Decimal(self.sen).scaleb(-2)

    def plain(self) -> str:
        """Plain decimal text for machine formats: ``1234567`` or ``1234567.50``."""
        rp, sen = divmod(abs(self.sen), SEN_PER_RUPIAH)
        sign = "-" if self.sen < 0 else ""
        return f"{sign}{rp}" if sen == 0 else f"{sign}{rp}.{sen:02d}"

    def __str__(self) -> str:
        return self.plain()

    # --- arithmetic ---------------------------------------------------------
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.sen + other.sen)

    def __radd__(self, other: int) -> Money:
        # lets sum() start from the int 0
        if other == 0 and type(other) is int:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.sen - other.sen)

    def __neg__(self) -> Money:
        return Money(-self.sen)

    def __abs__(self) -> Money:
        return Money(abs(self.sen))

    def __bool__(self) -> bool:
        return self.sen != 0

    def is_positive(self) -> bool:
        return self.sen > 0

    def is_negative(self) -> bool:
        return self.sen < 0

    def allocate(self, weights: Sequence[int]) -> list[Money]:
        """Split by integer weights so the parts sum exactly to the whole.

        Largest-remainder method: each part gets the floor of its share, and the
        sen left over go one by one to the largest remainders (earlier parts win
        ties), so no sen is ever lost or invented.
        """
        if not weights or any(type(w) is not int or w < 0 for w in weights):
            raise ValueError("weights must be non-negative integers")
        total = sum(weights)
        if total == 0:
            raise ValueError("weights must not all be zero")
        sign = -1 if self.sen < 0 else 1
        whole = abs(self.sen)
        parts = [whole * w // total for w in weights]
        remainders = [whole * w % total for w in weights]
        left = whole - sum(parts)
        order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            parts[i] += 1
        return [Money(sign * p) for p in parts]


ZERO = Money(0)
