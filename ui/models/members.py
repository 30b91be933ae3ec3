"""Members as a table (the register and the cashier's matches), groups, products, history."""

from __future__ import annotations

from kasir.i18n import _
from kasir.members.queries import GroupRow, MemberRow
from kasir.numbers import format_amount, format_date_short
from kasir.savings.queries import HistoryRow, ProductRow
from ledger.errors import N_
from ui.models.table import CENTER, RIGHT, Column, RowsModel, amount_text
from ui.presenters import labels

MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column(N_("Number"), lambda r: r.number),
    Column(N_("Name"), lambda r: r.name),
    Column(N_("Group"), lambda r: r.group_code or ""),
    Column(N_("Village"), lambda r: r.village),
    Column(N_("Status"), lambda r: labels.member_status(r.status)),
    Column(N_("Joined"), lambda r: format_date_short(r.joined)),
]


class MembersModel(RowsModel[MemberRow]):
    def __init__(self, parent: object = None, columns: int | None = None) -> None:
        super().__init__(MEMBER_COLUMNS[:columns] if columns else MEMBER_COLUMNS, [], parent)

    def is_muted(self, row: MemberRow) -> bool:
        return row.status != "active"


GROUP_COLUMNS: list[Column[GroupRow]] = [
    Column(N_("Code"), lambda r: r.code),
    Column(N_("Name"), lambda r: r.name),
    Column(N_("Village"), lambda r: r.village),
    Column(N_("Meeting day"), lambda r: labels.weekday_name(r.meeting_weekday)),
    Column(N_("Facilitator"), lambda r: r.facilitator),
    Column(N_("Members"), lambda r: str(r.members), CENTER),
]


class GroupsModel(RowsModel[GroupRow]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(GROUP_COLUMNS, [], parent)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


PRODUCT_COLUMNS: list[Column[ProductRow]] = [
    Column(N_("Product"), lambda r: labels.account_name(r.name_id, r.name_en)),
    Column(N_("Account"), lambda r: r.account_code),
    Column(N_("Withdrawable"), lambda r: _yes_no(r.withdrawable)),
    Column(N_("Usual amount"), lambda r: amount_text(r.default_amount), RIGHT),
    Column(N_("Nisbah"), lambda r: f"{r.nisbah_percent.replace('.', ',')} %"
           if r.kind == "mudharabah" else "", CENTER),
]


class ProductsModel(RowsModel[ProductRow]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(PRODUCT_COLUMNS, [], parent)


HISTORY_COLUMNS: list[Column[HistoryRow]] = [
    Column(N_("Date"), lambda r: format_date_short(r.date)),
    Column(N_("Code"), lambda r: r.code, tooltip=lambda r: r.memo),
    Column(N_("Debit"), lambda r: amount_text(r.debit), RIGHT),
    Column(N_("Credit"), lambda r: amount_text(r.credit), RIGHT),
    Column(N_("Balance"), lambda r: format_amount(r.balance), RIGHT),
    Column(N_("Receipt / entry"), lambda r: r.receipt or r.entry),
    Column(N_("Description"), lambda r: r.memo, tooltip=lambda r: r.memo),
]


class HistoryModel(RowsModel[HistoryRow]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(HISTORY_COLUMNS, [], parent)
