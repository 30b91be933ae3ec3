"""The main window: one book, its pages, and the File / Language / Period menus.

The cashier comes first (the treasurer's everyday work: deposits and their
receipts, members, the group meeting (Ctrl+G) and financing (Ctrl+F), the daily
cash count), then the month's profit sharing and the board's bonus on wadiah
savings, the bookkeeping pages after, the import of old records, the audit trail
and the settings last; Ctrl+1 to Ctrl+9 reach the other pages from the keyboard in
that order, Ctrl+B the wadiah bonus, Ctrl+I the import, Ctrl+U the audit trail and
Ctrl+0 the settings. While a file is imported the rest of the
window is locked.

Everything visible is built by ``rebuild`` from the current language, so a
language switch simply builds the pages again. That clears the entry form, as
do opening another book and quitting: a half-typed entry is only thrown away
after the user says so. The window's own calls on the book (its title, closing
and reopening a month) go through presenters; it only asks and shows. Backups
(the File menu's entries, the status line, the hourly daily copy, the copy on
closing) are ``ui.dialogs.backup_actions``'s; the book's lock is released with it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QTabWidget, QWidget

from kasir import i18n
from kasir.book import Book
from kasir.i18n import _
from kasir.users.permissions import Permission
from ui import prefs, waiting
from ui.dialogs import book_actions
from ui.dialogs.backup_actions import BackupActions
from ui.dialogs.check_dialog import CheckDialog
from ui.dialogs.period_actions import PeriodActions
from ui.dialogs.requests_dialog import RequestsDialog
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.presenters.book_presenter import close_book, window_title
from ui.presenters.check_presenter import CheckPresenter
from ui.presenters.period_presenter import PeriodPresenter
from ui.presenters.requests_presenter import RequestsPresenter
from ui.presenters.sign_in_presenter import Access, signed_in_text
from ui.user import current_actor
from ui.views.access import SignedOutPage, apply_access
from ui.views.audit_view import AuditView
from ui.views.cash_count_view import CashCountView
from ui.views.cashier_view import CashierView
from ui.views.chart_view import ChartView
from ui.views.entry_view import EntryView
from ui.views.financing_view import FinancingView
from ui.views.import_view import ImportView
from ui.views.journal_view import JournalView
from ui.views.meeting_view import MeetingView
from ui.views.members_view import MembersView
from ui.views.profit_share_view import ProfitShareView
from ui.views.receipts_view import ReceiptsView
from ui.views.settings_view import SettingsView
from ui.views.trial_balance_view import TrialBalanceView
from ui.views.wadiah_bonus_view import WadiahBonusView
from ui.widgets.idle import IdleWatch
from ui.widgets.messages import confirm

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # each in its own language


def apply_locale(lang: str) -> None:
    """Qt's own formatting (calendar popups) follows the chosen language."""
    if lang == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


