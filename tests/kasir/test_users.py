"""Users and roles, from the services: the same refusals whichever face calls.

A book with no users is open (every existing test's ``ACTOR`` has no role);
its first user must be ``admin``; then every write asks who acts, and a
cashier cannot do what only the treasurer may.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from factories import ACTOR, rp
from kasir.actor import Actor
from kasir.book import cooperative
from kasir.book.cooperative import CoopSettings
from kasir.errors import KasirError
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from kasir.members import service as members
from kasir.members.service import MemberInput
from kasir.savings import service as savings
from kasir.uow import Book
from kasir.users import service as users
from kasir.users.permissions import (
    GRANTS,
    ROLES,
    Permission,
    PermissionRefused,
    SignInRequired,
    allowed,
    roles_for,
)
from kasir.users.service import SignInRefused
from ledger.schema import JournalEntry

D = dt.date(2026, 11, 20)
PW = "rahasia-sekali"


def staffed(book: Book) -> dict[str, Actor]:
    """An admin, a treasurer, a cashier, a chair and an auditor, each signed in."""
    users.add_user(book, ACTOR, "admin", "admin", PW, "Pak Admin")
    admin = users.sign_in(book, "admin", PW, computer="laptop")
    for name, role in (("bendahara", "bendahara"), ("kasir", "kasir"), ("ketua", "ketua"),
                       ("pengawas", "pengawas")):
        users.add_user(book, admin, name, role, PW)
    return {name: users.sign_in(book, name, PW, computer="laptop")
            for name in ("admin", "bendahara", "kasir", "ketua", "pengawas")}


def test_a_book_with_no_users_stays_open(members_book):
    assert not users.book_has_users(members_book)
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(10_000), D)
    journal.post_entry(members_book, ACTOR, D, "sewa", [LineInput("6203", debit=rp(5_000)),
                                                        LineInput("1101", credit=rp(5_000))])
    cooperative.save_confirm_above(members_book, ACTOR, rp(1_000_000))


def test_the_first_user_must_be_the_administrator(book):
    with pytest.raises(KasirError, match="administrator") as err:
        users.add_user(book, ACTOR, "siti", "bendahara", PW)
    assert err.value.params["name"] == "siti"
    assert not users.book_has_users(book)
    row = users.add_user(book, ACTOR, "Siti", "admin", PW, "Siti  Aminah")
    assert (row.name, row.role, row.full_name, row.active) == ("siti", "admin", "Siti Aminah",
                                                               True)
    assert users.book_has_users(book)


def test_the_password_is_stored_as_an_argon2_hash(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    with book.read_session() as s:
        from kasir.users.models import User

        stored = s.query(User).one().password_hash
    assert stored.startswith("$argon2id$") and PW not in stored


def test_once_a_user_exists_an_actor_without_a_role_is_refused(members_book):
    users.add_user(members_book, ACTOR, "admin", "admin", PW)
    with pytest.raises(SignInRequired, match="sign in first"):
        savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(10_000), D)
    with pytest.raises(SignInRequired):
        users.add_user(members_book, ACTOR, "kasir", "kasir", PW)


def test_a_cashier_cannot_do_what_only_the_treasurer_may(members_book):
    team = staffed(members_book)
    kasir, bendahara = team["kasir"], team["bendahara"]
    done = savings.deposit(members_book, kasir, "A-001", "sukarela", rp(50_000), D)
    lines = [LineInput("6203", debit=rp(5_000)), LineInput("1101", credit=rp(5_000))]
    with pytest.raises(PermissionRefused) as err:
        journal.post_entry(members_book, kasir, D, "sewa", lines)
    assert err.value.params["needed"] == "bendahara"
    assert err.value.params["role"] == "kasir"
    with pytest.raises(PermissionRefused):
        journal.reverse_entry(members_book, kasir, done.entry_id, reason="salah", day=D)
    with pytest.raises(PermissionRefused):
        journal.close_period(members_book, kasir, 2026, 10)
    with pytest.raises(PermissionRefused):
        savings.exit_member(members_book, kasir, "A-002", D)
    journal.post_entry(members_book, bendahara, D, "sewa", lines)
    journal.reverse_entry(members_book, bendahara, done.entry_id, reason="salah", day=D)


def test_the_refusal_names_the_role_in_the_users_language(members_book):
    team = staffed(members_book)
    from kasir import i18n

    i18n.set_language("en")
    with pytest.raises(PermissionRefused) as err:
        cooperative.save_cooperative(members_book, team["bendahara"], CoopSettings("X"))
    text = i18n.message(err.value)
    assert text == ("Only admin may do this (the cooperative's settings); bendahara is signed "
                    "in as bendahara.")


def test_the_auditor_and_the_chair_write_nothing_of_the_desk(members_book):
    team = staffed(members_book)
    for who in ("pengawas", "ketua", "admin"):
        with pytest.raises(PermissionRefused):
            savings.deposit(members_book, team[who], "A-001", "sukarela", rp(1_000), D)
        with pytest.raises(PermissionRefused):
            members.create_member(members_book, team[who], MemberInput("A-099", "Baru", D))
    cooperative.save_confirm_above(members_book, team["admin"], rp(2_000_000))
    members.create_member(members_book, team["kasir"], MemberInput("A-099", "Baru", D))


def test_posted_by_is_the_signed_in_user(members_book):
    team = staffed(members_book)
    done = savings.deposit(members_book, team["kasir"], "A-001", "sukarela", rp(5_000), D)
    with members_book.read_session() as s:
        assert s.get(JournalEntry, done.entry_id).posted_by == "kasir"


def test_a_wrong_password_and_an_unknown_user_get_the_same_refusal(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    with pytest.raises(SignInRefused) as wrong:
        users.sign_in(book, "admin", "salah-sandi")
    with pytest.raises(SignInRefused) as unknown:
        users.sign_in(book, "nobody", PW)
    assert wrong.value.template == unknown.value.template
    assert wrong.value.params == unknown.value.params == {}
    assert "Wrong user name or password" in str(wrong.value)
    actor = users.sign_in(book, " ADMIN ", PW, computer="kantor")
    assert actor == Actor("admin", "admin", "kantor")


def test_a_disabled_user_cannot_sign_in_nor_act(members_book):
    team = staffed(members_book)
    users.disable_user(members_book, team["admin"], "kasir")
    with pytest.raises(SignInRefused, match="disabled"):
        users.sign_in(members_book, "kasir", PW)
    with pytest.raises(SignInRefused, match="Wrong"):  # a wrong password says nothing more
        users.sign_in(members_book, "kasir", "bukan-sandinya")
    with pytest.raises(SignInRequired, match="no longer"):  # still signed in elsewhere
        savings.deposit(members_book, team["kasir"], "A-001", "sukarela", rp(1_000), D)
    assert [u.active for u in users.users(members_book) if u.name == "kasir"] == [False]


def test_the_last_active_administrator_cannot_be_disabled(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    with pytest.raises(KasirError, match="last active administrator"):
        users.disable_user(book, admin, "admin")
    users.add_user(book, admin, "admin2", "admin", PW)
    users.disable_user(book, admin, "admin2")
    with pytest.raises(KasirError, match="last active administrator"):
        users.disable_user(book, admin, "admin")


def test_only_the_administrator_manages_users_but_anyone_changes_her_own_password(book):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    users.add_user(book, admin, "kasir", "kasir", PW)
    kasir = users.sign_in(book, "kasir", PW)
    with pytest.raises(PermissionRefused, match="admin"):
        users.add_user(book, kasir, "lain", "kasir", PW)
    with pytest.raises(PermissionRefused):
        users.change_password(book, kasir, "admin", "sandi-baru-ku")
    with pytest.raises(PermissionRefused):
        users.disable_user(book, kasir, "admin")
    users.change_password(book, kasir, "kasir", "sandi-baru-ku")
    assert users.sign_in(book, "kasir", "sandi-baru-ku").role == "kasir"
    users.change_password(book, admin, "kasir", "dari-admin-1")
    assert users.sign_in(book, "kasir", "dari-admin-1").role == "kasir"
    with pytest.raises(KasirError, match="at least 8"):
        users.change_password(book, admin, "kasir", "pendek")
    with pytest.raises(KasirError, match="already a user"):
        users.add_user(book, admin, "KASIR", "kasir", PW)
    with pytest.raises(KasirError, match="not a role"):
        users.add_user(book, admin, "baru", "bos", PW)


def test_a_forgotten_admin_password_is_recovered_with_a_trace(book, sqlite_only):
    users.add_user(book, ACTOR, "admin", "admin", PW)
    users.recover_admin(book, "admin", "sandi-pulih-1")
    assert users.sign_in(book, "admin", "sandi-pulih-1").role == "admin"
    trace = users.user_events(book, "admin")
    assert [e.event for e in trace] == ["added", "recovered"]
    here = Actor.from_os()
    assert trace[-1].by == "" and trace[-1].os_user == here.user
    assert trace[-1].computer == here.computer and trace[-1].at is not None
    admin = users.sign_in(book, "admin", "sandi-pulih-1")
    users.add_user(book, admin, "kasir", "kasir", PW)
    with pytest.raises(KasirError, match="Only an administrator"):
        users.recover_admin(book, "kasir", "sandi-pulih-1")


def test_the_unit_of_work_carries_the_actor(book):
    siti = Actor("siti", None, "laptop")
    seen = book.run(lambda s: s.info.get("actor"), actor=siti)
    assert seen is siti
    assert book.run(lambda s: "actor" in s.info) is False

    def peek(s: Session) -> object:
        return s.info.get("actor")
    team = staffed(book)
    assert book.run(peek, actor=team["admin"]) == team["admin"]


def test_the_roles_table_is_cli_md(book):
    everyone = set(ROLES)
    assert set(GRANTS) == set(Permission)
    assert GRANTS[Permission.READ] == everyone
    assert roles_for(Permission.CASHIER) == ("bendahara", "kasir")
    assert roles_for(Permission.JOURNAL) == ("bendahara",)
    assert roles_for(Permission.APPROVE) == ("ketua",)
    assert {p for p, roles in GRANTS.items() if "admin" in roles} == {
        Permission.READ, Permission.USERS, Permission.SETTINGS, Permission.PRODUCTS,
        Permission.CHART, Permission.UPGRADE, Permission.RESTORE, Permission.COPY}
    assert {p for p, roles in GRANTS.items() if "pengawas" in roles} == {Permission.READ}
    assert allowed(None, Permission.JOURNAL, open_book=True)
    assert not allowed(None, Permission.READ)


def test_the_idle_time_is_a_setting_of_the_book(book):
    assert users.idle_minutes(book) == 15
    users.save_idle_minutes(book, ACTOR, 5)
    assert users.idle_minutes(book) == 5
    with pytest.raises(KasirError):
        users.save_idle_minutes(book, ACTOR, 0)
    team = staffed(book)
    with pytest.raises(PermissionRefused):
        users.save_idle_minutes(book, team["bendahara"], 30)
