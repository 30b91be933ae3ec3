"""A read-only table model over a list of plain rows, described by its columns.

Each view used to need the same ``rowCount``/``data``/``headerData`` code; a
column list keeps the models declarative. Titles are message ids translated
when Qt asks for them, so a language switch needs no rebuilt model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kasir.i18n import _
from kasir.numbers import format_amount
from ledger.money import Money

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter  # short figures
MUTED = QColor("#6b6b6b")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: an English title (translated at display) and how to show a row."""

    title: str
    text: Callable[[R], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[R], str] | None = None


def amount_text(amount: Money) -> str:
    """An amount for a table cell; zero stays empty so the figures stand out."""
    return format_amount(amount) if amount else ""


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of plain values shown column by column; bold and muted rows on request."""

    def __init__(self, columns: Sequence[Column[R]], rows: Sequence[R] = (),
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = list(rows)

    # --- content --------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> R:
        return self.rows[index]

    def is_bold(self, row: R) -> bool:  # noqa: ARG002 - overridden where needed
        return False

    def is_muted(self, row: R) -> bool:  # noqa: ARG002
        return False

    # --- Qt -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.FontRole and self.is_bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self.is_muted(row):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align)
        return None
