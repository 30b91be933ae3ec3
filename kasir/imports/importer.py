"""The import's driver: one transaction, fields read with errors naming line and field,
entries posted in batches.

An import is all or nothing, idempotent (an event seen before is skipped and
counted), and an audit of the old books: check fields are recomputed and a
disagreement refuses the file, naming file, line and field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_
from kasir.i18n import Reason
from kasir.imports.events import Event, EventError, digest
from kasir.imports.models import ImportedEvent
from kasir.members.models import Member
from kasir.numbers import AmountError, file_amount
from ledger import posting
from ledger.entry import EntryDraft, PostingContext, validate
from ledger.errors import InvalidDraft, LedgerError
from ledger.money import Money
from ledger.schema import utcnow

BATCH = 1000
Handler = Callable[["Importer", dt.date], None]


@dataclass
class ImportResult:
    events: int = 0
    imported: int = 0
    skipped: int = 0
    entries: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


class Importer:
    def __init__(self, s: Session, source: str, actor: Actor,
                 handlers: dict[str, Handler], not_yet: frozenset[str],
                 progress: Callable[[int], None] | None) -> None:
        self.s = s
        self.source = source
        self.actor = actor
        self.handlers = handlers
        self.not_yet = not_yet
        self.progress = progress
        self.ctx: PostingContext = posting.load_context(s)
        self.result = ImportResult()
        self.last_date: dt.date | None = None
        self.seen = {d for (d,) in s.execute(select(ImportedEvent.digest))}
        self.ev: Event | None = None
        self.pending: list[EntryDraft] = []
        self.imported_rows: list[dict[str, Any]] = []
        self.members: dict[str, Member] = {}  # held for the whole import (identity map)
        self.now = utcnow()

    # --- field access with errors naming line and field -----------------------------
    def fail(self, field_name: str, reason: str, **params: Any) -> EventError:
        assert self.ev is not None
        return EventError(N_("{file}:{line}: {field}: {reason}"), file=self.source,
                          line=self.ev.line, field=field_name, reason=Reason(reason, params))

    def has(self, name: str) -> bool:
        assert self.ev is not None
        return name in self.ev.data

    def get(self, name: str, default: Any = ...) -> Any:
        assert self.ev is not None
        if name not in self.ev.data:
            if default is ...:
                raise self.fail(name, N_("this field is required"))
            return default
        return self.ev.data[name]

    def text(self, name: str, default: Any = ...) -> str:
        value = self.get(name, default)
        if not isinstance(value, str):
            raise self.fail(name, N_("must be text"))
        return value

    def money(self, name: str, default: Any = ...) -> Money:
        try:
            return file_amount(self.get(name, default))
        except AmountError as exc:
            raise self.fail(name, exc.template, **exc.params) from None

    def positive(self, name: str) -> Money:
        amount = self.money(name)
        if not amount:
            raise self.fail(name, N_("must be more than zero"))
        return amount

    def date(self, name: str = "date", default: Any = ...) -> dt.date:
        value = self.get(name, default)
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(name, N_("{value} is not a date (YYYY-MM-DD)"), value=value) from None

    def choice(self, name: str, options: Iterable[str], default: Any = ...) -> str:
        value = self.get(name, default)
        options = tuple(options)
        if value not in options:
            raise self.fail(name, N_("must be one of {options}"), options=", ".join(options))
        return str(value)

    def channel(self, name: str, default: Any = ...) -> str:
        return self.choice(name, ("cash", "bank"), default)

    # --- driving ------------------------------------------------------------------
    def run(self, events: Iterable[Event]) -> ImportResult:
        for ev in events:
            self.ev = ev
            self.result.events += 1
            handler = self.handlers.get(ev.type)
            if ev.type in self.not_yet:
                raise self.fail("type", N_("{type} events cannot be imported by this version "
                                           "of Kasir yet"), type=ev.type)
            if handler is None:
                raise self.fail("type", N_("unknown event type {type}"), type=ev.type)
            key = digest(ev.data)
            day = self.date()
            if self.last_date and day < self.last_date:
                raise self.fail("date", N_("dates go backwards ({date} after {previous})"),
                                date=day.isoformat(), previous=self.last_date.isoformat())
            self.last_date = day
            if key in self.seen:
                self.result.skipped += 1
            else:
                self._handle(handler, ev, key, day)
            if len(self.pending) >= BATCH:
                self.flush()
            if self.progress and self.result.events % 500 == 0:
                self.progress(self.result.events)
        self.flush()
        self.s.flush()
        return self.result

    def _handle(self, handler: Handler, ev: Event, key: str, day: dt.date) -> None:
        try:
            handler(self, day)
        except EventError:
            raise
        except LedgerError as exc:
            raise self.fail("type", exc.template, **exc.params) from None
        seq = ev.data.get("seq")
        self.imported_rows.append({"digest": key, "type": ev.type, "date": day,
                                   "seq": seq if isinstance(seq, int) else None,
                                   "source": self.source, "imported_at": self.now})
        self.seen.add(key)
        self.result.imported += 1
        self.result.by_type[ev.type] = self.result.by_type.get(ev.type, 0) + 1

    def queue(self, draft: EntryDraft) -> None:
        """Entries are posted in batches; a handler that reads balances flushes first.
        Each draft is checked as it is queued, so a refusal names its own line."""
        problems = validate(draft, self.ctx)
        if problems:
            raise InvalidDraft(problems)
        self.pending.append(draft)
        self.result.entries += 1

    def flush(self) -> None:
        if self.pending:
            posting.post_many(self.s, self.pending, user=self.actor.user, ctx=self.ctx)
            self.pending = []
        if self.imported_rows:
            self.s.execute(insert(ImportedEvent.__table__), self.imported_rows)
            self.imported_rows = []
