"""One step on a contract (down payment, installment, settlement, reschedule...): the few
fields the step asks, as ``ContractsPresenter.actions`` describes them.

``ask`` is the seam tests patch instead of driving the modal dialog; it returns the
answers as typed (the presenter reads them strictly) or None when cancelled.
"""

from __future__ import annotations

import datetime as dt

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
from kasir.numbers import format_amount
from ledger.errors import N_
from ui.dialogs.buttons import button_box
from ui.presenters.cashier_presenter import CHANNELS
from ui.presenters.contracts_presenter import Action, Answers
from ui.widgets.dates import date_edit
from ui.widgets.style import RIGHT_ALIGN

LABELS = {"amount": N_("Amount"), "fine": N_("Late fine (ta'zir, to the benevolence fund)"),
          "day": N_("Date"), "tenor": N_("New number of installments"),
          "first_due": N_("New first installment on"), "reason": N_("Reason"),
          "channel": N_("Cash or bank"), "cost": N_("Actual cost kept from the down payment")}


class StepDialog(QDialog):
    def __init__(self, action: Action, title: str, day: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if action.note:
            note = QLabel(action.note, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        for name in action.fields:
            if name in ("day", "first_due"):
                widget: QWidget = date_edit(day, self)
            elif name == "channel":
                combo = QComboBox(self)
                for code, text in CHANNELS.items():
                    combo.addItem(_(text), code)
                widget = combo
            else:
                line = QLineEdit(self)
                if name in ("amount", "fine", "cost", "tenor"):
                    line.setAlignment(RIGHT_ALIGN)
                if name == "amount" and action.amount:
                    line.setText(format_amount(action.amount))
                    line.selectAll()
                widget = line
            widget.setObjectName(f"step_{name}")
            self.fields[name] = widget
            form.addRow(_(LABELS[name]), widget)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Post") if action.key not in (
            "reschedule", "write_off") else _("Confirm"))
        layout.addWidget(box)

    def answers(self) -> Answers:
        values: dict[str, str] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                values[name] = str(widget.currentData())
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
        return Answers(**values)

    @classmethod
    def ask(cls, action: Action, title: str, day: dt.date,
            parent: QWidget | None = None) -> Answers | None:
        dialog = cls(action, title, day, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answers()
        return None
