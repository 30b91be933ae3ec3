"""Amounts in words (*terbilang*) for receipts, the way Indonesian paper writes them.

num2words reads decimals digit by digit ("koma lima nol"), which no receipt
does; sen are spoken as their own number instead. The wrapper is small and
tested against a table, so a library edge case cannot reach a member's receipt.
"""

from __future__ import annotations

from num2words import num2words

from ledger.money import Money


def terbilang(amount: Money) -> str:
    """``Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah``."""
    rupiah, sen = divmod(abs(amount.sen), 100)
    words = num2words(rupiah, lang="id") + " rupiah"
    if sen:
        words += " " + num2words(sen, lang="id") + " sen"
    if amount.is_negative():
        words = "minus " + words
    return words[0].upper() + words[1:]


def terbilang_boxed(amount: Money) -> str:
    """Wrapped in ``#`` so nothing can be written before or after it."""
    return f"# {terbilang(amount)} #"
