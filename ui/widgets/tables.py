"""Table views set up the same way everywhere: whole rows selected, readable widths."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def table_view(model: QAbstractItemModel, parent: QWidget | None = None,
               stretch_column: int | None = None) -> QTableView:
    """A read-only table; ``stretch_column`` takes the width left over (the names)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


AMOUNT_WIDTH = "Rp999.999.999.999"


def fit_columns(view: QTableView, skip: int | None = None) -> None:
    """Size columns to their content once the rows are in (not per row: slow on big books).

    Right-aligned columns hold amounts: they get room for a large figure even when
    the current ones are short, so the columns do not jump as the book grows.
    """
    model = view.model()
    amount_width = view.fontMetrics().horizontalAdvance(AMOUNT_WIDTH)
    for col in range(model.columnCount()):
        if col == skip:
            continue
        view.resizeColumnToContents(col)
        align = model.headerData(col, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.TextAlignmentRole)
        if align is not None and int(align) & int(Qt.AlignmentFlag.AlignRight):
            view.setColumnWidth(col, max(view.columnWidth(col), amount_width))


def fit_height(view: QTableView, rows: int | None = None) -> None:
    """A short table as tall as its rows (no empty band below them)."""
    count = view.model().rowCount() if rows is None else rows
    height = (view.verticalHeader().defaultSectionSize() * max(count, 1)
              + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 4)
    view.setFixedHeight(height)
