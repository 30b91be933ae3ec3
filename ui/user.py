"""Who is working at this window: the actor every service call carries.

Until people sign in to a book, the window acts as the operating system's
login name on this computer; the sign-in of the users issue replaces it here.
"""

from __future__ import annotations

from kasir.actor import Actor

_current: list[Actor] = []


def current_actor() -> Actor:
    if not _current:
        _current.append(Actor.from_os())
    return _current[0]
