"""Reversing a posted entry through the feature that owns its operation.

A reversal is the only correction of a posted entry. Before it is posted the
owning feature checks its rules again (savings: no balance may go below zero),
and after it is posted the feature undoes what the operation did besides its
lines (a reversed exit makes the member active again). Each feature declares
this in its ``reversal`` module, keyed by the operation's kind (the part of
``journal_entry.operation`` before ``:``: ``deposit:sukarela`` is a
``deposit``); ``FEATURES`` lists those modules, so the registry is complete
whichever face asks for the reversal.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from ledger import posting, queries
from ledger.posting import PostedRef
from ledger.queries import JournalDetailLine

# The features that register reversal rules (financing adds its own here).
FEATURES = ("kasir.savings.reversal", "kasir.profit_share.reversal", "kasir.financing.reversal")


@dataclass(frozen=True, slots=True)
class Reversing:
    """The posted entry about to be reversed, as the rules see it."""

    entry_id: int
    label: str
    operation: str
    lines: tuple[JournalDetailLine, ...]
    day: dt.date  # the reversal's date: from then on the original's effect is gone
    receipt: str | None = None  # set when a receipt is being cancelled: refusals name it

    @property
    def kind(self) -> str:
        return kind_of(self.operation)


Check = Callable[[Session, Reversing], None]  # raises a KasirError to refuse
Undo = Callable[[Session, Actor, Reversing], None]


@dataclass
class _Rules:
    checks: list[Check] = field(default_factory=list)
    undos: list[Undo] = field(default_factory=list)


_REGISTRY: dict[str, _Rules] = {}
_loaded: list[bool] = []


def kind_of(operation: str) -> str:
    return operation.split(":", 1)[0]


def register(kind: str, *, check: Check | None = None, undo: Undo | None = None) -> None:
    """Add a check run before, or an undo run after, reversing operations of ``kind``."""
    rules = _REGISTRY.setdefault(kind, _Rules())
    if check is not None and check not in rules.checks:
        rules.checks.append(check)
    if undo is not None and undo not in rules.undos:
        rules.undos.append(undo)


def _rules(kind: str) -> _Rules:
    if not _loaded:
        for module in FEATURES:
            importlib.import_module(module)
        _loaded.append(True)
    return _REGISTRY.get(kind, _Rules())


def reverse(s: Session, actor: Actor, entry_id: int, *, reason: str, day: dt.date,
            receipt: str | None = None) -> PostedRef:
    """Reverse a posted entry in the caller's unit of work, with the owner's rules;
    ``receipt`` is the receipt being cancelled this way, if any."""
    if not reason or not reason.strip():
        raise KasirError(N_("A reversal needs a reason."))
    label = queries.journal_entry_label(s, entry_id)
    draft = posting.reversal_draft(s, entry_id, reason=reason, day=day,
                                   memo=f"Pembalikan {label}")
    header = queries.entry_header(s, entry_id)
    assert header is not None  # reversal_draft refused an entry that is not posted
    reversing = Reversing(entry_id, label, header.operation,
                          tuple(queries.entry_lines(s, entry_id)), day, receipt)
    rules = _rules(reversing.kind)
    for check in rules.checks:
        check(s, reversing)
    ref = posting.post(s, draft, user=actor.user)
    for undo in rules.undos:
        undo(s, actor, reversing)
    return ref
