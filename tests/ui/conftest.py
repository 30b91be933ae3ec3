"""Fixtures for the window's tests: offscreen Qt, no stray dialogs, isolated settings.

``QT_QPA_PLATFORM`` is set before any QApplication exists so the suite runs
without a screen. Every modal dialog that a test did not patch fails the test
at once (a real modal loop would hang it), unless the test is marked
``allow_modal``.
"""

from __future__ import annotations

import os
import threading

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
def restore_thread_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ui.app.main`` installs the window's last-resort handler (``ui.crash``); pytest-qt
    puts ``sys.excepthook`` back after each test, this puts back the threads' hook."""
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[Path]:
    """QSettings caches its folder per process; point it at this test's folder.
    Qt's default locale is process-wide too: back to Indonesian after each test."""
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    from ui.main_window import apply_locale

    apply_locale("id")


@pytest.fixture(autouse=True)
def papers_folder(isolated_qsettings: Path, tmp_path: Path) -> Path:
    """Receipts and passbooks go to this test's folder, never the user's Documents."""
    from ui import prefs

    folder = tmp_path / "kertas"
    prefs.save_papers_folder(folder)
    return folder


@pytest.fixture(autouse=True)
def opened_files(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """No PDF viewer is started: the files the screens ask to open are recorded."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[Path] = []

    def record(url: QUrl) -> bool:
        opened.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return opened


@pytest.fixture(scope="session")
def template_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new book made by the migrations; each test gets a copy (ten times quicker)."""
    from kasir.book import create_book

    path = tmp_path_factory.mktemp("template") / "template.kasir"
    create_book(path, name="Koperasi Uji").close()
    return path


@pytest.fixture
def book(book_location, template_book: Path):  # noqa: ANN001, ANN201
    """The shared fixture's fresh book; on SQLite a copy of the template."""
    import shutil

    from kasir.book import create_book, open_book

    if isinstance(book_location, Path):
        shutil.copy(template_book, book_location)
        b = open_book(book_location)
    else:
        b = create_book(book_location, name="Koperasi Uji")
    yield b
    b.close()
