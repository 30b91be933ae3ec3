"""What a screen shows after its presenter called a service: words, and what kind they are.

Presenters never let a refusal escape: a service's ``LedgerError`` becomes an
``Outcome`` of kind ``error`` in the user's language, and the view only shows
it (``StatusLabel.show_message(outcome.text, outcome.kind)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kasir.i18n import message
from kasir.users.roles import ApprovalRequested
from ledger.errors import LedgerError

KINDS = ("ok", "error", "hint", "plain")


@dataclass(frozen=True, slots=True)
class Outcome:
    text: str
    kind: str = "ok"  # one of KINDS: the status line's colour

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def refused(exc: LedgerError) -> Outcome:
    """A service's refusal, worded for the screen. An action that waits for a second
    person's approval (maker–checker) is not a refusal: it is said as a hint, with the
    request's number."""
    if isinstance(exc, ApprovalRequested):
        return Outcome(message(exc), "hint")
    return Outcome(message(exc), "error")


def file_problem(exc: OSError | LedgerError) -> Outcome:
    """A paper that could not be written (a full disk, a folder that is gone)."""
    return refused(exc) if isinstance(exc, LedgerError) else Outcome(str(exc), "error")
