"""The portfolio's quality on A4: collectibility, the allowance, PAR30 and NPF.

The class table of the settings in force (days past due, contracts, outstanding
principal, the allowance rate and what it requires), the ratios beside it — PAR30, NPF
with its health band (Juknis 15/2021), the allowance required against the allowance
formed in the book — and every open contract with its class, so the figures can be
checked one akad at a time. Signed by the treasurer, the chair and the auditor.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from kasir.financing.portfolio import HEALTH, Klass
from kasir.numbers import format_amount, format_date_long, format_rupiah
from ledger.money import ZERO, Money
from reports.papers import PortfolioPaper
from reports.pdf.base import (
    FONT_BOLD,
    FONT_COND,
    FONT_COND_BOLD,
    GREY_TEXT,
    INK,
    RULE,
    SHADE,
    SHADE_LIGHT,
    TA_CENTER,
    TA_RIGHT,
    Grid,
    Signer,
    coop_header,
    esc,
    place_date,
    register_fonts,
    sealed_footer,
    signature_block,
    style,
    write_flowing,
)

MARGIN = 15 * mm


def pct(value: Decimal) -> str:
    """``Decimal('12.5')`` -> ``12,50%``."""
    return f"{value.quantize(Decimal('0.01'))}".replace(".", ",") + "%"


def rate(rate_bp: int) -> str:
    return pct(Decimal(rate_bp) / 100)


def day_ranges(classes: tuple[Klass, ...]) -> dict[str, str]:
    out, start = {}, 0
    for k in classes:
        if k.up_to_days is None:
            out[k.name] = f"> {start - 1}" if start else "semua"
        else:
            out[k.name] = f"{start}–{k.up_to_days}" if k.up_to_days > start else f"{start}"
            start = k.up_to_days + 1
    return out


def _table_style(extra: list[tuple] | None = None) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8.5),
        ("FONT", (0, 1), (-1, -1), FONT_COND, 9),
        ("FONT", (0, -1), (-1, -1), FONT_COND_BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        *(extra or []),
    ])


def _classes(p: PortfolioPaper, width: float) -> Grid:
    q = p.portfolio
    ranges = day_ranges(p.classes)
    rows: list[list[str]] = [["Kelas", "Hari tunggakan", "Jumlah akad", "Sisa pokok",
                              "Tarif PPAP", "PPAP wajib"]]
    for r in q.rows:
        rows.append([r.name, ranges.get(r.name, ""), str(r.contracts),
                     format_amount(r.outstanding), rate(r.rate_bp), format_amount(r.required)])
    rows.append(["Jumlah", "", str(sum(r.contracts for r in q.rows)), format_amount(q.total),
                 "", format_amount(q.required)])
    table = Grid(rows, colWidths=[width * f for f in (0.27, 0.15, 0.12, 0.18, 0.12, 0.16)])
    table.setStyle(_table_style([("ALIGN", (1, 1), (1, -1), "CENTER"),
                                 ("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
    return table


def _ratios(p: PortfolioPaper, width: float) -> Grid:
    q = p.portfolio
    label = style("pf-l", 9.5, leading=12)
    value = style("pf-v", 10, font=FONT_BOLD, leading=12.5, align=TA_RIGHT)
    note = style("pf-n", 8, leading=10, color=GREY_TEXT)
    gap = q.formed - q.required
    cover = (pct(Decimal(q.formed.sen) * 100 / Decimal(q.required.sen))
             if q.required.is_positive() else "–")
    facts = [
        ("PAR30", pct(q.par30), "sisa pokok akad tertunggak lebih dari 30 hari atau "
                                "direstrukturisasi ÷ seluruh sisa pokok"),
        ("NPF (pembiayaan bermasalah)", pct(q.npf),
         "sisa pokok kelas bermasalah ÷ seluruh sisa pokok"),
        ("Predikat NPF", q.health, "Juknis Deputi Perkoperasian 15/2021"),
        ("PPAP wajib dibentuk", format_rupiah(q.required), "menurut tabel kelas di atas"),
        ("PPAP telah dibentuk", format_rupiah(q.formed), "saldo akun PPAP di buku"),
        ("Kelebihan / (kekurangan) PPAP",
         format_rupiah(gap) if not gap.is_negative() else f"({format_rupiah(-gap)})",
         "dibukukan dengan penyesuaian PPAP akhir bulan"),
        ("Rasio PPAP (dibentuk ÷ wajib)", cover, "diharapkan 100% atau lebih"),
    ]
    rows = [[Paragraph(esc(a), label), Paragraph(esc(b), value), Paragraph(esc(c), note)]
            for a, b, c in facts]
    table = Grid(rows, colWidths=[width * 0.34, width * 0.24, width * 0.42])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("BACKGROUND", (0, 0), (-1, 2), SHADE_LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (2, 0), (2, -1), 10),
    ]))
    return table


def _bands() -> str:
    parts, low = [], Decimal(0)
    for limit, band in HEALTH:
        parts.append(f"{band} ≤ {pct(limit)}" if not low else f"{band} {pct(low)}–{pct(limit)}")
        low = limit
    parts.append(f"Tidak Sehat > {pct(low)}")
    return "Predikat NPF (Juknis 15/2021): " + "; ".join(parts) + "."


def _contracts(p: PortfolioPaper, width: float) -> Grid | Paragraph:
    body = style("pf-c", 8.5, font=FONT_COND, leading=10)
    items = p.portfolio.contracts
    if not items:
        return Paragraph("Tidak ada pembiayaan yang berjalan.", style("pf-none", 9))
    rows: list[list[object]] = [["No. akad", "Anggota", "Kel.", "Jenis", "Sisa pokok",
                                 "Tunggakan", "Hari", "Kelas"]]
    for r, klass in items:
        rows.append([r.number, Paragraph(esc(f"{r.name} ({r.member})"), body), r.group,
                     "Murabahah" if r.kind == "murabahah" else "Qard",
                     format_amount(r.principal), format_amount(r.arrears) if r.arrears else "",
                     str(r.days_past_due) if r.days_past_due else "", klass])
    principal = sum((r.principal for r, _k in items), ZERO)
    arrears = sum((r.arrears for r, _k in items), Money(0))
    rows.append(["Jumlah", "", "", "", format_amount(principal), format_amount(arrears), "",
                 ""])
    table = Grid(rows, colWidths=[width * f for f in
                                  (0.12, 0.27, 0.06, 0.10, 0.13, 0.12, 0.06, 0.14)],
                 repeatRows=1)
    table.setStyle(_table_style([("ALIGN", (4, 1), (6, -1), "RIGHT"),
                                 ("ALIGN", (2, 1), (3, -1), "CENTER"),
                                 ("ROWBACKGROUNDS", (0, 1), (-1, -2), ["#FFFFFF", "#F2F2F2"])]))
    return table


def _story(p: PortfolioPaper, width: float) -> list[Flowable]:
    heading = style("pf-h", 10, font=FONT_BOLD, leading=13)
    small = style("pf-s", 8, leading=10, color=GREY_TEXT)
    signers = [Signer("Bendahara", caption="Dibuat oleh,"), Signer("Ketua", caption="Disetujui,"),
               Signer("Pengawas", caption="Diperiksa,")]
    return [
        coop_header(p.coop, width),
        Spacer(1, 4 * mm),
        Paragraph("KUALITAS PEMBIAYAAN (KOLEKTIBILITAS)",
                  style("pf-title", 14, font=FONT_BOLD, leading=17, align=TA_CENTER)),
        Paragraph(f"Per {format_date_long(p.portfolio.day)}",
                  style("pf-sub", 10, leading=13, align=TA_CENTER)),
        Spacer(1, 5 * mm),
        Paragraph("Kolektibilitas dan PPAP", heading),
        Spacer(1, 1.5 * mm),
        _classes(p, width),
        Spacer(1, 1.5 * mm),
        Paragraph("Dasar PPAP: sisa pokok (piutang dikurangi margin yang ditangguhkan); agunan "
                  "tidak dikurangkan. Hari tunggakan dihitung dari angsuran tertua yang belum "
                  "lunas. Qard dari dana kebajikan tidak termasuk: kerugiannya ditanggung "
                  "dana tersebut.", small),
        Spacer(1, 4 * mm),
        Paragraph("Rasio", heading),
        Spacer(1, 1.5 * mm),
        _ratios(p, width),
        Spacer(1, 1.5 * mm),
        Paragraph(esc(_bands()), small),
        Spacer(1, 5 * mm),
        Paragraph("Rincian per akad", heading),
        Spacer(1, 1.5 * mm),
        _contracts(p, width),
        Spacer(1, 6 * mm),
        KeepTogether([
            Paragraph(esc(place_date(p.coop, p.printed_on)),
                      style("pf-place", 9.5, leading=12, align=TA_RIGHT)),
            Spacer(1, 2 * mm),
            signature_block(signers, width, space=18 * mm),
        ]),
    ]


def render_portfolio(p: PortfolioPaper, out: Path | str | BinaryIO) -> None:
    register_fonts()
    width = A4[0] - 2 * MARGIN
    story = _story(p, width)
    title = f"Kualitas pembiayaan per {p.portfolio.day:%d/%m/%Y}"

    write_flowing(out, story, pagesize=A4, margin=MARGIN, top=12 * mm, bottom=16 * mm,
                  title=title, author=p.coop.name,
                  footer=sealed_footer(f"{p.coop.name} — {title}", p.printed_on, p.seal))


__all__ = ["day_ranges", "pct", "render_portfolio"]
