"""The hash chain over posted entries, in posting order.

Each posted entry stores ``hash = sha256(prev_hash || canonical(entry, lines))``
where ``prev_hash`` is the hash of the entry posted just before it. Editing,
deleting or inserting a posted row behind the program's back (with the
triggers dropped) breaks the chain at that entry, and ``verify`` names it. The
chain follows the posting sequence, not row ids, because ids may have gaps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ledger import json_text

GENESIS = "0" * 64
# the one text every link hashes, whichever way its values come (``canonical``, ``link_values``)
_ENCODE = json_text.encoder(ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class ChainLine:
    line_no: int
    account_code: str
    party_code: str | None
    debit: int
    credit: int
    memo: str | None


@dataclass(frozen=True, slots=True)
class ChainEntry:
    posted_seq: int
    uuid: str
    fiscal_year: int
    number: int
    date: dt.date
    memo: str
    operation: str
    reverses_uuid: str | None
    reversal_reason: str | None
    lines: Sequence[ChainLine]


def canonical(entry: ChainEntry) -> bytes:
    """A stable byte form of what the entry says (not of how it is stored)."""
    body = [
        entry.posted_seq,
        entry.uuid,
        entry.fiscal_year,
        entry.number,
        entry.date.isoformat(),
        entry.memo,
        entry.operation,
        entry.reverses_uuid,
        entry.reversal_reason,
        [
            [ln.line_no, ln.account_code, ln.party_code, ln.debit, ln.credit, ln.memo]
            for ln in sorted(entry.lines, key=lambda ln: ln.line_no)
        ],
    ]
    return _ENCODE(body).encode("utf-8")


def link(prev_hash: str, entry: ChainEntry) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(entry)).hexdigest()


def link_values(prev_hash: str, posted_seq: int, uuid: str, fiscal_year: int, number: int,
                date: dt.date, memo: str, operation: str, reverses_uuid: str | None,
                reversal_reason: str | None, lines: list[list[object]], *,
                ordered: bool = False) -> str:
    """``link`` from plain values, for ``verify`` walking a whole book: ``lines`` as
    ``[line_no, account_code, party_code, debit, credit, memo]`` lists (``ordered``: by
    their number already, as a posting makes them); the same bytes hashed as
    ``canonical`` gives."""
    if len(lines) > 1 and not ordered:
        lines = sorted(lines, key=lambda ln: ln[0])  # type: ignore[arg-type, return-value]
    body = _ENCODE([posted_seq, uuid, fiscal_year, number, date.isoformat(), memo, operation,
                    reverses_uuid, reversal_reason, lines])
    return hashlib.sha256(prev_hash.encode("ascii") + body.encode("utf-8")).hexdigest()
