"""Settings (pengaturan): the cooperative, its groups, its savings products.

The cooperative's name, address, town and treasurer are printed on every paper
(they live in the book, so every laptop prints the same), and so is the amount
above which the cashier asks before posting. The folder the papers
are written to belongs to this laptop. Groups are added and changed here; of
each savings product the name, the usual amount and the mudharabah nisbah can
be changed. ``SettingsPresenter`` makes the calls; this page draws and forwards.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.book.cooperative import CoopSettings
from kasir.i18n import _
from kasir.members.queries import GroupRow
from ui import prefs
from ui.dialogs.settings_dialogs import GroupDialog, ProductDialog
from ui.models.members import GroupsModel, ProductsModel
from ui.presenters.outcome import Outcome
from ui.presenters.settings_presenter import SettingsPresenter
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.style import RIGHT_ALIGN
from ui.widgets.tables import fit_columns, fit_height, table_view


class SettingsView(QWidget):
    coop_saved = Signal()

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = SettingsPresenter(book, current_actor())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        columns = QHBoxLayout(inner)
        left = QVBoxLayout()
        left.addWidget(self._coop_box(inner))
        left.addWidget(self._cashier_box(inner))
        left.addWidget(self._products_box(inner))
        left.addStretch(1)
        columns.addLayout(left, 4)
        columns.addWidget(self._groups_box(inner), 5)
        self.status = StatusLabel(self)
        self.status.setObjectName("settingsStatus")
        outer.addWidget(self.status)
        self.refresh()

    # --- building -----------------------------------------------------------------------
    def _coop_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("The cooperative (printed on every paper)"), parent)
        form = QFormLayout(box)
        self.coop_name = QLineEdit(box)
        self.coop_address = QLineEdit(box)
        self.coop_place = QLineEdit(box)
        self.coop_place.setPlaceholderText(_("town for “Lebak, 28 November 2026”"))
        self.coop_treasurer = QLineEdit(box)
        form.addRow(_("Name"), self.coop_name)
        form.addRow(_("Address"), self.coop_address)
        form.addRow(_("Town"), self.coop_place)
        form.addRow(_("Treasurer"), self.coop_treasurer)
        self.save_coop_button = QPushButton(_("Save"), box)
        self.save_coop_button.setObjectName("saveCoop")
        self.save_coop_button.clicked.connect(self.save_coop)
        for field in (self.coop_name, self.coop_address, self.coop_place, self.coop_treasurer):
            field.returnPressed.connect(self.save_coop)
        folder = QHBoxLayout()
        self.folder = QLineEdit(box)
        self.folder.setReadOnly(True)
        choose = QPushButton(_("Choose…"), box)
        choose.clicked.connect(self.choose_folder)
        folder.addWidget(self.folder, 1)
        folder.addWidget(choose)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_coop_button)
        form.addRow("", buttons)
        form.addRow(_("Papers folder (this laptop)"), folder)
        return box

    def _cashier_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Cashier"), parent)
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.confirm_above = QLineEdit(box)
        self.confirm_above.setObjectName("confirmAbove")
        self.confirm_above.setAlignment(RIGHT_ALIGN)
        self.confirm_above.setToolTip(_("A slip of three zeros is the costliest typing "
                                        "mistake: larger amounts are asked about once."))
        self.confirm_above.returnPressed.connect(self.save_confirm_above)
        save = QPushButton(_("Save"), box)
        save.setObjectName("saveConfirmAbove")
        save.clicked.connect(self.save_confirm_above)
        row.addWidget(self.confirm_above, 1)
        row.addWidget(save)
        form.addRow(_("Ask before posting more than (Rp)"), row)
        idle = QHBoxLayout()
        self.idle_minutes = QSpinBox(box)
        self.idle_minutes.setObjectName("idleMinutes")
        low, high = self.presenter.idle_range()
        self.idle_minutes.setRange(low, high)
        self.idle_minutes.setToolTip(_("With users, the window signs out after this many "
                                       "minutes without a key or a click."))
        save_idle = QPushButton(_("Save"), box)
        save_idle.setObjectName("saveIdleMinutes")
        save_idle.clicked.connect(self.save_idle_minutes)
        idle.addWidget(self.idle_minutes, 1)
        idle.addWidget(save_idle)
        form.addRow(_("Sign out after idle (minutes)"), idle)
        approval = QHBoxLayout()
        self.approval_above = QLineEdit(box)
        self.approval_above.setObjectName("approvalAbove")
        self.approval_above.setAlignment(RIGHT_ALIGN)
        self.approval_above.returnPressed.connect(self.save_approval_above)
        save_approval = QPushButton(_("Save"), box)
        save_approval.setObjectName("saveApprovalAbove")
        save_approval.clicked.connect(self.save_approval_above)
        approval.addWidget(self.approval_above, 1)
        approval.addWidget(save_approval)
        form.addRow(_("Reversals above this need the ketua's approval (Rp)"), approval)
        return box

    def _products_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Savings products"), parent)
        layout = QVBoxLayout(box)
        self.products = ProductsModel(self)
        self.products_table = table_view(self.products, box, stretch_column=0)
        self.products_table.setObjectName("productsTable")
        self.products_table.doubleClicked.connect(lambda _i: self.edit_product())
        layout.addWidget(self.products_table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        edit = QPushButton(_("Change…"), box)
        edit.clicked.connect(self.edit_product)
        buttons.addWidget(edit)
        layout.addLayout(buttons)
        return box

    def _groups_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Groups (kelompok)"), parent)
        layout = QVBoxLayout(box)
        self.groups = GroupsModel(self)
        self.groups_table = table_view(self.groups, box, stretch_column=1)
        self.groups_table.setObjectName("groupsTable")
        self.groups_table.doubleClicked.connect(lambda _i: self.edit_group())
        layout.addWidget(self.groups_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        add = QPushButton(_("New group…"), box)
        add.setObjectName("newGroup")
        add.clicked.connect(self.new_group)
        edit = QPushButton(_("Change…"), box)
        edit.clicked.connect(self.edit_group)
        buttons.addWidget(add)
        buttons.addWidget(edit)
        layout.addLayout(buttons)
        return box

    # --- content ---------------------------------------------------------------------------
    def refresh(self) -> None:
        coop = self.presenter.cooperative()
        self.coop_name.setText(coop.name)
        self.coop_address.setText(coop.address)
        self.coop_place.setText(coop.place)
        self.coop_treasurer.setText(coop.treasurer)
        for field in (self.coop_name, self.coop_address, self.coop_place, self.coop_treasurer):
            field.setCursorPosition(0)  # a long address shows its beginning
        self.folder.setText(str(prefs.papers_folder()))
        self.confirm_above.setText(self.presenter.confirm_above())
        self.idle_minutes.setValue(self.presenter.idle_minutes())
        self.approval_above.setText(self.presenter.approval_above())
        self.products.set_rows(self.presenter.products())
        fit_columns(self.products_table, skip=0)
        self.products_table.resizeColumnToContents(3)  # usual amounts are small figures
        fit_height(self.products_table)
        self.groups.set_rows(self.presenter.groups())
        fit_columns(self.groups_table, skip=1)

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    # --- the cooperative --------------------------------------------------------------
    def save_coop(self) -> bool:
        coop = CoopSettings(self.coop_name.text(), self.coop_address.text(),
                            self.coop_place.text(), self.coop_treasurer.text())
        outcome = self.presenter.save_cooperative(coop)
        if not outcome.ok:
            self._show(outcome)
            return False
        self.refresh()
        self._show(outcome)
        self.coop_saved.emit()
        return True

    def save_confirm_above(self) -> bool:
        outcome = self.presenter.save_confirm_above(self.confirm_above.text())
        self._show(outcome)
        if outcome.ok:
            self.confirm_above.setText(self.presenter.confirm_above())
        return outcome.ok

    def save_idle_minutes(self) -> bool:
        outcome = self.presenter.save_idle_minutes(self.idle_minutes.value())
        self._show(outcome)
        return outcome.ok

    def save_approval_above(self) -> bool:
        outcome = self.presenter.save_approval_above(self.approval_above.text())
        self._show(outcome)
        if outcome.ok:
            self.approval_above.setText(self.presenter.approval_above())
        return outcome.ok

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where should the papers be saved?"),
                                                  self.folder.text())
        if folder:
            prefs.save_papers_folder(folder)
            self.folder.setText(folder)

    # --- groups ----------------------------------------------------------------------------
    def _selected_group(self) -> GroupRow | None:
        row = self.groups_table.currentIndex().row()
        return self.groups.row(row) if 0 <= row < self.groups.rowCount() else None

    def _saved(self, outcome: Outcome) -> bool:
        """After a dialog saved: read the lists again and say what was saved."""
        self.refresh()
        self._show(outcome)
        return True

    def new_group(self) -> bool:
        """The dialog saves through the presenter and stays open on a refusal."""
        saved = GroupDialog.ask(self.presenter.create_group, None, self)
        if saved is None:
            return False
        return self._saved(self.presenter.group_added(saved))

    def edit_group(self) -> bool:
        group = self._selected_group()
        if group is None:
            self.status.show_message(_("Select the group to change first."), "hint")
            return False
        saved = GroupDialog.ask(partial(self.presenter.update_group, group.code), group, self)
        if saved is None:
            return False
        return self._saved(self.presenter.group_saved(group.code))

    # --- products ---------------------------------------------------------------------------
    def edit_product(self) -> bool:
        row = self.products_table.currentIndex().row()
        if not 0 <= row < self.products.rowCount():
            self.status.show_message(_("Select the savings product to change first."), "hint")
            return False
        product = self.products.row(row)
        if ProductDialog.ask(product, partial(self.presenter.update_product, product.code),
                             self) is None:
            return False
        return self._saved(self.presenter.product_saved())
