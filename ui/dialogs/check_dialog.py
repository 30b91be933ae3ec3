"""File → Check the book: the whole ``verify``, with the seals and backups the checker holds.

The book's seal as it stands is shown large enough to copy onto a visit report; below,
the facilitator types the seals written on her papers (one per line) or adds a backup
file, and "Check" says in one line whether the book is sound and still holds each of
those histories, then lists every finding. ``AnchorFilePicker.ask`` is the seam tests
patch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from ui.presenters.check_presenter import CheckPresenter
from ui.widgets.status import StatusLabel


class AnchorFilePicker:
    """A backup file whose history the book must still hold."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(
            parent, _("A backup to check against"), "",
            _("Kasir books (*.kasir)") + ";;" + _("All files (*)"))
        return Path(path) if path else None


class CheckDialog(QDialog):
    def __init__(self, presenter: CheckPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle(_("Check the book"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The seal of the book as it stands (write it down to check "
                                  "later that nothing was changed or removed):"), self))
        seal_row = QHBoxLayout()
        self.seal = QLabel(presenter.seal_text(), self)
        self.seal.setObjectName("bookSeal")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.seal.setFont(font)
        self.seal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        seal_row.addWidget(self.seal, 1)
        copy = QPushButton(_("Copy"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.seal.text()))
        seal_row.addWidget(copy)
        layout.addLayout(seal_row)
        hint = QLabel(_("Seals from papers (one per line, like K7Q2-9XMD-4T /1234) or backup "
                        "files the book must still hold:"), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.anchors = QPlainTextEdit(self)
        self.anchors.setObjectName("anchors")
        self.anchors.setMaximumHeight(90)
        self.anchors.setTabChangesFocus(True)
        layout.addWidget(self.anchors)
        buttons = QHBoxLayout()
        add_file = QPushButton(_("Add a backup file…"), self)
        add_file.clicked.connect(self.add_backup)
        self.check_button = QPushButton(_("Check"), self)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        buttons.addWidget(add_file)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        layout.addLayout(buttons)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        self.findings = QListWidget(self)
        self.findings.setWordWrap(True)
        self.findings.setVisible(False)
        layout.addWidget(self.findings, 1)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        last = QHBoxLayout()
        last.addStretch(1)
        last.addWidget(close)
        layout.addLayout(last)

    def add_backup(self) -> None:
        path = AnchorFilePicker.ask(self)
        if path is not None:
            text = self.anchors.toPlainText().rstrip("\n")
            self.anchors.setPlainText(f"{text}\n{path}" if text else str(path))

    def check(self) -> None:
        self.status.show_message(_("Checking the whole book…"), "plain")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            result = self.presenter.check(self.anchors.toPlainText())
        finally:
            QApplication.restoreOverrideCursor()
        self.status.show_message(result.summary, "ok" if result.sound else "error")
        self.findings.clear()
        self.findings.addItems(result.findings)
        self.findings.setVisible(bool(result.findings))
