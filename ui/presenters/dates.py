"""A typed date, read strictly, without Qt.

The date fields keep exactly the text the treasurer typed (``15/10/2026``).
What that text means is decided here, once, for the fields' red state and for
the pages that post: a date that is not complete, not a real day (31/02) or
outside the years a book can hold is refused and never replaced by another
day, because an entry posted on the wrong date is worse than one not posted.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.errors import N_, LedgerError

FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(2099, 12, 31)
_TYPED = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


class DateProblem(LedgerError):
    """A typed date that is not one day of the calendar; nothing is posted on it."""


def shown(day: dt.date) -> str:
    """The way a date field shows a day: ``15/10/2026``."""
    return day.strftime("%d/%m/%Y")


def parse_day(typed: str) -> dt.date:
    """``dd/mm/yyyy`` as typed, day first, four-digit year; anything else is refused."""
    text = typed.strip()
    found = _TYPED.fullmatch(text)
    if found is None:
        raise DateProblem(N_("Type the date as day/month/year, like 15/10/2026."))
    day, month, year = (int(part) for part in found.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateProblem(N_("{typed} is not a day of the calendar."), typed=text) from None
    if not FIRST_DAY <= value <= LAST_DAY:
        raise DateProblem(N_("The date must be between {first} and {last}."),
                          first=shown(FIRST_DAY), last=shown(LAST_DAY))
    return value


def read_day(typed: str) -> tuple[dt.date | None, DateProblem | None]:
    """The day typed, or why there is none (for callers that keep both)."""
    try:
        return parse_day(typed), None
    except DateProblem as exc:
        return None, exc
