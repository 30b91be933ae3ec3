"""The first thing a new user sees: make a book, open one, or look at the demo.

Three large buttons with a line of explanation each, because the first choice
should not need a manual. ``choose`` is the seam the application (and tests)
call; the buttons' slots can be driven directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from ui.dialogs import book_actions


class StartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book: Book | None = None
        self.setWindowTitle(_("Welcome to Kasir"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        title = QLabel(_("Welcome to Kasir"), self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(QLabel(_("What would you like to do?"), self))
        self.new_button = self._choice(layout, _("Create a new book"),
                                       _("Start the books of your cooperative from the "
                                         "beginning."), self.create_new)
        self.open_button = self._choice(layout, _("Open a book"),
                                        _("Choose a .kasir file on this computer."),
                                        self.open_existing)
        self.demo_button = self._choice(layout, _("Open the demo book"),
                                        _("Look around and try things out; nothing real is "
                                          "changed."), self.open_demo)
        layout.addSpacing(6)
        quit_button = QPushButton(_("Quit"), self)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(quit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.new_button.setFocus()

    def _choice(self, layout: QVBoxLayout, title: str, detail: str,
                slot: Callable[[], None]) -> QCommandLinkButton:
        """A large button: what it does in bold, one line of explanation below."""
        button = QCommandLinkButton(title, detail, self)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _done(self, book: Book | None) -> None:
        if book is not None:
            self.book = book
            self.accept()

    def create_new(self) -> None:
        self._done(book_actions.create_new(self))

    def open_existing(self) -> None:
        self._done(book_actions.open_existing(self))

    def open_demo(self) -> None:
        self._done(book_actions.open_demo(self))

    @classmethod
    def choose(cls, parent: QWidget | None = None) -> Book | None:
        """The book the user made or opened; None when they quit."""
        dialog = cls(parent)
        dialog.exec()
        return dialog.book
