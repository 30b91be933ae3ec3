"""Signing in to a book: a name, a password, and the one refusal for either being wrong.

The dialog stays open on a refusal, with the reason under the fields and the
password cleared, so a mistyped password costs one retype and nothing else. It
only asks: :mod:`ui.presenters.sign_in_presenter` calls the service and keeps
who signed in. A book with no users never shows it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kasir.i18n import _
from kasir.uow import Book
from ui.dialogs.buttons import button_box
from ui.presenters.sign_in_presenter import SignInPresenter
from ui.widgets.status import StatusLabel


class SignInDialog(QDialog):
    def __init__(self, presenter: SignInPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle(_("Sign in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Sign in to work in {book}.").format(book=presenter.book_name()),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("signInName")
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("User name"), self.name)
        form.addRow(_("Password"), self.password)
        layout.addLayout(form)
        self.status = StatusLabel(self)
        self.status.setObjectName("signInStatus")
        layout.addWidget(self.status)
        box, self.accept_button = button_box(self, _("Sign in"))
        box.accepted.disconnect()
        box.accepted.connect(self.try_sign_in)
        layout.addWidget(box)
        self.name.setFocus()

    def try_sign_in(self) -> None:
        """Ask the book; close when it said yes, say why not and stay open otherwise."""
        outcome = self.presenter.sign_in(self.name.text(), self.password.text())
        if outcome.ok:
            self.accept()
            return
        self.status.show_message(outcome.text, outcome.kind)
        self.password.clear()
        (self.password if self.name.text().strip() else self.name).setFocus()

    @classmethod
    def sign_in(cls, book: Book, parent: QWidget | None = None) -> bool:
        """True once someone signed in (or at once for a book with no users); False when
        the user gave up."""
        presenter = SignInPresenter(book)
        if not presenter.needed():
            presenter.enter_open_book()
            return True
        dialog = cls(presenter, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
