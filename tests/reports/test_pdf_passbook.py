"""The buku simpanan PDF: pages, repeated header, balances, legend, fonts, bytes."""

from __future__ import annotations

import io

import pytest
from pdf_samples import fonts_used, page_texts, passbook, reader

from kasir.numbers import format_amount
from ledger.money import Money
from reports.pdf import render_passbook


def render(data, size: str = "A5") -> bytes:
    buffer = io.BytesIO()
    render_passbook(data, buffer, size=size)
    return buffer.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def a5() -> bytes:
    return render(passbook())


def test_a5_passbook_runs_over_pages_numbered_x_of_y(a5: bytes):
    pages = reader(a5).pages
    assert len(pages) >= 2
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert (round(width), round(height)) == (420, 595)  # A5 portrait
    texts = [flat(t) for t in page_texts(a5)]
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text


def test_header_row_is_repeated_and_later_pages_name_the_member(a5: bytes):
    texts = [flat(t) for t in page_texts(a5)]
    header = "No Tanggal Sandi Debet Kredit Saldo Paraf"
    assert all(header in text for text in texts)
    assert texts[1].startswith("Siti Aminah (A-001)")
    assert "Simpanan Sukarela (Wadiah)" in texts[1]


def test_cover_block_opening_and_closing(a5: bytes):
    texts = [flat(t) for t in page_texts(a5)]
    first, last = texts[0], texts[-1]
    assert "BUKU SIMPANAN" in first
    for expected in ("No. anggota : A-001", "Nama : Siti Aminah",
                     "Alamat : Kp. Cisalak RT 02/RW 05, Desa Mekarsari",
                     "Kelompok : Kelompok Melati 3",
                     "Periode : 1 Januari 2025 s.d. 28 November 2026"):
        assert expected in first
    assert "01/01/2025 Saldo awal 250.000" in first
    assert "1 06/01/2025 SW 20.000 270.000" in first
    data = passbook()
    closing = format_amount(data.closing)
    assert f"Saldo akhir {closing}" in last
    assert f"Rp{closing}" in last
    assert "Saldo akhir per 28 November 2026" in last
    assert "Dicetak tanggal 28 November 2026" in last


def test_every_line_is_printed_in_order_with_indonesian_amounts(a5: bytes):
    data = passbook()
    text = flat(" ".join(page_texts(a5)))
    position = 0
    for number, line in enumerate(data.lines, start=1):
        figure = format_amount(line.debit or line.credit)
        row = (f"{number} {line.date:%d/%m/%Y} {line.code} {figure} "
               f"{format_amount(line.balance)}")
        found = text.find(row, position)
        assert found >= 0, row
        position = found
    assert "12.345,50" in text  # sen shown where there are sen
    assert "1.234,50" in text


def test_legend_of_the_codes(a5: bytes):
    last = flat(page_texts(a5)[-1])
    for pair in ("SP = Setoran pokok", "SW = Setoran wajib", "SS = Setoran sukarela",
                 "TR = Tarik (penarikan)", "BH = Bagi hasil", "PJK = Pajak"):
        assert pair in last


def test_no_opening_row_for_a_new_book_from_zero():
    data = passbook(10, opening=Money(0), date_from=None, date_to=None)
    text = flat(" ".join(page_texts(render(data))))
    assert "Saldo awal" not in text
    assert "Periode" not in text


def test_opening_row_when_a_period_starts_even_at_zero():
    data = passbook(5, opening=Money(0))
    assert "01/01/2025 Saldo awal 0" in flat(page_texts(render(data))[0])


def test_a4_statement_has_the_receipt_number_column_and_fewer_pages(a5: bytes):
    pdf = render(passbook(), "A4")
    pages = reader(pdf).pages
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    assert len(pages) < len(reader(a5).pages)
    texts = [flat(t) for t in page_texts(pdf)]
    assert "REKENING SIMPANAN" in texts[0]
    assert all("No Tanggal Sandi No. Bukti Debet Kredit Saldo Paraf" in t for t in texts)
    assert "1 06/01/2025 SW 0001/KM/2025 20.000 270.000" in texts[0]
    assert f"Halaman 1 dari {len(pages)}" in texts[0]


def test_fonts_are_embedded_dejavu_only(a5: bytes):
    fonts = fonts_used(a5)
    assert all("DejaVuSans" in name for name in fonts), fonts
    assert all(fonts.values()), f"not embedded: {fonts}"


def test_continued_table_keeps_its_fonts(a5: bytes):
    # the part of the table on page 2 is a new Table made by ReportLab's split;
    # it must keep the condensed figures and bold balances of page 1
    assert set(fonts_used(a5, 1)) >= {"/AAAAAA+DejaVuSansCondensed",
                                      "/AAAAAA+DejaVuSansCondensed-Bold"}


def test_output_is_byte_identical_across_renders(a5: bytes):
    assert render(passbook()) == a5
    assert render(passbook(), "A4") == render(passbook(), "A4")


def test_unknown_size_is_refused():
    with pytest.raises(ValueError):
        render(passbook(3), "Letter")


def test_two_page_statement_says_halaman_1_dari_2():
    texts = [flat(t) for t in page_texts(render(passbook(50), "A4"))]
    assert len(texts) == 2
    assert texts[0].endswith("Halaman 1 dari 2")
    assert texts[1].endswith("Halaman 2 dari 2")
    assert "No Tanggal Sandi No. Bukti Debet Kredit Saldo Paraf" in texts[1]
