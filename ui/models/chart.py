"""The chart of accounts as an indented table: headings bold, their accounts below."""

from __future__ import annotations

from kasir.i18n import _
from ledger.errors import N_
from ledger.queries import AccountRow
from ui.models.table import Column, RowsModel
from ui.presenters import labels

INDENT = "    "


def _marks(row: AccountRow) -> str:
    marks = []
    if row.is_header:
        marks.append(_("heading"))
    if row.is_contra:
        marks.append(_("contra"))
    if not row.active:
        marks.append(_("not in use"))
    return ", ".join(marks)


COLUMNS: list[Column[AccountRow]] = [
    Column(N_("Code"), lambda r: r.code),
    Column(N_("Account"), lambda r: INDENT * r.depth + labels.account_name(r.name_id, r.name_en),
           tooltip=lambda r: f"{r.name_id} / {r.name_en}"),
    Column(N_("Class"), lambda r: labels.account_class(r.account_class)),
    Column(N_("Normal side"), lambda r: labels.side(r.normal_side)),
    Column(N_("Marks"), _marks),
]


class ChartModel(RowsModel[AccountRow]):
    def __init__(self, rows: list[AccountRow] | None = None, parent: object = None) -> None:
        super().__init__(COLUMNS, rows or [], parent)

    def is_bold(self, row: AccountRow) -> bool:
        return row.is_header

    def is_muted(self, row: AccountRow) -> bool:
        return not row.active
