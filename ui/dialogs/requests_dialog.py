"""The maker–checker requests: who asked what, and for the approver, approve or reject.

A reversal above the threshold, reopening a month, a product change or a restore
asked in the window becomes a request (the page says so with its number); the
approver finds it here. The dialog only asks (a reason for a rejection) and shows
the outcome; :mod:`ui.presenters.requests_presenter` makes the calls.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.errors import N_
from kasir.i18n import _
from kasir.users.queries import RequestRow
from ui.models.table import Column, RowsModel
from ui.presenters.requests_presenter import RequestsPresenter, status_text
from ui.widgets.status import StatusLabel
from ui.widgets.tables import fit_columns, table_view

COLUMNS: list[Column[RequestRow]] = [
    Column(N_("No."), lambda r: str(r.id)),
    Column(N_("Status"), lambda r: status_text(r.status)),
    Column(N_("Request"), lambda r: r.what),
    Column(N_("Asked by"), lambda r: r.asked_by),
    Column(N_("Decided by"), lambda r: r.decided_by),
    Column(N_("Reason / result"), lambda r: r.reason or r.result),
]


class RequestsDialog(QDialog):
    def __init__(self, presenter: RequestsPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle(_("Requests waiting for approval"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Reversals above the threshold, reopened months, product changes and "
                         "restores are carried out only when another person with the role "
                         "ketua approves them."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[RequestRow] = RowsModel(COLUMNS, parent=self)
        self.table = table_view(self.model, self, stretch_column=2)
        self.table.setObjectName("requestsTable")
        layout.addWidget(self.table, 1)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(_("Approve"), self)
        self.reject_button = QPushButton(_("Reject…"), self)
        close = QPushButton(_("Close"), self)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject_selected)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        decides = presenter.may_decide()
        self.approve_button.setVisible(decides)
        self.reject_button.setVisible(decides)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.presenter.rows())
        fit_columns(self.table, skip=2)
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> RequestRow | None:
        row = self.table.currentIndex().row()
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def approve(self) -> None:
        row = self.selected()
        if row is None:
            return
        outcome = self.presenter.approve(row.id)
        self.status.show_message(outcome.text, outcome.kind)
        self.refresh()

    def reject_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, _("Reject request {request}").format(
            request=row.id), _("Why is it rejected? Both of you will read it."))
        if not ok:
            return
        outcome = self.presenter.reject(row.id, reason)
        self.status.show_message(outcome.text, outcome.kind)
        self.refresh()

    @classmethod
    def show_requests(cls, presenter: RequestsPresenter, parent: QWidget | None = None) -> None:
        cls(presenter, parent).exec()
