"""One real modal dialog, driven as a user would (the others are reached through ``ask``)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.dialogs.reverse_dialog import ReverseDialog


@pytest.mark.allow_modal
def test_the_reverse_dialog_needs_a_reason_and_returns_it(qtbot):
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReverseDialog)
        assert not dialog.accept_button.isEnabled()
        assert dialog.accept_button.text() == "Balik"
        qtbot.keyClicks(dialog.reason, "Salah akun")
        dialog.accept_button.click()

    QTimer.singleShot(0, fill)
    reason, day = ReverseDialog.ask(None, "2026/000007", "Biaya fotokopi",
                                    dt.date(2026, 11, 20))
    assert reason == "Salah akun" and day == dt.date(2026, 11, 20)
