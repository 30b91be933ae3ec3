"""Fixtures for the window's tests: offscreen Qt, no stray dialogs, isolated settings.

``QT_QPA_PLATFORM`` is set before any QApplication exists so the suite runs
without a screen. Every modal dialog that a test did not patch fails the test
at once (a real modal loop would hang it), unless the test is marked
``allow_modal``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox  # noqa: E402


@pytest.fixture(autouse=True)
def no_unexpected_modals(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("allow_modal"):
        return

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, boom)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, boom)
    for name in ("getText", "getInt", "getItem", "getDouble"):
        monkeypatch.setattr(QInputDialog, name, boom)
    monkeypatch.setattr(QDialog, "exec", boom)  # QMessageBox.exec is QDialog.exec


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[Path]:
    """QSettings caches its folder per process; point it at this test's folder.
    Qt's default locale is process-wide too: back to Indonesian after each test."""
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    from ui.main_window import apply_locale

    apply_locale("id")
