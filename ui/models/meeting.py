"""The meeting grid's model: the presenter's rows, three of whose cells are typed in.

What a cell shows, whether it may be typed in and why it is wrong are the
presenter's (:mod:`ui.presenters.meeting_presenter`); this only answers Qt.
Typed cells are pale yellow, wrong ones red with the reason as their tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from kasir.i18n import _
from ui.presenters.meeting_presenter import COLUMNS, EDITABLE, MeetingPresenter

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
TYPED_BG = QColor("#fffde7")
WRONG_BG = QColor("#fdecea")
KEYS = [c[0] for c in COLUMNS]


class MeetingModel(QAbstractTableModel):
    edited = Signal()  # a cell typed in: the totals change

    def __init__(self, presenter: MeetingPresenter, parent: Any = None) -> None:
        super().__init__(parent)
        self.presenter = presenter

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def key(self, column: int) -> str:
        return KEYS[column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.presenter.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.presenter.editable(index.row(), KEYS[index.column()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.presenter.rows):
            return None
        row, key = index.row(), KEYS[index.column()]
        p = self.presenter
        if role == Qt.ItemDataRole.DisplayRole:
            return p.text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return p.rows[row].typed.get(key, "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if COLUMNS[index.column()][2] else LEFT)
        if key in EDITABLE and p.editable(row, key):
            problem = p.problem(row, key)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(WRONG_BG if problem else TYPED_BG)
            if role == Qt.ItemDataRole.ToolTipRole:
                return problem or None
            if role == Qt.ItemDataRole.FontRole and key != "payer":
                font = QFont()
                font.setBold(True)
                return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = KEYS[index.column()]
        if not self.presenter.editable(index.row(), key):
            return False
        if self.presenter.rows[index.row()].typed.get(key, "") == str(value):
            return True
        self.presenter.edit(index.row(), key, str(value))
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if COLUMNS[section][2] else LEFT)
        return None

    def refresh_all(self) -> None:
        """Every cell again (fill as expected changed them all)."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
