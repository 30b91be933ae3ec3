"""The buku simpanan: a member's savings book for one product.

``size="A5"`` is the passbook (A5 portrait, the size members carry);
``size="A4"`` is the statement (rekening simpanan) with a column for the
receipt or entry number. The table header repeats on every page, later pages
carry the member's name and number at the top so loose sheets cannot be mixed
up, and every page says "Halaman x dari y".
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from kasir.numbers import format_amount, format_date_long, format_date_short, format_rupiah
from ledger.money import Money
from reports.papers import PassbookData
from reports.pdf.base import (
    FONT,
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
    amount_cell,
    coop_header,
    doc_metadata,
    draw_running_header,
    esc,
    fit_columns,
    fit_font_size,
    numbered_canvas,
    register_fonts,
    style,
    write_pdf,
)

CODES = (
    ("SP", "Setoran pokok"),
    ("SW", "Setoran wajib"),
    ("SS", "Setoran sukarela"),
    ("SM", "Setoran mudharabah"),
    ("TR", "Tarik (penarikan)"),
    ("PB", "Pindah buku"),
    ("KR", "Koreksi (pembalikan)"),
    ("BH", "Bagi hasil"),
    ("PJK", "Pajak"),
)

_SIZES = {
    # page, side margin, column widths (mm), with the No. Bukti column or not
    "A5": (A5, 10 * mm, (8, 20, 12, 23, 23, 27, 15), False),
    "A4": (A4, 15 * mm, (10, 23, 14, 31, 27, 27, 30, 18), True),
}


def render_passbook(data: PassbookData, out: Path | str | BinaryIO, size: str = "A5") -> None:
    """Write the buku simpanan of ``data`` as PDF to ``out`` (a path or binary file)."""
    if size not in _SIZES:
        raise ValueError(f"size must be 'A5' or 'A4', not {size!r}")
    write_pdf(out, lambda target: _produce(data, target, size))


def _produce(data: PassbookData, target: BinaryIO, size: str) -> None:
    register_fonts()
    pagesize, side, _, _ = _SIZES[size]
    page_w, page_h = pagesize
    top, bottom, running = 11 * mm, 15 * mm, 11 * mm
    width = page_w - 2 * side
    title = "BUKU SIMPANAN" if size == "A5" else "REKENING SIMPANAN"
    who = f"{data.member_name} ({data.member_number})"
    doc = BaseDocTemplate(
        target, pagesize=pagesize, leftMargin=side, rightMargin=side, topMargin=top,
        bottomMargin=bottom,
        **doc_metadata(title=f"{title.title()} {who}", author=data.coop.name,
                       subject=data.product))
    first = Frame(side, bottom, width, page_h - top - bottom, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(side, bottom, width, page_h - top - bottom - running, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def running_header(c: Canvas, _doc: BaseDocTemplate) -> None:
        draw_running_header(c, who, f"{data.product} · {data.coop.name}", side, page_w - side,
                            page_h - top - 4 * mm)

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=running_header),
    ])
    story = _story(data, size, width, title)
    footer = f"Dicetak {format_date_short(data.printed_on)} · {who}"
    if data.seal:
        footer += f"\nSegel buku {data.seal}"
    doc.build(story, canvasmaker=numbered_canvas(footer, margin=side))


def _story(data: PassbookData, size: str, width: float, title: str) -> list[Flowable]:
    story: list[Flowable] = [
        coop_header(data.coop, width),
        Spacer(1, 4 * mm),
        Paragraph(title, style("pb-title", 15, font=FONT_BOLD, align=TA_CENTER, leading=18)),
        Paragraph(esc(data.product), style("pb-product", 11, align=TA_CENTER, leading=14)),
        Spacer(1, 3 * mm),
        _member_box(data, width),
        Spacer(1, 4 * mm),
        _lines_table(data, size, width),
        Spacer(1, 4 * mm),
        KeepTogether([_closing_box(data, width), Spacer(1, 3 * mm), _legend(width),
                      Spacer(1, 2 * mm),
                      Paragraph("Dicetak tanggal " + format_date_long(data.printed_on),
                                style("pb-printed", 8.5, color=GREY_TEXT))]),
    ]
    return story


def _as_of(data: PassbookData) -> str:
    if data.date_to:
        return format_date_long(data.date_to)
    if data.lines:
        return format_date_long(max(line.date for line in data.lines))
    return format_date_long(data.printed_on)


def _member_box(data: PassbookData, width: float) -> Grid:
    label = style("pb-label", 9.5, color=GREY_TEXT)
    value = style("pb-value", 10)
    bold = style("pb-value-b", 10.5, font=FONT_BOLD)
    rows = [
        ("No. anggota", Paragraph(esc(data.member_number), bold)),
        ("Nama", Paragraph(esc(data.member_name), bold)),
        ("Alamat", Paragraph(esc(data.address) or "–", value)),
        ("Kelompok", Paragraph(esc(data.group) or "–", value)),
    ]
    if data.date_from or data.date_to:
        start = format_date_long(data.date_from) if data.date_from else "awal"
        end = format_date_long(data.date_to) if data.date_to else format_date_long(
            data.printed_on)
        rows.append(("Periode", Paragraph(f"{start} s.d. {end}", value)))
    table = Grid([[Paragraph(k, label), ":", v] for k, v in rows],
                  colWidths=[25 * mm, 4 * mm, width - 29 * mm])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
        ("FONT", (1, 0), (1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 6),
        ("LEFTPADDING", (1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
    ]))
    return table


def _lines_table(data: PassbookData, size: str, width: float) -> Grid:
    _, _, widths_mm, with_reference = _SIZES[size]
    widths = [w * mm for w in widths_mm]
    widths[-2] += width - sum(widths)  # any rounding goes to the Saldo column
    header = ["No", "Tanggal", "Sandi"] + (["No. Bukti"] if with_reference else []) + [
        "Debet", "Kredit", "Saldo", "Paraf"]
    n_cols = len(header)
    debit_col = n_cols - 4
    total_debit = sum((line.debit for line in data.lines), Money(0))
    total_credit = sum((line.credit for line in data.lines), Money(0))
    pad = 3
    base = 10 if size == "A4" else 9.5
    font_size = fit_columns(
        [([format_amount(line.debit) for line in data.lines] + [format_amount(total_debit)],
          widths[debit_col] - 2 * pad),
         ([format_amount(line.credit) for line in data.lines] + [format_amount(total_credit)],
          widths[debit_col + 1] - 2 * pad),
         ([format_amount(line.balance) for line in data.lines] + [format_amount(data.opening)],
          widths[debit_col + 2] - 2 * pad)],
        FONT_COND_BOLD, [base, 9, 8.5, 8, 7.5, 7, 6.5, 6])
    ref_style = style("pb-ref", font_size - 0.5, font=FONT_COND, leading=font_size + 1)

    rows: list[list[object]] = [header]
    commands: list[tuple] = []
    if data.opening or data.date_from is not None:
        opening_date = format_date_short(data.date_from) if data.date_from else ""
        row: list[object] = ["", opening_date, "Saldo awal"] + [""] * (n_cols - 3)
        row[n_cols - 2] = format_amount(data.opening)
        rows.append(row)
        r = len(rows) - 1
        commands += [("SPAN", (2, r), (debit_col + 1, r)),
                     ("FONT", (2, r), (-1, r), FONT_COND_BOLD, font_size),
                     ("ALIGN", (2, r), (2, r), "LEFT")]
    for number, line in enumerate(data.lines, start=1):
        row = [str(number), format_date_short(line.date), line.code]
        if with_reference:
            row.append(Paragraph(esc(line.reference), ref_style))
        row += [amount_cell(line.debit), amount_cell(line.credit), format_amount(line.balance),
                ""]
        rows.append(row)
        if number % 2 == 0:
            commands.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1),
                             SHADE_LIGHT))
    total = ["Jumlah"] + [""] * (n_cols - 1)
    total[debit_col] = format_amount(total_debit)
    total[debit_col + 1] = format_amount(total_credit)
    closing = ["Saldo akhir"] + [""] * (n_cols - 1)
    closing[n_cols - 2] = format_amount(data.closing)
    rows += [total, closing]
    r = len(rows) - 2
    commands += [
        ("SPAN", (0, r), (debit_col - 1, r)),
        ("SPAN", (0, r + 1), (debit_col + 1, r + 1)),
        ("FONT", (0, r), (-1, r + 1), FONT_COND_BOLD, font_size),
        ("ALIGN", (0, r), (0, r + 1), "LEFT"),
        ("LINEABOVE", (0, r), (-1, r), 1.2, INK),
        ("BACKGROUND", (0, r), (-1, r + 1), SHADE),
    ]

    table = Grid(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, font_size),
        ("FONT", (0, 1), (-1, -3), FONT_COND, font_size),
        ("FONT", (debit_col + 2, 1), (debit_col + 2, -1), FONT_COND_BOLD, font_size),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("ALIGN", (1, 1), (2, -1), "CENTER"),
        ("ALIGN", (debit_col, 1), (debit_col + 2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        *commands,
    ]))
    return table


def _closing_box(data: PassbookData, width: float) -> Grid:
    text = format_rupiah(data.closing)
    size = fit_font_size([text], FONT_BOLD, width * 0.45, [15, 13, 11])
    table = Grid([[Paragraph("<b>Saldo akhir</b><br/>per " + _as_of(data),
                              style("pb-cl", 10.5, leading=14)),
                    Paragraph(text, style("pb-cl-amt", size, font=FONT_BOLD, leading=size * 1.2,
                                          align=TA_RIGHT))]],
                  colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.5, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _legend(width: float) -> Grid:
    small = style("pb-legend", 8.5, leading=11)
    codes = [Paragraph(f"<b>{code}</b> = {esc(meaning)}", small) for code, meaning in CODES]
    half = (len(codes) + 1) // 2
    rows = [[codes[i], codes[i + half] if i + half < len(codes) else ""] for i in range(half)]
    legend = Grid([[Paragraph("<b>Keterangan sandi</b>", small), ""]] + rows,
                   colWidths=[width / 2, width / 2])
    legend.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    note = Paragraph("<b>Debet</b> = uang keluar dari simpanan (ditarik); "
                     "<b>Kredit</b> = uang masuk ke simpanan (disetor).", small)
    outer = Grid([[legend], [note]], colWidths=[width])
    outer.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return outer


__all__ = ["CODES", "render_passbook"]
