"""A new member, or a member's details changed.

The number is written as the cooperative writes it (it is printed in her
passbook, so it cannot be changed later); the NIK is optional. The dialog
saves through the ``save`` it is given (a presenter's method: ``create`` or
``update`` of ``ui.presenters.members_presenter``) and stays open when the
book refuses (a number already used, a NIK that is not 16 digits), with the
reason under the fields, so nothing typed is lost. It only draws and
forwards: the presenter reads the amount and makes the call. ``ask`` is the
seam tests patch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from kasir.members.queries import GroupRow
from kasir.members.service import MemberInput
from kasir.numbers import format_amount
from ui.dialogs.buttons import button_box
from ui.presenters.labels import GENDER, WAJIB_PERIOD
from ui.presenters.members_presenter import read_wajib
from ui.presenters.outcome import Outcome
from ui.widgets.dates import date_edit, to_date, to_qdate
from ui.widgets.status import StatusLabel

# saves the member: the words of a refusal (the dialog stays open), or an "ok" or None
Save = Callable[[MemberInput], Outcome | None]


class MemberDialog(QDialog):
    def __init__(self, groups: Sequence[GroupRow], save: Save, initial: MemberInput,
                 editing: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save = save
        self.saved: MemberInput | None = None
        self.setWindowTitle(_("Change member details") if editing else _("New member"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_("as written on her card, e.g. A-011"))
        self.number.setMaxLength(40)
        self.number.setReadOnly(editing)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.nik = QLineEdit(self)
        self.nik.setPlaceholderText(_("optional, 16 digits"))
        self.nik.setMaxLength(16)
        self.gender = QComboBox(self)
        self.gender.addItem("—", None)
        for code, title in GENDER.items():
            self.gender.addItem(_(title), code)
        self.address = QLineEdit(self)
        self.village = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.group = QComboBox(self)
        self.group.addItem(_("no group"), None)
        for g in groups:
            self.group.addItem(f"{g.code} {g.name}", g.code)
        # the presenter's suggestion carries the book's today; the field only starts there
        self.joined = date_edit(initial.joined, self)
        wajib = QHBoxLayout()
        self.wajib = QLineEdit(self)
        self.wajib.setPlaceholderText("5.000")
        self.period = QComboBox(self)
        for code, title in WAJIB_PERIOD.items():
            self.period.addItem(_(title), code)
        wajib.addWidget(self.wajib, 1)
        wajib.addWidget(self.period)
        form.addRow(_("Member number"), self.number)
        form.addRow(_("Name"), self.name)
        form.addRow(_("NIK"), self.nik)
        form.addRow(_("Gender"), self.gender)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Village"), self.village)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Group"), self.group)
        form.addRow(_("Joined on"), self.joined)
        form.addRow(_("Simpanan wajib"), wajib)
        layout.addLayout(form)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        box, self.accept_button = button_box(self, _("Save changes") if editing
                                             else _("Add member"))
        box.accepted.disconnect()
        box.accepted.connect(self.try_accept)
        layout.addWidget(box)
        self.fill(initial)
        (self.name if editing or self.number.text() else self.number).setFocus()

    def fill(self, m: MemberInput) -> None:
        self.number.setText(m.number)
        self.name.setText(m.name)
        self.nik.setText(m.nik or "")
        self.gender.setCurrentIndex(max(0, self.gender.findData(m.gender)))
        self.address.setText(m.address)
        self.village.setText(m.village)
        self.phone.setText(m.phone)
        self.group.setCurrentIndex(max(0, self.group.findData(m.group_code)))
        self.joined.setDate(to_qdate(m.joined))
        self.wajib.setText(format_amount(m.wajib_amount) if m.wajib_amount else "")
        self.period.setCurrentIndex(max(0, self.period.findData(m.wajib_period)))

    def answer(self) -> MemberInput | Outcome:
        """What is typed, or why the amount is not one."""
        wajib = read_wajib(self.wajib.text())
        if isinstance(wajib, Outcome):
            return wajib
        refusal = self.joined.refusal()  # a date typed that is no day: said, not replaced
        if refusal is not None:
            return refusal
        return MemberInput(
            number=self.number.text().strip(), name=self.name.text().strip(),
            joined=to_date(self.joined.date()), group_code=self.group.currentData(),
            nik=self.nik.text().strip() or None, gender=self.gender.currentData(),
            address=self.address.text(), village=self.village.text(), phone=self.phone.text(),
            wajib_amount=wajib, wajib_period=str(self.period.currentData()))

    def try_accept(self) -> bool:
        """Save; on a refusal say why and keep the dialog open."""
        member = self.answer()
        if isinstance(member, Outcome):
            return self._refuse(member)
        outcome = self.save(member)
        if outcome is not None and not outcome.ok:
            return self._refuse(outcome)
        self.saved = member
        self.accept()
        return True

    def _refuse(self, outcome: Outcome) -> bool:
        self.status.show_message(outcome.text, outcome.kind)
        return False

    @classmethod
    def ask(cls, groups: Sequence[GroupRow], save: Save, initial: MemberInput,
            editing: bool = False, parent: QWidget | None = None) -> MemberInput | None:
        """The member saved, or None when the treasurer cancels."""
        dialog = cls(groups, save, initial, editing, parent)
        dialog.exec()
        return dialog.saved
