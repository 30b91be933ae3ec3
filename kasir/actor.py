"""Who acts: the one value a unit of work carries from the face to the ledger.

An *actor* is the person doing the work (the name recorded on every posting,
receipt, cash count and closed month), the role she holds in the cooperative
and the computer she works at. Services take it as their first argument after
the book and check what she may do on it; ``ledger`` only ever sees
``actor.user``. On a book with no users yet (an open book, ``kasir.users``) the
faces act as the operating system's login name with no role; once it has
users, the actor is whoever signed in (``kasir.users.service.sign_in``).
"""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    user: str
    role: str | None = None  # admin, bendahara, kasir, ketua, pengawas (users/)
    computer: str = ""

    @classmethod
    def from_os(cls) -> Actor:
        """The operating system's login name on this computer ("" when it cannot say)."""
        try:
            user = getpass.getuser()
        except (OSError, KeyError):
            user = ""
        return cls(user, None, _hostname())


def _hostname() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


# Work done by the program itself (building the demo cooperative, an upgrade).
SYSTEM = Actor("kasir")
