"""A table typed in like a spreadsheet from the keyboard: the current cell is always open
for typing (its whole text selected, so digits replace it), and the keys move on.

* Tab / Shift+Tab: the next / previous cell that may be typed in, row by row;
* Enter: the next *amount* cell (cells whose column is listed in ``enter_columns``),
  so the usual meeting is only figures and Enter;
* Up / Down: the same column in the row above / below.

What is typed reaches the model at every keystroke (totals follow at once). Past
the last cell ``left_end`` is emitted (the page moves on to its next field).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.widgets.style import ENTER_KEYS

Index = QModelIndex | QPersistentModelIndex


class TypingDelegate(QStyledItemDelegate):
    """A line editor whose every keystroke is written to the model, and whose moving keys
    are the grid's (``navigate``: the step and whether only amount cells count)."""

    navigate = Signal(str)  # "next", "previous", "next_amount", "up", "down", "submit"

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if align is not None:
            editor.setAlignment(Qt.AlignmentFlag(int(align)))
        editor.setObjectName(f"cell_{index.row()}_{index.column()}")
        editor.textEdited.connect(lambda _t, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QLineEdit) and editor.text() != text:  # not her own keystroke
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and isinstance(watched, QLineEdit):
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            step = None
            if key in ENTER_KEYS and ctrl:
                step = "submit"  # Ctrl+Enter, where no shortcut took it first
            elif key == Qt.Key.Key_Tab and not ctrl:
                step = "next"
            elif key == Qt.Key.Key_Backtab:
                step = "previous"
            elif key in ENTER_KEYS and not ctrl:
                step = "next_amount"
            elif key == Qt.Key.Key_Up:
                step = "up"
            elif key == Qt.Key.Key_Down:
                step = "down"
            if step is not None:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.navigate.emit(step)
                return True
        return super().eventFilter(watched, event)


class TypingGrid(QTableView):
    left_end = Signal()  # moved past the last cell
    left_start = Signal()  # moved back before the first
    submitted = Signal()  # Ctrl+Enter in a cell: what was typed is in the model

    def __init__(self, enter_columns: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enter_columns = enter_columns
        self.delegate = TypingDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.navigate.connect(self.step)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)

    def editable(self, index: QModelIndex) -> bool:
        return index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)

    def cells(self, amounts_only: bool = False) -> list[QModelIndex]:
        model = self.model()
        out = []
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                index = model.index(r, c)
                if self.editable(index) and (not amounts_only or c in self.enter_columns):
                    out.append(index)
        return out

    def start(self) -> bool:
        """The cursor in the first cell to type in, open for typing."""
        cells = self.cells()
        if not cells:
            return False
        self.setFocus()
        self.open(cells[0])
        return True

    def open(self, index: QModelIndex) -> None:
        if self.currentIndex() != index:
            self.setCurrentIndex(index)  # CurrentChanged opens the editor
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)
        self.scrollTo(index)

    def step(self, how: str) -> None:
        current = self.currentIndex()
        if how == "submit":
            self.edit(current)
            self.submitted.emit()
            return
        if how in ("up", "down"):
            row = current.row() + (1 if how == "down" else -1)
            target = self.model().index(row, current.column())
            if self.editable(target):
                self.open(target)
            else:
                self.edit(current)
            return
        cells = self.cells(amounts_only=how == "next_amount")
        here = (current.row(), current.column())
        if how == "previous":
            before = [i for i in cells if (i.row(), i.column()) < here]
            if before:
                self.open(before[-1])
            else:
                self.left_start.emit()
            return
        after = [i for i in cells if (i.row(), i.column()) > here]
        if after:
            self.open(after[0])
        else:
            self.left_end.emit()

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().focusInEvent(event)
        current = self.currentIndex()
        if self.editable(current) and self.state() != QAbstractItemView.State.EditingState:
            self.edit(current)
