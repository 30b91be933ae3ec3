"""The kuitansi: the receipt a member takes home, and its archive copy.

Paper: half an A4 sheet, landscape (A5 landscape, 210 × 148 mm), the size of
the kuitansi treasurers print and cut. With no ``copy_label`` both copies,
"Lembar anggota" above and "Arsip" below, go on one A4 sheet with a cutting
line between them; with a label, one A5-landscape page.

Wording: money received (``in``) reads "Telah terima dari: <member>", signed
by the member as *Penyetor* and the treasurer as *Penerima*. Money paid out
(``out``) is the member's own receipt to the cooperative, as on a withdrawal
slip: "Telah terima dari: <koperasi>", "Yang menerima: <member>", signed by the
treasurer (*Yang menyerahkan*) and the member (*Penerima*). The meterai box
sits under the receiver's signature, which is the one that acknowledges money.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from kasir.numbers import format_date_short, format_rupiah
from kasir.terbilang import terbilang_boxed
from reports.papers import ReceiptData
from reports.pdf.base import (
    FONT,
    FONT_BOLD,
    GREY_TEXT,
    INK,
    RULE,
    SHADE,
    SHADE_LIGHT,
    TA_CENTER,
    WATERMARK,
    Grid,
    Signer,
    coop_header,
    esc,
    fit_font_size,
    place_date,
    plain_canvas,
    register_fonts,
    signature_block,
    style,
    write_pdf,
)

COPY_MEMBER = "Lembar anggota"
COPY_ARCHIVE = "Arsip"
CHANNELS = {"cash": "Tunai", "bank": "Transfer bank"}

_SIDE = 12 * mm  # left and right margin of a copy
_TOP = 9 * mm
_BOTTOM = 8 * mm
_SCALES = (1.1, 1.0, 0.93, 0.86, 0.8)


def render_receipt(data: ReceiptData, out: Path | str | BinaryIO) -> None:
    """Write the kuitansi of ``data`` as PDF to ``out`` (a path or binary file)."""
    _check(data)
    write_pdf(out, lambda target: _produce(data, target))


def _check(data: ReceiptData) -> None:
    if data.direction not in ("in", "out"):
        raise ValueError(f"direction must be 'in' or 'out', not {data.direction!r}")
    if not data.amount.is_positive():
        raise ValueError("a kuitansi is for an amount above zero")
    if data.lines and sum(line.amount for line in data.lines) != data.amount:
        raise ValueError("the lines of a kuitansi must add up to its amount")


def _produce(data: ReceiptData, target: BinaryIO) -> None:
    register_fonts()  # before any Paragraph is measured
    title = f"Kuitansi {data.number}"
    subject = f"{data.party_name} ({data.party_number}), {format_date_short(data.date)}"
    copies = (data.copy_label,) if data.copy_label else (COPY_MEMBER, COPY_ARCHIVE)
    page_w, page_h = A4
    half = landscape(A5) if len(copies) == 1 else (page_w, page_h / 2)
    scale = _common_scale(data, copies, *half)
    if len(copies) == 1:
        size = half if scale is not None else A4  # a whole page when half is too small
        c = plain_canvas(target, size, title=title, author=data.coop.name, subject=subject)
        _draw_copy(c, data, copies[0], 0, 0, *size, scale=scale)
        c.showPage()
    else:
        c = plain_canvas(target, A4, title=title, author=data.coop.name, subject=subject)
        if scale is not None:  # both copies on one sheet, member's copy on top
            for i, label in enumerate(copies):
                _draw_copy(c, data, label, 0, page_h / 2 * (1 - i), page_w, page_h / 2,
                           scale=scale)
            _draw_cut_line(c, page_w, page_h / 2)
            c.showPage()
        else:  # too many lines for half a sheet: a whole A4 page per copy
            for label in copies:
                _draw_copy(c, data, label, 0, 0, page_w, page_h, scale=None)
                c.showPage()
    c.save()


def _common_scale(data: ReceiptData, copies: tuple[str, ...], width: float,
                  height: float) -> float | None:
    """The largest text scale at which every copy fits its box (None: none does)."""
    scales = [_choose_scale(data, label, width, height) for label in copies]
    return None if None in scales else min(scales)  # type: ignore[type-var]


def _choose_scale(data: ReceiptData, label: str, width: float, height: float) -> float | None:
    inner_w = width - 2 * _SIDE
    inner_h = height - _TOP - _BOTTOM
    for scale in _SCALES:
        top, bottom = _copy_parts(data, label, inner_w, scale)
        if _height(top, inner_w) + 4 * mm * scale + _height([bottom], inner_w) <= inner_h:
            return scale
    return None


def _height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] for f in flowables)


def _draw_copy(c: Canvas, data: ReceiptData, label: str, x: float, y: float, width: float,
               height: float, *, scale: float | None) -> None:
    """One copy in the box at (x, y) of ``width`` × ``height``: the flowing part
    from the top, the amount and signatures anchored at the bottom."""
    if scale is None:
        scale = _choose_scale(data, label, width, height)
        if scale is None:
            raise ValueError("too many lines for one kuitansi")
    inner_w = width - 2 * _SIDE
    if data.reversed_note:
        _draw_watermark(c, x + width / 2, y + height / 2)
    top, bottom = _copy_parts(data, label, inner_w, scale)
    cursor = y + height - _TOP
    for flowable in top:
        _, h = flowable.wrap(inner_w, 10_000)
        cursor -= h
        flowable.drawOn(c, x + _SIDE, cursor)
    bottom.wrap(inner_w, 10_000)
    bottom.drawOn(c, x + _SIDE, y + _BOTTOM)


def _copy_parts(data: ReceiptData, label: str, width: float,
                scale: float) -> tuple[list[Flowable], Flowable]:
    """The flowing part (header to payment lines) and the bottom block
    (amount box, place-date line, signatures) of one copy."""
    s = scale
    label_box = Grid([[Paragraph(esc(label), style("copy", 9 * s, font=FONT_BOLD,
                                                    align=TA_CENTER))]],
                      colWidths=[40 * mm * s])
    label_box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, INK),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    label_box.hAlign = "RIGHT"
    top: list[Flowable] = [
        coop_header(data.coop, width, scale=s, right=label_box, right_width=44 * mm * s),
        Spacer(1, 3 * mm * s),
        Paragraph("KUITANSI", style("title", 17 * s, font=FONT_BOLD, align=TA_CENTER,
                                    leading=20 * s)),
        Paragraph("No: " + esc(data.number), style("number", 10.5 * s, align=TA_CENTER)),
    ]
    if data.seal:
        top.append(Paragraph("Segel buku " + esc(data.seal),
                             style("seal", 7 * s, align=TA_CENTER, leading=9 * s)))
    if data.reversed_note:
        banner = Grid([[Paragraph("DIBATALKAN – " + esc(data.reversed_note),
                                   style("void", 12 * s, font=FONT_BOLD, align=TA_CENTER))]],
                       colWidths=[width])
        banner.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 2, INK),
                                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        top += [Spacer(1, 2 * mm * s), banner]
    top += [Spacer(1, 4 * mm * s), _form(data, width, s)]
    return top, _bottom(data, width, s)


def _form(data: ReceiptData, width: float, s: float) -> Grid:
    label_style = style("label", 10 * s)
    value_style = style("value", 10 * s)
    bold_value = style("value-b", 10.5 * s, font=FONT_BOLD)
    member = (f"<b>{esc(data.party_name)}</b>"
              + (f" &nbsp;(No. anggota {esc(data.party_number)})" if data.party_number else ""))
    words = Grid([[Paragraph(esc(terbilang_boxed(data.amount)),
                              style("words", 10.5 * s, font=FONT_BOLD, leading=14 * s))]],
                  colWidths=[width - 46 * mm * s])
    words.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE),
                               ("BOX", (0, 0), (-1, -1), 0.8, INK),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    payment: list[Flowable] = [Paragraph(esc(data.purpose), value_style)]
    if data.lines:
        payment.append(_lines_table(data, width - 46 * mm * s, s))
    if data.direction == "in":
        rows = [["Telah terima dari", Paragraph(member, value_style)]]
    else:
        rows = [["Telah terima dari", Paragraph(esc(data.coop.name), bold_value)],
                ["Yang menerima", Paragraph(member, value_style)]]
    rows += [["Uang sejumlah", words],
             ["Untuk pembayaran", payment],
             ["Cara pembayaran", Paragraph(CHANNELS.get(data.channel, data.channel),
                                           value_style)]]
    words_row = next(i for i, (label, _) in enumerate(rows) if label == "Uang sejumlah")
    table = Grid([[Paragraph(label, label_style), ":", value] for label, value in rows],
                  colWidths=[38 * mm * s, 5 * mm * s, width - 43 * mm * s])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (1, 0), (1, -1), FONT, 10 * s),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, words_row), (1, words_row), 4 * s),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * s),
    ]))
    return table


def _lines_table(data: ReceiptData, width: float, s: float) -> Grid:
    cell = style("line", 9.5 * s)
    amount_w = 32 * mm * s
    rows = [["–", Paragraph(esc(line.label), cell), format_rupiah(line.amount)]
            for line in data.lines]
    if len(data.lines) > 1:
        rows.append(["", Paragraph("Jumlah", style("line-total", 9.5 * s, font=FONT_BOLD)),
                     format_rupiah(data.amount)])
    table = Grid(rows, colWidths=[5 * mm * s, width - amount_w - 5 * mm * s - 20 * mm,
                                   amount_w])
    table.hAlign = "LEFT"
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 9.5 * s),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if len(data.lines) > 1:
        commands += [("LINEABOVE", (2, -1), (2, -1), 0.6, RULE),
                     ("FONT", (2, -1), (2, -1), FONT_BOLD, 9.5 * s)]
    table.setStyle(TableStyle(commands))
    return table


def _bottom(data: ReceiptData, width: float, s: float) -> Grid:
    amount_text = format_rupiah(data.amount)
    box_w = 62 * mm * s
    size = fit_font_size([amount_text], FONT_BOLD, box_w - 14, [18 * s, 16 * s, 14 * s, 12 * s])
    amount = Grid([[Paragraph("Jumlah", style("amount-cap", 8.5 * s, color=GREY_TEXT))],
                    [Paragraph(amount_text, style("amount", size, font=FONT_BOLD,
                                                  leading=size * 1.2))]],
                   colWidths=[box_w])
    amount.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 2, INK),
                                ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
                                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                                ("TOPPADDING", (0, 0), (0, 0), 3),
                                ("BOTTOMPADDING", (0, 0), (0, 0), 0),
                                ("BOTTOMPADDING", (0, 1), (0, 1), 6)]))
    member = data.party_name
    cashier = data.cashier
    if data.direction == "in":
        signers = [Signer("Penyetor,", member),
                   Signer("Penerima,\nBendahara", cashier, meterai=data.meterai)]
    else:
        signers = [Signer("Yang menyerahkan,\nBendahara", cashier),
                   Signer("Penerima,", member, meterai=data.meterai)]
    sig_w = width - box_w - 8 * mm
    place = Grid([["", Paragraph(esc(place_date(data.coop, data.date)),
                                  style("place", 10 * s, align=TA_CENTER))]],
                  colWidths=[sig_w / 2, sig_w / 2])
    place.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    right = [place, Spacer(1, 2 * mm * s),
             signature_block(signers, sig_w, scale=s, space=21 * mm)]
    table = Grid([[amount, right]], colWidths=[box_w + 8 * mm, sig_w])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                               ("VALIGN", (1, 0), (1, 0), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _draw_watermark(c: Canvas, cx: float, cy: float) -> None:
    c.saveState()
    c.setFillColor(WATERMARK)
    c.setFont(FONT_BOLD, 54)
    c.translate(cx, cy)
    c.rotate(18)
    c.drawCentredString(0, -18, "DIBATALKAN")
    c.restoreState()


def _draw_cut_line(c: Canvas, width: float, y: float) -> None:
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.setDash(4, 3)
    c.line(6 * mm, y, width - 6 * mm, y)
    c.setFillColor(GREY_TEXT)
    c.setFont(FONT, 11)
    c.drawString(8 * mm, y - 1.3 * mm, "\u2702")
    c.setFont(FONT, 7)
    c.drawRightString(width - 8 * mm, y + 1.2 * mm, "gunting di sini")
    c.restoreState()


__all__ = ["COPY_ARCHIVE", "COPY_MEMBER", "render_receipt"]
