"""The manual entry page's calls on the book, without Qt: its choices, its status, posting.

:class:`~ui.presenters.entry_presenter.EntryPresenter` decides what the typed
text means against a fixed list of accounts, members and closed months; this
page reads those lists from the book (again each time it is shown: they change
elsewhere), says what the status line shows, and posts.

Posting carries a key made when the form was opened or cleared, so a double
click, or a click repeated after a slow answer, posts the entry once. The
book's answer (posted, or refused) stays on the status line until the user
types again: re-reading the form must not wipe out what the book said (but
another page shown in between makes a refusal old news: ``forget_refusal``).

The date comes as typed (``15/10/2026``) and is read strictly: a text that is
no real day is a problem of the form, never replaced by another day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import replace

from kasir.actor import Actor
from kasir.i18n import _, message
from kasir.journal import service as journal
from kasir.journal.service import PostedRef
from kasir.uow import Book
from ledger.errors import LedgerError
from ui.presenters.dates import parse_day, read_day
from ui.presenters.entry_presenter import (
    AccountChoice,
    EntryPresenter,
    EntryState,
    MemberChoice,
    RowInput,
    all_problems,
    first_problems,
)
from ui.presenters.labels import account_name
from ui.presenters.outcome import Outcome, refused


class EntryPage:
    """One manual entry form on one book: what it offers, says and posts."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.form = EntryPresenter([])
        self.key = uuid.uuid4().hex
        self.answer: Outcome | None = None  # the book's last word, kept until typing
        self.last: PostedRef | None = None  # the entry posted last from this page

    def today(self) -> dt.date:
        """The date a new form starts on: the book's today, from its clock."""
        return self.book.clock.today()

    # --- choices from the book ----------------------------------------------------
    def load(self) -> EntryPresenter:
        """Accounts, members and closed months, read again (they change elsewhere)."""
        accounts = [AccountChoice(a.code, account_name(a.name_id, a.name_en), a.is_header,
                                  a.active) for a in journal.chart(self.book)]
        members = [MemberChoice(p.code, p.name) for p in journal.parties(self.book)]
        self.form = EntryPresenter(accounts, members, journal.closed_periods(self.book))
        return self.form

    # --- the form's life ------------------------------------------------------------
    def clear(self) -> None:
        """A new, empty form: a fresh posting key (the book's answer stays shown)."""
        self.key = uuid.uuid4().hex

    def edited(self) -> None:
        """The user typed: from now on the status follows the form again."""
        self.answer = None

    def forget_refusal(self) -> None:
        """The page was left: a refusal shown then is not shown again on return."""
        if self.answer is not None and self.answer.kind == "error":
            self.answer = None

    def evaluate(self, rows: Sequence[RowInput], description: str,
                 day: dt.date | str | None) -> EntryState:
        """The form understood; ``day`` as typed is read strictly, and a text that is no
        day is the first thing keeping the entry from being posted."""
        if not isinstance(day, str):
            return self.form.evaluate(rows, description, day)
        value, problem = read_day(day)
        state = self.form.evaluate(rows, description, value)
        return state if problem is None else replace(state, hints=(problem, *state.hints))

    def status(self, state: EntryState, shown_problems: Sequence[str]) -> Outcome:
        """The status line for ``state``. ``shown_problems`` are the mistakes the view
        marks red (not those in the field being typed): the book's answer first, then
        those mistakes, then "ready to post", then the first thing still missing."""
        if self.answer is not None:
            return self.answer
        if shown_problems:
            return Outcome(first_problems(shown_problems), "error")
        if state.can_post:
            return Outcome(_("The entry balances. Press Ctrl+Enter to post it."), "ok")
        if state.hints and any(not r.blank for r in state.rows):
            return Outcome(message(state.hints[0]), "hint")
        return Outcome(_("Type the date, a description and the lines."), "plain")

    # --- posting --------------------------------------------------------------------
    def post(self, rows: Sequence[RowInput], description: str, day: dt.date | str) -> Outcome:
        """Post the entry if it can be, else say why; nothing is posted on a refusal.

        A form not ready is refused before any call (and the status follows the form
        again as soon as it changes); the book's refusal, or its new number, is kept.
        After posting, ``last`` is the entry and the next form gets a new key."""
        state = self.evaluate(rows, description, day)
        if not state.can_post:
            self.answer = None
            return Outcome(all_problems(state), "error")
        if isinstance(day, str):
            day = parse_day(day)  # a day: can_post says it was read above
        try:
            ref = journal.post_entry(self.book, self.actor, day, description, state.lines(),
                                     key=self.key)
        except LedgerError as exc:
            self.answer = refused(exc)
            return self.answer
        self.last = ref
        self.clear()
        self.answer = Outcome(_("Posted: {number}").format(number=ref.label), "ok")
        return self.answer
