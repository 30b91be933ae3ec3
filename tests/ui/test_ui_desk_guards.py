"""The cashier and the journal entry take amounts and dates as a treasurer means them:
"50,000" is refused, the amount shows in words before Enter, a large amount is asked
about once, and a date typed after Shift+Tab or a click is the date posted."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from factories import rp
from kasir.book import cooperative
from kasir.journal import service as journal
from kasir.savings import rules as savings_rules
from ui.views import cashier_view as cashier_module
from ui.views.cashier_view import CashierView
from ui.views.entry_view import EntryView
from ui.widgets.dates import BAD_STYLE, to_qdate

DAY = dt.date(2026, 11, 20)
MEANT = dt.date(2026, 10, 15)


def shown(qtbot, view: QWidget) -> None:
    qtbot.addWidget(view)
    view.resize(1024, 600)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()


@pytest.fixture
def cashier(qtbot, members_book):
    view = CashierView(members_book)
    shown(qtbot, view)
    view.day.setDate(to_qdate(DAY))
    view.search.setFocus()
    return view


@pytest.fixture
def asked(monkeypatch):
    """The large-amount question, answered from ``answers`` (True: post)."""
    questions: list[str] = []
    answers: list[bool] = []

    def confirm(parent, title, text, yes, no):  # noqa: ANN001, ANN202
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(cashier_module, "confirm", confirm)
    return questions, answers


def focused() -> QWidget:
    return QApplication.focusWidget()


def keys(qtbot, text: str = "", key: Qt.Key | None = None,
         mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Type where the cursor is, as the treasurer does."""
    if text:
        qtbot.keyClicks(focused(), text)
    if key is not None:
        qtbot.keyClick(focused(), key, mods)


def click(qtbot, widget: QWidget, at_end: bool = False) -> None:
    """A click into a field: at its right end (where a QDateEdit's year is) or its start."""
    x = widget.width() - 8 if at_end else 6
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(x, widget.height() // 2))


def dates_posted(book) -> list[dt.date]:
    return [row.date for row in journal.journal(book)]


def sukarela(book, number: str):
    with book.read_session() as s:
        return savings_rules.balance(s, number, "sukarela")


# --- amounts ---------------------------------------------------------------------------
def test_fifty_thousand_with_a_comma_is_refused_not_posted_as_fifty_rupiah(qtbot, cashier,
                                                                         members_book):
    before = len(journal.journal(members_book))
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "50,000")
    assert cashier.words.text() == ""                       # never "Lima puluh rupiah"
    keys(qtbot, key=Qt.Key.Key_Return)
    assert cashier.status.kind == "error" and "50.000?" in cashier.status.text()
    assert len(journal.journal(members_book)) == before
    assert focused() is cashier.amount
    cashier.amount.selectAll()
    keys(qtbot, "50.000")
    assert cashier.words.text() == "Lima puluh ribu rupiah"  # before Enter
    keys(qtbot, key=Qt.Key.Key_Return)
    assert cashier.status.kind == "ok" and sukarela(members_book, "A-001") == rp(50_000)
    assert cashier.words.text() == ""                       # the next one starts blank


def test_a_large_amount_is_asked_about_once_before_posting(qtbot, cashier, members_book,
                                                          asked):
    questions, answers = asked
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "50.000")                                   # under Rp5.000.000: not asked
    keys(qtbot, key=Qt.Key.Key_Return)
    assert questions == [] and cashier.status.kind == "ok"
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "50.000.000")                               # meant 50.000: three zeros more
    answers.append(False)
    keys(qtbot, key=Qt.Key.Key_Return)
    assert len(questions) == 1 and "Lima puluh juta rupiah" in questions[0]
    assert sukarela(members_book, "A-001") == rp(50_000)    # nothing posted
    assert cashier.status.kind == "hint" and focused() is cashier.amount
    assert cashier.amount.text() == "50.000.000"            # kept to be corrected
    answers.append(True)
    key, form = cashier.key, cashier.form
    keys(qtbot, key=Qt.Key.Key_Return)                      # asked again, and yes
    assert len(questions) == 2 and cashier.status.kind == "ok"
    assert sukarela(members_book, "A-001") == rp(50_050_000)
    cashier.key, cashier.form = key, form                   # a second Enter racing the first
    assert cashier.post()
    assert len(questions) == 2                              # not asked again, posted once
    assert sukarela(members_book, "A-001") == rp(50_050_000)


def test_the_threshold_is_set_on_the_settings_page_and_asked_at_the_desk(qtbot, cashier,
                                                                        members_book, asked):
    from ui.views.settings_view import SettingsView

    settings = SettingsView(members_book)
    qtbot.addWidget(settings)
    assert settings.confirm_above.text() == "5.000.000"
    settings.confirm_above.setText("100.000")
    assert settings.save_confirm_above()
    assert cooperative.confirm_above(members_book) == rp(100_000)
    assert settings.status.kind == "ok" and "Rp100.000" in settings.status.text()
    questions, answers = asked
    answers.append(True)
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "150.000", Qt.Key.Key_Return)
    assert len(questions) == 1 and sukarela(members_book, "A-001") == rp(150_000)


