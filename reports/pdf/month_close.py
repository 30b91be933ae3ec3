"""The month-close sheet on A4: the month in figures, its trial balance, three signatures.

Top: the cooperative, *BERITA ACARA TUTUP BUKU*, the month, its state (closed by whom
and when, or still open: then the sheet says so in its title), the book's seal. Then two
small tables — the month's activity, and the cash the book says beside the last count —
the trial balance at the month's last day with its totals, and the signatures of the
treasurer, the chair and the auditor, with the facilitator *Mengetahui*.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle

from kasir.numbers import format_amount, format_date_long, format_rupiah
from reports.month_close import MonthCloseData
from reports.pdf.base import (
    FONT,
    FONT_BOLD,
    FONT_COND,
    TA_CENTER,
    Grid,
    Signer,
    coop_header,
    esc,
    place_date,
    register_fonts,
    signature_block,
    style,
    write_flowing,
)

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
_MARGIN = 16 * mm


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def _facts(rows: list[tuple[str, str]], width: float) -> Grid:
    label = style("mc-label", 9, font=FONT, leading=11.5)
    value = style("mc-value", 9, font=FONT_BOLD, leading=11.5, align=TA_RIGHT)
    table = Grid([[Paragraph(esc(a), label), Paragraph(esc(b), value)] for a, b in rows],
                 colWidths=[width * 0.62, width * 0.38])
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, "#C8CED8"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _state(d: MonthCloseData) -> str:
    if not d.closed:
        return "Bulan ini BELUM DITUTUP: angka di bawah masih dapat berubah."
    when = (f"{format_date_long(d.closed_at.date())} pukul {d.closed_at:%H.%M}"
            if d.closed_at else "")
    text = f"Ditutup {when} oleh {d.closed_by or '—'}."
    if d.reopened:
        text += f" Pernah dibuka kembali {d.reopened} kali (lihat Jejak Audit)."
    return text


def _activity(d: MonthCloseData, width: float) -> Grid:
    return _facts([
        ("Entri jurnal diposting", f"{d.entries}"),
        ("  di antaranya pembalikan", f"{d.reversals}"),
        ("Kuitansi diterbitkan", f"{d.receipts}"),
        ("  di antaranya dibatalkan", f"{d.cancelled}"),
        ("Uang masuk (kuitansi)", format_rupiah(d.money_in)),
        ("Uang keluar (kuitansi)", format_rupiah(d.money_out)),
    ], width)


def _cash(d: MonthCloseData, width: float) -> Grid:
    rows = [(f"Saldo kas menurut buku per {d.last_day:%d/%m/%Y}", format_rupiah(d.cash_book))]
    if d.last_count is not None:
        c = d.last_count
        rows += [(f"Hitung kas terakhir ({c.date:%d/%m/%Y})", format_rupiah(c.counted)),
                 ("  saldo buku saat itu", format_rupiah(c.book)),
                 ("  selisih", format_rupiah(c.difference))]
    else:
        rows.append(("Hitung kas terakhir: tidak ada bulan ini", "—"))
    return _facts(rows, width)


def _trial_balance(d: MonthCloseData, width: float) -> Grid:
    body = style("mc-tb", 8.5, font=FONT_COND, leading=10.5)
    number = style("mc-tb-n", 8.5, font=FONT_COND, leading=10.5, align=TA_RIGHT)
    head = ["Kode", "Nama Akun", "Debit", "Kredit"]
    rows = [[Paragraph(esc(r.code), body), Paragraph(esc(r.name_id), body),
             Paragraph(format_amount(r.debit) if r.debit.sen else "", number),
             Paragraph(format_amount(r.credit) if r.credit.sen else "", number)]
            for r in d.trial_balance.rows]
    tb = d.trial_balance
    total = ["", "Jumlah", format_amount(tb.total_debit), format_amount(tb.total_credit)]
    table = Grid([head, *rows, total], repeatRows=1,
                 colWidths=[width * w for w in (0.10, 0.54, 0.18, 0.18)])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
        ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#333333"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, "#333333"),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), ["#FFFFFF", "#F2F4F7"]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def render_month_close(d: MonthCloseData, out: Path | str | BinaryIO) -> None:
    register_fonts()
    width = A4[0] - 2 * _MARGIN
    title = ("BERITA ACARA TUTUP BUKU" if d.closed else "KEADAAN BUKU (BELUM DITUTUP)")
    heading = style("mc-h", 9.5, font=FONT_BOLD, leading=12)
    gap = 6 * mm
    half = (width - gap) / 2
    pair = Grid([[Paragraph("Kegiatan bulan ini", heading), "",
                  Paragraph("Kas", heading)],
                 [_activity(d, half), "", _cash(d, half)]],
                colWidths=[half, gap, half])
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    signers = [Signer("Bendahara", d.treasurer, caption="Dibuat oleh,"),
               Signer("Ketua", caption="Disetujui,"),
               Signer("Pengawas", caption="Diperiksa,"),
               Signer("Pendamping", caption="Mengetahui,")]
    center = style("mc-title", 14, font=FONT_BOLD, leading=17, align=TA_CENTER)
    sub = style("mc-sub", 10, font=FONT, leading=13, align=TA_CENTER)
    small = style("mc-small", 8, font=FONT, leading=10, align=TA_CENTER)
    story = [
        coop_header(d.coop, width),
        Spacer(1, 5 * mm),
        Paragraph(title, center),
        Paragraph(f"Bulan {esc(month_name(d.year, d.month))} "
                  f"({d.first_day:%d/%m/%Y} s.d. {d.last_day:%d/%m/%Y})", sub),
        Paragraph(esc(f"Segel buku {d.seal}") if d.seal else "", small),
        Spacer(1, 3 * mm),
        Paragraph(esc(_state(d)), style("mc-state", 9.5, font=FONT, leading=12)),
        Spacer(1, 3 * mm),
        pair,
        Spacer(1, 5 * mm),
        Paragraph(f"Neraca saldo per {d.last_day:%d/%m/%Y}", heading),
        Spacer(1, 1.5 * mm),
        _trial_balance(d, width),
        Spacer(1, 6 * mm),
        KeepTogether([
            Paragraph(esc(place_date(d.coop, d.printed_on)),
                      style("mc-place", 9.5, font=FONT, leading=12, align=TA_RIGHT)),
            Spacer(1, 3 * mm),
            signature_block(signers, width, space=18 * mm),
        ]),
    ]

    write_flowing(out, story, pagesize=A4, margin=_MARGIN, top=12 * mm, bottom=16 * mm,
                  title=f"{title} {month_name(d.year, d.month)}", author=d.coop.name,
                  footer=f"{d.coop.name} — Tutup buku {month_name(d.year, d.month)} · "
                         f"Segel {d.seal}")
