"""The group meeting (pertemuan kelompok): one grid, one row per active member.

1. Choose the group and the day of the meeting; the grid lists her savings due
   (simpanan wajib), her installments due and her arrears.
2. F5 fills every paid cell with what is due; the treasurer then types only the
   exceptions. The cursor is always in a cell open for typing: Enter goes to the
   next amount, Tab to the next cell (with "paid by", for tanggung renteng: the
   member who paid her installment for her), Up/Down to the row above or below.
3. The totals follow every keystroke; past the last cell the cursor is in "cash
   handed over". Ctrl+Enter (or Post) posts the whole meeting at once, every
   deposit and installment with its receipt, or nothing when one is refused.

Before the meeting, Ctrl+P prints the group's blank collection sheet (lembar
kolektif) for the day, filled in by hand at the meeting. Choosing another group or
day reads another sheet: what was typed is only thrown away after the user says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from kasir.uow import Book
from ui import prefs
from ui.models.meeting import KEYS, MeetingModel
from ui.presenters.meeting_presenter import INSTALLMENT, SAVINGS, MeetingPresenter
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.dates import date_edit, to_date, to_qdate
from ui.widgets.messages import confirm
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, POST_STYLE, RIGHT_ALIGN, panel_style
from ui.widgets.typing_grid import TypingGrid
from ui.widgets.viewer import open_file


class CashField(QLineEdit):
    """Cash handed over: Enter posts (as in the cashier's amount), Shift+Tab goes back."""

    submitted = Signal()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() in ENTER_KEYS:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class MeetingView(QWidget):
    posted = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = MeetingPresenter(book, current_actor())
        self._build()
        self._fill_groups()

    # --- building -----------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Group"), self))
        self.group = QComboBox(self)
        self.group.setObjectName("meetingGroup")
        self.group.setMinimumWidth(260)
        self.group.currentIndexChanged.connect(lambda _i: self._group_changed())
        top.addWidget(self.group)
        top.addSpacing(12)
        top.addWidget(QLabel(_("Meeting date"), self))
        self.day = date_edit(self.presenter.day, self)
        self.day.setObjectName("meetingDate")
        self.day.setFixedWidth(self.day.sizeHint().width() + 24)
        self.day.dateChanged.connect(lambda _d: self._day_changed())
        self.day.editingFinished.connect(self._day_finished)
        self._day_pending = False
        top.addWidget(self.day)
        top.addStretch(1)
        self.fill_button = QPushButton(_("Fill as expected (F5)"), self)
        self.fill_button.setObjectName("meetingFill")
        self.fill_button.setAutoDefault(False)
        self.fill_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.fill_button.clicked.connect(self.fill_expected)
        top.addWidget(self.fill_button)
        self.print_button = QPushButton(_("Print collection sheet (Ctrl+P)"), self)
        self.print_button.setObjectName("meetingPrint")
        self.print_button.setToolTip(_("The blank sheet of the group for this meeting, "
                                       "filled in by hand during it."))
        self.print_button.setAutoDefault(False)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.print_button.clicked.connect(self.print_sheet)
        top.addWidget(self.print_button)
        outer.addLayout(top)

        self.info = QLabel(self)
        self.info.setObjectName("meetingInfo")
        self.info.setStyleSheet("color: #455a64;")
        self.info.setWordWrap(True)
        outer.addWidget(self.info)

        self.model = MeetingModel(self.presenter, self)
        self.model.edited.connect(self._show_totals)
        self.grid = TypingGrid((KEYS.index(SAVINGS), KEYS.index(INSTALLMENT)), self)
        self.grid.setObjectName("meetingGrid")
        self.grid.setModel(self.model)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSectionResizeMode(KEYS.index("name"), QHeaderView.ResizeMode.Stretch)
        self.grid.left_end.connect(self._to_cash)
        self.grid.submitted.connect(self.post)
        outer.addWidget(self.grid, 1)

        panel = QFrame(self)
        panel.setObjectName("meetingTotals")
        panel.setStyleSheet(panel_style("meetingTotals"))
        rows = QVBoxLayout(panel)
        rows.setContentsMargins(10, 6, 10, 6)
        self.totals = QLabel(panel)
        self.totals.setObjectName("meetingTotalsText")
        bold = QFont(self.font())
        bold.setBold(True)
        self.totals.setFont(bold)
        rows.addWidget(self.totals)
        line = QHBoxLayout()
        line.addWidget(QLabel(_("Cash handed over"), panel))
        self.cash = CashField(panel)
        self.cash.setObjectName("meetingCash")
        self.cash.setAlignment(RIGHT_ALIGN)
        self.cash.setPlaceholderText("0")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.cash.setFont(big)
        self.cash.setFixedWidth(self.cash.fontMetrics().horizontalAdvance("99.999.999.999") + 24)
        self.cash.textEdited.connect(self._cash_edited)
        self.cash.submitted.connect(self.post)
        line.addWidget(self.cash)
        self.difference = QLabel(panel)
        self.difference.setObjectName("meetingDifference")
        line.addWidget(self.difference, 1)
        self.post_button = QPushButton(_("Post the meeting (Ctrl+Enter)"), panel)
        self.post_button.setObjectName("meetingPost")
        self.post_button.setAutoDefault(False)
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.clicked.connect(self.post)
        line.addWidget(self.post_button)
        rows.addLayout(line)
        outer.addWidget(panel)

        self.status = StatusLabel(self)
        self.status.setObjectName("meetingStatus")
        outer.addWidget(self.status)
        keys = QLabel(_("F5: fill as expected · Enter: next amount · Tab: next cell (paid by) "
                        "· ↑↓: row above/below · Ctrl+Enter: post the meeting · Ctrl+P: print "
                        "the collection sheet"), self)
        keys.setStyleSheet("color: #78909c;")
        keys.setWordWrap(True)
        outer.addWidget(keys)

        for sequence, slot in (("F5", self.fill_expected), ("Ctrl+Return", self.post),
                               ("Ctrl+Enter", self.post), ("Ctrl+P", self.print_sheet)):
            QShortcut(QKeySequence(sequence), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for first, second in ((self.group, self.day), (self.day, self.grid),
                              (self.grid, self.cash), (self.cash, self.post_button)):
            QWidget.setTabOrder(first, second)

    def _fill_groups(self) -> None:
        self.group.blockSignals(True)
        current = self.group.currentData()
        self.group.clear()
        for code, label in self.presenter.groups():
            self.group.addItem(label, code)
        at = self.group.findData(current) if current else 0
        self.group.setCurrentIndex(max(at, 0))
        self.group.blockSignals(False)
        self.load()

    # --- choosing another sheet -----------------------------------------------------
    def may_discard(self) -> bool:
        """True when nothing is typed in the grid, or the user agrees to lose it."""
        if not self.presenter.typed():
            return True
        return confirm(self, _("Meeting not posted"),
                       _("The amounts typed for this meeting have not been posted. They "
                         "will be cleared."), yes=_("Clear them"), no=_("Keep them"))

    def _group_changed(self) -> None:
        if self.may_discard():
            self.load()
            return
        self.group.blockSignals(True)  # back to the group typed for
        at = self.group.findData(self.presenter.group)
        self.group.setCurrentIndex(max(at, 0))
        self.group.blockSignals(False)

    def _day_changed(self) -> None:
        """A day typed over another: asked once the typing is done (Enter, Tab), not at
        each digit that happens to make a real day."""
        if not self.presenter.typed():
            self.load()
        elif self.day.hasFocus():
            self._day_pending = True
        else:
            self._day_finished(force=True)

    def _day_finished(self, force: bool = False) -> None:
        if not (self._day_pending or force):
            return
        self._day_pending = False
        if self.day.day() == self.presenter.day:
            return
        if self.may_discard():
            self.load()
            return
        self.day.blockSignals(True)  # back to the day typed for
        self.day.setDate(to_qdate(self.presenter.day))
        self.day.blockSignals(False)

    # --- reading the sheet ----------------------------------------------------------
    def load(self) -> None:
        code = self.group.currentData()
        day = self.day.day()
        if day is None:
            return
        problem = self.presenter.load(str(code) if code else "", to_date(self.day.date()))
        self.model.reset()
        self.cash.clear()
        self.grid.resizeColumnsToContents()
        for key in ("savings", "installment", "payer"):
            column = KEYS.index(key)
            wide = 180 if key == "payer" else 120
            self.grid.setColumnWidth(column, max(self.grid.columnWidth(column), wide))
        self.grid.horizontalHeader().setSectionResizeMode(KEYS.index("name"),
                                                          QHeaderView.ResizeMode.Stretch)
        self._show_info()
        self._show_totals()
        if problem is not None:
            self.status.show_message(problem.text, problem.kind)
        elif not code:
            self.status.show_message(_("There is no group yet: add one on the Members "
                                       "page."), "hint")
        elif self.status.kind != "ok":
            self.status.show_message("", "plain")

    def _show_info(self) -> None:
        sheet = self.presenter.sheet
        if sheet is None:
            self.info.setText("")
            return
        text = _("{name}, {village}: {count} active members").format(
            name=sheet.name, village=sheet.village or "—", count=len(sheet.rows))
        if sheet.owed:
            owed = "; ".join(f"{o.name} → {o.payer}" for o in sheet.owed)
            text += " · " + _("Owes those who paid for her: {list}").format(list=owed)
        self.info.setText(text)

    def refresh(self) -> None:
        """Shown again: other pages may have added members or taken payments; what was
        typed is kept unless the sheet has to be read again (nothing typed yet)."""
        typed = self.presenter.typed()
        codes = [c for c, _label in self.presenter.groups()]
        if [self.group.itemData(i) for i in range(self.group.count())] != codes:
            self._fill_groups()
        elif not typed:
            self.load()

    # --- typing -------------------------------------------------------------------
    def fill_expected(self) -> None:
        self.presenter.fill_expected()
        self.model.refresh_all()
        self._show_totals()
        if self.grid.state() != TypingGrid.State.EditingState:
            self.grid.start()  # an open cell already shows what was filled in

    def _to_cash(self) -> None:
        self.cash.setFocus()
        self.cash.selectAll()

    def _cash_edited(self, text: str) -> None:
        self.presenter.edit_cash(text)
        self._show_totals()

    def _show_totals(self) -> None:
        totals = self.presenter.totals()
        self.totals.setText(totals.text())
        self.difference.setText(totals.difference_text())
        wrong = totals.difference is not None and bool(totals.difference)
        self.difference.setStyleSheet("color: #b71c1c;" if wrong else "color: #1b5e20;")

    # --- posting ------------------------------------------------------------------
    def post(self) -> bool:
        refusal = self.day.refusal()
        if refusal is not None:  # the date shown is no date: nothing posted on another
            self.status.show_message(refusal.text, refusal.kind)
            return False
        if self.day.day() != self.presenter.day:
            self._day_finished(force=True)  # never posted on a day other than the one shown
            return False
        outcome = self.presenter.post()
        self.status.show_message(outcome.text, outcome.kind)
        if outcome.kind != "ok":
            return False
        self.model.reset()
        self.cash.clear()
        self._show_info()
        self._show_totals()
        self.posted.emit(outcome.text)
        self.grid.start()
        return True

    def print_sheet(self) -> bool:
        """Ctrl+P: the blank collection sheet of the group for the meeting's day, opened."""
        if self.day.day() is None:
            self.status.show_message(_("Type the meeting date first."), "hint")
            return False
        if self.day.day() != self.presenter.day:  # a day typed over amounts: asked first
            self._day_finished(force=True)
            if self.day.day() != self.presenter.day:
                return False
        path = self.presenter.collection_sheet(prefs.papers_folder())
        if isinstance(path, Outcome):
            self.status.show_message(path.text, path.kind)
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        self.status.show_message(_("Collection sheet written: {path}").format(path=path), "ok")
        return True

    def show_outcome(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)
