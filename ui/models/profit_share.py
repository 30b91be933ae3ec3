"""The members' shares of a month's profit sharing as a table, with its total in bold."""

from __future__ import annotations

from kasir.numbers import format_amount
from ledger.errors import N_
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.profit_share_presenter import ShareRow

SHARE_COLUMNS: list[Column[ShareRow]] = [
    Column(N_("Number"), lambda r: r.number),
    Column(N_("Name"), lambda r: r.name, tooltip=lambda r: r.name),
    Column(N_("Average daily balance"), lambda r: format_amount(r.adb), RIGHT),
    Column(N_("Gross share"), lambda r: format_amount(r.gross), RIGHT),
    Column(N_("Final tax (PPh)"), lambda r: format_amount(r.tax), RIGHT),
    Column(N_("Net share"), lambda r: format_amount(r.net), RIGHT),
]
NAME_COLUMN = 1


class SharesModel(RowsModel[ShareRow]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(SHARE_COLUMNS, [], parent)

    def is_bold(self, row: ShareRow) -> bool:
        return row.total
