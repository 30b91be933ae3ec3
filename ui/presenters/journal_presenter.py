"""The posted journal without Qt: its pages, one entry's lines, and reversing an entry.

A posted entry is never edited or deleted; it is undone by its mirror image,
with a reason the auditor can read. The journal service sends the reversal
through the rules of the feature that posted the entry (savings refuse to take
back a deposit already withdrawn), so every refusal arrives here as a
``LedgerError`` and leaves as an ``Outcome``; the view only draws.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kasir.actor import Actor
from kasir.i18n import _
from kasir.journal import service as journal
from kasir.journal.service import JournalDetailLine, JournalRow
from kasir.uow import Book
from ledger.errors import LedgerError
from ui.presenters.outcome import Outcome, refused


@dataclass(frozen=True, slots=True)
class EntryLines:
    """What the lower half of the page shows for one entry: its lines, the members'
    names (lines carry only the number) and the title above them."""

    title: str
    lines: list[JournalDetailLine] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


class JournalPresenter:
    """The journal page's reads and its one write, the reversal."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor

    def today(self) -> dt.date:
        """The day a reversal is dated unless the user picks another (the book's clock)."""
        return self.book.clock.today()

    # --- reading ----------------------------------------------------------------------
    def page(self, offset: int, limit: int) -> list[JournalRow]:
        """``limit`` entries, newest first, after the first ``offset``: a book grows by
        thousands of entries a year, so the list asks for one page at a time."""
        return journal.journal(self.book, limit=limit, offset=offset)

    @staticmethod
    def count_text(shown: int, more: bool) -> str:
        """How many entries the list holds, and whether scrolling brings more."""
        if more:
            return _("{count} newest entries shown; scroll down for more").format(count=shown)
        return _("{count} entries").format(count=shown)

    def lines(self, row: JournalRow | None) -> EntryLines:
        """The lines of the selected entry, titled with its number, its description and,
        once reversed, by what and why; an invitation to select when nothing is."""
        if row is None:
            return EntryLines(_("Select an entry to see its lines."))
        names = {p.code: p.name for p in journal.parties(self.book)}
        title = _("Lines of entry {number}: {description}").format(
            number=row.label, description=row.memo)
        if row.reversed_by:
            title += " — " + _("reversed by {number}").format(number=row.reversed_by)
            reason = journal.reversal_reason(self.book, row.id)
            if reason:
                title += " — " + _("reason: {reason}").format(reason=reason)
        return EntryLines(title, journal.entry_lines(self.book, row.id), names)

    # --- reversing --------------------------------------------------------------------
    @staticmethod
    def nothing_selected() -> Outcome:
        """What to say when Reverse is pressed with no entry selected (no dialog opens)."""
        return Outcome(_("Select the entry to reverse first."), "hint")

    def reverse(self, row: JournalRow, reason: str, day: dt.date) -> Outcome:
        """Post the mirror image of ``row`` dated ``day``, with ``reason``; the service's
        refusal (no reason, reversed already, savings already withdrawn, a closed month)
        is said, and nothing is posted."""
        try:
            ref = journal.reverse_entry(self.book, self.actor, row.id, reason=reason, day=day)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("Entry {number} was reversed by {reversal}.").format(
            number=row.label, reversal=ref.label), "ok")
