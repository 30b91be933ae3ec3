"""Dialog buttons with our own words (Qt's OK/Cancel are not translated to Indonesian)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from kasir.i18n import _


def button_box(dialog: QDialog, accept_text: str,
               reject_text: str | None = None) -> tuple[QDialogButtonBox, QPushButton]:
    """An accept button saying what it does, and "Cancel"; returns (box, accept button)."""
    box = QDialogButtonBox(dialog)
    accept = box.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(reject_text or _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    accept.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, accept
