"""Today, from one place: a book's clock, injectable in tests and demos.

Services and presenters ask ``book.clock.today()`` for the day an operation is
dated when none is typed, and for "as of today" reads. A test gives the book a
``FixedClock`` and every default date follows it; nothing reads the system
date behind its back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def today(self) -> dt.date: ...

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The computer's local date and time."""

    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now()


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A day that does not move (tests, reproducible papers)."""

    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(12, 0))


SYSTEM_CLOCK: Clock = SystemClock()
