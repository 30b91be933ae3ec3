"""Table views set up the same way everywhere: whole rows selected, readable widths."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
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


def fit_columns(view: QTableView, skip: int | None = None) -> None:
    """Size columns to their content once the rows are in (not per row: slow on big books)."""
    for col in range(view.model().columnCount()):
        if col != skip:
            view.resizeColumnToContents(col)
