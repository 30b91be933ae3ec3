"""The audit trail for the auditor (pengawas): every change to the book, newest first.

Filters by person, by what was changed, by words and by dates; each row says when, who,
from which computer, what was done to which record, the record after the change and
the reason given. Nothing here changes the book.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.book.trail import TrailRow
from kasir.i18n import _
from ledger.errors import N_
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.audit_presenter import (
    AuditPresenter,
    action_text,
    change_text,
    reason_text,
    table_text,
    when_text,
)
from ui.widgets.dates import DateField
from ui.widgets.tables import fit_columns, table_view

COLUMNS: list[Column[TrailRow]] = [
    Column(N_("No."), lambda r: str(r.seq), RIGHT),
    Column(N_("When"), when_text),
    Column(N_("Who"), lambda r: r.user or "—"),
    Column(N_("Computer"), lambda r: r.computer or "—"),
    Column(N_("What"), action_text),
    Column(N_("Record"), lambda r: f"{table_text(r.table)} {r.key}".strip()),
    Column(N_("After the change"), change_text, tooltip=lambda r: change_text(r, 2000)),
    Column(N_("Reason"), reason_text, tooltip=reason_text),
]


class AuditView(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = AuditPresenter(book)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Who"), self))
        self.user = QComboBox(self)
        bar.addWidget(self.user)
        bar.addWidget(QLabel(_("Record"), self))
        self.table = QComboBox(self)
        bar.addWidget(self.table)
        self.words = QLineEdit(self)
        self.words.setPlaceholderText(_("a member number, a name, a word…"))
        self.words.returnPressed.connect(self.refresh)
        bar.addWidget(self.words, 1)
        first, last = self.presenter.days()
        bar.addWidget(QLabel(_("From"), self))
        self.date_from = DateField(first, self)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(_("to"), self))
        self.date_to = DateField(last, self)
        bar.addWidget(self.date_to)
        for field in (self.date_from, self.date_to):
            field.dateChanged.connect(lambda _d: self.refresh())
        self.refresh_button = QPushButton(_("Show"), self)
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        self.model = RowsModel(COLUMNS, [], self)
        self.view = table_view(self.model, self, stretch_column=6)
        layout.addWidget(self.view, 1)
        self.user.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _fill_choices(self) -> None:
        users, tables = self.presenter.choices()
        for combo, items in ((self.user, [(u, u) for u in users]), (self.table, tables)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("all"), "")
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def refresh(self) -> None:
        """Read the trail again (a new person or record kind may have appeared)."""
        self._fill_choices()
        self.count.setText(self.presenter.load(
            user=str(self.user.currentData() or ""), table=str(self.table.currentData() or ""),
            words=self.words.text(), date_from=self.date_from.day(),
            date_to=self.date_to.day()))
        self.model.set_rows(self.presenter.rows)
        fit_columns(self.view, skip=6)
