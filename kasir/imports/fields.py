"""An event's fields, read with errors naming the file, the line and the field.

A refusal always names the field at fault, so the treasurer knows what to correct: the
readers below name their own, and a rule's refusal is named by the handler that knows
what it is about (``about``: a withdrawal beyond the balance is about its ``amount``, an
unknown member about ``member_id``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from kasir.errors import N_
from kasir.imports.events import Event, EventError, refusal
from kasir.jsonfile import quoting, shown
from kasir.numbers import AmountError, file_amount
from ledger.entry import MAX_DATE, MIN_DATE
from ledger.errors import LedgerError
from ledger.money import Money

ID_LIMIT = 40  # member, group and asset numbers (the register's columns)
INFO_LIMIT = 200  # names and free text that end up in an entry's description
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class _About:
    """``Importer.about``'s block: a class, not a generator (a handler opens two or three
    for each of hundreds of thousands of events)."""

    __slots__ = ("im", "field")

    def __init__(self, im: EventFields, field_name: str) -> None:
        self.im, self.field = im, field_name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if isinstance(exc, LedgerError) and not isinstance(exc, EventError):
            raise self.im.fail(self.field, exc.template, **exc.params) from None


class EventFields:
    """The readers of the event at hand (``ev``) of the file ``source``."""

    source: str
    ev: Event | None

    def fail(self, field_name: str, reason: str, **params: Any) -> EventError:
        assert self.ev is not None
        return refusal(self.source, self.ev.line, field_name, reason, **params)

    def about(self, field_name: str) -> _About:
        """A rule's refusal inside the block is about this field of the event."""
        return _About(self, field_name)

    def has(self, name: str) -> bool:
        assert self.ev is not None
        return name in self.ev.data

    def get(self, name: str, default: Any = ...) -> Any:
        """The field's value; an optional field written as ``null`` is left out."""
        assert self.ev is not None
        value = self.ev.data.get(name)
        if value is None:
            if default is ...:
                raise self.fail(name, N_("this field is required"))
            return default
        return value

    def text(self, name: str, default: Any = ..., *, limit: int = INFO_LIMIT) -> str:
        """Free text (a name, a village, a description) of at most ``limit`` characters.
        ``jsonfile`` has already refused NUL, lone surrogates and bytes not in UTF-8."""
        value = self.get(name, default)
        if not isinstance(value, str):
            raise self.fail(name, N_("must be text"))
        if len(value) > limit:
            raise self.fail(name, N_("is longer than {limit} characters"), limit=limit)
        return value

    def ident(self, name: str, default: Any = ...) -> str | None:
        """A number of the cooperative's (member, group, asset): one line, not blank, kept
        as written; ``None`` when an optional one is left out."""
        value = self.get(name, default)
        if value is None:
            return None
        value = self.text(name, limit=ID_LIMIT)
        if not value.strip():
            raise self.fail(name, N_("must not be blank"))
        if _CONTROL.search(value):
            raise self.fail(name, N_("holds control characters"))
        return value

    def flag(self, name: str, default: bool) -> bool:
        """``true`` or ``false`` as JSON writes them: the text "true" is not a yes."""
        value = self.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, N_("must be true or false"))
        return value

    def whole(self, name: str, lowest: int, highest: int, default: Any = ...) -> int:
        """A count (weeks, months, members): a JSON integer in range, not ``true``."""
        value = self.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) \
                or not lowest <= value <= highest:
            raise self.fail(name, N_("must be a whole number from {lowest} to {highest}"),
                            lowest=lowest, highest=highest)
        return value

    def money(self, name: str, default: Any = ...) -> Money:
        return self.amount(name, self.get(name, default))

    def check(self, name: str, actual: Money) -> None:
        """A field the file's writer computed: refused when Kasir computes otherwise."""
        if self.has(name) and self.money(name) != actual:
            raise self.fail(name, N_("the file says {expected}, Kasir computes {actual}"),
                            expected=self.money(name), actual=actual)

    def amount(self, where: str, value: object) -> Money:
        """An amount found at ``where`` (``lines[2].amount`` inside a list)."""
        try:
            return file_amount(value)
        except AmountError as exc:
            raise self.fail(where, exc.template, **quoting(exc.params)) from None

    def positive(self, name: str) -> Money:
        amount = self.money(name)
        if not amount:
            raise self.fail(name, N_("must be more than zero"))
        return amount

    def date(self, name: str = "date", default: Any = ...) -> dt.date:
        """An ISO day (``2026-01-05``, nothing else ISO allows) the books can hold."""
        value = self.get(name, default)
        try:
            if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
                raise ValueError(value)
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(name, N_("{value} is not a date (YYYY-MM-DD)"),
                            value=shown(value)) from None
        if not MIN_DATE <= day <= MAX_DATE:
            raise self.fail(name, N_("The date {date} is outside the years the books can "
                                     "hold."), date=value)
        return day

    def choice(self, name: str, options: Iterable[str], default: Any = ...) -> str:
        value = self.get(name, default)
        options = tuple(options)
        if not isinstance(value, str) or value not in options:
            raise self.fail(name, N_("must be one of {options}"), options=", ".join(options))
        return value

    def channel(self, name: str, default: Any = ...) -> str:
        return self.choice(name, ("cash", "bank"), default)
