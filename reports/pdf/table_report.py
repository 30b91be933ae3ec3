"""Any tabular report as an A4 paper: the cooperative's header, a title, the table
with its header row repeated on every page, a totals row, "Halaman x dari y".

Used for the reports whose paper form is simply their table (savings balances,
trial balance, general ledger).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, TableStyle

from kasir.numbers import format_amount, format_date_long
from ledger.money import Money
from reports.papers import Cooperative
from reports.pdf.base import (
    FONT,
    FONT_BOLD,
    FONT_COND,
    Grid,
    coop_header,
    esc,
    register_fonts,
    style,
    write_flowing,
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width_mm: float
    amount: bool = False  # plain decimal rupiah text, shown Indonesian and right-aligned


def _cell(value: str, col: Column) -> str:
    if col.amount and value not in ("", None):
        return format_amount(Money.rupiah(Decimal(value)))
    return value


def render_table_report(out: Path | str | BinaryIO, *, coop: Cooperative, title: str,
                        subtitle: str, columns: Sequence[Column],
                        rows: Sequence[dict[str, str]], printed_on: dt.date,
                        wide: bool = False, seal: str = "") -> None:
    register_fonts()
    page = landscape(A4) if wide else A4
    margin = 14 * mm
    width = page[0] - 2 * margin
    body = style("tr-body", 8.5, font=FONT_COND, leading=10.5)
    number = style("tr-number", 8.5, font=FONT_COND, leading=10.5, align=TA_RIGHT)
    header = [c.label for c in columns]
    data = [header] + [[Paragraph(esc(_cell(str(r.get(c.key, "")), c)),
                                  number if c.amount else body)
                        for c in columns] for r in rows]
    totals = []
    if any(c.amount for c in columns) and rows:
        sums = {c.key: sum((Money.rupiah(Decimal(r[c.key])) for r in rows if r.get(c.key)),
                           Money(0)) for c in columns if c.amount}
        totals = [["Jumlah" if i == 0 else (format_amount(sums[c.key]) if c.amount else "")
                   for i, c in enumerate(columns)]]
    scale = width / (sum(c.width_mm for c in columns) * mm)
    table = Grid(data + totals, colWidths=[c.width_mm * mm * scale for c in columns],
                 repeatRows=1)
    commands = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
        ("FONT", (0, 1), (-1, -1), FONT_COND, 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#333333"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1 if not totals else -2), ["#FFFFFF", "#F2F4F7"]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, c in enumerate(columns):
        if c.amount:
            commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    if totals:
        commands += [("FONT", (0, -1), (-1, -1), FONT_BOLD, 8.5),
                     ("LINEABOVE", (0, -1), (-1, -1), 0.8, "#333333")]
    table.setStyle(TableStyle(commands))
    story = [
        coop_header(coop, width),
        Spacer(1, 4 * mm),
        Paragraph(f"<b>{esc(title)}</b>", style("tr-title", 13, font=FONT_BOLD, leading=16)),
        Paragraph(esc(subtitle), style("tr-sub", 9, font=FONT, leading=12)),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 4 * mm),
        Paragraph(esc(f"Dicetak {format_date_long(printed_on)}"
                      + (f" · Segel buku {seal}" if seal else "")),
                  style("tr-foot", 8, font=FONT, leading=10)),
    ]

    write_flowing(out, story, pagesize=page, margin=margin, top=12 * mm, bottom=16 * mm,
                  title=title, author=coop.name, footer=f"{coop.name} — {title}")