class MainWindow(QMainWindow):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        waiting.attach(self, book)  # on a shared book: "waiting for another computer"
        self.tabs: QTabWidget | None = None
        self.busy = False
        self.backups = BackupActions(self, self)  # status line, hourly daily copy, menu
        self.period_actions = PeriodActions(self)  # the Period menu
        self.idle = IdleWatch(self)  # signs out after the book's idle time
        self.idle.idle.connect(self.sign_out)
        self.resize(1100, 720)
        prefs.remember_book(book)
        self.rebuild()

    # --- building -----------------------------------------------------------------
    def rebuild(self) -> None:
        """Build menus and pages in the current language, keeping the page shown."""
        index = self.tabs.currentIndex() if self.tabs is not None else 0
        self.access = Access(self.book, current_actor())
        if not self.access.signed_in:
            self._build_signed_out()
            return
        self.periods = PeriodPresenter(self.book, current_actor())
        self.setWindowTitle(self._title())
        self.cashier_view = CashierView(self.book)
        self.receipts_view = ReceiptsView(self.book)
        self.members_view = MembersView(self.book)
        self.meeting_view = MeetingView(self.book)
        self.financing_view = FinancingView(self.book)
        self.cash_view = CashCountView(self.book)
        self.profit_share_view = ProfitShareView(self.book)
        self.wadiah_bonus_view = WadiahBonusView(self.book)
        self.settings_view = SettingsView(self.book)
        self.chart_view = ChartView(self.book)
        self.entry_view = EntryView(self.book)
        self.journal_view = JournalView(self.book)
        self.trial_balance_view = TrialBalanceView(self.book)
        self.import_view = ImportView(self.book)
        self.audit_view = AuditView(self.book)
        tabs = QTabWidget(self)
        tabs.setDocumentMode(True)
        tabs.setUsesScrollButtons(True)
        pages = [(self.cashier_view, _("Cashier")),
                 (self.receipts_view, _("Receipts")),
                 (self.members_view, _("Members")),
                 (self.meeting_view, _("Group meeting")),
                 (self.financing_view, _("Financing")),
                 (self.cash_view, _("Daily cash")),
                 (self.profit_share_view, _("Profit sharing")),
                 (self.wadiah_bonus_view, _("Wadiah bonus")),
                 (self.entry_view, _("Journal Entry")),
                 (self.journal_view, _("Journal")),
                 (self.trial_balance_view, _("Trial Balance")),
                 (self.chart_view, _("Chart of Accounts")),
                 (self.import_view, _("Import")),
                 (self.audit_view, _("Audit Trail")),
                 (self.settings_view, _("Settings"))]
        self.page_count = len(pages)
        self.page_keys = ([f"Ctrl+{n}" for n in range(1, 4)] + ["Ctrl+G", "Ctrl+F"]
                          + [f"Ctrl+{n}" for n in range(4, 6)] + ["Ctrl+B"]
                          + [f"Ctrl+{n}" for n in range(6, 10)] + ["Ctrl+I", "Ctrl+U", "Ctrl+0"])
        self._build_menus()
        for number, (page, title) in enumerate(pages):
            tabs.addTab(page, title)
            tabs.setTabToolTip(number, self.page_keys[number])
        self.tabs = tabs
        self.setCentralWidget(tabs)  # the old pages are deleted by Qt
        tabs.setCurrentIndex(index)
        apply_access(self, tabs, self.access)  # what her role cannot do is not offered
        tabs.currentChanged.connect(self._page_shown)
        self.entry_view.posted.connect(lambda number: self.statusBar().showMessage(
            _("Posted: {number}").format(number=number), 8000))
        self.cashier_view.posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.cash_view.confirmed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for page in (self.meeting_view, self.financing_view):
            page.posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.members_view.to_cashier.connect(self.open_in_cashier)
        self.cashier_view.to_receipts.connect(self.open_receipts)
        self.receipts_view.cancelled.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.profit_share_view.posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.wadiah_bonus_view.posted.connect(
            lambda text: self.statusBar().showMessage(text, 8000))
        self.import_view.imported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.import_view.busy.connect(self.set_busy)
        self.settings_view.coop_saved.connect(lambda: self.setWindowTitle(self._title()))
        self._build_status_bar()
        ms = self.access.idle_ms()
        if ms:
            self.idle.start(ms)
        else:
            self.idle.stop()

    def _title(self) -> str:
        return window_title(self.book)

    def _action(self, text: str, slot, shortcut: str | QKeySequence | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        for action in list(self.actions()):
            self.removeAction(action)
        files = bar.addMenu(_("&File"))
        files.addAction(self._action(_("&New book…"), self.new_book, QKeySequence.StandardKey.New))
        files.addAction(self._action(_("&Open book…"), self.open_book,
                                     QKeySequence.StandardKey.Open))
        files.addAction(self._action(_("Open the &demo book"), self.open_demo))
        files.addSeparator()
        files.addAction(self._action(_("&Back up now…"), self.backups.back_up_now))
        files.addAction(self._action(_("&Restore from a backup…"), self.backups.restore))
        files.addAction(self._action(_("Bac&kups…"), self.backups.show_dialog))
        files.addAction(self._action(_("&Check the book…"), self.check_book))
        files.addSeparator()
        if not self.access.open:
            files.addAction(self._action(_("Sign &out"), self.sign_out, "Ctrl+L"))
        files.addAction(self._action(_("&Quit"), self.close, "Ctrl+Q"))

        languages = bar.addMenu(_("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = self._action(name, lambda _c=False, lang=code: self.set_language(lang))
            action.setCheckable(True)
            action.setChecked(i18n.language() == code)
            group.addAction(action)
            languages.addAction(action)
            self.language_actions[code] = action

        period = bar.addMenu(_("&Period"))
        for text, slot, permission in (
                (_("&Close a month…"), self.period_actions.close_month,
                 Permission.CLOSE_MONTH),
                (_("&Reopen a month…"), self.period_actions.reopen_month,
                 Permission.REOPEN_MONTH),
                (_("&Print a closing sheet…"), self.period_actions.ask_closing_sheet,
                 Permission.READ)):
            action = self._action(text, slot)
            action.setEnabled(self.access.may(permission))
            period.addAction(action)
        if self.access.signed_in and not self.access.open:  # maker-checker needs users
            bar.addMenu(_("Re&quests")).addAction(
                self._action(_("&Requests waiting for approval…"), self.show_requests))

        for number, keys in enumerate(self.page_keys[:self.page_count]):
            self.addAction(self._action(f"page {number + 1}",
                                        lambda _c=False, n=number: self.show_page(n), keys))

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        if getattr(self, "_book_label", None) is not None:
            status.removeWidget(self._book_label)
            self._book_label.deleteLater()
        self._book_label = QLabel(_("Book: {location}").format(location=self.book.label))
        status.addPermanentWidget(self._book_label)
        if getattr(self, "user_label", None) is not None:
            status.removeWidget(self.user_label)
            self.user_label.deleteLater()
        self.user_label = QLabel(signed_in_text(self.access.actor)
                                 if self.access.signed_in else _("Not signed in"))
        self.user_label.setObjectName("signedInUser")
        status.addPermanentWidget(self.user_label)
        self.backups.refresh()

    # --- pages ----------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if self.tabs is not None and self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def open_in_cashier(self, number: str) -> None:
        """From a member's page to the cashier, with her card shown and the pad ready."""
        self.show_page(self.tabs.indexOf(self.cashier_view) if self.tabs else 0)
        self.cashier_view.show_member(number)

    def open_receipts(self, receipt_id: int = 0) -> None:
        """From the cashier to the receipts list, her last receipt highlighted."""
        self.show_page(self.tabs.indexOf(self.receipts_view) if self.tabs else 1)
        if receipt_id:
            self.receipts_view.show_receipt(receipt_id)
        else:
            self.receipts_view.focus_search()

    def set_busy(self, busy: bool) -> None:
        """While a file is imported nothing else may write: pages, menus and keys wait."""
        self.busy = busy
        self.menuBar().setEnabled(not busy)
        for action in self.actions():
            action.setEnabled(not busy)
        if self.tabs is not None:
            self.tabs.tabBar().setEnabled(not busy)

    def refresh_page(self) -> None:
        """The page shown reads the book again (after a month closed, a request carried out)."""
        self._page_shown(self.tabs.currentIndex() if self.tabs else 0)

    def _page_shown(self, index: int) -> None:
        """Pages read the book again when shown: another page may have posted meanwhile."""
        page = self.tabs.widget(index) if self.tabs is not None else None
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()

    def may_discard_entry(self) -> bool:
        """True when nothing is typed in the entry form, or the user agrees to lose it."""
        if self.tabs is None or self.entry_view.is_blank():  # signed out: no form
            return True
        return confirm(self, _("Entry not posted"),
                       _("The entry you are typing has not been posted. It will be cleared."),
                       yes=_("Clear it"), no=_("Keep typing"))

    # --- signing in and out ------------------------------------------------------------
    def _build_signed_out(self) -> None:
        """Nobody signed in to a book with users: nothing of it shown, the way back in."""
        self.idle.stop()
        self.setWindowTitle(self._title())
        self.page_count, self.page_keys = 0, []
        self._build_menus()
        page = SignedOutPage(self.book.label, self)
        page.sign_in.connect(self.sign_in_again)
        self.tabs = None
        self.setCentralWidget(page)
        self._build_status_bar()

    def sign_out(self) -> None:
        """After the idle time (or File > Sign out): forget who worked, then ask again. A
        half-typed entry is lost: a signed-in window left alone is worse."""
        if self.busy or self.access.open:
            return
        modal = QApplication.activeModalWidget()
        if modal is not None:  # a dialog left open: closed first, its page kept until then
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()
            QTimer.singleShot(0, self, self.sign_out)  # once its own loop has returned
            return
        self.access.sign_out()
        self.rebuild()
        QTimer.singleShot(0, self, self.sign_in_again)  # gone with the window

    def check_book(self) -> None:
        """The whole ``verify``, with the seals and backups the checker brought."""
        CheckDialog(CheckPresenter(self.book), self).exec()

    def show_requests(self) -> None:
        RequestsDialog.show_requests(RequestsPresenter(self.book, current_actor()), self)
        self.refresh_page()

    def sign_in_again(self) -> None:
        if not self.access.signed_in and SignInDialog.sign_in(self.book, self):
            self.rebuild()

    # --- language -------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch language now and for the next start."""
        if lang == i18n.language():
            return
        if not self.may_discard_entry():
            self.language_actions[i18n.language()].setChecked(True)
            return
        i18n.set_language(lang)
        prefs.save_language(lang)
        apply_locale(lang)
        self.rebuild()

    # --- books ----------------------------------------------------------------------
    def set_book(self, book: Book) -> None:
        if book is not self.book and not SignInDialog.sign_in(book, self):
            close_book(book)  # nobody signed in to it: the book shown stays
            return
        old, self.book = self.book, book
        waiting.attach(self, book)
        prefs.remember_book(book)
        self.rebuild()
        if old is not book:
            if old.path != book.path:
                self.backups.closing(old)
            close_book(old)

    def new_book(self) -> None:
        if self.may_discard_entry():
            book = book_actions.create_new(self)
            if book is not None:
                self.set_book(book)

    def open_book(self) -> None:
        if self.may_discard_entry():
            book = book_actions.open_existing(self)
            if book is not None:
                self.set_book(book)

    def open_demo(self) -> None:
        if self.may_discard_entry():
            book = book_actions.open_demo(self)
            if book is not None:
                self.set_book(book)

    # --- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.busy or not self.may_discard_entry():
            event.ignore()
            return
        self.backups.stop()
        self.backups.closing()
        close_book(self.book)
        super().closeEvent(event)