# --- dates ---------------------------------------------------------------------------------
def test_the_cashiers_date_keeps_what_was_typed_after_shift_tab_and_clicks(qtbot, cashier,
                                                                          members_book):
    keys(qtbot, key=Qt.Key.Key_Backtab, mods=Qt.KeyboardModifier.ShiftModifier)
    assert focused() is cashier.day
    keys(qtbot, "1510")                                     # half typed, then a click away
    click(qtbot, cashier.search)
    assert cashier.day.text() == "15/10/"                   # kept as typed, not put back
    assert cashier.day.styleSheet() == BAD_STYLE            # and red: it is no date yet
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "10.000", Qt.Key.Key_Return)
    assert cashier.status.kind == "error"                   # no day: nothing posted
    assert sukarela(members_book, "A-001") == rp(0)
    click(qtbot, cashier.day, at_end=True)                  # where QDateEdit dropped digits
    keys(qtbot, "15102026")
    assert cashier.day.text() == "15/10/2026" and cashier.day.styleSheet() == ""
    click(qtbot, cashier.amount)
    click(qtbot, cashier.day)                               # a click in, and out again
    click(qtbot, cashier.amount)
    assert cashier.day.text() == "15/10/2026"
    keys(qtbot, key=Qt.Key.Key_Return)
    assert cashier.status.kind == "ok"
    assert dates_posted(members_book)[0] == MEANT


def test_the_entrys_date_keeps_what_was_typed_after_shift_tab_and_clicks(qtbot, book):
    form = EntryView(book)
    shown(qtbot, form)
    form.date.setDate(to_qdate(DAY))
    form.description.setFocus()
    keys(qtbot, "Biaya fotokopi")
    keys(qtbot, key=Qt.Key.Key_Backtab, mods=Qt.KeyboardModifier.ShiftModifier)
    assert focused() is form.date
    keys(qtbot, "15102026")                                 # QDateEdit: went to the year
    assert form.date.text() == "15/10/2026"
    click(qtbot, form.description)
    click(qtbot, form.date, at_end=True)
    keys(qtbot, "1510")
    click(qtbot, form.description)                          # left half typed: red, refused
    assert form.date.styleSheet() == BAD_STYLE and form.status.kind == "error"
    click(qtbot, form.date)
    keys(qtbot, "15102026")
    click(qtbot, form.rows[0].account)
    for text in ("6202", "150.000"):
        keys(qtbot, text, Qt.Key.Key_Tab)
    click(qtbot, form.rows[1].account)
    keys(qtbot, "1101", Qt.Key.Key_Tab)
    keys(qtbot, key=Qt.Key.Key_Tab)
    keys(qtbot, "150.000", Qt.Key.Key_Tab)
    assert form.date.text() == "15/10/2026"
    keys(qtbot, key=Qt.Key.Key_Return, mods=Qt.KeyboardModifier.ControlModifier)
    assert form.status.kind == "ok", form.status.text()
    assert dates_posted(book) == [MEANT]


def test_a_date_that_is_no_day_is_red_and_refused(qtbot, book):
    form = EntryView(book)
    shown(qtbot, form)
    form.description.setText("Biaya")
    form.rows[0].write(form.rows[0].read().__class__("6202", "10.000"))
    form.rows[1].write(form.rows[1].read().__class__("1101", "", "10.000"))
    form.date.setFocus()
    form.date.selectAll()
    keys(qtbot, "31022026")
    assert form.date.styleSheet() == BAD_STYLE              # a whole date: red at once
    assert not form.post_button.isEnabled() and not form.post()
    assert "31/02/2026" in form.status.text() and journal.journal(book) == []


def test_the_calendar_still_picks_a_day(qtbot, book):
    form = EntryView(book)
    shown(qtbot, form)
    form.date.setFocus()
    keys(qtbot, key=Qt.Key.Key_F4)
    calendar = form.date.show_calendar()
    calendar.clicked.emit(to_qdate(MEANT))
    assert not calendar.isVisible() and form.date.text() == "15/10/2026"


def test_a_refusal_for_one_member_is_gone_when_the_next_is_taken(qtbot, cashier):
    keys(qtbot, "A-002", Qt.Key.Key_Return)
    keys(qtbot, "t3")
    keys(qtbot, "50.000", Qt.Key.Key_Return)              # beyond her Rp40.000
    assert cashier.status.kind == "error"
    assert cashier.show_member("A-001")                    # from the members page
    assert cashier.status.kind != "error"
    keys(qtbot, "t1")                                      # capital: refused, for A-001
    assert cashier.status.kind == "error"
    keys(qtbot, key=Qt.Key.Key_F2)
    keys(qtbot, "A-010", Qt.Key.Key_Return)                # typed in the search
    assert cashier.page.number == "A-010" and cashier.status.kind != "error"


def test_the_other_date_fields_refuse_a_text_that_is_no_day(qtbot, members_book):
    """The same field everywhere: the cash count, the reversal and the member's joining
    date never fall back to the last real day while the text on screen says another."""
    from kasir.cash import service as cash
    from ui.dialogs.reverse_dialog import ReverseDialog
    from ui.views.cash_count_view import CashCountView

    count = CashCountView(members_book)
    shown(qtbot, count)
    count.day.setDate(to_qdate(DAY))
    for value, field in count.fields.items():
        field.setText("1" if value == 50_000 else "")
    count.note.setText("dihitung")
    count.day.setText("15/10/")                            # left half typed
    assert not count.confirm() and count.status.kind == "error"
    assert cash.cash_counts(members_book, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []
    dialog = ReverseDialog(None, "2026/000001", "Biaya", DAY)
    qtbot.addWidget(dialog)
    dialog.reason.setText("Salah akun")
    assert dialog.accept_button.isEnabled()
    dialog.day.setText("31/02/2026")
    assert not dialog.accept_button.isEnabled()
    dialog.day.setText("15/10/2026")
    assert dialog.accept_button.isEnabled() and dialog.answer() == ("Salah akun", MEANT)
