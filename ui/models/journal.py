"""The posted journal, newest first, fetched a page at a time; and one entry's lines.

A cooperative's book grows by thousands of entries a year; the list asks for
``PAGE`` rows at a time (Qt calls ``fetchMore`` as the user scrolls) instead of
loading the whole journal into Python objects at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from kasir.numbers import format_date_short
from ledger.errors import N_
from ledger.queries import JournalDetailLine, JournalRow
from ui.models.table import RIGHT, Column, RowsModel, amount_text
from ui.presenters import labels

PAGE = 500

Fetch = Callable[[int, int], list[JournalRow]]  # (offset, limit) -> rows

JOURNAL_COLUMNS: list[Column[JournalRow]] = [
    Column(N_("Number"), lambda r: r.label),
    Column(N_("Date"), lambda r: format_date_short(r.date)),
    Column(N_("Description"), lambda r: r.memo, tooltip=lambda r: r.memo),
    Column(N_("Amount"), lambda r: amount_text(r.total), RIGHT),
    Column(N_("Reverses"), lambda r: r.reverses or ""),
    Column(N_("Reversed by"), lambda r: r.reversed_by or ""),
]


class JournalModel(RowsModel[JournalRow]):
    """Posted entries; reversed ones and reversals are greyed, they cancel out."""

    def __init__(self, fetch: Fetch, page: int = PAGE, parent: object = None) -> None:
        super().__init__(JOURNAL_COLUMNS, [], parent)
        self._fetch = fetch
        self.page = page
        self._more = True
        self._fetching = False

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self._fetch(0, self.page)
        self._more = len(self.rows) == self.page
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._more or self._fetching:
            return  # a view asking again while a page goes in would fetch it twice
        self._fetching = True
        try:
            more = self._fetch(len(self.rows), self.page)
            self._more = len(more) == self.page
            if more:
                self.beginInsertRows(QModelIndex(), len(self.rows),
                                     len(self.rows) + len(more) - 1)
                self.rows.extend(more)
                self.endInsertRows()
        finally:
            self._fetching = False

    def is_muted(self, row: JournalRow) -> bool:
        return bool(row.reversed_by or row.reverses)


@dataclass(frozen=True, slots=True)
class ShownLine:
    """A posted line with its member written out ("A-001 Siti Aminah"), not just a code."""

    line: JournalDetailLine
    member: str = ""


def shown_lines(lines: list[JournalDetailLine], names: dict[str, str]) -> list[ShownLine]:
    return [ShownLine(ln, f"{ln.party_code} {names.get(ln.party_code, '')}".strip()
                      if ln.party_code else "") for ln in lines]


LINE_COLUMNS: list[Column[ShownLine]] = [
    Column(N_("Code"), lambda r: r.line.account_code),
    Column(N_("Account"), lambda r: labels.account_name(r.line.account_name_id,
                                                        r.line.account_name_en)),
    Column(N_("Member"), lambda r: r.member),
    Column(N_("Debit"), lambda r: amount_text(r.line.debit), RIGHT),
    Column(N_("Credit"), lambda r: amount_text(r.line.credit), RIGHT),
    Column(N_("Line note"), lambda r: r.line.memo or ""),
]


class EntryLinesModel(RowsModel[ShownLine]):
    def __init__(self, rows: list[ShownLine] | None = None, parent: object = None) -> None:
        super().__init__(LINE_COLUMNS, rows or [], parent)
