"""Looks and keys shared by the pages, so every page frames its figures and
answers Enter the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
RIGHT_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

PANEL_BG = "#f3f6fa"  # figures and totals
NOTE_BG = "#e8f1fb"  # a page's plain explanation
NOTE_BORDER = "#b6cde8"
PANEL_BORDER = "#d5dde8"
# the one button that posts: blue, and framed in amber when it has the keyboard
POST_STYLE = ("QPushButton:enabled { background: #1565c0; color: white; border: 1px solid #0d47a1;"
              " border-radius: 3px; padding: 3px 16px; min-height: 22px; }"
              " QPushButton:enabled:focus { border: 2px solid #ffb300; }")


def panel_style(name: str, bg: str = PANEL_BG, border: str = PANEL_BORDER) -> str:
    """Stylesheet of a framed panel whose object name is ``name``."""
    return f"#{name} {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
