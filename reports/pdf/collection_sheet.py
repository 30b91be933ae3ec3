"""The collection sheet (*lembar kolektif pertemuan kelompok*) on A4.

One page (or more) per group for one meeting day: each member's mandatory savings, the
installments falling due that week and what is in arrears, what is expected in all, then
blank columns the treasurer fills at the meeting — what was paid into savings and toward
installments — and the member's initials. Under the table: the totals, what each member
owes those who paid for her at earlier meetings (tanggung renteng), and the signatures of
the group leader, the facilitator and the treasurer or cashier.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from kasir.meetings.queries import Sheet
from kasir.numbers import format_amount, format_date_long, format_date_short, format_rupiah
from ledger.money import ZERO
from reports.papers import SheetPaper
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
    amount_cell,
    coop_header,
    esc,
    place_date,
    register_fonts,
    sealed_footer,
    signature_block,
    style,
    write_flowing,
)

MARGIN = 12 * mm
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROW_HEIGHT = 8.5 * mm  # room to write an amount by hand


def _member_cell(row_name: str, notes: list[str]) -> list[Paragraph]:
    name = style("cs-name", 9.5, font=FONT_COND_BOLD, leading=11)
    small = style("cs-small", 7.5, font=FONT_COND, leading=9, color=GREY_TEXT)
    out = [Paragraph(esc(row_name), name)]
    if notes:
        out.append(Paragraph(esc("; ".join(notes)), small))
    return out


def _grid(sh: Sheet, width: float) -> Grid:
    th = style("cs-th", 8, font=FONT_COND_BOLD, leading=9.5, align=TA_CENTER)
    head1 = [Paragraph(h, th) for h in ("No", "No. anggota", "Nama anggota",
                                        "Yang harus dibayar", "", "", "", "Yang dibayar", "",
                                        "Paraf")]
    head2 = [Paragraph(h, th) for h in ("", "", "", "Simpanan wajib", "Angsuran", "Tunggakan",
                                        "Jumlah", "Simpanan", "Angsuran", "")]
    mm_widths = [8, 17, 44, 18, 19, 20, 20, 20, 20, 14]
    scale = width / (sum(mm_widths) * mm)
    widths = [w * mm * scale for w in mm_widths]
    rows: list[list[object]] = [head1, head2]
    heights: list[float | None] = [None, None]
    for i, r in enumerate(sh.rows, start=1):
        notes = [c.contract + (f", tunggak {c.days_past_due} hari" if c.days_past_due else "")
                 for c in r.contracts if c.installment_due or c.arrears]
        # two contracts or more take more lines than the row's room: the row grows
        heights.append(ROW_HEIGHT if len(notes) <= 1 else None)
        rows.append([str(i), r.member, _member_cell(r.name, notes), amount_cell(r.savings_due),
                     amount_cell(r.installment_due), amount_cell(r.arrears),
                     format_amount(r.expected) if r.expected else "–", "", "", ""])
    savings, installments, arrears = sh.totals
    rows.append(["", "", "Jumlah", format_amount(savings), format_amount(installments),
                 format_amount(arrears), format_amount(savings + installments + arrears),
                 "", "", ""])
    heights.append(ROW_HEIGHT)
    table = Grid(rows, colWidths=widths, repeatRows=2, rowHeights=heights)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 1), FONT_COND_BOLD, 8.5),
        ("FONT", (0, 2), (-1, -1), FONT_COND, 9),
        ("FONT", (0, -1), (-1, -1), FONT_COND_BOLD, 9),
        ("FONT", (6, 2), (6, -1), FONT_COND_BOLD, 9),
        ("SPAN", (3, 0), (6, 0)), ("SPAN", (7, 0), (8, 0)),
        *[("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 9)],
        ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("BACKGROUND", (7, 2), (8, -2), SHADE_LIGHT),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (0, 2), (1, -1), "CENTER"),
        ("ALIGN", (3, 2), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEBELOW", (0, 1), (-1, 1), 0.9, INK),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, INK),
        ("LINEBEFORE", (7, 0), (7, -1), 0.9, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, 1), 1), ("RIGHTPADDING", (0, 0), (-1, 1), 1),
    ]))
    return table


def _owed(sh: Sheet, names: dict[str, str], width: float) -> Flowable | list[Flowable]:
    heading = style("cs-h", 9.5, font=FONT_BOLD, leading=12)
    body = style("cs-body", 9, leading=11.5)
    if not sh.owed:
        return Paragraph("<b>Tanggung renteng.</b> Tidak ada angsuran anggota yang dibayarkan "
                         "oleh anggota lain.", body)
    rows: list[list[object]] = [["Anggota", "Dibayarkan oleh", "Jumlah"]]
    for o in sh.owed:
        payer = o.payer if o.payer.startswith("kelompok ") else (
            f"{names.get(o.payer, '')} ({o.payer})" if names.get(o.payer) else o.payer)
        rows.append([Paragraph(esc(f"{o.name} ({o.member})"), body), Paragraph(esc(payer), body),
                     format_rupiah(o.amount)])
    rows.append(["", "Jumlah", format_rupiah(sum((o.amount for o in sh.owed), ZERO))])
    table = Grid(rows, colWidths=[width * 0.4, width * 0.4, width * 0.2])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8.5),
        ("FONT", (0, 1), (-1, -1), FONT_COND, 9),
        ("FONT", (0, -1), (-1, -1), FONT_COND_BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    intro = Paragraph("Angsuran yang dibayarkan oleh anggota lain atau kelompok; anggota "
                      "yang dibayari masih berkewajiban kepada yang membayar.", body)
    return [Paragraph("Tanggung renteng", heading), intro, Spacer(1, 1.5 * mm), table]


def _cash_line(width: float) -> Grid:
    label = style("cs-cash", 9.5, leading=12)
    rows = [[Paragraph("Uang diterima", label), "Rp"],
            [Paragraph("Disetor ke kas", label), "Rp"]]
    table = Grid(rows, colWidths=[width * 0.38, width * 0.62], rowHeights=[8 * mm, 8 * mm])
    table.setStyle(TableStyle([
        ("FONT", (1, 0), (1, -1), FONT_BOLD, 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _group_story(p: SheetPaper, sh: Sheet, width: float) -> list[Flowable]:
    day_text = f"{DAYS[sh.day.weekday()]}, {format_date_long(sh.day)}"
    where = " · ".join(x for x in (f"Kelompok {sh.group} {sh.name}".strip(),
                                   f"Desa {sh.village}" if sh.village else "") if x)
    gap = 6 * mm
    left, right = (width - gap) * 0.56, (width - gap) * 0.44
    below = Grid([[_owed(sh, p.names, left), "", _cash_line(right)]],
                 colWidths=[left, gap, right])
    below.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    signers = [Signer("Ketua Kelompok", p.leaders.get(sh.group, ""), caption="Mengetahui,"),
               Signer("Pendamping", p.facilitators.get(sh.group, ""), caption="Mengetahui,"),
               Signer("Bendahara / Kasir", p.treasurer, caption="Yang menerima,")]
    return [
        coop_header(p.coop, width),
        Spacer(1, 3 * mm),
        Paragraph("LEMBAR KOLEKTIF PERTEMUAN KELOMPOK",
                  style("cs-title", 13, font=FONT_BOLD, leading=16, align=TA_CENTER)),
        Paragraph(f"{esc(where)} · Pertemuan <b>{esc(day_text)}</b>",
                  style("cs-sub", 10, leading=13, align=TA_CENTER)),
        Spacer(1, 3 * mm),
        _grid(sh, width),
        Spacer(1, 4 * mm),
        below,
        Spacer(1, 4 * mm),
        KeepTogether([
            Paragraph(esc(place_date(p.coop, sh.day)),
                      style("cs-place", 9.5, leading=12, align=TA_RIGHT)),
            Spacer(1, 1 * mm),
            signature_block(signers, width, space=15 * mm),
        ]),
    ]


def render_collection_sheets(p: SheetPaper, out: Path | str | BinaryIO) -> None:
    register_fonts()
    page = A4
    width = page[0] - 2 * MARGIN
    story: list[Flowable] = []
    for i, sh in enumerate(p.sheets):
        if i:
            story.append(PageBreak())
        story += _group_story(p, sh, width)
    if not story:
        story = [coop_header(p.coop, width), Spacer(1, 6 * mm),
                 Paragraph("Tidak ada kelompok.", style("cs-none", 10))]
    day = p.sheets[0].day if p.sheets else p.printed_on
    title = f"Lembar kolektif {format_date_short(day)}"

    write_flowing(out, story, pagesize=page, margin=MARGIN, top=10 * mm, bottom=14 * mm,
                  title=title, author=p.coop.name,
                  footer=sealed_footer(f"{p.coop.name} — {title}", p.printed_on, p.seal))


__all__ = ["render_collection_sheets"]
