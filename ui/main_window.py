"""The main window: one book, its pages, and the File / Language / Period menus.

The cashier comes first (the treasurer's everyday work: deposits and their
receipts, members, the daily cash count), then the month's profit sharing and
the board's bonus on wadiah savings, the bookkeeping pages after, the import of
old records and the settings last; Ctrl+1 to Ctrl+9 reach the other pages from
the keyboard in that order, Ctrl+B the wadiah bonus, Ctrl+I the import and
Ctrl+0 the settings. While a file is imported the rest of the
window is locked.

Everything visible is built by ``rebuild`` from the current language, so a
language switch simply builds the pages again. That clears the entry form, as
do opening another book and quitting: a half-typed entry is only thrown away
after the user says so. The window's own calls on the book (its title, closing
and reopening a month) go through presenters; it only asks and shows.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from kasir import i18n
from kasir.book import Book
from kasir.i18n import _
from ui import prefs
from ui.dialogs import book_actions
from ui.dialogs.period_dialog import CloseMonthDialog, ReopenMonthDialog
from ui.presenters.book_presenter import window_title
from ui.presenters.outcome import Outcome
from ui.presenters.period_presenter import PeriodPresenter
from ui.user import current_actor
from ui.views.cash_count_view import CashCountView
from ui.views.cashier_view import CashierView
from ui.views.chart_view import ChartView
from ui.views.entry_view import EntryView
from ui.views.import_view import ImportView
from ui.views.journal_view import JournalView
from ui.views.members_view import MembersView
from ui.views.profit_share_view import ProfitShareView
from ui.views.receipts_view import ReceiptsView
from ui.views.settings_view import SettingsView
from ui.views.trial_balance_view import TrialBalanceView
from ui.views.wadiah_bonus_view import WadiahBonusView
from ui.widgets.messages import confirm, inform, warn

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
        self.tabs: QTabWidget | None = None
        self.busy = False
        self.resize(1100, 720)
        prefs.remember_book(book)
        self.rebuild()

    # --- building -----------------------------------------------------------------
    def rebuild(self) -> None:
        """Build menus and pages in the current language, keeping the page shown."""
        index = self.tabs.currentIndex() if self.tabs is not None else 0
        self.periods = PeriodPresenter(self.book, current_actor())
        self.setWindowTitle(self._title())
        self.cashier_view = CashierView(self.book)
        self.receipts_view = ReceiptsView(self.book)
        self.members_view = MembersView(self.book)
        self.cash_view = CashCountView(self.book)
        self.profit_share_view = ProfitShareView(self.book)
        self.wadiah_bonus_view = WadiahBonusView(self.book)
        self.settings_view = SettingsView(self.book)
        self.chart_view = ChartView(self.book)
        self.entry_view = EntryView(self.book)
        self.journal_view = JournalView(self.book)
        self.trial_balance_view = TrialBalanceView(self.book)
        self.import_view = ImportView(self.book)
        tabs = QTabWidget(self)
        tabs.setDocumentMode(True)
        tabs.setUsesScrollButtons(True)
        pages = [(self.cashier_view, _("Cashier")),
                 (self.receipts_view, _("Receipts")),
                 (self.members_view, _("Members")),
                 (self.cash_view, _("Daily cash")),
                 (self.profit_share_view, _("Profit sharing")),
                 (self.wadiah_bonus_view, _("Wadiah bonus")),
                 (self.entry_view, _("Journal Entry")),
                 (self.journal_view, _("Journal")),
                 (self.trial_balance_view, _("Trial Balance")),
                 (self.chart_view, _("Chart of Accounts")),
                 (self.import_view, _("Import")),
                 (self.settings_view, _("Settings"))]
        self.page_count = len(pages)
        self.page_keys = ([f"Ctrl+{n}" for n in range(1, 6)] + ["Ctrl+B"]
                          + [f"Ctrl+{n}" for n in range(6, 10)] + ["Ctrl+I", "Ctrl+0"])
        self._build_menus()
        for number, (page, title) in enumerate(pages):
            tabs.addTab(page, title)
            tabs.setTabToolTip(number, self.page_keys[number])
        self.tabs = tabs
        self.setCentralWidget(tabs)  # the old pages are deleted by Qt
        tabs.setCurrentIndex(index)
        tabs.currentChanged.connect(self._page_shown)
        self.entry_view.posted.connect(lambda number: self.statusBar().showMessage(
            _("Posted: {number}").format(number=number), 8000))
        self.cashier_view.posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.cash_view.confirmed.connect(lambda text: self.statusBar().showMessage(text, 8000))
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
        period.addAction(self._action(_("&Close a month…"), self.close_month))
        period.addAction(self._action(_("&Reopen a month…"), self.reopen_month))

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

    # --- pages ----------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if self.tabs is not None:
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

    def _page_shown(self, index: int) -> None:
        """Pages read the book again when shown: another page may have posted meanwhile."""
        page = self.tabs.widget(index) if self.tabs is not None else None
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()

    def may_discard_entry(self) -> bool:
        """True when nothing is typed in the entry form, or the user agrees to lose it."""
        if self.entry_view.is_blank():
            return True
        return confirm(self, _("Entry not posted"),
                       _("The entry you are typing has not been posted. It will be cleared."),
                       yes=_("Clear it"), no=_("Keep typing"))

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
        old, self.book = self.book, book
        prefs.remember_book(book)
        self.rebuild()
        if old is not book:
            old.close()

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

    # --- periods --------------------------------------------------------------------
    def close_month(self) -> None:
        answer = CloseMonthDialog.ask(self, self.periods.today())
        if answer is None:
            return
        year, month, note = answer
        outcome = self.periods.close(year, month, note)
        if not outcome.ok:
            warn(self, _("The month was not closed"), outcome.text)
            return
        self.statusBar().showMessage(outcome.text, 8000)
        self._page_shown(self.tabs.currentIndex() if self.tabs else 0)

    def reopen_month(self) -> None:
        closed = self.periods.reopen_choices()
        if isinstance(closed, Outcome):
            inform(self, _("Reopen a month"), closed.text)
            return
        answer = ReopenMonthDialog.ask(closed, self)
        if answer is None:
            return
        year, month, reason = answer
        outcome = self.periods.reopen(year, month, reason)
        if not outcome.ok:
            warn(self, _("The month was not reopened"), outcome.text)
            return
        self.statusBar().showMessage(outcome.text, 8000)
        self._page_shown(self.tabs.currentIndex() if self.tabs else 0)

    # --- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.busy or not self.may_discard_entry():
            event.ignore()
            return
        self.book.close()
        super().closeEvent(event)
