"""What each role may do (the roles table of ``shared/spec/cli.md``), and the guard every
write service calls before its unit of work.

The table lives here once: the services check it, so the window and the command
line refuse alike; the window asks ``allowed`` to hide what the role cannot do
instead of keeping a copy. A book with no users yet is open, as a new book is:
its actor has no role and may do everything. Once one user exists, an actor
without a role is refused ("sign in first"), and an actor whose account was
disabled or whose role changed since she signed in is refused too, so a laptop
left signed in does not outlive the administrator's decision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from kasir import audit
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.i18n import Reason
from kasir.uow import Book
from kasir.users.models import User
from kasir.users.roles import ROLE_NAMES

T = TypeVar("T")

ADMIN, BENDAHARA, KASIR, KETUA, PENGAWAS = ROLE_NAMES
ROLES = ROLE_NAMES


class Permission(StrEnum):
    READ = "read"
    CASHIER = "cashier"
    CASH_COUNT = "cash_count"
    REGISTER_MEMBER = "register_member"
    JOURNAL = "journal"
    IMPORT = "import"
    PROFIT_SHARE = "profit_share"
    CLOSE_MONTH = "close_month"
    REOPEN_MONTH = "reopen_month"
    MEMBER_EXIT = "member_exit"
    FINANCING = "financing"
    FUNDS = "funds"
    BACKUP = "backup"
    REVERSE = "reverse"
    APPROVE = "approve"
    USERS = "users"
    SETTINGS = "settings"
    PRODUCTS = "products"
    CHART = "chart"
    UPGRADE = "upgrade"
    RESTORE = "restore"
    COPY = "copy"


_EVERYONE = frozenset(ROLES)
_DESK = frozenset({BENDAHARA, KASIR})
_TREASURER = frozenset({BENDAHARA})

# cli.md's roles table, row by row
GRANTS: dict[Permission, frozenset[str]] = {
    Permission.READ: _EVERYONE,
    Permission.CASHIER: _DESK,
    Permission.CASH_COUNT: _DESK,
    Permission.REGISTER_MEMBER: _DESK,
    Permission.JOURNAL: _TREASURER,
    Permission.IMPORT: _TREASURER,
    Permission.PROFIT_SHARE: _TREASURER,
    Permission.CLOSE_MONTH: _TREASURER,
    Permission.REOPEN_MONTH: _TREASURER,  # maker-checker: ketua approves it
    Permission.MEMBER_EXIT: _TREASURER,
    Permission.FINANCING: _TREASURER,
    Permission.FUNDS: _TREASURER,
    Permission.BACKUP: _TREASURER,
    Permission.REVERSE: _TREASURER,
    Permission.APPROVE: frozenset({KETUA}),
    Permission.USERS: frozenset({ADMIN}),
    Permission.SETTINGS: frozenset({ADMIN}),
    Permission.PRODUCTS: frozenset({ADMIN}),
    Permission.CHART: frozenset({ADMIN}),
    Permission.UPGRADE: frozenset({ADMIN}),
    Permission.RESTORE: frozenset({ADMIN}),
    # moving the whole book, its users and their password hashes, to another database
    Permission.COPY: frozenset({ADMIN}),
}

# what each permission lets one do, as the refusal names it
ACTIONS: dict[Permission, str] = {
    Permission.READ: N_("reading the book"),
    Permission.CASHIER: N_("cashier operations (deposits, withdrawals, transfers, receipts)"),
    Permission.CASH_COUNT: N_("the daily cash count"),
    Permission.REGISTER_MEMBER: N_("registering members and groups"),
    Permission.JOURNAL: N_("general-journal entries"),
    Permission.IMPORT: N_("importing a business-event file"),
    Permission.PROFIT_SHARE: N_("profit sharing and the wadiah bonus"),
    Permission.CLOSE_MONTH: N_("closing a month"),
    Permission.REOPEN_MONTH: N_("reopening a month"),
    Permission.MEMBER_EXIT: N_("a member's exit"),
    Permission.FINANCING: N_("financing"),
    Permission.FUNDS: N_("paying out zakat, infak and the benevolence fund"),
    Permission.BACKUP: N_("backups"),
    Permission.REVERSE: N_("reversing an entry or cancelling a receipt"),
    Permission.APPROVE: N_("approving requests"),
    Permission.USERS: N_("managing users"),
    Permission.SETTINGS: N_("the cooperative's settings"),
    Permission.PRODUCTS: N_("changing savings products"),
    Permission.CHART: N_("changing the chart of accounts"),
    Permission.UPGRADE: N_("upgrading the book's schema"),
    Permission.RESTORE: N_("restoring a backup"),
    Permission.COPY: N_("copying the book into another database"),
}

SIGN_IN_FIRST = N_("This book has users: sign in first.")


class SignInRequired(KasirError):
    """A book with users, and an actor who did not sign in (or no longer may)."""


class PermissionRefused(KasirError):
    """A signed-in user whose role may not do this; the message names the role needed."""


def roles_for(permission: Permission) -> tuple[str, ...]:
    """The roles that may, in the table's order."""
    return tuple(r for r in ROLES if r in GRANTS[permission])


