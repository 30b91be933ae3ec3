"""Showing a paper: the PDF opens in the system's own viewer, which also prints it.

Qt's PDF module is not shipped with Kasir (it is large and old laptops already
have a PDF reader), so the preview is the reader the treasurer knows. Tests
patch ``QDesktopServices.openUrl`` so no program is started.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_file(path: Path) -> bool:
    """Open ``path`` in the program the system uses for it; False when none would."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
