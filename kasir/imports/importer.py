"""The import's driver: one transaction, entries posted in batches.

An import is all or nothing, idempotent (an event seen before is skipped and
counted), and an audit of the old books: check fields are recomputed and a
disagreement refuses the file, naming file, line and field (the readers of
``kasir.imports.fields``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kasir import audit
from kasir.actor import Actor
from kasir.errors import N_
from kasir.imports.balances import RunningBalances
from kasir.imports.events import Event, digest
from kasir.imports.fields import EventFields
from kasir.imports.models import ImportedEvent
from kasir.jsonfile import shown
from kasir.members import rules as members
from kasir.members.models import Group, Member
from ledger import background_writer, held_rows, posted_rows, posting
from ledger.audit_trail import Change
from ledger.bulk_rows import insert_tuples
from ledger.entry import EntryDraft, PostingContext, validate
from ledger.errors import InvalidDraft
from ledger.held_rows import ReservedIds
from ledger.schema import Base, Party, utcnow

BATCH = 1000
IMPORTED_COLUMNS = ("digest", "type", "date", "seq")  # and the source and time, shared
# batches between two writes of the session's own rows (``Importer.flush``): each write
# waits for the background writer to finish, which on PostgreSQL (the server sharing the
# cores) takes longer; more batches between writes hold more in memory (SQLite 1M: 363 MB
# at 100, 385 MB at 200, against 400)
ORM_EVERY = {"sqlite": 100, "postgresql": 200}
# the background writer's jobs a batch may find still unwritten (two batches' lines, entries
# and event records): a batch makes no statement, so the importer need not wait for them
IN_FLIGHT = 6
MAX_SEQ = 10**18 - 1  # imported_event.seq is a BIGINT; eighteen digits are plenty
Handler = Callable[["Importer", dt.date], None]


@dataclass
class ImportResult:
    events: int = 0
    imported: int = 0
    skipped: int = 0
    entries: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


class Importer(EventFields):
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
        self.seqs: dict[int, int] = {}  # seq -> the line that holds it
        self.ev: Event | None = None
        self.pending: list[EntryDraft] = []
        self.imported_rows: list[tuple] = []  # in the order of IMPORTED_COLUMNS
        self.batches: list[Change] = []  # audit records of batches written, not yet sealed
        self.unwritten = 0  # batches posted since the session's rows were last written
        self.orm_every = ORM_EVERY.get(s.get_bind().dialect.name, 100)
        self.members: dict[str, Member] = {}  # held for the whole import (identity map)
        # the groups' ids and the parties' codes, read once (a group or party is never
        # removed): a member or group is added without a statement (``hold``)
        self.groups: dict[str, int] = {
            code: gid for code, gid in s.execute(select(Group.code, Group.id))}
        self.party_codes: set[str] = set(s.scalars(select(Party.code)))
        self.held: list[Base] = []  # rows added beside the session, written at the next flush
        self.ids: dict[str, ReservedIds] = {}
        self.cache: dict[str, Any] = {}  # what a feature's handlers hold for the import
        # called at each batch flush, before the entries: rows a feature writes in bulk
        self.before_flush: list[Callable[[Importer], None]] = []
        self.balances: RunningBalances | None = None  # savings, set by the handlers' setup
        self.now = utcnow()

    # --- the book's members and groups, named by a field ---------------------------

    def member(self, name: str = "member_id", *, active: bool = True,
               default: Any = ...) -> Member | None:
        """The member the field names, refused naming the field when there is none (or,
        for money that moves on her savings, when she has left)."""
        assert self.ev is not None
        number = self.ev.data.get(name)
        held = self.members.get(number) if type(number) is str else None  # checked before
        if held is None:
            number = self.ident(name, default)
            if number is None:
                return None
            with self.about(name):
                held = self.members[number] = members.get_member(self.s, number)
        if active and held.status != "active":
            with self.about(name):
                members.active_member(self.s, number)
        return held

    def group(self, name: str = "group_id", default: Any = ...) -> str | None:
        """The group the field names, refused naming the field when there is none."""
        code = self.ident(name, default)
        if code is not None and code not in self.groups:
            raise self.fail(name, N_("There is no group {code}."), code=code)
        return code

    def hold(self, obj: Base) -> int:
        """A row the import adds (a group, a member, her party) without a flush: its id
        reserved, the object held by the session as if loaded, its row written with the
        next batch (``ledger.held_rows``). Returns the id."""
        table = obj.__table__
        ids = self.ids.get(table.name)
        if ids is None:
            ids = self.ids[table.name] = ReservedIds(self.s, table, aside=True)
        obj.id = ids.next()  # type: ignore[attr-defined]
        held_rows.hold(self.s, obj)
        self.held.append(obj)
        return obj.id  # type: ignore[attr-defined,no-any-return]

    def open_month(self, day: dt.date) -> None:
        """A posting into a closed month is about the event's date."""
        if (day.year, day.month) in self.ctx.closed_periods:
            raise self.fail("date", N_("The period {period} is closed; nothing can be posted "
                                       "in it."), period=f"{day.month:02d}/{day.year}")

    # --- driving ------------------------------------------------------------------
    def run(self, events: Iterable[Event]) -> ImportResult:
        posted_rows.start_run(self.s)  # ids and entry numbers held for the whole import
        try:
            result = self._run(events)
        except BaseException:
            posted_rows.end_run(self.s, keep=False)
            raise
        posted_rows.end_run(self.s)
        return result

    def _run(self, events: Iterable[Event]) -> ImportResult:
        for ev in events:
            self.ev = ev
            self.result.events += 1
            handler = self._handler(ev)
            key = digest(ev.data)
            day = self.date()
            if self.last_date and day < self.last_date:
                raise self.fail("date", N_("dates go backwards ({date} after {previous})"),
                                date=day.isoformat(), previous=self.last_date.isoformat())
            self.last_date = day
            self._seq(ev)
            if key in self.seen:
                self.result.skipped += 1
            else:
                self._handle(handler, ev, key, day)
            if len(self.pending) >= BATCH:
                self.flush(whole=False)
            if self.progress and self.result.events % 500 == 0:
                self.progress(self.result.events)
        self.flush()
        self._record_batches()
        self.s.flush()
        return self.result

    def _handler(self, ev: Event) -> Handler:
        kind = self.get("type")
        if not isinstance(kind, str):
            raise self.fail("type", N_("must be text"))
        if kind in self.not_yet:
            raise self.fail("type", N_("{type} events cannot be imported by this version "
                                       "of Kasir yet"), type=kind)
        handler = self.handlers.get(kind)
        if handler is None:
            raise self.fail("type", N_("unknown event type {type}"), type=shown(kind))
        return handler

    def _seq(self, ev: Event) -> None:
        """``seq``, where present, is a positive integer unique in the file (events.md)."""
        if not self.has("seq"):
            return
        seq = ev.data["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQ:
            raise self.fail("seq", N_("must be a positive whole number (at most 18 digits)"))
        if seq in self.seqs:
            raise self.fail("seq", N_("{seq} is already used on line {other}"), seq=seq,
                            other=self.seqs[seq])
        self.seqs[seq] = ev.line

    def _handle(self, handler: Handler, ev: Event, key: str, day: dt.date) -> None:
        with self.about("type"):  # what no handler names is about the event as a whole
            handler(self, day)
        seq = ev.data.get("seq")
        self.imported_rows.append((key, ev.type, day, seq if isinstance(seq, int) else None))
        self.seen.add(key)
        self.result.imported += 1
        self.result.by_type[ev.type] = self.result.by_type.get(ev.type, 0) + 1

    def queue(self, draft: EntryDraft) -> None:
        """Entries are posted in batches; a handler that reads balances flushes first.
        Each draft is checked as it is queued, so a refusal names its own line."""
        self.open_month(draft.date)
        problems = validate(draft, self.ctx)
        if problems:
            raise InvalidDraft(problems)
        self.pending.append(draft)
        if self.balances is not None:
            self.balances.add(draft)
        self.result.entries += 1

    def flush(self, *, whole: bool = True) -> None:
        """Post the queued entries and record the events handled. The rows the handlers
        added or changed through the session (contracts and their events) are written
        with every ``ORM_EVERY``-th batch (``whole=False``, the importer's own rhythm) or
        when a handler asks (``whole``): a contract paid every week then becomes one
        UPDATE, and one audit look at it, for several of its installments."""
        writer = self.s.info.get(background_writer.WRITER)
        if writer is not None:  # a batch refused in the background is refused here;
            writer.drain(keep=IN_FLIGHT)  # the last batches may still be being written
        self._write_held()
        self.unwritten += 1
        if whole or self.unwritten >= self.orm_every:
            self._record_batches()
            for write in self.before_flush:
                write(self)
            self.s.flush()
            self.unwritten = 0
        if self.pending:
            posting.post_many(self.s, self.pending, user=self.actor.user, ctx=self.ctx,
                              checked=True,  # each was validated as it was queued
                              new_keys=True)  # the handlers' rules made every key
            self.pending = []
        if self.imported_rows:
            insert_tuples(self.s, ImportedEvent.__table__, IMPORTED_COLUMNS, self.imported_rows,
                          {"source": self.source, "imported_at": self.now})
            digests = hashlib.sha256("".join(r[0] for r in self.imported_rows)
                                     .encode("ascii")).hexdigest()
            self.batches.append(Change("import", "imported_event", self.source,
                                       {"count": len(self.imported_rows),
                                        "digests": digests}))
            self.imported_rows = []

    def _write_held(self) -> None:
        """The rows ``hold`` added, before the entries and contracts that refer to them and
        before the session's flush (which would write a held member's later changes)."""
        if not self.held:
            return
        tables: dict[Table, list[Base]] = {}
        for obj in self.held:
            tables.setdefault(obj.__table__, []).append(obj)
        for table in Base.metadata.sorted_tables:  # a group before its members
            if table in tables:
                insert_tuples(self.s, table, [c.name for c in table.columns],
                              [held_rows.row_of(table, obj) for obj in tables[table]])
        audit.added(self.s, self.held)
        self.held = []

    def _record_batches(self) -> None:
        """The audit records of the batches written so far, with the session's own rows
        (every ``ORM_EVERY`` batches, or a whole flush), not each at its own batch: a batch
        makes no statement, so none waits for the rows a background writer is still writing
        (``ledger.background_writer``)."""
        if self.batches:
            audit.record(self.s, self.batches)
            self.batches = []
