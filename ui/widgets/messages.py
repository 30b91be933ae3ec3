"""Message boxes with Indonesian buttons.

PySide6 ships no Indonesian translation for Qt's own buttons, so the static
``QMessageBox.warning`` would say "OK"/"Cancel" in English to a treasurer who
reads Indonesian. These helpers build the box with our own button texts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from kasir.i18n import _


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something went wrong; one translated OK button."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """Ask a yes/no question with buttons that say what they do."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
