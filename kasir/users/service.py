"""The users' use cases for both faces: add, list, change a password, disable, sign in,
recover a forgotten administrator password, and the idle time before the window
signs out.

A book with no users is open (the demo, a new book, every book before this
issue); adding its first user, who must be ``admin``, closes it: from then on
every service asks who acts (``kasir.users.permissions``). Changes to accounts
are recorded with the computer and the operating-system login they came from.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from kasir import audit
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.settings import get_setting, set_setting
from kasir.uow import Book
from kasir.users import queries, requests, rules
from kasir.users.permissions import Permission, check, has_users, require
from kasir.users.queries import UserEventRow, UserRow
from kasir.users.rules import SignInRefused, Where
from ledger.audit_trail import Change
from ledger.money import Money

__all__ = ["SignInRefused", "UserEventRow", "UserRow", "add_user", "approval_threshold",
           "book_has_users", "save_approval_threshold",
           "change_password", "disable_user", "idle_minutes", "recover_admin",
           "save_idle_minutes", "sign_in", "user_events", "users"]

IDLE_KEY = "idle_minutes"
DEFAULT_IDLE_MINUTES = 15
IDLE_RANGE = (1, 480)


def _where(actor: Actor | None) -> Where:
    here = Actor.from_os()
    return Where(actor.computer if actor and actor.computer else here.computer, here.user)


def book_has_users(book: Book) -> bool:
    """Whether people must sign in to this book (False: it is open, as a new book is)."""
    return book.read(has_users)


def users(book: Book) -> list[UserRow]:
    return book.read(queries.user_rows)


def user_events(book: Book, name: str | None = None) -> list[UserEventRow]:
    """What was done to the accounts (added, passwords, disabled, recoveries), oldest first."""
    return book.read(lambda s: queries.event_rows(s, rules.clean_name(name) if name else None))


def add_user(book: Book, actor: Actor | None, name: str, role: str, password: str,
             full_name: str = "") -> UserRow:
    """Add a user (the administrator's work); the first user of a book is its admin and
    may be added by whoever opened the still open book."""
    def work(s: Session) -> UserRow:
        check(s, actor, Permission.USERS)
        u = rules.add(s, actor or Actor.from_os(), name, role, password, full_name,
                      _where(actor))
        return UserRow(u.name, u.full_name, u.role, u.active, u.created_at)
    return book.run(work, actor=actor)


def change_password(book: Book, actor: Actor | None, name: str, password: str) -> None:
    """A new password: her own for anyone signed in, anyone's for the administrator."""
    def work(s: Session) -> None:
        own = actor is not None and actor.role is not None and \
            actor.user == rules.clean_name(name)
        check(s, actor, Permission.READ if own else Permission.USERS)
        rules.set_password(s, actor or Actor.from_os(), name, password, _where(actor))
    book.run(work, actor=actor)


def disable_user(book: Book, actor: Actor | None, name: str) -> None:
    """She can no longer sign in; her postings keep her name. Never the last admin."""
    def work(s: Session) -> None:
        check(s, actor, Permission.USERS)
        rules.disable(s, actor or Actor.from_os(), name, _where(actor))
    book.run(work, actor=actor)


def sign_in(book: Book, name: str, password: str, computer: str | None = None) -> Actor:
    """The actor of a right name and password on this book, or ``SignInRefused`` saying
    only that one of them was wrong (or that the user is disabled)."""
    where = Actor.from_os().computer if computer is None else computer
    try:
        actor = book.run(lambda s: rules.sign_in(s, name, password, where))
    except SignInRefused as exc:  # recorded: who tried, from where, and what was said
        attempt = audit.refusal("book_user", name, exc)
        book.run(lambda s: audit.record(s, [attempt]), actor=Actor(name[:60], None, where))
        raise
    signed = Change("sign_in", "book_user", actor.user, None, reason=actor.role or "")
    book.run(lambda s: audit.record(s, [signed]), actor=actor)
    return actor


def recover_admin(book: Book, name: str, password: str) -> None:
    """Set a new password for an administrator who forgot hers.

    Allowed only on the computer that holds the book's file, to whoever the
    operating system lets write it (who could edit the file anyway): nobody signs
    in. The recovery is recorded in the book with the time, this computer and the
    operating-system login, and ``kasir user log`` shows it to the next auditor."""
    if book.path is None:
        raise KasirError(N_("A password is recovered on the computer that holds the book's "
                            "file; a book on a database server is recovered by the server's "
                            "administrator."))
    where = _where(None)
    book.run(lambda s: rules.recover(s, name, password, where),
             actor=Actor(where.os_user, None, where.computer))


def approval_threshold(book: Book) -> Money:
    """The amount above which a reversal waits for the approver (default Rp1.000.000)."""
    return book.read(requests.threshold)


def save_approval_threshold(book: Book, actor: Actor | None, amount: Money) -> None:
    """The administrator's setting, one value for the whole book."""
    if amount.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    require(book, actor, Permission.SETTINGS)
    book.run(lambda s: set_setting(s, requests.THRESHOLD_KEY, str(amount.sen)), actor=actor)


def idle_minutes(book: Book) -> int:
    """Minutes without a key or a click before the window signs out (default 15)."""
    stored = book.read(lambda s: get_setting(s, IDLE_KEY))
    try:
        value = int(stored) if stored else DEFAULT_IDLE_MINUTES
    except ValueError:  # a hand-edited book: the safe default
        return DEFAULT_IDLE_MINUTES
    low, high = IDLE_RANGE
    return value if low <= value <= high else DEFAULT_IDLE_MINUTES


def save_idle_minutes(book: Book, actor: Actor | None, minutes: int) -> None:
    low, high = IDLE_RANGE
    if not low <= minutes <= high:
        raise KasirError(N_("The idle time is between {low} and {high} minutes."),
                         low=low, high=high)
    require(book, actor, Permission.SETTINGS)
    book.run(lambda s: set_setting(s, IDLE_KEY, str(minutes)), actor=actor)
