"""Signing in and the idle time, as the window's presenters offer them (no Qt)."""

from __future__ import annotations

from factories import ACTOR
from kasir import i18n
from kasir.users import service as users
from kasir.users.permissions import Permission
from ui.presenters.settings_presenter import SettingsPresenter
from ui.presenters.sign_in_presenter import Access, SignInPresenter, signed_in_text
from ui.user import current_actor

PW = "sandi-rahasia"


def test_an_open_book_needs_no_sign_in_and_may_do_everything(book):
    presenter = SignInPresenter(book)
    assert not presenter.needed()
    presenter.enter_open_book()
    access = Access(book)
    assert access.signed_in and access.may(Permission.JOURNAL) and access.idle_ms() is None
    assert signed_in_text(current_actor()) == ""


def test_signing_in_makes_the_actor_current_and_says_who(book):
    i18n.set_language("en")
    users.add_user(book, ACTOR, "siti", "admin", PW)
    presenter = SignInPresenter(book)
    assert presenter.needed() and presenter.book_name() == "Koperasi Uji"
    assert presenter.sign_in("", PW).kind == "hint"
    wrong = presenter.sign_in("siti", "bukan")
    assert (wrong.kind, wrong.text) == ("error", "Wrong user name or password.")
    assert current_actor().role is None
    done = presenter.sign_in("siti", PW)
    assert done.ok and done.text == "Signed in: siti (admin)"
    access = Access(book)
    assert access.may(Permission.USERS) and not access.may(Permission.CASHIER)
    assert access.idle_ms() == 15 * 60_000
    access.sign_out()
    assert not Access(book).signed_in


def test_the_administrator_sets_the_idle_time_in_the_settings(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    users.add_user(book, admin, "kasir", "kasir", PW)
    settings = SettingsPresenter(book, admin)
    assert settings.idle_minutes() == 15 and settings.idle_range() == (1, 480)
    assert settings.save_idle_minutes(10).ok
    assert settings.idle_minutes() == 10
    refused = SettingsPresenter(book, users.sign_in(book, "kasir", PW)).save_idle_minutes(3)
    assert refused.kind == "error" and "admin" in refused.text
    assert users.idle_minutes(book) == 10
    assert settings.approval_above() == "1.000.000"
    assert settings.save_approval_above("2.500.000").ok
    assert settings.approval_above() == "2.500.000"
    assert settings.save_approval_above("-5").kind == "error"


def test_requests_are_decided_through_the_presenter(members_book):
    import datetime as dt

    from factories import rp
    from kasir.journal import service as journal
    from kasir.savings import service as savings
    from ui.presenters.journal_presenter import JournalPresenter
    from ui.presenters.requests_presenter import RequestsPresenter, status_text

    i18n.set_language("en")
    day = dt.date(2026, 11, 20)
    users.add_user(members_book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(members_book, "admin", PW)
    for name in ("bendahara", "kasir", "ketua"):
        users.add_user(members_book, admin, name, name, PW)
    big = savings.deposit(members_book, users.sign_in(members_book, "kasir", PW), "A-001",
                          "sukarela", rp(3_000_000), day)
    row = next(r for r in journal.journal(members_book) if r.id == big.entry_id)
    bendahara = users.sign_in(members_book, "bendahara", PW)
    assert JournalPresenter(members_book, bendahara).reverse(row, "salah", day).kind == "hint"
    mine = RequestsPresenter(members_book, bendahara)
    assert not mine.may_decide() and mine.approve(1).kind == "error"
    ketua = RequestsPresenter(members_book, users.sign_in(members_book, "ketua", PW))
    assert ketua.may_decide() and [r.status for r in ketua.rows(pending_only=True)] == [
        "pending"]
    done = ketua.approve(1)
    assert done.ok and done.text.startswith("Request 1 is approved and carried out: 2026/")
    assert ketua.rows(pending_only=True) == [] and status_text("approved") == "approved"
