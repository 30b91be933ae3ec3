"""The window's last resort (``ui.crash``): an exception that escapes a slot or a key
handler is shown in a message box in plain words, written to a log file that the box
names, and the window keeps running."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from kasir import i18n
from ui import app, crash

pytestmark = pytest.mark.allow_modal


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")  # the shared fixture puts Indonesian back afterwards


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """The message boxes shown (title, text), none of them waiting for a click; the
    log folder in this test's own folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    shown: list[tuple[str, str]] = []

    def record(self: QDialog) -> int:
        shown.append((self.windowTitle(), self.text()))  # type: ignore[attr-defined]
        return 0

    monkeypatch.setattr(QDialog, "exec", record)
    crash.install(QApplication.instance())  # type: ignore[arg-type]
    return shown


def logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "state").rglob("kasir-*.log"))


def test_an_exception_in_a_slot_is_shown_and_logged(qtbot, boxes, tmp_path):
    button = QPushButton("Simpan")
    qtbot.addWidget(button)

    def save() -> None:
        raise RuntimeError("tombol rusak")

    button.clicked.connect(save)
    QTimer.singleShot(0, button.click)
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    [(title, text)] = boxes
    [log] = logs(tmp_path)
    assert title == "Unexpected problem"
    assert "RuntimeError: tombol rusak" in text and str(log) in text
    assert "the book is safe" in text and "Traceback" not in text
    assert "Traceback" in log.read_text("utf-8") and "def save" not in text
    assert QApplication.overrideCursor() is None


def test_an_exception_in_a_key_handler_is_shown_and_the_window_goes_on(qtbot, boxes,
                                                                        tmp_path):
    class Field(QLineEdit):
        def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt's name)
            if event.key() == Qt.Key.Key_F9:
                raise ValueError("kunci F9")
            super().keyPressEvent(event)

    field = Field()
    qtbot.addWidget(field)
    field.show()
    QApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F9,
                                            Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    assert "ValueError: kunci F9" in boxes[0][1] and len(logs(tmp_path)) == 1
    qtbot.keyClicks(field, "ok")  # still alive and typing
    assert field.text() == "ok"


def test_a_second_failure_while_the_box_is_open_is_only_logged(qtbot, boxes, tmp_path):
    handler = crash.install(QApplication.instance())  # type: ignore[arg-type]
    handler.showing = True  # as if a box were open
    try:
        sys.excepthook(RuntimeError, RuntimeError("lagi"), None)
    finally:
        handler.showing = False
    assert boxes == [] and len(logs(tmp_path)) == 1


def test_main_installs_the_handler(qtbot, monkeypatch):
    monkeypatch.setattr(app, "first_book", lambda location=None: None)
    assert app.main([]) == 0
    assert isinstance(getattr(sys.excepthook, "__self__", None), crash.CrashHandler)


def test_a_refusal_no_screen_caught_is_shown_as_its_own_sentence(qtbot, boxes, tmp_path):
    from kasir.errors import BookInUse
    from kasir.sqlite_file import BOOK_IN_USE

    def refresh() -> None:
        raise BookInUse(BOOK_IN_USE, path="/data/buku.kasir", seconds=3)

    QTimer.singleShot(0, refresh)
    qtbot.waitUntil(lambda: bool(boxes), timeout=3000)
    assert boxes[0][1].startswith("The book /data/buku.kasir is in use by another program")
    assert len(logs(tmp_path)) == 1
