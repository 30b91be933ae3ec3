"""The kuitansi PDF: words, figures, copies, meterai, voiding, fonts, bytes."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_samples import (
    fonts_used,
    page_texts,
    reader,
    receipt_6m,
    receipt_420k,
    receipt_sen,
    rp,
)

from reports.papers import METERAI_THRESHOLD, ReceiptLine
from reports.pdf import render_receipt


def render(data) -> bytes:
    buffer = io.BytesIO()
    render_receipt(data, buffer)
    return buffer.getvalue()


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(t.split()) for t in page_texts(pdf))


def test_receipt_of_420000_has_words_number_amount_and_both_copies():
    pdf = render(receipt_420k())
    pages = reader(pdf).pages
    assert len(pages) == 1
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4: two A5-landscape halves
    text = text_of(pdf)
    assert text.count("KUITANSI") == 2
    assert text.count("No: 0001/KW/XI/2026") == 2
    assert text.count("# Empat ratus dua puluh ribu rupiah #") == 2
    assert text.count("Rp420.000") >= 2
    assert "Lembar anggota" in text and "Arsip" in text
    assert text.count("Telah terima dari : Siti Aminah (No. anggota A-001)") == 2
    assert "Untuk pembayaran : Angsuran ke-3 Murabahah No. 012/MRB/2026" in text
    assert "Pokok Rp375.000" in text and "Margin Rp45.000" in text
    assert "Lebak, 28 November 2026" in text
    assert "Penyetor," in text and "Penerima, Bendahara" in text
    assert "( Siti Aminah )" in text and "( Nur Aini )" in text
    assert "Tunai" in text
    assert "Meterai" not in text
    assert "DIBATALKAN" not in text


def test_meterai_box_follows_the_amount():
    for data in (receipt_420k(), receipt_6m(), receipt_6m(amount=rp(5_000_000))):
        text = text_of(render(replace(data, meterai=data.amount > METERAI_THRESHOLD)))
        if data.amount > METERAI_THRESHOLD:
            assert text.count("Meterai Rp10.000") == 2, text
        else:
            assert "Meterai" not in text


def test_payout_is_worded_as_the_member_receiving_from_the_cooperative():
    text = text_of(render(receipt_6m()))
    assert "Telah terima dari : Koperasi Syariah Al-Ikhlas Sejahtera" in text
    assert "Yang menerima : Ahmad Fauzi (No. anggota A-017)" in text
    assert "# Enam juta rupiah #" in text
    assert "Rp6.000.000" in text
    assert "Transfer bank" in text
    # the treasurer hands over, the member signs as receiver (on the meterai)
    assert text.index("Yang menyerahkan, Bendahara") < text.index("Penerima,")
    assert text.index("( Nur Aini )") < text.index("( Ahmad Fauzi )")
    assert "Penyetor" not in text


def test_sen_are_shown_in_figures_and_words_on_a_single_copy():
    pdf = render(receipt_sen(copy_label="Lembar anggota"))
    page = reader(pdf).pages[0]
    width, height = (float(v) for v in page.mediabox[2:])
    assert (round(width), round(height)) == (595, 420)  # A5 landscape
    text = text_of(pdf)
    assert "Rp45.967,74" in text
    assert ("# Empat puluh lima ribu sembilan ratus enam puluh tujuh rupiah "
            "tujuh puluh empat sen #") in text
    assert text.count("KUITANSI") == 1
    assert "Lembar anggota" in text and "Arsip" not in text


def test_reversed_receipt_says_dibatalkan_on_both_copies():
    pdf = render(receipt_420k(reversed_note="dibalik dengan JU-0145 pada 29/11/2026"))
    text = text_of(pdf)
    assert text.count("DIBATALKAN – dibalik dengan JU-0145 pada 29/11/2026") == 2


def test_a_receipt_with_many_lines_gets_a_page_per_copy():
    lines = tuple(ReceiptLine(f"Simpanan wajib minggu ke-{i}", rp(10_000)) for i in range(1, 26))
    data = receipt_420k(amount=rp(250_000), lines=lines)
    pdf = render(data)
    texts = [" ".join(t.split()) for t in page_texts(pdf)]
    assert len(texts) == 2
    for text, label in zip(texts, ("Lembar anggota", "Arsip"), strict=True):
        assert label in text
        assert "Simpanan wajib minggu ke-25 Rp10.000" in text
        assert "# Dua ratus lima puluh ribu rupiah #" in text


def test_a_single_copy_with_many_lines_gets_a_whole_a4_page():
    lines = tuple(ReceiptLine(f"Simpanan wajib minggu ke-{i}", rp(10_000)) for i in range(1, 26))
    pdf = render(receipt_420k(amount=rp(250_000), lines=lines, copy_label="Arsip"))
    pages = reader(pdf).pages
    assert len(pages) == 1
    assert [round(float(v)) for v in pages[0].mediabox[2:]] == [595, 842]
    assert "Simpanan wajib minggu ke-25 Rp10.000" in text_of(pdf)


def test_fonts_are_embedded_dejavu_only():
    for data in (receipt_420k(), receipt_6m(), receipt_sen(copy_label="Arsip")):
        fonts = fonts_used(render(data))
        assert fonts, "no fonts found"
        assert all("DejaVuSans" in name for name in fonts), fonts
        assert all(fonts.values()), f"not embedded: {fonts}"


def test_output_is_byte_identical_across_renders():
    assert render(receipt_420k()) == render(receipt_420k())
    assert render(receipt_6m()) == render(receipt_6m())


def test_written_to_a_path(tmp_path: Path):
    target = tmp_path / "kuitansi.pdf"
    render_receipt(receipt_420k(), target)
    assert target.read_bytes() == render(receipt_420k())
    assert [p.name for p in tmp_path.iterdir()] == ["kuitansi.pdf"]


@pytest.mark.parametrize("changes", [
    {"direction": "sideways"},
    {"amount": rp(0)},
    {"amount": rp(500_000)},  # lines add up to 420.000
])
def test_a_wrong_receipt_is_refused_and_nothing_is_written(tmp_path: Path, changes):
    target = tmp_path / "kuitansi.pdf"
    with pytest.raises(ValueError):
        render_receipt(receipt_420k(**changes), target)
    assert list(tmp_path.iterdir()) == []
