"""The cashier's choice of operation and product, by single keys.

When it has the focus (it takes it as soon as a member is chosen) a letter
picks the operation (S Setor, T Tarik, P Pindah buku, K Keluar in Indonesian;
the underlined letter of each button) and a number picks the savings product
(1 Pokok, 2 Wajib, ...). Each button shows its key, and can also be clicked.
Enter or Tab goes on to the amount, Esc starts over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QLabel, QPushButton, QWidget

from kasir.i18n import _
from ui.presenters.cashier_presenter import (
    OPERATION_LABELS,
    OPERATIONS,
    key_of,
    operation_keys,
)

BUTTON = ("QPushButton { padding: 4px 10px; min-height: 22px; }"
          " QPushButton:checked { background: #1565c0; color: white; border: 1px solid #0d47a1;"
          " border-radius: 3px; }"
          " QPushButton:disabled { color: #9e9e9e; }")
FRAME = ("QFrame#operationPad { border: 1px solid #d5dde8; border-radius: 4px; }"
         " QFrame#operationPad[focused=\"true\"] { border: 2px solid #ffb300;"
         " background: #fffdf5; }")


class OperationPad(QFrame):
    operation_chosen = Signal(str)
    product_chosen = Signal(int)  # 1-based digit
    advance = Signal()
    cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operationPad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(FRAME)
        self.setProperty("focused", False)
        self.keys = operation_keys()
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.addWidget(QLabel(_("Operation"), self), 0, 0)
        self.operation_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for col, op in enumerate(OPERATIONS, start=1):
            # the key printed on the button, like the products' numbers; no Alt+key
            # mnemonic, which would collide with the menus (Alt+P is the Period menu)
            label = _(OPERATION_LABELS[op])
            button = QPushButton(f"{key_of(label).upper()}  {label.replace('&', '')}", self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(BUTTON)
            button.clicked.connect(lambda _c=False, o=op: self.operation_chosen.emit(o))
            group.addButton(button)
            grid.addWidget(button, 0, col)
            self.operation_buttons[op] = button
        self.product_label = QLabel(_("Savings"), self)
        grid.addWidget(self.product_label, 1, 0)
        self.product_buttons: list[QPushButton] = []
        self._grid = grid
        grid.setColumnStretch(len(OPERATIONS) + 1, 1)

    def withhold(self, operation: str) -> None:
        """An operation her role may not do: neither its button nor its key is offered
        (the service would refuse it anyway)."""
        button = self.operation_buttons.get(operation)
        if button is not None:
            button.setVisible(False)
        self.keys = {k: op for k, op in self.keys.items() if op != operation}

    def set_products(self, names: list[str]) -> None:
        """One button per product, numbered from 1 in the order given."""
        if names == [b.property("product_name") for b in self.product_buttons]:
            return
        for button in self.product_buttons:
            self._grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.product_buttons = []
        for n, name in enumerate(names, start=1):
            button = QPushButton(f"{n}  {name}", self)
            button.setProperty("product_name", name)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(BUTTON)
            button.clicked.connect(lambda _c=False, d=n: self.product_chosen.emit(d))
            self._grid.addWidget(button, 1, n)
            self.product_buttons.append(button)

    def show_choice(self, operation: str | None, chosen: list[int], allowed: list[bool],
                    product_title: str) -> None:
        for op, button in self.operation_buttons.items():
            button.setChecked(op == operation)
        self.product_label.setText(product_title)
        for n, button in enumerate(self.product_buttons, start=1):
            button.setChecked(n in chosen)
            button.setEnabled(allowed[n - 1] if n - 1 < len(allowed) else False)

    # --- keys ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        text = event.text().lower()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                         | Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance.emit()
        elif key == Qt.Key.Key_Escape:
            self.cancel.emit()
        elif plain and text in self.keys:
            self.operation_chosen.emit(self.keys[text])
        elif plain and text.isdigit() and text != "0":
            self.product_chosen.emit(int(text))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._restyle(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._restyle(False)

    def _restyle(self, focused: bool) -> None:
        self.setProperty("focused", focused)
        self.style().unpolish(self)
        self.style().polish(self)
