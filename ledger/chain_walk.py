"""The hash chain walked again: every posting and audit record recomputed in sequence.

The walk is the longest part of ``verify`` on a big book (a million lines: ~3.5 s of
Python and SQLite on one core), so it can be cut into spans of the sequence, walked at
once by separate processes (``kasir.book.verify``), and joined: ``check_chain`` is the
one-span walk, ``spans`` cuts, ``check_span`` walks one, ``joined`` puts the parts
together with the check of the recorded head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger import audit_trail, chain
from ledger.audit import Finding, converter_of, driver_rows, stream_rows
from ledger.errors import N_
from ledger.posting import entry_label
from ledger.schema import (
    ENTRY_POSTED,
    Account,
    AuditRecord,
    JournalEntry,
    JournalLine,
    LedgerState,
    Party,
)

Span = tuple[int | None, int | None]  # sequence numbers [from, to); None: open


@dataclass(frozen=True)
class ChainPart:
    """What a span's walk found, and where it left the chain (for the next span or the
    recorded head)."""

    findings: list[Finding]
    last_seq: int
    last_hash: str


def check_chain(session: Session) -> list[Finding]:
    """The whole chain in one walk, then the recorded head."""
    return joined(session, [check_span(session)])


def spans(session: Session, parts: int, *, at_least: int = 0) -> list[Span]:
    """``parts`` spans of about as many entries each (their lines are most of the work);
    one span when the book has fewer than ``at_least`` postings (or ``parts``)."""
    top = session.scalar(select(func.max(JournalEntry.posted_seq))) or 0
    if parts <= 1 or top < max(parts, at_least):
        return [(None, None)]
    cuts = [top * k // parts + 1 for k in range(1, parts)]
    return [(None, cuts[0]), *zip(cuts, cuts[1:]), (cuts[-1], None)]


def joined(session: Session, parts: list[ChainPart]) -> list[Finding]:
    """The spans' findings in sequence order, and whether the recorded head (``ledger_state``)
    is where the last span left the chain."""
    out = [f for part in parts for f in part.findings]
    last_seq, last_hash = parts[-1].last_seq, parts[-1].last_hash
    state = session.execute(select(LedgerState.last_seq, LedgerState.last_hash)).first()
    if state is None or state[0] != last_seq or (last_seq and state[1] != last_hash):
        out.append(Finding(N_("The record of the last posting (number {recorded}) does not match "
                              "the journal (last posting {found}): entries were removed or "
                              "added."),
                           {"recorded": state[0] if state else "—", "found": last_seq}))
    return out


def _within(column: Any, span: Span) -> list[Any]:
    lo, hi = span
    return ([column >= lo] if lo is not None else []) + ([column < hi] if hi is not None else [])


def _before(session: Session, lo: int | None) -> tuple[int, str]:
    """The last entry or record before ``lo``, as stored: (seq, hash); (0, "") at the start."""
    if lo is None:
        return 0, ""
    entry = session.scalar(select(func.max(JournalEntry.posted_seq)).where(
        JournalEntry.status == ENTRY_POSTED, JournalEntry.posted_seq < lo)) or 0
    record = session.scalar(select(func.max(AuditRecord.seq)).where(AuditRecord.seq < lo)) or 0
    if not entry and not record:
        return 0, ""
    if entry > record:
        stored = session.scalar(select(JournalEntry.hash).where(JournalEntry.posted_seq == entry))
        return entry, stored or ""
    return record, session.scalar(select(AuditRecord.hash).where(AuditRecord.seq == record)) or ""


def check_span(session: Session, span: Span = (None, None)) -> ChainPart:
    """Recompute the hash chain over the sequence numbers ``span`` [from, to) (either end
    open: ``None``) and name every entry and record that breaks it.

    One walk in posting order over the entries with their lines (and one over the audit
    records, merged by sequence number), fetched in chunks: nothing of the whole book is
    held in memory. A span that does not start at the beginning takes up the chain where
    the walk before it would have left it: after the last entry or record below it, as
    stored. The parts of a walk split into spans name exactly what one walk names."""
    out: list[Finding] = []
    lo, hi = span
    orig = JournalEntry.__table__.alias("orig")
    rows_q = (
        select(JournalEntry.id, JournalEntry.posted_seq, JournalEntry.uuid,
               JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.date,
               JournalEntry.memo, JournalEntry.operation, orig.c.uuid,
               JournalEntry.reversal_reason, JournalEntry.prev_hash, JournalEntry.hash,
               JournalLine.line_no, JournalLine.account_id, JournalLine.party_id,
               JournalLine.debit, JournalLine.credit, JournalLine.memo)
        .outerjoin(orig, orig.c.id == JournalEntry.reverses_entry_id)
        .outerjoin(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .where(JournalEntry.status == ENTRY_POSTED, *_within(JournalEntry.posted_seq, span))
        # posting order only: ``link_values`` puts an entry's lines in line order itself,
        # and ordering them here too made SQLite sort all the lines again
        .order_by(JournalEntry.posted_seq)
    )
    records = iter(stream_rows(session, select(AuditRecord.__table__)
                           .where(*_within(AuditRecord.seq, span)).order_by(AuditRecord.seq)))
    record = next(records, None)
    last_seq, last_hash = _before(session, lo)
    expected_prev = last_hash or chain.GENESIS
    expected_seq = last_seq + 1

    def check_record(r: Any) -> None:
        nonlocal expected_prev, expected_seq, last_seq, last_hash
        label = f"{r.seq} ({r.action} {r.table_name} {r.row_key})".strip()
        if r.seq != expected_seq:
            out.append(Finding(N_("Postings or records {first} to {last} are missing before "
                                  "audit record {record}: they were deleted."),
                               {"first": expected_seq, "last": r.seq - 1, "record": label}))
        if r.prev_hash != expected_prev:
            out.append(Finding(N_("Audit record {record} does not follow what was sealed before "
                                  "it (chain broken)."), {"record": label}))
        if audit_trail.recompute(r) != r.hash:
            out.append(Finding(N_("Audit record {record} was changed after it was sealed."),
                               {"record": label}))
        expected_prev, expected_seq = r.hash or "", r.seq + 1
        last_seq, last_hash = r.seq, r.hash or ""

    def check_entry(head: Any, lines: list[list[object]]) -> None:
        nonlocal expected_prev, expected_seq, last_seq, last_hash, record
        (_eid, seq, key, fy, no, day, memo, op, rev_key, reason, prev, stored) = head
        day = to_date(day)
        while record is not None and record.seq < seq:
            check_record(record)
            record = next(records, None)
        if seq != expected_seq:
            out.append(Finding(N_("Postings {first} to {last} are missing before entry {entry}: "
                                  "entries were deleted."),
                               {"first": expected_seq, "last": seq - 1,
                                "entry": entry_label(fy, no)}))
        if prev != expected_prev:
            out.append(Finding(N_("Entry {entry} does not follow the entry posted before it "
                                  "(chain broken: an entry was removed, inserted or changed)."),
                               {"entry": entry_label(fy, no)}))
        computed = chain.link_values(prev or "", seq, key, fy, no, day, memo, op, rev_key,
                                     reason, lines)
        if computed != stored:
            out.append(Finding(N_("Entry {entry} was changed after posting: its lines or details "
                                  "no longer match its seal."), {"entry": entry_label(fy, no)}))
        expected_prev = stored or ""
        expected_seq = seq + 1
        last_seq, last_hash = seq, stored or ""

    # codes by id (the chart and the members: small beside the lines), not joined per line
    accounts = dict(session.execute(select(Account.id, Account.code)).all())
    parties = dict(session.execute(select(Party.id, Party.code)).all())
    head: Any = None
    lines: list[list[object]] = []
    to_date = converter_of(session, JournalEntry.date)  # once an entry, not once a line
    for row in driver_rows(session, rows_q, unconverted=(5,)):
        if head is None or row[0] != head[0]:
            if head is not None:
                check_entry(head, lines)
            head, lines = row[:12], []
        no, account, party, debit, credit, memo = row[12:]
        if no is not None:  # an entry whose lines are all gone still has its row
            lines.append([no, accounts.get(account), parties.get(party) if party else None,
                          debit, credit, memo])
    if head is not None:
        check_entry(head, lines)
    while record is not None:
        check_record(record)
        record = next(records, None)
    return ChainPart(out, last_seq, last_hash)




def check_span_at(url: str, span: Span) -> ChainPart:
    """``check_span`` in a process of its own (``multiprocessing``'s spawn: nothing shared
    with the caller), on a connection of its own, reading only."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return check_span(s, span)
    finally:
        engine.dispose()
