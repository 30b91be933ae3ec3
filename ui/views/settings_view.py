"""Settings (pengaturan): the cooperative, its groups, its savings products.

The cooperative's name, address, town and treasurer are printed on every paper
(they live in the book, so every laptop prints the same). The folder the papers
are written to belongs to this laptop. Groups are added and changed here; of
each savings product the name, the usual amount and the mudharabah nisbah can
be changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book, cooperative
from kasir.book.cooperative import CoopSettings
from kasir.i18n import _, message
from kasir.members import service as members
from kasir.savings import service as savings
from ledger.errors import LedgerError
from ui import prefs
from ui.dialogs.settings_dialogs import GroupDialog, ProductChange, ProductDialog
from ui.models.members import GroupsModel, ProductsModel
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.tables import fit_columns, fit_height, table_view


class SettingsView(QWidget):
    coop_saved = Signal()

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
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
        coop = cooperative.cooperative(self.book)
        self.coop_name.setText(coop.name)
        self.coop_address.setText(coop.address)
        self.coop_place.setText(coop.place)
        self.coop_treasurer.setText(coop.treasurer)
        for field in (self.coop_name, self.coop_address, self.coop_place, self.coop_treasurer):
            field.setCursorPosition(0)  # a long address shows its beginning
        self.folder.setText(str(prefs.papers_folder()))
        self.products.set_rows(savings.products(self.book))
        fit_columns(self.products_table, skip=0)
        self.products_table.resizeColumnToContents(3)  # usual amounts are small figures
        fit_height(self.products_table)
        self.groups.set_rows(members.groups(self.book))
        fit_columns(self.groups_table, skip=1)

    # --- the cooperative --------------------------------------------------------------
    def save_coop(self) -> bool:
        coop = CoopSettings(self.coop_name.text(), self.coop_address.text(),
                            self.coop_place.text(), self.coop_treasurer.text())
        try:
            cooperative.save_cooperative(self.book, current_actor(), coop)
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return False
        self.refresh()
        self.status.show_message(_("The cooperative's details were saved."), "ok")
        self.coop_saved.emit()
        return True

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where should the papers be saved?"),
                                                  self.folder.text())
        if folder:
            prefs.save_papers_folder(folder)
            self.folder.setText(folder)

    # --- groups ----------------------------------------------------------------------------
    def _selected_group(self):  # type: ignore[no-untyped-def]
        row = self.groups_table.currentIndex().row()
        return self.groups.row(row) if 0 <= row < self.groups.rowCount() else None

    def new_group(self) -> bool:
        saved = GroupDialog.ask(lambda g: members.create_group(self.book, current_actor(), g), None, self)
        if saved is None:
            return False
        self.refresh()
        self.status.show_message(_("Group {code} was added.").format(code=saved.code), "ok")
        return True

    def edit_group(self) -> bool:
        group = self._selected_group()
        if group is None:
            self.status.show_message(_("Select the group to change first."), "hint")
            return False
        saved = GroupDialog.ask(lambda g: members.update_group(self.book, current_actor(), group.code, g), group,
                                self)
        if saved is None:
            return False
        self.refresh()
        self.status.show_message(_("Group {code} was saved.").format(code=group.code), "ok")
        return True

    # --- products ---------------------------------------------------------------------------
    def edit_product(self) -> bool:
        row = self.products_table.currentIndex().row()
        if not 0 <= row < self.products.rowCount():
            self.status.show_message(_("Select the savings product to change first."), "hint")
            return False
        product = self.products.row(row)

        def save(change: ProductChange) -> None:
            name, amount, nisbah = change
            savings.update_product(self.book, current_actor(), product.code, default_amount=amount,
                                   nisbah_bp=nisbah, name_id=name)

        if ProductDialog.ask(product, save, self) is None:
            return False
        self.refresh()
        self.status.show_message(_("The savings product was saved."), "ok")
        return True
