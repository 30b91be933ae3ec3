"""Table models of the financing pages: the contracts list, a contract's schedule (late
installments in red, paid ones muted) and its events (reversed ones muted)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from kasir.financing.queries import ContractRow
from kasir.i18n import _
from ledger.errors import N_
from ui.models.table import CENTER, RIGHT, Column, Index, RowsModel, amount_text
from ui.presenters.contracts_presenter import STATUS_NAMES

LATE_FG, LATE_BG = QColor("#b71c1c"), QColor("#fdecea")
PARTLY_BG = QColor("#fff8e1")


CONTRACT_COLUMNS: list[Column[ContractRow]] = [
    Column(N_("Contract"), lambda r: r.number, tooltip=lambda r: r.goods),
    Column(N_("Member"), lambda r: f"{r.member} {r.name}"),
    Column(N_("Outstanding"), lambda r: amount_text(r.outstanding), RIGHT),
    Column(N_("Days late"), lambda r: str(r.days_past_due) if r.days_past_due else "", CENTER),
    Column(N_("Status"), lambda r: _(STATUS_NAMES.get(r.status, r.status))),
]


class ContractsModel(RowsModel[ContractRow]):
    def is_muted(self, row: ContractRow) -> bool:
        return row.status != "active"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and self.rows[index.row()].days_past_due:
            return QBrush(LATE_FG)
        return super().data(index, role)


Cells = tuple[list[str], str]

SCHEDULE_COLUMNS: list[Column[Cells]] = [
    Column(N_("No."), lambda r: r[0][0], RIGHT),
    Column(N_("Due date"), lambda r: r[0][1], CENTER),
    Column(N_("Installment"), lambda r: r[0][2], RIGHT),
    Column(N_("Principal"), lambda r: r[0][3], RIGHT),
    Column(N_("Margin"), lambda r: r[0][4], RIGHT),
    Column(N_("Paid"), lambda r: r[0][5], RIGHT),
    Column(N_("State"), lambda r: r[0][6], CENTER),
]


class ScheduleModel(RowsModel[Cells]):
    """Rows of (cells, state): late in red on pink, partly paid on pale amber."""

    def is_muted(self, row: Cells) -> bool:
        return row[1] == "paid"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            state = self.rows[index.row()][1]
            if role == Qt.ItemDataRole.ForegroundRole and state == "late":
                return QBrush(LATE_FG)
            if role == Qt.ItemDataRole.BackgroundRole and state == "late":
                return QBrush(LATE_BG)
            if role == Qt.ItemDataRole.BackgroundRole and state == "partly":
                return QBrush(PARTLY_BG)
        return super().data(index, role)


Event = tuple[list[str], bool]

EVENT_COLUMNS: list[Column[Event]] = [
    Column(N_("Date"), lambda r: r[0][0], CENTER),
    Column(N_("Event"), lambda r: r[0][1]),
    Column(N_("Amount"), lambda r: r[0][2], RIGHT),
    Column(N_("Fine"), lambda r: r[0][3], RIGHT),
    Column(N_("Paid by"), lambda r: r[0][4]),
    Column(N_("Entry"), lambda r: r[0][5]),
    Column(N_("Note"), lambda r: r[0][6]),
]


class EventsModel(RowsModel[Event]):
    def is_muted(self, row: Event) -> bool:
        return row[1]
