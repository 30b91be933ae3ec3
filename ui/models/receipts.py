"""Receipts as a table: newest first, a cancelled one in grey and marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from kasir.numbers import format_amount, format_date_short
from kasir.receipts.queries import ReceiptRow
from ledger.errors import N_
from ui.models.table import CENTER, RIGHT, Column, Index, RowsModel
from ui.presenters.receipts_presenter import (
    direction_text,
    member_text,
    state_text,
    state_tooltip,
)

RECEIPT_COLUMNS: list[Column[ReceiptRow]] = [
    Column(N_("Number"), lambda r: r.label),
    Column(N_("Date"), lambda r: format_date_short(r.date)),
    Column(N_("Member"), member_text, tooltip=member_text),
    Column(N_("In/out"), direction_text, CENTER),
    Column(N_("Amount"), lambda r: format_amount(r.amount), RIGHT),
    Column(N_("Purpose"), lambda r: r.purpose, tooltip=lambda r: r.purpose),
    Column(N_("State"), state_text, CENTER, tooltip=state_tooltip),
]
PURPOSE_COLUMN = 5
STATE_COLUMN = 6
CANCELLED = QColor("#b71c1c")


class ReceiptsModel(RowsModel[ReceiptRow]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(RECEIPT_COLUMNS, [], parent)

    def is_muted(self, row: ReceiptRow) -> bool:
        return row.cancelled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """"cancelled" in red, so a cancelled receipt stands out in the grey row."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and index.column() == STATE_COLUMN and 0 <= index.row() < len(self.rows) \
                and self.rows[index.row()].cancelled:
            return QBrush(CANCELLED)
        return super().data(index, role)
