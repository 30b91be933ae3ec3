"""The installment card (*kartu angsuran*) on A4: the contract's terms at the top, one row
per installment below, with what was paid and when, the balance left after each
installment, and a blank column for the officer's initials (*paraf*).

Payments are laid on the schedule oldest installment first, as the book applies them
(domain.md §3.4), so a partial payment shows under the installment it went to and a
payment of two installments under both. An early settlement marks every installment it
closed; a reversed payment is not printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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

from kasir.financing.queries import ContractPage
from kasir.numbers import format_amount, format_date_long, format_date_short, format_rupiah
from ledger.money import ZERO, Money
from reports.papers import ContractPaper
from reports.pdf.akad import period_words
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
    coop_header,
    esc,
    register_fonts,
    sealed_footer,
    style,
    write_flowing,
)

MARGIN = 14 * mm
STATUS = {"active": "berjalan", "settled": "lunas", "written_off": "dihapus buku",
          "cancelled": "dibatalkan", "rejected": "ditolak", "applied": "diajukan",
          "approved": "disetujui", "purchasing": "pembelian", "purchased": "barang dibeli"}


@dataclass(slots=True)
class Paid:
    """What reached one installment: (date, amount) pieces, and a closing note."""

    pieces: list[tuple[dt.date, Money]] = field(default_factory=list)
    note: str = ""


def payments_by_installment(page: ContractPage) -> list[Paid]:
    """Each standing installment payment laid on the schedule, oldest first."""
    out = [Paid() for _ in page.schedule]
    left = [x.amount for x in page.schedule]
    i = 0
    for ev in page.events:
        if ev.reversed or ev.kind not in ("installment", "settlement"):
            continue
        if ev.kind == "settlement":
            first = True
            for j in range(i, len(out)):
                if left[j]:
                    if first and ev.amount:
                        out[j].pieces.append((ev.date, ev.amount))
                    out[j].note = ("pelunasan" if first else
                                   f"dilunasi {format_date_short(ev.date)}")
                    first, left[j] = False, ZERO
            i = len(out)
            continue
        money = ev.amount
        while money.is_positive() and i < len(out):
            part = min(money, left[i])
            if part.is_positive():
                out[i].pieces.append((ev.date, part))
            left[i] -= part
            money -= part
            if not left[i]:
                i += 1
    return out


def _terms(p: ContractPaper, width: float) -> Grid:
    pg, r = p.page, p.page.row
    label = style("kc-l", 8.5, leading=10.5, color=GREY_TEXT)
    value = style("kc-v", 9.5, leading=12)
    bold = style("kc-b", 9.5, font=FONT_BOLD, leading=12)
    amount = style("kc-a", 9.5, font=FONT_BOLD, leading=12, align=TA_RIGHT)
    once, each = period_words(pg.frequency)
    kind = "Murabahah" if r.kind == "murabahah" else "Qard (pinjaman kebajikan)"
    left = [("No. akad", Paragraph(esc(r.number), bold)),
            ("Jenis akad", Paragraph(esc(kind), value)),
            ("Anggota", Paragraph(f"{esc(p.member_name)} ({esc(r.member)})", bold)),
            ("Kelompok", Paragraph(esc(p.group) or "–", value)),
            ("Barang" if r.kind == "murabahah" else "Keperluan",
             Paragraph(esc(r.goods) or "–", value)),
            ("Tanggal akad", Paragraph(format_date_long(r.akad_on) if r.akad_on else "–",
                                       value))]
    if r.kind == "murabahah":
        right = [("Harga beli", pg.cost), ("Margin", pg.margin), ("Harga jual", r.price),
                 ("Uang muka", r.down_payment)]
    else:
        right = [("Jumlah pinjaman", r.price)]
    right_rows = [(a, Paragraph(format_rupiah(b), amount)) for a, b in right]
    right_rows += [("Jangka waktu", Paragraph(f"{r.tenor}× {each}", amount)),
                   (f"Angsuran per {once}", Paragraph(format_rupiah(r.installment), amount))]
    rows = []
    for i in range(max(len(left), len(right_rows))):
        a = left[i] if i < len(left) else ("", "")
        b = right_rows[i] if i < len(right_rows) else ("", "")
        rows.append([Paragraph(esc(a[0]), label), a[1], Paragraph(esc(b[0]), label), b[1]])
    lw = width * 0.60
    table = Grid(rows, colWidths=[24 * mm, lw - 24 * mm, 36 * mm, width - lw - 36 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _left(owed: Money, note: str) -> str:
    """What is left after an installment; nothing once a settlement closed the contract."""
    if not owed or note == "pelunasan":
        return "lunas"
    return "–" if note else format_amount(owed)


def _rows_table(p: ContractPaper, width: float) -> Grid:
    pg, r = p.page, p.page.row
    murabahah = r.kind == "murabahah"
    cell = style("kc-c", 9, font=FONT_COND, leading=10.5, align=TA_CENTER)
    num = style("kc-n", 9, font=FONT_COND, leading=10.5, align=TA_RIGHT)
    head = ["No", "Jatuh tempo", "Pokok", "Margin", "Angsuran", "Tgl bayar", "Dibayar",
            "Sisa angsuran", "Paraf"]
    mm_widths = [9, 21, 21, 18, 21, 21, 21, 23, 15]
    if not murabahah:  # a qard has no margin: no pokok/margin split either
        head = [h for h in head if h not in ("Pokok", "Margin")]
        mm_widths = [10, 26, 26, 26, 26, 30, 18]
    scale = width / (sum(mm_widths) * mm)
    widths = [w * mm * scale for w in mm_widths]
    owed = r.price - r.down_payment
    rows: list[list[object]] = [head]
    for x, paid in zip(pg.schedule, payments_by_installment(pg), strict=True):
        owed -= x.amount
        dates = "<br/>".join(format_date_short(d) for d, _a in paid.pieces)
        amounts = "<br/>".join(format_amount(a) for _d, a in paid.pieces)
        if paid.note:
            dates = (dates + "<br/>" if dates else "") + esc(paid.note)
        row: list[object] = [str(x.seq), format_date_short(x.due_date)]
        if murabahah:
            row += [format_amount(x.principal), format_amount(x.margin)]
        row += [format_amount(x.amount), Paragraph(dates, cell), Paragraph(amounts, num),
                _left(owed, paid.note), ""]
        rows.append(row)
    total = ["", "Jumlah"]
    if murabahah:
        total += [format_amount(sum((x.principal for x in pg.schedule), ZERO)),
                  format_amount(sum((x.margin for x in pg.schedule), ZERO))]
    total += [format_amount(sum((x.amount for x in pg.schedule), ZERO)), "",
              format_amount(r.paid), "", ""]
    rows.append(total)
    amount_cols = (2, 3, 4, 6, 7) if murabahah else (2, 4, 5)
    table = Grid(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8.5),
        ("FONT", (0, 1), (-1, -1), FONT_COND, 9),
        ("FONT", (0, -1), (-1, -1), FONT_COND_BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        *[("ALIGN", (c, 1), (c, -1), "RIGHT") for c in amount_cols],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _standing(p: ContractPaper, width: float) -> Grid:
    """Where the contract stands on the card's date, in one box."""
    r = p.page.row
    label = style("kc-sl", 9, leading=11.5)
    value = style("kc-sv", 9, font=FONT_BOLD, leading=11.5, align=TA_RIGHT)
    facts = [("Status", STATUS.get(r.status, r.status)),
             ("Sudah dibayar", format_rupiah(r.paid)),
             ("Sisa angsuran", format_rupiah(r.outstanding))]
    if r.status == "active":
        facts.append(("Tunggakan", format_rupiah(r.arrears) + (
            f" ({r.days_past_due} hari)" if r.days_past_due else "")))
        if r.next_due and not r.days_past_due:
            facts.append(("Angsuran berikutnya",
                          f"{format_rupiah(r.next_amount)}, {format_date_short(r.next_due)}"))
    half = (len(facts) + 1) // 2
    cols = [facts[:half], facts[half:]]
    rows = []
    for i in range(half):
        row: list[object] = []
        for col in cols:
            a, b = col[i] if i < len(col) else ("", "")
            row += [Paragraph(esc(a), label), Paragraph(esc(b), value)]
        rows.append(row)
    table = Grid(rows, colWidths=[width * 0.2, width * 0.28, width * 0.24, width * 0.28])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _story(p: ContractPaper, width: float) -> list[Flowable]:
    r = p.page.row
    return [
        coop_header(p.coop, width),
        Spacer(1, 4 * mm),
        Paragraph("KARTU ANGSURAN", style("kc-title", 14, font=FONT_BOLD, leading=17,
                                          align=TA_CENTER)),
        Paragraph(esc(f"{'Murabahah' if r.kind == 'murabahah' else 'Qard'} No. {r.number}"),
                  style("kc-sub", 10, leading=13, align=TA_CENTER)),
        Spacer(1, 4 * mm),
        _terms(p, width),
        Spacer(1, 4 * mm),
        _rows_table(p, width),
        Spacer(1, 4 * mm),
        KeepTogether([
            Paragraph(f"Keadaan per {format_date_long(p.as_of)}",
                      style("kc-h", 9.5, font=FONT_BOLD, leading=12)),
            Spacer(1, 1.5 * mm),
            _standing(p, width),
            Spacer(1, 2 * mm),
            Paragraph("Angsuran dibayar ke angsuran tertua lebih dahulu. Keterlambatan tidak "
                      "menambah margin. Simpan kartu ini dan bawa setiap membayar angsuran.",
                      style("kc-note", 8, leading=10, color=GREY_TEXT)),
        ]),
    ]


def render_card(p: ContractPaper, out: Path | str | BinaryIO) -> None:
    register_fonts()
    width = A4[0] - 2 * MARGIN
    r = p.page.row
    story = _story(p, width)

    write_flowing(out, story, pagesize=A4, margin=MARGIN, top=12 * mm, bottom=16 * mm,
                  title=f"Kartu angsuran {r.number}", author=p.coop.name,
                  footer=sealed_footer(f"Kartu angsuran {r.number} · {p.member_name[:40]} "
                                       f"({r.member})", p.printed_on, p.seal))


__all__ = ["payments_by_installment", "render_card"]
