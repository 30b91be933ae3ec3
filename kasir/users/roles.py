"""The roles of a cooperative's people and the signal of a request waiting for a second
person: names every face needs before it opens a book, kept apart from the tables so
that the command line can read them without loading SQLAlchemy."""

from __future__ import annotations

from kasir.errors import KasirError

ROLE_NAMES = ("admin", "bendahara", "kasir", "ketua", "pengawas")


class ApprovalRequested(KasirError):
    """Not done yet: recorded as request ``params["request"]``, waiting for a second person.
    Not a refusal: the command line prints the number and exits 0."""
