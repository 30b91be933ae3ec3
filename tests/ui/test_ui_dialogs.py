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


@pytest.mark.allow_modal
def test_the_exit_dialog_does_not_pay_out_on_enter(qtbot, members_book):
    """Cancel is the default: Enter alone (the cashier's Enter pressed once more) pays
    nothing out; only the pay-out button itself does."""
    from PySide6.QtCore import Qt

    from kasir.savings import service as savings
    from ui.dialogs.exit_dialog import ExitDialog

    page = savings.member_page(members_book, "A-002", dt.date(2026, 11, 20))
    seen = []

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ExitDialog)
            seen.append(dialog.accept_button.isDefault())
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
        finally:  # whatever happened, the modal loop ends: a failure, never a hang
            if dialog is not None and dialog.isVisible():
                seen.append("still open")
                dialog.reject()

    QTimer.singleShot(0, press_enter)
    assert ExitDialog.ask(page, dt.date(2026, 11, 20)) is None
    assert seen == [False]  # Cancel is the default; Enter closed the dialog

    def pay_out() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExitDialog)
        dialog.accept_button.click()

    QTimer.singleShot(0, pay_out)
    assert ExitDialog.ask(page, dt.date(2026, 11, 20)) == "cash"
