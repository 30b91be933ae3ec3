"""The journal entry form, made to be typed without the mouse.

Date, description, then lines of account / debit / credit / member / note.
Tab and Enter move to the next field; Enter on the last field adds a line;
Ctrl+Enter posts; Esc clears (asking first when something is typed). The totals and the difference are always in view, and the
Posting button only lights up when the entry balances. What the typed text
means is decided by :mod:`ui.presenters.entry_presenter`, and the calls on the
book (the choices, posting with the form's key, what the status line says) by
:class:`ui.presenters.entry_page_presenter.EntryPage`; this module only binds
widgets to them, and keeps the keys and the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _, message
from ui.presenters.entry_page_presenter import EntryPage
from ui.presenters.entry_presenter import (
    FIELDS,
    EntryState,
    balance_kind,
    located,
    totals_texts,
    without_line,
)
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.dates import DateField, date_edit
from ui.widgets.line_row import LineRow
from ui.widgets.lines_area import LinesArea, TotalsBar
from ui.widgets.messages import confirm
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, POST_STYLE

START_LINES = 2
BALANCE_COLORS = {"plain": "#333333", "ok": "#1b5e20", "error": "#b71c1c"}


class EntryView(QWidget):
    """Type and post one manual journal entry."""

    posted = Signal(str)  # the official number of the entry just posted

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.rows: list[LineRow] = []
        self.state: EntryState | None = None
        self._account_model = QStringListModel(self)
        self._member_model = QStringListModel(self)
        self.page = EntryPage(book, current_actor())
        self._build()
        self.load_choices()
        self.clear()

    # --- building -----------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.date = date_edit(self.page.today(), self)
        self.date.setObjectName("entryDate")
        self.date.setFixedWidth(self.date.sizeHint().width() + 24)
        self.description = QLineEdit(self)
        self.description.setObjectName("entryDescription")
        self.description.setPlaceholderText(_("e.g. Bought stationery for the office"))
        self.description.setMaxLength(500)
        top.addRow(_("Date"), self.date)
        top.addRow(_("Description"), self.description)
        outer.addLayout(top)

        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        titles = ["#", _("Account"), _("Debit"), _("Credit"), _("Member"), _("Line note")]
        for col, title in enumerate(titles):
            label = QLabel(title, self.grid_host)
            label.setStyleSheet("font-weight: bold;")
            if col in (2, 3):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(label, 0, col)
        for col, (stretch, width) in enumerate(((0, 0), (5, 240), (2, 120), (2, 120), (2, 130),
                                                (3, 130), (0, 0))):
            self.grid.setColumnStretch(col, stretch)
            if width:
                self.grid.setColumnMinimumWidth(col, width)
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.grid_host)
        line_buttons = QHBoxLayout()
        self.add_line_button = QPushButton("+ " + _("Add line"), holder)
        self.add_line_button.setToolTip(_("Or press Enter in the last field"))
        self.add_line_button.clicked.connect(lambda: self.add_row(focus=True))
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addStretch(1)
        holder_layout.addLayout(line_buttons)
        holder_layout.addStretch(1)
        self.scroll = LinesArea(self)
        self.scroll.setWidget(holder)
        outer.addWidget(self.scroll)

        totals = TotalsBar(self)
        self.debit_total, self.credit_total = totals.debit_total, totals.credit_total
        self.difference_label = totals.difference_label
        outer.addWidget(totals)
        self.status = StatusLabel(self)
        self.status.setObjectName("entryStatus")
        outer.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.clear_button = QPushButton(_("Clear form"), self)
        self.clear_button.clicked.connect(self.ask_clear)
        self.post_button = QPushButton(_("Post (Ctrl+Enter)"), self)
        self.post_button.setObjectName("postButton")
        self.post_button.setDefault(False)
        self.post_button.setAutoDefault(False)
        font = self.post_button.font()
        font.setBold(True)
        self.post_button.setFont(font)
        self.post_button.setMinimumWidth(180)
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.clicked.connect(self.post)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.post_button)
        outer.addLayout(buttons)
        outer.addStretch(1)  # totals and buttons stay right under the lines

        for keys, slot in (("Ctrl+Return", self.post), ("Ctrl+Enter", self.post),
                           ("Escape", self.ask_clear)):  # from anywhere on the form
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.date.installEventFilter(self)
        self.description.installEventFilter(self)
        self.date.textChanged.connect(lambda _text: self.evaluate())  # as typed, never guessed
        self.description.textEdited.connect(self._edited)
        self.description.returnPressed.connect(lambda: self._enter(self.description))

    # --- choices from the book ----------------------------------------------------
    @property
    def key(self) -> str:
        """The posting key of the form on screen (a retried post carries the same)."""
        return self.page.key

    @key.setter
    def key(self, value: str) -> None:
        self.page.key = value

    def load_choices(self) -> None:
        """Accounts, members and closed months, read again (they change elsewhere)."""
        form = self.page.load()
        self._account_model.setStringList(form.account_labels())
        self._member_model.setStringList(form.member_labels())

    def refresh(self) -> None:
        self.load_choices()
        self.evaluate()

    def is_blank(self) -> bool:
        return not self.description.text().strip() and all(r.read().blank for r in self.rows)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """An empty form shown: the cursor waits in the description, ready to type."""
        super().showEvent(event)
        if self.is_blank():
            self.description.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Another page shown: the book's refusal is old news when she comes back (the
        form's own mistakes are judged again then)."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.page.forget_refusal()

    # --- lines ----------------------------------------------------------------------
    def add_row(self, focus: bool = False) -> LineRow:
        row = LineRow(self.grid_host, self._account_model, self._member_model)
        if self.rows:  # the hints of the first line are enough; thirty repeats are noise
            for edit in (row.account, row.member, row.memo):
                edit.setPlaceholderText("")
        at = len(self.rows) + 1
        for col, widget in enumerate(row.widgets()):
            self.grid.addWidget(widget, at, col)
            widget.show()  # at once, not queued: the new line takes focus right away
        row.number.setText(f"{at}")
        for name, edit in zip(FIELDS, row.fields(), strict=True):
            edit.installEventFilter(self)
            edit.textEdited.connect(self._edited)
            edit.editingFinished.connect(lambda r=row, n=name: self._finished(r, n))
            edit.returnPressed.connect(lambda e=edit: self._enter(e))
        row.remove.clicked.connect(lambda: self.remove_row(self.rows.index(row)))
        self.rows.append(row)
        self._chain_tabs()
        if focus:
            row.account.setFocus()
            self.scroll.ensureWidgetVisible(row.account)
        self.evaluate()
        return row

    def remove_row(self, index: int) -> None:
        """Drop a line: the lines below move up; the form keeps at least two."""
        if not 0 <= index < len(self.rows):
            return
        texts = without_line([r.read() for r in self.rows], index, START_LINES)
        last = self.rows.pop()
        last.dispose()
        for row, text in zip(self.rows, texts, strict=False):
            row.write(text)
        while len(self.rows) < len(texts):
            self.add_row().write(texts[len(self.rows) - 1])
        self._chain_tabs()
        self.rows[min(index, len(self.rows) - 1)].account.setFocus()
        self.evaluate()

    def _chain_tabs(self) -> None:
        chain = self._tab_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _tab_chain(self) -> list[QWidget]:
        """Every field in typing order, then the buttons."""
        return [*self._fields(), self.add_line_button, self.clear_button, self.post_button]

    def _fields(self) -> list[QWidget]:
        out: list[QWidget] = [self.date, self.description]
        for row in self.rows:
            out.extend(row.fields())
        return out

    # --- the form's state -----------------------------------------------------------
    def clear(self) -> None:
        """An empty form with a fresh posting key; the date stays (same-day entries)."""
        self.page.clear()
        self.description.clear()
        old, self.rows = self.rows, []
        for row in old:
            row.dispose()
        for _n in range(START_LINES):
            self.add_row()
        self.description.setFocus()
        self.evaluate()

    def ask_clear(self) -> bool:
        """Clear form / Esc: something typed is thrown away only once she agrees."""
        if not self.is_blank() and not confirm(
                self, _("Entry not posted"),
                _("The entry you are typing has not been posted. It will be cleared."),
                yes=_("Clear it"), no=_("Keep typing")):
            return False
        self.clear()
        return True

    def _edited(self, _text: str = "") -> None:
        self.page.edited()
        self.evaluate()

    def _finished(self, row: LineRow, name: str) -> None:
        """Leaving a field: show what was understood (canonical account, formatted amount)."""
        if row not in self.rows:
            return
        understood = self.page.form.understood(name, row.read())
        if understood is not None:
            row.field(name).setText(understood)
        self.evaluate()

    def evaluate(self) -> EntryState:
        """Re-read the form and show totals, red cells, the status and the Post button."""
        inputs = [r.read() for r in self.rows]
        state = self.page.evaluate(inputs, self.description.text(), self.date.text())
        self.state = state
        self._show_totals(state)
        visible: list[str] = []
        for index, row in enumerate(self.rows):
            errors = state.rows[index].errors if index < len(state.rows) else {}
            for name in FIELDS:
                problem = errors.get(name)
                shown = problem is not None and not row.field(name).hasFocus()
                row.mark(name, message(problem) if shown and problem else None)
                if shown and problem is not None:
                    visible.append(located(index, name, problem))
        problem = self.date.problem()
        if problem is not None and not self.date.hasFocus():  # red once left, as the cells
            visible.insert(0, message(problem))
        self.post_button.setEnabled(state.can_post)
        self._show(self.page.status(state, visible))
        return state

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def _show_totals(self, state: EntryState) -> None:
        labels = (self.debit_total, self.credit_total, self.difference_label)
        for label, text in zip(labels, totals_texts(state), strict=True):
            label.setText(text)
        self.difference_label.setStyleSheet(f"color: {BALANCE_COLORS[balance_kind(state)]};")

    # --- posting --------------------------------------------------------------------
    def post(self) -> bool:
        """Post the entry if it can be; say why not otherwise. True when posted."""
        self.evaluate()
        outcome = self.page.post([r.read() for r in self.rows], self.description.text(),
                                 self.date.text())
        if not outcome.ok:
            self._show(outcome)
            return False
        self.clear()  # the status keeps the book's answer: "Posted: <number>"
        assert self.page.last is not None
        self.posted.emit(self.page.last.label)
        return True

    # --- keyboard -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.date and event.type() == QEvent.Type.FocusOut:
            self.evaluate()  # a date left half-typed is now a mistake to show
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        row = self._row_of(watched)
        if key in ENTER_KEYS and ctrl:
            if row is not None:
                row.hide_popups()
            self.post()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and row is not None and row.hide_popups():
            # The open suggestion list normally takes Tab itself; a Tab that reaches the
            # field anyway closes the list and moves on, always to the next field.
            assert isinstance(watched, QWidget)
            backwards = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self._step(watched, -1 if backwards else 1)
            return True
        if key in ENTER_KEYS and row is not None and row.hide_popups():
            assert isinstance(watched, QWidget)
            self._enter(watched)
            return True
        if key in ENTER_KEYS and isinstance(watched, DateField):
            self._enter(watched)
            return True
        if key == Qt.Key.Key_Delete and ctrl and row is not None:
            self.remove_row(self.rows.index(row))
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row is not None and not ctrl:
            if self._move_vertically(row, watched, -1 if key == Qt.Key.Key_Up else 1):
                return True
        return super().eventFilter(watched, event)

    def _row_of(self, widget: QObject) -> LineRow | None:
        return next((row for row in self.rows if widget in row.fields()), None)

    def _move_vertically(self, row: LineRow, widget: QObject, step: int) -> bool:
        """Up/Down go to the same field of the line above or below (popups keep theirs)."""
        if not isinstance(widget, QLineEdit):
            return False
        completer = widget.completer()
        if completer is not None and completer.popup().isVisible():
            return False
        target = self.rows.index(row) + step
        if not 0 <= target < len(self.rows):
            return False
        column = row.fields().index(widget)
        self.rows[target].fields()[column].setFocus()
        return True

    def _enter(self, widget: QWidget) -> None:
        """Enter moves on like Tab; on the very last field it opens a new line."""
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            self.post()
            return
        fields = self._fields()
        if widget is fields[-1]:
            self.add_row(focus=True)
            return
        self._step(widget, 1)

    def _step(self, widget: QWidget, step: int) -> None:
        """Focus the field before or after ``widget`` (past the last: the buttons)."""
        chain = self._tab_chain()
        if widget not in chain:
            return
        target = chain.index(widget) + step
        if 0 <= target < len(chain):
            reason = (Qt.FocusReason.TabFocusReason if step > 0
                      else Qt.FocusReason.BacktabFocusReason)
            chain[target].setFocus(reason)
