"""Sample papers built by hand, and small PDF readers, for the PDF tests."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from pypdf import PdfReader

from ledger.money import Money
from reports.papers import (
    CashBookData,
    CashBookRow,
    CashCountSummary,
    Cooperative,
    PassbookData,
    PassbookLine,
    ReceiptData,
    ReceiptLine,
)

COOP = Cooperative(
    name="Koperasi Syariah Al-Ikhlas Sejahtera",
    address="Jl. Raya Rangkasbitung No. 17, Desa Mekarsari, Kec. Cibadak, Kab. Lebak, Banten",
    legal_number="AHU-0012345.AH.01.29.TAHUN 2021",
    place="Lebak",
)
DAY = dt.date(2026, 11, 28)


def rp(value: int | str) -> Money:
    return Money.rupiah(value)


def receipt_420k(**changes: object) -> ReceiptData:
    base = dict(
        coop=COOP, number="0001/KW/XI/2026", date=DAY, direction="in",
        party_name="Siti Aminah", party_number="A-001", amount=rp(420_000),
        purpose="Angsuran ke-3 Murabahah No. 012/MRB/2026",
        lines=(ReceiptLine("Pokok", rp(375_000)), ReceiptLine("Margin", rp(45_000))),
        cashier="Nur Aini",
    )
    base.update(changes)
    return ReceiptData(**base)  # type: ignore[arg-type]


def receipt_6m(**changes: object) -> ReceiptData:
    base = dict(
        coop=COOP, number="0002/KW/XI/2026", date=DAY, direction="out",
        party_name="Ahmad Fauzi", party_number="A-017", amount=rp(6_000_000),
        purpose="Pencairan pembiayaan Murabahah No. 019/MRB/2026 (pembelian sapi)",
        channel="bank", cashier="Nur Aini", meterai=True,
    )
    base.update(changes)
    return ReceiptData(**base)  # type: ignore[arg-type]


def receipt_sen(**changes: object) -> ReceiptData:
    base = dict(
        coop=COOP, number="0003/KW/XI/2026", date=DAY, direction="out",
        party_name="Siti Aminah", party_number="A-001", amount=rp("45967.74"),
        purpose="Bagi hasil Simpanan Sukarela (Mudharabah) November 2026",
        lines=(ReceiptLine("Bagi hasil (nisbah 40%)", rp("45967.74")),),
        cashier="Nur Aini",
    )
    base.update(changes)
    return ReceiptData(**base)  # type: ignore[arg-type]


def passbook(n_lines: int = 70, **changes: object) -> PassbookData:
    codes = ["SW", "SS", "SS", "TR", "SW", "BH", "PJK"]
    balance = rp(250_000)
    lines = []
    day = dt.date(2025, 1, 6)
    for i in range(n_lines):
        code = codes[i % len(codes)]
        if code == "TR":
            debit, credit = rp(150_000), Money(0)
        elif code == "PJK":
            debit, credit = rp("1234.50"), Money(0)
        elif code == "BH":
            debit, credit = Money(0), rp("12345.50")
        elif code == "SW":
            debit, credit = Money(0), rp(20_000)
        else:
            debit, credit = Money(0), rp(50_000 + 5_000 * (i % 4))
        balance = balance - debit + credit
        lines.append(PassbookLine(day, code, debit, credit, balance,
                                  reference=f"{i + 1:04d}/KM/2025"))
        day += dt.timedelta(days=7)
    base = dict(
        coop=COOP, member_number="A-001", member_name="Siti Aminah",
        address="Kp. Cisalak RT 02/RW 05, Desa Mekarsari", group="Kelompok Melati 3",
        product="Simpanan Sukarela (Wadiah)", opening=rp(250_000), lines=tuple(lines),
        printed_on=DAY, date_from=dt.date(2025, 1, 1), date_to=DAY,
    )
    base.update(changes)
    return PassbookData(**base)  # type: ignore[arg-type]


def cash_book() -> CashBookData:
    d1, d2, d3 = dt.date(2026, 11, 2), dt.date(2026, 11, 3), dt.date(2026, 11, 4)
    opening = rp(1_500_000)
    spec = [
        (d1, "JU-0101", "Setoran simpanan wajib Kelompok Melati 3 (12 anggota)", 240_000, 0),
        (d1, "JU-0102", "Angsuran Murabahah 012/MRB/2026 Siti Aminah (pokok 375.000, "
                        "margin 45.000)", 420_000, 0),
        (d1, "JU-0103", "Beli alat tulis dan kertas kuitansi", 0, 35_500),
        (d2, "JU-0104", "Pencairan Murabahah 019/MRB/2026 Ahmad Fauzi", 0, 1_200_000),
        (d2, "JU-0105", "Setoran simpanan sukarela Siti Aminah", 150_000, 0),
        (d3, "JU-0106", "Infak denda keterlambatan ke dana kebajikan", 10_000, 0),
        (d3, "JU-0107", "Penarikan simpanan sukarela Ahmad Fauzi", 0, 100_000),
        (d3, "JU-0108", "Setoran simpanan wajib Kelompok Mawar 1 (9 anggota)", 180_000, 0),
    ]
    rows = []
    balance = opening
    for day, ref, text, masuk, keluar in spec:
        balance = balance + rp(masuk) - rp(keluar)
        rows.append(CashBookRow(day, ref, text, rp(masuk), rp(keluar), balance))
    book_d1 = rows[2].balance
    book_d3 = rows[-1].balance
    counts = (
        CashCountSummary(d1, book_d1, book_d1, Money(0)),
        CashCountSummary(d3, book_d3 - rp(5_000), book_d3, -rp(5_000),
                         note="Uang kembalian salah hitung; diganti Bendahara 5 Nov"),
    )
    return CashBookData(coop=COOP, account="1101 Kas", date_from=d1, date_to=d3,
                        opening=opening, rows=tuple(rows), counts=counts, printed_on=DAY)


# --- reading PDFs ------------------------------------------------------------------

def reader(pdf: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: bytes | Path) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat(text: str) -> str:
    """Whitespace and line breaks collapsed, to look for phrases that wrap."""
    return re.sub(r"\s+", " ", text)


def fonts_used(pdf: bytes | Path, page: int | None = None) -> dict[str, bool]:
    """Every font of every page (or of one page), by base name, and whether
    it is embedded."""
    found: dict[str, bool] = {}
    pages = reader(pdf).pages
    for one in pages if page is None else [pages[page]]:
        for ref in one["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            embedded = False
            fonts = [font] + [f.get_object() for f in font.get("/DescendantFonts", [])]
            for f in fonts:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    embedded |= any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = found.get(name, False) or embedded
    return found
