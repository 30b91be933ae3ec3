"""Forming the allowance (PPAP): the day, what is required and what is formed, then post.

The day offered is the last of the month before; what the collectibility requires on
the day typed, what the book holds and the difference to post follow the date as it is
typed. ``ask`` is the seam tests patch instead of driving the modal dialog; it returns
the day to post on, or None when cancelled.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from kasir.i18n import _
from ui.dialogs.buttons import button_box
from ui.presenters.outcome import Outcome
from ui.presenters.portfolio_presenter import Allowance, PortfolioPresenter
from ui.widgets.dates import date_edit
from ui.widgets.status import StatusLabel


class AllowanceDialog(QDialog):
    def __init__(self, presenter: PortfolioPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle(_("Form the PPAP"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The allowance for possible losses is brought to what the "
                         "collectibility of the running contracts requires on the day: a "
                         "charge when more is required, a release when less."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.day = date_edit(presenter.default_day(), self)
        self.day.setObjectName("allowanceDate")
        self.day.setFixedWidth(self.day.sizeHint().width() + 24)
        self.day.textChanged.connect(lambda _t: self.evaluate())
        form.addRow(_("As of"), self.day)
        self.labels: list[QLabel] = []
        self.values: list[QLabel] = []
        for _n in range(4):  # required, formed, to post, PAR30/NPF
            label, value = QLabel(self), QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.labels.append(label)
            self.values.append(value)
        self.values[2].setStyleSheet("font-weight: bold;")
        layout.addLayout(form)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        box, self.post_button = button_box(self, _("Post the PPAP"))
        self.post_button.setObjectName("allowancePost")
        layout.addWidget(box)
        self.allowance: Allowance | None = None
        self.evaluate()

    def evaluate(self) -> None:
        """The amounts of the day typed; Post only when there is something to post."""
        day = self.day.day()
        found = self.presenter.allowance(day) if day is not None else self.day.refusal()
        self.allowance = found if isinstance(found, Allowance) else None
        lines = self.allowance.lines() if self.allowance else []
        for n, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            label.setText(lines[n][0] if lines else "")
            value.setText(lines[n][1] if lines else "")
        if isinstance(found, Outcome):
            self.status.show_message(found.text, found.kind)
        else:
            self.status.show_message("", "plain")
        self.post_button.setEnabled(self.allowance is not None
                                    and bool(self.allowance.to_post))

    def answer(self) -> dt.date | None:
        return self.allowance.day if self.allowance is not None else None

    @classmethod
    def ask(cls, presenter: PortfolioPresenter, parent: QWidget | None = None) -> dt.date | None:
        dialog = cls(presenter, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None
