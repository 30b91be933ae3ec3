"""The rules of the people who keep the book, inside the caller's unit of work.

Passwords are hashed with Argon2id (argon2-cffi's ``PasswordHasher()``, RFC 9106
defaults): the hash string carries its own parameters and salt, so a later
Kasir can raise the cost and re-hash at the next sign-in (``check_needs_rehash``).
A wrong password and an unknown name get the same refusal, after the same work
(an unknown name is checked against a dummy hash), so neither the words nor the
time tell which was wrong. The first user of a book is its administrator; the
last active administrator cannot be disabled, so a book never locks everyone
out; a forgotten administrator password is recovered on the computer that holds
the file, and the recovery is recorded in the book (``recover``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.users.models import User, UserEvent
from kasir.users.roles import ROLE_NAMES

ADMIN = "admin"
MIN_PASSWORD = 8
NAME_LIMIT = 40

HASHER = PasswordHasher()  # tests swap in a cheaper one (tests/conftest.py)
_DUMMY: list[str] = []  # a hash to check unknown names against, made once


class SignInRefused(KasirError):
    """A wrong name or password (which one is never said), or a disabled user."""


WRONG = N_("Wrong user name or password.")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a change is made from: the computer and its operating-system login."""

    computer: str = ""
    os_user: str = ""


def clean_name(name: str) -> str:
    """A user name as stored: trimmed, NFC, lower case (so "Siti" and "siti" are one)."""
    text = unicodedata.normalize("NFC", (name or "").strip()).lower()
    if not text:
        raise KasirError(N_("Give the user a name."))
    if len(text) > NAME_LIMIT or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise KasirError(N_("A user name is one word of at most {limit} characters, "
                            "without spaces: {name} is not."), limit=NAME_LIMIT, name=name)
    return text


def check_role(role: str) -> str:
    if role not in ROLE_NAMES:
        raise KasirError(N_("{role} is not a role; choose one of {roles}."), role=role,
                         roles=", ".join(ROLE_NAMES))
    return role


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise KasirError(N_("A password needs at least {count} characters."),
                         count=MIN_PASSWORD)
    if "\x00" in password:
        raise KasirError(N_("A password cannot hold a NUL character."))
    return password


def find(s: Session, name: str) -> User | None:
    return s.scalar(select(User).where(User.name == name))


def get(s: Session, name: str) -> User:
    user = find(s, clean_name(name))
    if user is None:
        raise KasirError(N_("There is no user {name} in this book."), name=name)
    return user


def log(s: Session, name: str, event: str, by: Actor | None, where: Where,
        note: str = "") -> None:
    s.add(UserEvent(user_name=name, event=event, by_user=by.user if by else "",
                    computer=where.computer[:120], os_user=where.os_user[:120], note=note))


def count_users(s: Session) -> int:
    return int(s.scalar(select(func.count(User.id))) or 0)


def add(s: Session, actor: Actor, name: str, role: str, password: str, full_name: str = "",
        where: Where = Where()) -> User:
    """Add a user; the first one a book gets must be its administrator."""
    name = clean_name(name)
    check_role(role)
    check_password(password)
    if count_users(s) == 0 and role != ADMIN:
        raise KasirError(N_("The first user of a book is its administrator: give {name} the "
                            "role admin, then add the others."), name=name)
    if find(s, name) is not None:
        raise KasirError(N_("There is already a user {name}."), name=name)
    user = User(name=name, full_name=" ".join((full_name or "").split())[:120], role=role,
                password_hash=HASHER.hash(password), active=True)
    s.add(user)
    log(s, name, "added", actor, where, note=role)
    s.flush()
    return user


def set_password(s: Session, actor: Actor, name: str, password: str,
                 where: Where = Where()) -> None:
    user = get(s, name)
    check_password(password)
    user.password_hash = HASHER.hash(password)
    log(s, user.name, "password", actor, where)
    s.flush()


def active_admins(s: Session) -> int:
    return int(s.scalar(select(func.count(User.id)).where(User.role == ADMIN,
                                                          User.active.is_(True))) or 0)


def disable(s: Session, actor: Actor, name: str, where: Where = Where()) -> None:
    """Disable a user (never delete: postings name her); never the last administrator."""
    user = get(s, name)
    if not user.active:
        raise KasirError(N_("{name} is already disabled."), name=user.name)
    if user.role == ADMIN and active_admins(s) <= 1:
        raise KasirError(N_("{name} is the last active administrator and cannot be disabled; "
                            "add another administrator first."), name=user.name)
    user.active = False
    log(s, user.name, "disabled", actor, where)
    s.flush()


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def sign_in(s: Session, name: str, password: str, computer: str = "") -> Actor:
    """The actor a right name and password give; one refusal for either being wrong."""
    try:
        key = clean_name(name)
    except KasirError:
        key = ""
    user = find(s, key) if key else None
    if user is None:
        if not _DUMMY:
            _DUMMY.append(HASHER.hash("not a password of anyone"))
        _verify(_DUMMY[0], password or "")  # the same work as a known name
        raise SignInRefused(WRONG)
    if not _verify(user.password_hash, password or ""):
        raise SignInRefused(WRONG)
    if not user.active:
        raise SignInRefused(N_("{name} is disabled and cannot sign in; ask the "
                               "administrator."), name=user.name)
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
        s.flush()
    return Actor(user.name, user.role, computer)


def recover(s: Session, name: str, password: str, where: Where) -> None:
    """A new password for an administrator who forgot hers, recorded with the computer
    and the operating-system login it was done from; a disabled one is enabled again."""
    user = get(s, name)
    if user.role != ADMIN:
        raise KasirError(N_("Only an administrator's password is recovered this way; {name} "
                            "is {role}: the administrator sets a new one with `kasir user "
                            "passwd`."), name=user.name, role=user.role)
    check_password(password)
    user.password_hash = HASHER.hash(password)
    was = "" if user.active else "reenabled"
    user.active = True
    log(s, user.name, "recovered", None, where, note=was)
    s.flush()
