"""Reports as spreadsheets (openpyxl): a bold frozen header, filters, amounts as
numbers with Indonesian-looking formats, written under a temporary name first.

Text that starts like a formula (``=HYPERLINK(...)`` in a member's name) is
stored as text, so opening the file never runs anything.

The workbook is built in memory and written to disk in one piece: openpyxl
writing a zip straight to a file on a full disk leaves its ``ZipFile`` to fail
again when collected, printing a traceback after the clear message. The bytes
go to a temporary file beside the target, synced and renamed into place; any
failure removes the temporary file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kasir.replacing import replacing
from reports.pdf.table_report import Column

AMOUNT_FORMAT = "#,##0.00"


def write_table_xlsx(out: Path, *, title: str, columns: Sequence[Column],
                     rows: Sequence[dict[str, str]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.label)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = max(10, col.width_mm / 2.2)
    for r, row in enumerate(rows, start=2):
        for i, col in enumerate(columns, start=1):
            value = row.get(col.key, "")
            cell = ws.cell(row=r, column=i)
            if col.amount and value != "":
                cell.value = Decimal(value)
                cell.number_format = AMOUNT_FORMAT
            else:
                cell.value = value
                cell.data_type = "s"  # never a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    with replacing(Path(out), binary=True) as fh:
        fh.write(buffer.getvalue())
