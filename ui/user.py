"""Who is working at this window or this command: the actor every service call carries.

Both faces sign in through ``kasir.users.service.sign_in`` and keep the actor it
gives here (``set_actor``); the window forgets it when it signs out
(``sign_out``). A book with no users yet is open: until someone signs in, the
actor is the operating system's login name on this computer, with no role,
which such a book lets do everything.
"""

from __future__ import annotations

from kasir.actor import Actor

_current: list[Actor] = []


def current_actor() -> Actor:
    """The signed-in actor, or (on an open book) this computer's login with no role."""
    if not _current:
        _current.append(Actor.from_os())
    return _current[0]


def set_actor(actor: Actor) -> None:
    """Who acts from now on (after a sign-in, or the login on an open book)."""
    _current[:] = [actor]


def sign_out() -> None:
    """Forget who signed in: the next actor is the login with no role, which a book with
    users refuses until someone signs in again."""
    _current.clear()