def allowed(role: str | None, permission: Permission, *, open_book: bool = False) -> bool:
    """Whether ``role`` may; an open book (no users yet) lets everyone."""
    return open_book or (role is not None and role in GRANTS[permission])


def has_users(session: Session) -> bool:
    """Whether the book is closed to people who did not sign in."""
    return bool(session.scalar(select(exists().where(User.id.is_not(None)))))


def check(session: Session, actor: Actor | None, permission: Permission) -> None:
    """Refuse, inside a unit of work, what ``actor`` may not do on this book."""
    if not has_users(session):
        return
    if actor is None or actor.role is None:
        raise SignInRequired(SIGN_IN_FIRST)
    user = session.scalar(select(User).where(User.name == actor.user))
    if user is None or not user.active or user.role != actor.role:
        raise SignInRequired(N_("{user} may no longer work in this book as {role} (the "
                                "account was disabled or its role changed); sign in again."),
                             user=actor.user, role=actor.role)
    if actor.role not in GRANTS[permission]:
        raise PermissionRefused(
            N_("Only {needed} may do this ({action}); {user} is signed in as {role}."),
            user=actor.user, role=actor.role, action=Reason(ACTIONS[permission], {}),
            needed="/".join(roles_for(permission)))


def require(book: Book, actor: Actor | None, permission: Permission) -> None:
    """The guard at the top of every write service: refuse before any work is done. A
    refusal is itself recorded in the audit trail (who tried what, from where)."""
    try:
        book.read(lambda s: check(s, actor, permission))
    except KasirError as exc:
        refused = audit.refusal("", getattr(actor, "user", "") or "", exc)
        book.run(lambda s: audit.record(s, [refused]), actor=actor)
        raise


class _GuardRefused(Exception):
    """Carries the guard's refusal out of the unit of work it rolled back."""

    def __init__(self, refusal: KasirError) -> None:
        super().__init__(refusal)
        self.refusal = refusal


def run_as(book: Book, actor: Actor | None, permission: Permission,
           work: Callable[[Session], T], *, holds: Sequence[str] | None = None) -> T:
    """``require`` then ``book.run(work)``, in one transaction: who may do this is read in
    the unit of work itself, before it asks for the book's write lock, so the cashier's
    operation needs no read of its own first and a refused actor never queues. A refusal
    is recorded in the audit trail in its own transaction, as ``require`` does."""
    def guard(s: Session) -> None:
        try:
            check(s, actor, permission)
        except KasirError as exc:
            raise _GuardRefused(exc) from None

    try:
        return book.run(work, actor=actor, guard=guard, holds=holds)
    except _GuardRefused as refused:
        exc = refused.refusal
    record = audit.refusal("", getattr(actor, "user", "") or "", exc)
    book.run(lambda s: audit.record(s, [record]), actor=actor)
    raise exc
