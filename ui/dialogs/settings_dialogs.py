"""Adding or changing a group (kelompok), and changing a savings product.

Like the member dialog, each saves through the ``save`` it is given and stays
open with the reason when the book refuses. ``ask`` is the seam tests patch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _, message
from kasir.members.queries import GroupRow
from kasir.members.rules import GroupInput
from kasir.numbers import AmountError, format_amount, parse_amount, parse_nisbah
from kasir.savings.queries import ProductRow
from ledger.errors import LedgerError
from ledger.money import ZERO, Money
from ui.dialogs.buttons import button_box
from ui.models.labels import WEEKDAYS, account_name
from ui.widgets.status import StatusLabel


class GroupDialog(QDialog):
    def __init__(self, save: Callable[[GroupInput], None], initial: GroupRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save = save
        self.saved: GroupInput | None = None
        editing = initial is not None
        self.setWindowTitle(_("Change group") if editing else _("New group"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(_("e.g. K07"))
        self.code.setMaxLength(40)
        self.code.setReadOnly(editing)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. Mawar"))
        self.village = QLineEdit(self)
        self.day = QComboBox(self)
        self.day.addItem("—", None)
        for n, day in enumerate(WEEKDAYS):
            self.day.addItem(_(day), n)
        self.facilitator = QLineEdit(self)
        self.leader = QLineEdit(self)
        self.leader.setPlaceholderText(_("member number, optional"))
        form.addRow(_("Code"), self.code)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Village"), self.village)
        form.addRow(_("Meeting day"), self.day)
        form.addRow(_("Facilitator (pendamping)"), self.facilitator)
        form.addRow(_("Group leader"), self.leader)
        layout.addLayout(form)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        box, self.accept_button = button_box(self, _("Save changes") if editing
                                             else _("Add group"))
        box.accepted.disconnect()
        box.accepted.connect(self.try_accept)
        layout.addWidget(box)
        if initial is not None:
            self.code.setText(initial.code)
            self.name.setText(initial.name)
            self.village.setText(initial.village)
            self.day.setCurrentIndex(max(0, self.day.findData(initial.meeting_weekday)))
            self.facilitator.setText(initial.facilitator)
            self.leader.setText(initial.leader_number or "")
            self.name.setFocus()

    def answer(self) -> GroupInput:
        day = self.day.currentData()
        return GroupInput(self.code.text().strip(), self.name.text().strip(),
                          self.village.text().strip(), None if day is None else int(day),
                          self.facilitator.text().strip(), self.leader.text().strip() or None)

    def try_accept(self) -> bool:
        group = self.answer()
        try:
            self.save(group)
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return False
        self.saved = group
        self.accept()
        return True

    @classmethod
    def ask(cls, save: Callable[[GroupInput], None], initial: GroupRow | None = None,
            parent: QWidget | None = None) -> GroupInput | None:
        dialog = cls(save, initial, parent)
        dialog.exec()
        return dialog.saved


ProductChange = tuple[str, Money, int | None]  # name, usual amount, nisbah (basis points)


class ProductDialog(QDialog):
    """The name, the usual amount and, for mudharabah, the members' nisbah; the account
    and whether it can be withdrawn follow the chart and the law, not a setting."""

    def __init__(self, product: ProductRow, save: Callable[[ProductChange], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.save = save
        self.saved: ProductChange | None = None
        self.setWindowTitle(_("Change savings product"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(product.name_id, self)
        self.amount = QLineEdit(format_amount(product.default_amount)
                                if product.default_amount else "", self)
        self.amount.setPlaceholderText("0")
        self.nisbah = QLineEdit(product.nisbah_percent.replace(".", ","), self)
        self.nisbah.setEnabled(product.kind == "mudharabah")
        form.addRow(_("Savings product"), QLabel(account_name(product.name_id, product.name_en),
                                                 self))
        form.addRow(_("Account"), QLabel(product.account_code, self))
        form.addRow(_("Name (Indonesian)"), self.name)
        form.addRow(_("Usual amount"), self.amount)
        form.addRow(_("Members' nisbah (%)"), self.nisbah)
        layout.addLayout(form)
        if product.kind == "mudharabah":
            hint = QLabel(_("The members' share of the income the cooperative earns with their "
                            "mudharabah savings. It is a ratio of profit, never a promised "
                            "rate."), self)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #455a64;")
            layout.addWidget(hint)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        box, self.accept_button = button_box(self, _("Save changes"))
        box.accepted.disconnect()
        box.accepted.connect(self.try_accept)
        layout.addWidget(box)

    def answer(self) -> ProductChange:
        amount = parse_amount(self.amount.text(), allow_zero=True) \
            if self.amount.text().strip() else ZERO
        nisbah = parse_nisbah(self.nisbah.text()) if self.product.kind == "mudharabah" \
            else None
        return self.name.text().strip(), amount, nisbah

    def try_accept(self) -> bool:
        try:
            change = self.answer()
            self.save(change)
        except (AmountError, LedgerError) as exc:
            self.status.show_message(message(exc), "error")
            return False
        self.saved = change
        self.accept()
        return True

    @classmethod
    def ask(cls, product: ProductRow, save: Callable[[ProductChange], None],
            parent: QWidget | None = None) -> ProductChange | None:
        dialog = cls(product, save, parent)
        dialog.exec()
        return dialog.saved
