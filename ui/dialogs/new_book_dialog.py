"""Naming a new book and choosing where its file goes.

The place is filled in for the treasurer (Documents/Kasir/<name>.kasir, a folder
they can find and copy to a USB stick); "Choose…" opens the system's file
dialog for anyone who wants another place.
"""

from __future__ import annotations

import re
from pathlib import Path

from platformdirs import user_documents_dir
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book.files import BOOK_SUFFIX
from kasir.i18n import _
from ui.dialogs.buttons import button_box


def default_location(name: str) -> Path:
    slug = re.sub(r"[^0-9A-Za-z]+", "-", name).strip("-").lower() or "buku"
    return Path(user_documents_dir()) / "Kasir" / f"{slug}{BOOK_SUFFIX}"


def book_file_filter() -> str:
    return _("Kasir books (*.kasir)") + ";;" + _("All files (*)")


class NewBookDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New book"))
        self.setMinimumWidth(520)
        self._chosen = False
        layout = QVBoxLayout(self)
        intro = QLabel(_("A book holds all the accounts of one cooperative. It starts with the "
                         "standard chart of accounts."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. Koperasi Syariah Sukamaju"))
        self.location = QLineEdit(self)
        choose = QPushButton(_("Choose…"), self)
        choose.clicked.connect(self._choose)
        place = QHBoxLayout()
        place.addWidget(self.location, 1)
        place.addWidget(choose)
        form.addRow(_("Name of the cooperative"), self.name)
        form.addRow(_("File"), place)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Create book"))
        layout.addWidget(box)
        self.name.textChanged.connect(self._name_changed)
        self.location.textEdited.connect(lambda _t: setattr(self, "_chosen", True))
        self.location.textChanged.connect(self._update)
        self._name_changed("")

    def _name_changed(self, name: str) -> None:
        if not self._chosen:
            self.location.setText(str(default_location(name)))
        self._update()

    def _update(self) -> None:
        self.accept_button.setEnabled(bool(self.name.text().strip() and
                                           self.location.text().strip()))

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Where should the book be saved?"),
                                                    self.location.text(), book_file_filter())
        if path:
            self._chosen = True
            self.location.setText(path)

    def answer(self) -> tuple[str, Path]:
        path = Path(self.location.text().strip()).expanduser()
        if path.suffix != BOOK_SUFFIX:
            path = path.with_name(path.name + BOOK_SUFFIX)
        return self.name.text().strip(), path

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, Path] | None:
        """(cooperative name, file) when confirmed, None when cancelled."""
        dialog = cls(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None
