"""What the journal page and ``kasir entry show`` read: one entry with its lines."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.errors import N_, KasirError
from ledger import periods, queries
from ledger.money import ZERO, Money
from ledger.periods import PeriodLogRow
from ledger.queries import EntryHeader, JournalDetailLine


@dataclass(frozen=True, slots=True)
class EntryDetail:
    header: EntryHeader
    lines: list[JournalDetailLine]

    @property
    def total(self) -> Money:
        return sum((ln.debit for ln in self.lines), ZERO)


def entry_id(s: Session, number: str) -> int:
    """The id of the posted entry printed as ``number`` ("2026/000123"), or a refusal."""
    found = queries.entry_id_by_label(s, number)
    if found is None:
        raise KasirError(N_("There is no posted entry {entry}."), entry=number.strip())
    return found


def entry_detail(s: Session, number: str) -> EntryDetail:
    """One posted entry with its lines, who posted it, its operation and its reversal."""
    found = entry_id(s, number)
    header = queries.entry_header(s, found)
    assert header is not None
    return EntryDetail(header, queries.entry_lines(s, found))


def month_log(s: Session, year: int, month: int) -> tuple[bool, list[PeriodLogRow]]:
    """Whether the month is closed now, and its closes and reopenings, oldest first."""
    log = [r for r in periods.period_log(s) if (r.year, r.month) == (year, month)]
    return periods.is_closed(s, year, month), log
