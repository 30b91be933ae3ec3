"""One contract's page: its terms and where it stands, the early-settlement quote, the
schedule (late installments in red), the events (who paid), and a button for each step
its status and the user's role allow. A step asks its few fields in a small dialog
(``StepDialog.ask``), then the page is read again. Beside its title, the
contract's papers: the akad summary (Ctrl+P) and the installment card (Ctrl+Shift+P),
written as PDF and opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from ui import prefs
from ui.dialogs.step_dialog import StepDialog
from ui.models.financing import EVENT_COLUMNS, SCHEDULE_COLUMNS, EventsModel, ScheduleModel
from ui.presenters.contracts_presenter import Action, ContractsPresenter
from ui.presenters.outcome import Outcome
from ui.widgets.status import StatusLabel
from ui.widgets.style import panel_style
from ui.widgets.tables import fit_columns, table_view
from ui.widgets.viewer import open_file


class ContractPageView(QWidget):
    changed = Signal(str)  # a step was taken: its outcome, for the list and the status bar

    def __init__(self, presenter: ContractsPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("contractTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)  # a long name wraps rather than widen the page
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        self.akad_button = self._paper_button(_("Print akad summary"), "printAkad",
                                              self.print_akad, "Ctrl+P")
        self.card_button = self._paper_button(_("Print installment card"), "printCard",
                                              self.print_card, "Ctrl+Shift+P")
        head.addWidget(self.akad_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        panel = QFrame(self)
        panel.setObjectName("contractTerms")
        panel.setStyleSheet(panel_style("contractTerms"))
        self.terms = QFormLayout(panel)
        self.terms.setContentsMargins(10, 6, 10, 6)
        self.terms.setVerticalSpacing(3)
        layout.addWidget(panel)
        self.quote = QLabel(self)
        self.quote.setObjectName("contractQuote")
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet("color: #0d47a1; padding: 2px 4px;")
        layout.addWidget(self.quote)

        row = QHBoxLayout()
        self.actions_row = QHBoxLayout()  # the steps, built again for each contract
        self.actions_row.setSpacing(6)
        row.addLayout(self.actions_row)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons: dict[str, QPushButton] = {}  # (their keys are the financing page's)
        self.status = StatusLabel(self)
        self.status.setObjectName("contractStatus")
        layout.addWidget(self.status)

        tabs = QTabWidget(self)
        self.schedule = ScheduleModel(SCHEDULE_COLUMNS, parent=self)
        self.schedule_table = table_view(self.schedule, self)
        self.schedule_table.setObjectName("contractSchedule")
        self.schedule_table.horizontalHeader().setStretchLastSection(True)
        tabs.addTab(self.schedule_table, _("Schedule"))
        self.events = EventsModel(EVENT_COLUMNS, parent=self)
        self.events_table = table_view(self.events, self, stretch_column=6)
        self.events_table.setObjectName("contractEvents")
        tabs.addTab(self.events_table, _("Events"))
        self.tabs = tabs
        layout.addWidget(tabs, 1)
        self.show_page()

    def _paper_button(self, text: str, name: str, slot, keys: str) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(keys)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- showing --------------------------------------------------------------------
    def show_page(self) -> None:
        p = self.presenter
        self.title.setText(p.title() or _("Choose a contract in the list."))
        while self.terms.rowCount():
            self.terms.removeRow(0)
        for label, value in p.terms():
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.terms.addRow(QLabel(label), shown)
        self.terms.parentWidget().setVisible(p.page is not None)
        self.quote.setText(p.quote())
        self.quote.setVisible(bool(p.quote()))
        self.schedule.set_rows(p.schedule())
        self.events.set_rows(p.events())
        self.schedule_table.resizeColumnsToContents()
        fit_columns(self.events_table, skip=6)
        self._show_actions(p.actions())
        for button in (self.akad_button, self.card_button):
            button.setEnabled(p.can_print())

    def _show_actions(self, actions: list[Action]) -> None:
        for button in self.buttons.values():
            self.actions_row.removeWidget(button)
            button.hide()  # gone at once, not when Qt gets round to deleting it
            button.setParent(None)
            button.deleteLater()
        self.buttons = {}
        for action in actions:
            button = QPushButton(_(action.label), self)
            button.setObjectName(f"step_{action.key}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=action: self.take(a))
            self.actions_row.addWidget(button)
            self.buttons[action.key] = button

    # --- steps ----------------------------------------------------------------------
    def take(self, action: Action) -> Outcome | None:
        p = self.presenter
        title = f"{_(action.label).rstrip('…')} — {p.page.row.number if p.page else ''}"
        answers = StepDialog.ask(action, title, p.day, self)
        if answers is None:
            return None
        outcome = p.run(action, answers)
        self.show_page()
        self.status.show_message(outcome.text, outcome.kind)
        if outcome.kind != "error":
            self.changed.emit(outcome.text)
        return outcome

    # --- papers ---------------------------------------------------------------------
    def print_akad(self) -> bool:
        return self._print(self.presenter.akad_paper, _("Akad summary written: {path}"))

    def print_card(self) -> bool:
        return self._print(self.presenter.card_paper, _("Installment card written: {path}"))

    def _print(self, write, done: str) -> bool:  # type: ignore[no-untyped-def]
        if not self.presenter.can_print():
            return False
        path = write(prefs.papers_folder())
        if isinstance(path, Outcome):
            self.status.show_message(path.text, path.kind)
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        self.status.show_message(done.format(path=path), "ok")
        return True
