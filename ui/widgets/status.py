"""A one-line message under a form: green when done, red when refused, grey for hints.

Messages stay on the form rather than in a pop-up, so the treasurer can read
them while fixing the entry and no dialog interrupts typing. A refusal belongs to
the moment it was made: when its page is left (another tab shown), the red line
goes, so coming back never shows an old refusal as if it were about what is on
screen now. What was done (green) and hints stay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QWidget

COLORS = {"ok": "#1b5e20", "error": "#b71c1c", "hint": "#5f4b00", "plain": "#333333"}
BACKGROUNDS = {"ok": "#e8f5e9", "error": "#fdecea", "hint": "#fff8e1", "plain": "transparent"}


class StatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = "plain"
        self.show_message("", "plain")

    def show_message(self, text: str, kind: str = "plain") -> None:
        """Show ``text`` styled by ``kind``: ok, error, hint or plain."""
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ color: {COLORS[kind]}; background: {BACKGROUNDS[kind]};"
                           f" border-radius: 3px; padding: 6px 8px; }}")
        self.setVisible(bool(text))  # no empty band above the tables

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Its page hidden (not the window minimised): a refusal is forgotten."""
        super().hideEvent(event)
        if not event.spontaneous() and self.kind == "error":
            self.show_message("", "plain")
