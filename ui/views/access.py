"""What the window shows a signed-in role, and the page shown while nobody is signed in.

The services refuse what a role may not do (``kasir.users.permissions``); the
window only spares her the refusal by hiding what she could not use. Which
control needs which permission is said here once, by the page's and the
control's attribute names on the main window; who holds a permission is asked of
``Access.may``, never copied. Pages whose whole purpose is a write she may not
make are hidden (their Ctrl+N key with them); on the pages she may read, the
buttons that would write are hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kasir.i18n import _
from kasir.users.permissions import Permission
from ui.presenters.sign_in_presenter import Access

PAGES: dict[str, Permission] = {
    "cashier_view": Permission.CASHIER,
    "meeting_view": Permission.CASHIER,
    "wadiah_bonus_view": Permission.PROFIT_SHARE,
    "entry_view": Permission.JOURNAL,
    "import_view": Permission.IMPORT,
}
CONTROLS: dict[tuple[str, str], Permission] = {
    ("receipts_view", "cancel_button"): Permission.REVERSE,
    ("journal_view", "reverse_button"): Permission.REVERSE,
    ("members_view", "new_button"): Permission.REGISTER_MEMBER,
    ("financing_view", "new_button"): Permission.FINANCING,
    ("financing_view", "allowance_button"): Permission.FINANCING,
    ("cash_view", "confirm_button"): Permission.CASH_COUNT,
    ("profit_share_view", "post_button"): Permission.PROFIT_SHARE,
    ("settings_view", "save_coop_button"): Permission.SETTINGS,
}


def apply_access(window: object, tabs: QTabWidget, access: Access) -> None:
    """Hide the pages and the buttons of ``window`` that ``access`` may not use."""
    for name, permission in PAGES.items():
        page = getattr(window, name, None)
        if page is not None and not access.may(permission):
            tabs.setTabVisible(tabs.indexOf(page), False)
    for (page_name, control), permission in CONTROLS.items():
        widget = getattr(getattr(window, page_name, None), control, None)
        if isinstance(widget, QWidget) and not access.may(permission):
            widget.setVisible(False)
    pad = getattr(getattr(window, "cashier_view", None), "pad", None)
    if pad is not None and not access.may(Permission.MEMBER_EXIT):
        pad.withhold("exit")  # the cashier deposits and withdraws; a member's exit is the treasurer's
    if not tabs.isTabVisible(tabs.currentIndex()):
        visible = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
        if visible:
            tabs.setCurrentIndex(visible[0])


class SignedOutPage(QWidget):
    """What the window shows of a book with users while nobody is signed in: nothing of
    the book, and the way back in."""

    sign_in = Signal()

    def __init__(self, book_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        text = QLabel(_("{book}: nobody is signed in.").format(book=book_name), self)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.button = QPushButton(_("Sign in…"), self)
        self.button.setObjectName("signInAgain")
        self.button.clicked.connect(self.sign_in)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
