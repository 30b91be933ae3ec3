"""``kasir verify``: the whole book checked, every finding reported.

A book passes only if the database file is sound, its schema is the one this
program expects, every posted entry is intact and in its place in the hash
chain, official numbers have no gaps, the protective triggers are present, the
trial balance nets to zero, and the cooperative's own rules hold
(``domain_checks``: savings never below zero, sub-ledgers equal to their control
accounts, receipts equal to their entries, owned accounts moved only by their
owners, months closed as their log says).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy.orm import Session

from kasir.book import domain_checks, migrate, seals
from kasir.book.opening import schema_revision, sqlite_integrity
from kasir.errors import N_
from kasir.uow import Book
from ledger import audit, chain_walk, queries
from ledger.audit import Finding

# Postings from which the hash chain is walked in two processes: below, a second process
# would cost more to start (~0.3 s: a fresh interpreter) than it saves.
SPLIT_AT = 200_000


def verify_book(book: Book, anchors: Sequence[str] = (), *,
                full: bool = False) -> list[Finding]:
    """Every finding; ``anchors`` are seals from papers or backup files whose history the
    book must still hold. ``full``: SQLite's ``integrity_check`` instead of its
    ``quick_check`` (which leaves out only whether every index matches its table)."""
    findings = _verify(book, full)
    if not any(f.template.startswith("The database file is damaged") for f in findings):
        findings.extend(seals.check_log(book))
        for anchor in anchors:
            findings.extend(seals.check_anchor(book, anchor))
    return findings


def _verify(book: Book, full: bool = False) -> list[Finding]:
    """The checks on both cores: SQLite's integrity check and the sums over every line are
    the database's own work (no Python lock held), so they run on a second connection
    while this thread walks the hash chain. The findings come in the same order whatever
    finishes first; a damaged file is all that is told of it, as before."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kasir-verify") as pool:
        integrity = pool.submit(sqlite_integrity, book, full=full)
        try:
            findings = _checks(book, pool)
        except Exception:
            if integrity.result() != "ok":  # the checks stumbled on the damage itself
                findings = []
            else:
                raise
        damage = integrity.result()
    if damage != "ok":
        return [Finding(N_("The database file is damaged: {detail}"), {"detail": damage})]
    return findings


def _side_checks(book: Book) -> dict[str, list[Finding]]:
    """The checks that are nearly all SQL, on a connection of their own."""
    with book.read_session() as s:
        out = {"balanced": audit.check_entries_balanced(s),
               "copies": audit.check_line_copies(s), "numbers": audit.check_numbers(s),
               "references": audit.check_line_references(s)}
        for check in domain_checks.CHECKS:
            if check in domain_checks.SQL_HEAVY:
                out[check.__name__] = check(s)
        tb = queries.trial_balance(s)
        out["trial_balance"] = [] if tb.balanced else [Finding(
            N_("The trial balance does not net to zero (debit {debit}, credit {credit})."),
            {"debit": tb.total_debit, "credit": tb.total_credit})]
    return out


def _walk_chain(book: Book, s: Session) -> list[Finding]:
    """The hash chain, on a big book in two halves at once: the first in a process of its
    own (Python hashes on one core at a time), the second here."""
    cut = chain_walk.spans(s, 2, at_least=SPLIT_AT)
    if len(cut) == 1:
        return chain_walk.check_chain(s)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as procs:
            first = procs.submit(chain_walk.check_span_at, book.url, cut[0])
            second = chain_walk.check_span(s, cut[1])
            return chain_walk.joined(s, [first.result(), second])
    except (BrokenProcessPool, OSError):  # no second process here (a locked-down computer)
        return chain_walk.check_chain(s)  # the one walk: slower, the same findings


def _checks(book: Book, pool: ThreadPoolExecutor) -> list[Finding]:
    findings: list[Finding] = []
    revision = schema_revision(book)
    if revision != migrate.head_revision():
        findings.append(Finding(N_("The book's schema is {revision}, expected {head}."),
                                {"revision": revision, "head": migrate.head_revision()}))
    with book.read_session() as s:
        oversized = audit.check_amount_limits(s)
        if oversized:  # every sum below would overflow: name these, check what still can be
            findings.extend(oversized)
            findings.extend(audit.check_triggers(s.connection()))
            findings.extend(chain_walk.check_chain(s))
            return findings
        side = pool.submit(_side_checks, book)  # after the integrity check, on the worker
        findings.extend(audit.check_triggers(s.connection()))
        chain = _walk_chain(book, s)
        mine = {check.__name__: check(s) for check in domain_checks.CHECKS
                if check not in domain_checks.SQL_HEAVY}
    done = side.result()
    findings += done["balanced"] + done["copies"] + done["references"] + done["numbers"] + chain
    for check in domain_checks.CHECKS:
        findings += done.get(check.__name__) or mine.get(check.__name__) or []
    findings += done["trial_balance"]
    return findings
