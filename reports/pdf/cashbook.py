"""The buku kas harian: one cash account over a range of days, on A4.

One table, day by day: the day's rows, a "Jumlah" line with the day's totals
and closing balance, and, on days the cash was counted, the counted figure
next to the book figure and the difference. Then the period's totals, the
opening + in − out = closing check, and the signatures of the treasurer and,
as *Mengetahui*, the chair.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
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
from reports.papers import CashBookData, CashBookRow, CashCountSummary
from reports.pdf.base import (
    FONT,
    FONT_BOLD,
    FONT_COND,
    FONT_COND_BOLD,
    INK,
    RULE,
    SHADE,
    SHADE_LIGHT,
    TA_CENTER,
    Grid,
    Signer,
    amount_cell,
    coop_header,
    doc_metadata,
    draw_running_header,
    esc,
    fit_columns,
    numbered_canvas,
    place_date,
    register_fonts,
    signature_block,
    style,
    write_pdf,
)

_SIDE = 15 * mm
_COLS_MM = (20, 22, 69, 23, 23, 23)  # Tanggal | No. Bukti | Uraian | Masuk | Keluar | Saldo


def render_cash_book(data: CashBookData, out: Path | str | BinaryIO) -> None:
    """Write the buku kas harian of ``data`` as PDF to ``out`` (a path or binary file)."""
    write_pdf(out, lambda target: _produce(data, target))


def _period(data: CashBookData) -> str:
    if data.date_from == data.date_to:
        return format_date_long(data.date_from)
    return f"{format_date_long(data.date_from)} s.d. {format_date_long(data.date_to)}"


def _produce(data: CashBookData, target: BinaryIO) -> None:
    register_fonts()
    page_w, page_h = A4
    top, bottom, running = 12 * mm, 16 * mm, 11 * mm
    width = page_w - 2 * _SIDE
    doc = BaseDocTemplate(
        target, pagesize=A4, leftMargin=_SIDE, rightMargin=_SIDE, topMargin=top,
        bottomMargin=bottom,
        **doc_metadata(title=f"Buku Kas Harian {data.account}", author=data.coop.name,
                       subject=_period(data)))
    first = Frame(_SIDE, bottom, width, page_h - top - bottom, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(_SIDE, bottom, width, page_h - top - bottom - running, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    heading = (f"Buku Kas Harian · {data.account} · {format_date_short(data.date_from)}"
               f" – {format_date_short(data.date_to)}")

    def running_header(c: Canvas, _doc: BaseDocTemplate) -> None:
        draw_running_header(c, heading, data.coop.name, _SIDE, page_w - _SIDE,
                            page_h - top - 4 * mm)

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=running_header),
    ])
    footer = (f"Dicetak {format_date_short(data.printed_on)}" if data.printed_on else "")
    footer = " · ".join(p for p in (footer, f"Buku Kas Harian {data.account}") if p)
    if data.seal:
        footer += f"\nSegel buku {data.seal}"
    doc.build(_story(data, width), canvasmaker=numbered_canvas(footer, margin=_SIDE))


def _story(data: CashBookData, width: float) -> list[Flowable]:
    sign_day = data.printed_on or data.date_to
    signers = [Signer("Ketua", caption="Mengetahui,"),
               Signer("Bendahara", caption=place_date(data.coop, sign_day))]
    signatures = signature_block(signers, width, space=20 * mm,
                                 col_widths=[width / 2, width / 2])
    main, totals = _table(data, width)
    return [
        coop_header(data.coop, width),
        Spacer(1, 4 * mm),
        Paragraph("BUKU KAS HARIAN", style("cb-title", 15, font=FONT_BOLD, align=TA_CENTER,
                                           leading=18)),
        Paragraph(f"Akun {esc(data.account)} &nbsp;·&nbsp; {esc(_period(data))}",
                  style("cb-sub", 10.5, align=TA_CENTER, leading=14)),
        Spacer(1, 5 * mm),
        main,
        KeepTogether([totals, Spacer(1, 5 * mm), _summary(data, width), Spacer(1, 6 * mm),
                      signatures]),
    ]


def _days(data: CashBookData) -> list[tuple[dt.date, list[CashBookRow],
                                            list[CashCountSummary]]]:
    dates = sorted({r.date for r in data.rows} | {c.date for c in data.counts})
    return [(day, [r for r in data.rows if r.date == day],
             [c for c in data.counts if c.date == day]) for day in dates]


def _difference_text(count: CashCountSummary) -> str:
    if count.difference.is_positive():
        return f"kas lebih {format_rupiah(count.difference)}"
    if count.difference.is_negative():
        return f"kas kurang {format_rupiah(-count.difference)}"
    return "cocok, tidak ada selisih"


def _table(data: CashBookData, width: float) -> tuple[Grid, Grid]:
    """The day-by-day table, and its two closing rows (period totals and the
    closing balance) as a table of their own that stays with the signatures."""
    widths = [w * mm for w in _COLS_MM]
    widths[2] += width - sum(widths)
    total_in = sum((r.receipt for r in data.rows), Money(0))
    total_out = sum((r.payment for r in data.rows), Money(0))
    pad = 3
    masuk = [format_amount(r.receipt) for r in data.rows] + [format_amount(total_in)]
    keluar = [format_amount(r.payment) for r in data.rows] + [format_amount(total_out)]
    saldo = [format_amount(m) for r in data.rows for m in (r.balance,)]
    saldo += [format_amount(m) for c in data.counts for m in (c.counted, c.book, c.difference)]
    saldo.append(format_amount(data.opening))
    size = fit_columns([(masuk, widths[3] - 2 * pad), (keluar, widths[4] - 2 * pad),
                        (saldo, widths[5] - 2 * pad)],
                       FONT_COND_BOLD, [9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6])
    text = style("cb-text", size, font=FONT_COND, leading=size * 1.22)
    bold_text = style("cb-text-b", size, font=FONT_COND_BOLD, leading=size * 1.22)

    rows: list[list[object]] = [["Tanggal", "No. Bukti", "Uraian", "Masuk", "Keluar", "Saldo"]]
    cmds: list[tuple] = []

    def add(row: list[object], *extra: tuple) -> int:
        rows.append(row)
        i = len(rows) - 1
        for cmd in extra:
            name, (c0, c1), *rest = cmd
            cmds.append((name, (c0, i), (c1, i), *rest))
        return i

    add([format_date_short(data.date_from), "", Paragraph("<b>Saldo awal</b>", bold_text), "",
         "", format_amount(data.opening)],
        ("SPAN", (2, 4)), ("FONT", (2, 5), FONT_COND_BOLD, size),
        ("BACKGROUND", (0, 5), SHADE_LIGHT))
    balance = data.opening
    for day, day_rows, counts in _days(data):
        for r in day_rows:  # the date on every row: a day may run onto the next page
            add([format_date_short(day), r.reference,
                 Paragraph(esc(r.description), text), amount_cell(r.receipt),
                 amount_cell(r.payment), format_amount(r.balance)])
            balance = r.balance
        day_in = sum((r.receipt for r in day_rows), Money(0))
        day_out = sum((r.payment for r in day_rows), Money(0))
        add([Paragraph(f"Jumlah {format_date_short(day)}"
                       + ("" if day_rows else " (tidak ada transaksi)"), bold_text), "", "",
             format_amount(day_in), format_amount(day_out), format_amount(balance)],
            ("SPAN", (0, 2)), ("FONT", (0, 5), FONT_COND_BOLD, size),
            ("BACKGROUND", (0, 5), SHADE), ("LINEABOVE", (0, 5), 0.9, INK))
        for count in counts:
            add([Paragraph(f"<b>Pemeriksaan kas {format_date_short(count.date)}</b>"
                           " · Uang kas dihitung (fisik)", text), "", "", "", "",
                 format_amount(count.counted)], ("SPAN", (0, 4)))
            add([Paragraph("Saldo kas menurut buku", text), "", "", "", "",
                 format_amount(count.book)], ("SPAN", (0, 4)))
            label = f"Selisih (fisik − buku): {_difference_text(count)}"
            if count.note.strip():
                label += (f"<br/><font name={FONT_COND} size={size - 0.5}>"
                          f"Catatan: {esc(count.note)}</font>")
            add([Paragraph(label, bold_text if count.difference else text), "", "", "", "",
                 format_amount(count.difference)],
                ("SPAN", (0, 4)),
                ("FONT", (5, 5), FONT_COND_BOLD if count.difference else FONT_COND, size),
                *((("BACKGROUND", (0, 5), SHADE_LIGHT),) if count.difference else ()),
                ("LINEBELOW", (0, 5), 0.9, INK))
    first_total = len(rows)
    add([Paragraph("Jumlah periode", bold_text), "", "", format_amount(total_in),
         format_amount(total_out), ""],
        ("SPAN", (0, 2)), ("FONT", (0, 5), FONT_COND_BOLD, size),
        ("LINEABOVE", (0, 5), 1.2, INK), ("BACKGROUND", (0, 5), SHADE))
    add([Paragraph(f"Saldo akhir {format_date_short(data.date_to)}", bold_text), "", "", "",
         "", format_amount(data.closing)],
        ("SPAN", (0, 4)), ("FONT", (0, 5), FONT_COND_BOLD, size),
        ("BACKGROUND", (0, 5), SHADE))

    common = [
        ("FONT", (0, 0), (-1, -1), FONT_COND, size),
        ("ALIGN", (3, 0), (5, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
    ]
    main = Grid(rows[:first_total], colWidths=widths, repeatRows=1)
    main.setStyle(TableStyle([
        *common,
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, size),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        *(c for c in cmds if c[1][1] < first_total),
    ]))
    totals = Grid(rows[first_total:], colWidths=widths)
    totals.setStyle(TableStyle([
        *common,
        *((name, (a[0], a[1] - first_total), (b[0], b[1] - first_total), *rest)
          for name, a, b, *rest in cmds if a[1] >= first_total),
    ]))
    return main, totals


def _summary(data: CashBookData, width: float) -> Grid:
    total_in = sum((r.receipt for r in data.rows), Money(0))
    total_out = sum((r.payment for r in data.rows), Money(0))
    label = style("cb-sum", 10)
    bold = style("cb-sum-b", 10.5, font=FONT_BOLD)
    rows = [
        [Paragraph("Saldo awal " + format_date_long(data.date_from), label), "",
         format_rupiah(data.opening)],
        [Paragraph("Jumlah uang masuk", label), "+", format_rupiah(total_in)],
        [Paragraph("Jumlah uang keluar", label), "−", format_rupiah(total_out)],
        [Paragraph("Saldo akhir " + format_date_long(data.date_to), bold), "=",
         format_rupiah(data.closing)],
    ]
    table = Grid(rows, colWidths=[78 * mm, 7 * mm, 40 * mm])
    table.hAlign = "LEFT"
    table.setStyle(TableStyle([
        ("FONT", (1, 0), (-1, -1), FONT, 10),
        ("FONT", (1, -1), (-1, -1), FONT_BOLD, 10.5),
        ("ALIGN", (1, 0), (1, -1), "CENTER"),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (2, -1), (2, -1), 0.9, INK),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


__all__ = ["render_cash_book"]
