from decimal import Decimal

import pytest

from kasir.terbilang import terbilang, terbilang_boxed
from ledger.money import Money


@pytest.mark.parametrize("rupiah, words", [
    (0, "Nol rupiah"),
    (1, "Satu rupiah"),
    (11, "Sebelas rupiah"),
    (100, "Seratus rupiah"),
    (1_000, "Seribu rupiah"),
    (1_500, "Seribu lima ratus rupiah"),
    (21_000, "Dua puluh satu ribu rupiah"),
    (420_000, "Empat ratus dua puluh ribu rupiah"),
    (1_000_000, "Satu juta rupiah"),
    (1_234_567, "Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah"),
    (5_000_001, "Lima juta satu rupiah"),
    (1_000_000_000, "Satu miliar rupiah"),
])
def test_whole_rupiah(rupiah, words):
    assert terbilang(Money.rupiah(rupiah)) == words


def test_sen_are_spoken_as_a_number():
    assert terbilang(Money.rupiah(Decimal("45967.74"))) == (
        "Empat puluh lima ribu sembilan ratus enam puluh tujuh rupiah tujuh puluh empat sen")


def test_boxed():
    assert terbilang_boxed(Money.rupiah(10_000)) == "# Sepuluh ribu rupiah #"
