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

from collections.abc import Sequence

from kasir.book import migrate, seals
from kasir.book.domain_checks import check_domain
from kasir.book.opening import schema_revision, sqlite_integrity
from kasir.errors import N_
from kasir.uow import Book
from ledger import audit, queries
from ledger.audit import Finding


def verify_book(book: Book, anchors: Sequence[str] = ()) -> list[Finding]:
    """Every finding; ``anchors`` are seals from papers or backup files whose history the
    book must still hold."""
    findings = _verify(book)
    if not any(f.template.startswith("The database file is damaged") for f in findings):
        findings.extend(seals.check_log(book))
        for anchor in anchors:
            findings.extend(seals.check_anchor(book, anchor))
    return findings


def _verify(book: Book) -> list[Finding]:
    findings: list[Finding] = []
    integrity = sqlite_integrity(book)
    if integrity != "ok":
        findings.append(Finding(N_("The database file is damaged: {detail}"),
                                {"detail": integrity}))
        return findings
    revision = schema_revision(book)
    if revision != migrate.head_revision():
        findings.append(Finding(N_("The book's schema is {revision}, expected {head}."),
                                {"revision": revision, "head": migrate.head_revision()}))
    with book.read_session() as s:
        oversized = audit.check_amount_limits(s)
        if oversized:  # every sum below would overflow: name these, check what still can be
            findings.extend(oversized)
            findings.extend(audit.check_triggers(s.connection()))
            findings.extend(audit.check_chain(s))
            return findings
        findings.extend(audit.check_all(s))
        findings.extend(check_domain(s))
        tb = queries.trial_balance(s)
        if not tb.balanced:
            findings.append(Finding(N_("The trial balance does not net to zero (debit {debit}, "
                                       "credit {credit})."),
                                    {"debit": tb.total_debit, "credit": tb.total_credit}))
    return findings
