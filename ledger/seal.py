"""The seal: a short code for the head of the hash chain, that people can print and keep.

A seal names a record's sequence number (a posting or a change) and the first 50 bits
of the chain's hash there, in Crockford's base 32 (no I, L, O, U: nothing to misread): ``K7Q2-9XMD-4T /1234``. A book
still holds the history a seal was taken from exactly when its chain has that hash at
that sequence number; a history shortened behind the program's back lacks the number,
one rewritten and re-sealed has another hash there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.schema import ENTRY_POSTED, AuditRecord, JournalEntry, LedgerState

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE = re.compile(r"\s*([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z]{2})\s*/\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Seal:
    seq: int
    code: str  # "K7Q2-9XMD-4T"

    def __str__(self) -> str:
        return f"{self.code} /{self.seq}"


def code_of(chain_hash: str) -> str:
    """Ten base-32 characters from the first 50 bits of a SHA-256 hex digest."""
    bits = int(chain_hash[:13], 16) >> 2 if chain_hash else 0  # 52 bits -> 50
    chars = "".join(_ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(10)))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def parse(text: str) -> Seal | None:
    """A seal as printed (``K7Q2-9XMD-4T /1234``, dashes optional, any case)."""
    m = _CODE.match(text.upper().replace("O", "0").replace("I", "1").replace("L", "1"))
    if m is None:
        return None
    return Seal(int(m.group(4)), f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


def head(session: Session) -> Seal:
    """The seal of the book as it stands: the last record of its chain (a posting or a change)."""
    row = session.execute(select(LedgerState.last_seq, LedgerState.last_hash)).first()
    if row is None or not row[0]:
        return Seal(0, code_of(""))
    return Seal(int(row[0]), code_of(row[1] or ""))


def at(session: Session, seq: int) -> Seal | None:
    """The seal the book gives at record ``seq`` of its chain (None when it holds none)."""
    if seq == 0:
        return Seal(0, code_of(""))
    stored = session.scalar(select(JournalEntry.hash).where(
        JournalEntry.posted_seq == seq, JournalEntry.status == ENTRY_POSTED)) or \
        session.scalar(select(AuditRecord.hash).where(AuditRecord.seq == seq))
    return Seal(seq, code_of(stored)) if stored else None
