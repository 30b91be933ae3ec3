"""Signing in to the window, and what the signed-in role may do there, without Qt.

A book with no users is open: nobody signs in, and everything is offered. A book
with users asks for a name and a password at the start, after opening another
book, and after the idle time the book sets (``kasir.users.service.idle_minutes``):
the window then forgets who was signed in and shows nothing of the book until
someone signs in again. What the role may do is asked of
``kasir.users.permissions`` (``Access.may``), never copied: the window hides what
the services would refuse anyway.
"""

from __future__ import annotations

from kasir.actor import Actor
from kasir.book import cooperative
from kasir.i18n import _
from kasir.uow import Book
from kasir.users import service as users
from kasir.users.permissions import Permission, allowed
from ledger.errors import LedgerError
from ui.presenters.outcome import Outcome, refused
from ui.user import current_actor, set_actor, sign_out


class SignInPresenter:
    """The sign-in dialog's calls on one book; a success makes the actor current."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def needed(self) -> bool:
        """Whether this book asks who works (False: it has no users yet)."""
        return users.book_has_users(self.book)

    def book_name(self) -> str:
        """The cooperative's name, else where the book is: which book asks."""
        return cooperative.book_name(self.book).strip() or self.book.label

    def enter_open_book(self) -> None:
        """A book with no users: this computer's login works, with no role."""
        set_actor(Actor.from_os())

    def sign_in(self, name: str, password: str) -> Outcome:
        """Sign in, or say why not (never which of name and password was wrong)."""
        if not name.strip():
            return Outcome(_("Type your user name."), "hint")
        try:
            actor = users.sign_in(self.book, name, password)
        except LedgerError as exc:
            return refused(exc)
        set_actor(actor)
        return Outcome(signed_in_text(actor))


def signed_in_text(actor: Actor) -> str:
    """The status bar's words for who works: "Signed in: siti (kasir)"; "" on an open book."""
    if actor.role is None:
        return ""
    return _("Signed in: {user} ({role})").format(user=actor.user, role=actor.role)


class Access:
    """What the actor may do in this book, for the window to hide what she cannot."""

    def __init__(self, book: Book, actor: Actor | None = None) -> None:
        self.book = book
        self.actor = actor if actor is not None else current_actor()
        self.open = not users.book_has_users(book)

    @property
    def signed_in(self) -> bool:
        """Whether the window may show the book: an open book, or someone signed in."""
        return self.open or self.actor.role is not None

    def may(self, permission: Permission) -> bool:
        return allowed(self.actor.role, permission, open_book=self.open)

    def idle_ms(self) -> int | None:
        """Milliseconds without a key or a click before signing out; None on an open book."""
        return None if self.open else users.idle_minutes(self.book) * 60_000

    def sign_out(self) -> None:
        sign_out()
