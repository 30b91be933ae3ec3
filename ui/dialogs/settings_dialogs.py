"""Adding or changing a group (kelompok), and changing a savings product.

Like the member dialog, each saves through the ``save`` it is given (a method of
``ui.presenters.settings_presenter.SettingsPresenter``) and stays open with the
reason when the book refuses. They only draw and forward: the presenter module
reads the typed amounts and makes the calls. ``ask`` is the seam tests patch.
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

from kasir.i18n import _
from kasir.members.queries import GroupRow
from kasir.members.service import GroupInput
from kasir.numbers import format_amount
from kasir.savings.queries import ProductRow
from ui.dialogs.buttons import button_box
from ui.presenters.labels import WEEKDAYS, account_name
from ui.presenters.outcome import Outcome
from ui.presenters.settings_presenter import ProductChange, read_product_change
from ui.widgets.status import StatusLabel

# ProductChange now lives with the presenter that reads it; still importable from here
__all__ = ["GroupDialog", "ProductChange", "ProductDialog"]

# a presenter's save: the words of a refusal (the dialog stays open), or an "ok" or None
SaveGroup = Callable[[GroupInput], Outcome | None]
SaveProduct = Callable[[ProductChange], Outcome | None]


def _refuse(status: StatusLabel, outcome: Outcome) -> bool:
    status.show_message(outcome.text, outcome.kind)
    return False


class GroupDialog(QDialog):
    def __init__(self, save: SaveGroup, initial: GroupRow | None = None,
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
        outcome = self.save(group)
        if outcome is not None and not outcome.ok:
            return _refuse(self.status, outcome)
        self.saved = group
        self.accept()
        return True

    @classmethod
    def ask(cls, save: SaveGroup, initial: GroupRow | None = None,
            parent: QWidget | None = None) -> GroupInput | None:
        """The group saved, or None when the treasurer cancels."""
        dialog = cls(save, initial, parent)
        dialog.exec()
        return dialog.saved


class ProductDialog(QDialog):
    """The name, the usual amount and, for mudharabah, the members' nisbah; the account
    and whether it can be withdrawn follow the chart and the law, not a setting."""

    def __init__(self, product: ProductRow, save: SaveProduct,
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

    def answer(self) -> ProductChange | Outcome:
        """What is typed, or why an amount or the nisbah is not one."""
        return read_product_change(self.product, self.name.text(), self.amount.text(),
                                   self.nisbah.text())

    def try_accept(self) -> bool:
        change = self.answer()
        if isinstance(change, Outcome):
            return _refuse(self.status, change)
        outcome = self.save(change)
        if outcome is not None and not outcome.ok:
            return _refuse(self.status, outcome)
        self.saved = change
        self.accept()
        return True

    @classmethod
    def ask(cls, product: ProductRow, save: SaveProduct,
            parent: QWidget | None = None) -> ProductChange | None:
        """The change saved, or None when the treasurer cancels."""
        dialog = cls(product, save, parent)
        dialog.exec()
        return dialog.saved
