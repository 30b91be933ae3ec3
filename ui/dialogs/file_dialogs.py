"""Choosing a file with the system's own dialog.

``ask`` is the seam tests patch: the suite never opens a real file dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from kasir.i18n import _


class EventFilePicker:
    """The business-event file (``*.jsonl``) to import."""

    @classmethod
    def ask(cls, parent: QWidget | None = None, folder: str = "") -> Path | None:
        """The chosen file, or None when the treasurer closes the dialog."""
        path, _filter = QFileDialog.getOpenFileName(
            parent, _("Choose the event file to import"), folder,
            _("Event files (*.jsonl)") + ";;" + _("All files (*)"))
        return Path(path) if path else None
