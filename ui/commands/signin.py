"""Signing in on the command line, before any command that opens a book.

A book with no users is open: nobody signs in and the actor is this computer's
login. Once the book has users, the name comes from ``--user`` or
``KASIR_USER`` (asked at a terminal), the password from ``KASIR_PASSWORD`` or a
prompt that does not echo; a script without a terminal and without the variable
is refused at once rather than left waiting on a prompt nobody sees. The actor
signed in is kept in ``ui.user`` and is who posts (``posted_by``).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from kasir.actor import Actor
from kasir.book import open_book
from kasir.book.files import resolve_location
from kasir.errors import N_, KasirError
from kasir.i18n import _
from kasir.users import service as users
from ui.user import set_actor

NEEDS_SIGN_IN = N_("This book has users: sign in with --user NAME (or KASIR_USER) and the "
                   "password (asked at a terminal, or KASIR_PASSWORD).")


def interactive() -> bool:
    """Whether a person is at the keyboard to answer a prompt."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(prompt: str, secret: bool) -> str:
    try:
        return getpass.getpass(prompt) if secret else input(prompt)
    except EOFError:
        return ""


def sign_in(location: str | Path | None, user: str | None) -> None:
    """Sign in to the book at ``location`` when it has users; remember the actor."""
    where = resolve_location(location)
    if isinstance(where, Path) and not where.exists():
        return  # no book there yet: nothing to protect, the command says what is missing
    with open_book(location) as book:
        if not users.book_has_users(book):
            set_actor(Actor.from_os())
            return
        name = user or os.environ.get("KASIR_USER") or ""
        if not name and interactive():
            name = _ask(_("User: "), secret=False).strip()
        password = os.environ.get("KASIR_PASSWORD")
        if password is None and name and interactive():
            password = _ask(_("Password for {user}: ").format(user=name), secret=True)
        if not name or password is None:
            raise KasirError(NEEDS_SIGN_IN)
        set_actor(users.sign_in(book, name, password))


def new_password(name: str) -> str:
    """A new password: typed twice at a terminal, else ``KASIR_NEW_PASSWORD``."""
    if not interactive():
        given = os.environ.get("KASIR_NEW_PASSWORD")
        if not given:
            raise KasirError(N_("Without a terminal the new password comes from "
                                "KASIR_NEW_PASSWORD; it is not set."))
        return given
    first = _ask(_("New password for {user}: ").format(user=name), secret=True)
    again = _ask(_("The same password again: "), secret=True)
    if first != again:
        raise KasirError(N_("The two passwords differ; nothing was changed."))
    return first
