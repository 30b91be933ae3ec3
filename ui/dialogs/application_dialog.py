"""A new financing application: the terms on the left, the schedule they give on the right.

Every change reads the schedule again (``ApplicationPresenter.preview``): the
installments, the price and what is financed, the flat and the effective rate
side by side; when the terms break a rule, the rule is shown instead of a
schedule. Enter goes to the next field; Ctrl+Enter (or Save) records the
application, which on a book with users waits for a ketua's approval.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from kasir.numbers import format_amount
from ledger.errors import N_
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.application_presenter import (
    FREQUENCIES,
    PURCHASE_MODES,
    ApplicationPresenter,
)
from ui.presenters.dates import shown
from ui.widgets.dates import date_edit
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, POST_STYLE, RIGHT_ALIGN
from ui.widgets.tables import table_view

PREVIEW_COLUMNS = [
    Column(N_("No."), lambda r: str(r.seq), RIGHT),
    Column(N_("Due date"), lambda r: shown(r.due_date)),
    Column(N_("Installment"), lambda r: format_amount(r.amount), RIGHT),
    Column(N_("Principal"), lambda r: format_amount(r.principal), RIGHT),
    Column(N_("Margin"), lambda r: format_amount(r.margin), RIGHT),
]


class ApplicationDialog(QDialog):
    saved = Signal(str)  # the contract number recorded

    def __init__(self, presenter: ApplicationPresenter, parent: QWidget | None = None,
                 member: str = "") -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle(_("New financing application"))
        self.resize(980, 560)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.member = QLineEdit(member, self)
        self.member.setPlaceholderText(_("member number, like A-001"))
        self.member_name = QLabel(self)
        self.member_name.setStyleSheet("color: #455a64;")
        row = QHBoxLayout()
        row.addWidget(self.member, 1)
        row.addWidget(self.member_name, 2)
        form.addRow(_("Member"), row)
        self.product = QComboBox(self)
        for p in presenter.products:
            self.product.addItem(presenter.product_label(p), p.code)
        form.addRow(_("Product"), self.product)
        self.goods = QLineEdit(self)
        self.goods.setPlaceholderText(_("e.g. sewing machine"))
        form.addRow(_("Goods / purpose"), self.goods)
        self.supplier = QLineEdit(self)
        form.addRow(_("Supplier"), self.supplier)
        self.cost, self.margin, self.down_payment = (self._amount_field() for _i in range(3))
        form.addRow(_("Cost (amount lent)"), self.cost)
        form.addRow(_("Margin"), self.margin)
        form.addRow(_("Down payment"), self.down_payment)
        self.tenor = QLineEdit(self)
        self.tenor.setAlignment(RIGHT_ALIGN)
        self.tenor.setMaximumWidth(80)
        form.addRow(_("Number of installments"), self.tenor)
        self.frequency = QComboBox(self)
        self.frequency.addItem(_("As the product"), "")
        for code, title in FREQUENCIES.items():
            self.frequency.addItem(_(title), code)
        form.addRow(_("Installments fall"), self.frequency)
        self.first_due = date_edit(presenter.day, self)
        self.first_due.setText(presenter.form.first_due)
        self.first_due.setMaximumWidth(self.first_due.sizeHint().width() + 24)
        form.addRow(_("First installment on"), self.first_due)
        self.purchase_mode = QComboBox(self)
        for code, title in PURCHASE_MODES.items():
            self.purchase_mode.addItem(_(title), code)
        form.addRow(_("Purchase"), self.purchase_mode)
        left.addLayout(form)
        left.addStretch(1)
        self.status = StatusLabel(self)
        self.status.setObjectName("applicationStatus")
        left.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(_("Save the application (Ctrl+Enter)"), self)
        self.save_button.setObjectName("applicationSave")
        self.save_button.setAutoDefault(False)
        self.save_button.setStyleSheet(POST_STYLE)
        self.save_button.setMinimumWidth(self.save_button.sizeHint().width() + 40)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        left.addLayout(buttons)
        outer.addLayout(left, 4)

        right = QVBoxLayout()
        title = QLabel("<b>" + _("Schedule") + "</b>", self)
        right.addWidget(title)
        self.summary = QLabel(self)
        self.summary.setObjectName("applicationSummary")
        self.rates = QLabel(self)
        self.rates.setObjectName("applicationRates")
        self.rates.setStyleSheet("color: #0d47a1; font-weight: bold;")
        self.problem = StatusLabel(self)
        self.problem.setObjectName("applicationProblem")
        self.schedule: RowsModel = RowsModel(PREVIEW_COLUMNS, parent=self)
        self.table = table_view(self.schedule, self)
        self.table.setObjectName("applicationSchedule")
        for widget in (self.summary, self.rates, self.problem):
            right.addWidget(widget)
        right.addWidget(self.table, 1)
        outer.addLayout(right, 5)

        for line in (self.member, self.goods, self.supplier, self.cost, self.margin,
                     self.down_payment, self.tenor, self.first_due):
            line.textChanged.connect(self.changed)
            line.installEventFilter(self)
        for combo in (self.product, self.frequency, self.purchase_mode):
            combo.currentIndexChanged.connect(self.changed)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)
        self.changed()

    def _amount_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setAlignment(RIGHT_ALIGN)
        field.setPlaceholderText("0")
        field.setMaximumWidth(field.fontMetrics().horizontalAdvance("999.999.999.999") + 20)
        return field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in a field goes to the next one (never saves half the terms); Ctrl+Enter
        saves."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()  # Ctrl+Enter, where no shortcut took it first
            else:
                self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def changed(self, *_args: object) -> None:
        p = self.presenter
        p.edit(member=self.member.text(), product=str(self.product.currentData() or ""),
               goods=self.goods.text(), supplier=self.supplier.text(), cost=self.cost.text(),
               margin=self.margin.text(), down_payment=self.down_payment.text(),
               tenor=self.tenor.text(), frequency=str(self.frequency.currentData() or ""),
               first_due=self.first_due.text(),
               purchase_mode=str(self.purchase_mode.currentData() or "direct"))
        qard = p.is_qard()
        for widget in (self.margin, self.down_payment, self.supplier, self.purchase_mode):
            widget.setEnabled(not qard)
        self.member_name.setText(p.member_name())
        preview = p.preview()
        self.schedule.set_rows(preview.rows)
        self.table.resizeColumnsToContents()
        for column in (2, 3, 4):  # the amounts, evenly
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), 100))
        self.summary.setText(preview.summary)
        self.rates.setText(preview.rates)
        self.summary.setVisible(bool(preview.summary))
        self.rates.setVisible(bool(preview.rates))
        if preview.problem is not None:
            self.problem.show_message(preview.problem.text, preview.problem.kind)
        else:
            self.problem.show_message("", "plain")
        self.save_button.setEnabled(preview.problem is None)

    def save(self) -> bool:
        outcome = self.presenter.save()
        self.status.show_message(outcome.text, outcome.kind)
        if outcome.kind == "error":
            return False
        self.save_button.setEnabled(False)
        self.saved.emit(self.presenter.last)
        return True

    @classmethod
    def ask(cls, presenter: ApplicationPresenter, parent: QWidget | None = None,
            member: str = "") -> str | None:
        """The contract recorded, or None when closed without saving."""
        dialog = cls(presenter, parent, member)
        dialog.exec()
        return presenter.last or None
