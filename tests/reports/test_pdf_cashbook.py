"""The buku kas harian PDF: days, totals, cash counts, signatures, pages, bytes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from pdf_samples import cash_book, fonts_used, page_texts, reader, rp

from reports.papers import CashBookRow
from reports.pdf import render_cash_book


def render(data) -> bytes:
    buffer = io.BytesIO()
    render_cash_book(data, buffer)
    return buffer.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_three_days_with_totals_counts_and_signatures():
    pdf = render(cash_book())
    pages = reader(pdf).pages
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    text = flat(" ".join(page_texts(pdf)))
    assert "BUKU KAS HARIAN" in text
    assert "Akun 1101 Kas · 2 November 2026 s.d. 4 November 2026" in text
    assert "Tanggal No. Bukti Uraian Masuk Keluar Saldo" in text
    assert "02/11/2026 Saldo awal 1.500.000" in text
    assert "02/11/2026 JU-0101 Setoran simpanan wajib Kelompok Melati 3 (12 anggota) " \
           "240.000 1.740.000" in text
    assert "JU-0103 Beli alat tulis dan kertas kuitansi 35.500 2.124.500" in text
    assert "Jumlah 02/11/2026 660.000 35.500 2.124.500" in text
    assert "Jumlah 03/11/2026 150.000 1.200.000 1.074.500" in text
    assert "Jumlah 04/11/2026 190.000 100.000 1.164.500" in text
    # the count with no difference, and the one short by Rp5.000
    assert "Pemeriksaan kas 02/11/2026 · Uang kas dihitung (fisik) 2.124.500" in text
    assert "Selisih (fisik − buku): cocok, tidak ada selisih 0" in text
    assert "Pemeriksaan kas 04/11/2026 · Uang kas dihitung (fisik) 1.159.500" in text
    assert "Saldo kas menurut buku 1.164.500" in text
    assert "Selisih (fisik − buku): kas kurang Rp5.000" in text
    assert "Catatan: Uang kembalian salah hitung; diganti Bendahara 5 Nov -5.000" in text
    assert "Jumlah periode 1.000.000 1.335.500" in text
    assert "Saldo akhir 04/11/2026 1.164.500" in text
    assert "Saldo akhir 4 November 2026 = Rp1.164.500" in text
    assert "Mengetahui, Lebak, 28 November 2026 Ketua Bendahara" in text
    assert f"Halaman 1 dari {len(pages)}" in text


def test_long_cash_book_repeats_the_header_and_signs_on_the_last_page():
    base = cash_book()
    rows = []
    balance = base.opening
    for i in range(90):
        day = dt.date(2026, 11, 2) + dt.timedelta(days=i // 6)
        balance = balance + rp(10_000)
        rows.append(CashBookRow(day, f"JU-{i + 200:04d}", f"Setoran simpanan wajib anggota {i}",
                                rp(10_000), rp(0), balance))
    data = replace(base, rows=tuple(rows), counts=(), date_to=rows[-1].date)
    texts = [flat(t) for t in page_texts(render(data))]
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        if "JU-0" in text:  # every page with rows has the column heads
            assert "Tanggal No. Bukti Uraian Masuk Keluar Saldo" in text
        assert f"Halaman {number} dari {len(texts)}" in text
    assert sum("Tanggal No. Bukti Uraian Masuk Keluar Saldo" in t for t in texts) >= 2
    assert texts[1].startswith("Buku Kas Harian · 1101 Kas · 02/11/2026 – 16/11/2026")
    # the signatures never stand alone: the period totals go with them
    assert "Jumlah periode 900.000" in texts[-1]
    assert "Saldo akhir 16/11/2026 2.400.000" in texts[-1]
    assert "Mengetahui" in texts[-1] and "Mengetahui" not in texts[0]


def test_a_day_with_only_a_count_still_shows():
    base = cash_book()
    extra = replace(base.counts[0], date=dt.date(2026, 11, 5))
    data = replace(base, counts=base.counts + (extra,), date_to=dt.date(2026, 11, 5))
    text = flat(" ".join(page_texts(render(data))))
    assert "Jumlah 05/11/2026 (tidak ada transaksi) 0 0 1.164.500" in text
    assert "Pemeriksaan kas 05/11/2026" in text


def test_fonts_are_embedded_dejavu_only():
    fonts = fonts_used(render(cash_book()))
    assert all("DejaVuSans" in name for name in fonts), fonts
    assert all(fonts.values()), f"not embedded: {fonts}"


def test_output_is_byte_identical_across_renders():
    assert render(cash_book()) == render(cash_book())
