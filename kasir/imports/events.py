"""Reading an event file: one JSON object a line, never a float, each with its identity.

The file never names accounts: Kasir derives every entry from its own rules.
An event's identity is the digest of its canonical content; an event seen
before is skipped. Every value is checked as it is read (``kasir.jsonfile``):
a float, a number too long, text that is not text, a name given twice or deep
nesting refuses the file naming the line and the field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kasir import jsonfile
from kasir.errors import N_, KasirError
from kasir.i18n import Reason
from ledger import json_text


class EventError(KasirError):
    """A bad event; the whole file was refused."""


@dataclass
class Event:
    line: int
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data.get("type"))


@dataclass(frozen=True, slots=True)
class EventFile:
    """A business-event file chosen for import, before anything is read into the book."""

    path: Path
    name: str
    lines: int  # lines holding an event (blank lines are not counted)
    size: int  # bytes


_CANONICAL = json_text.encoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                               default=str)


def digest(data: dict[str, Any]) -> str:
    """The event's identity. A JSON integer too long for an int (``kasir.jsonfile`` keeps it
    as a Decimal) is written as its digits, so the digest never fails on it."""
    return hashlib.sha256(_CANONICAL(data).encode("utf-8")).hexdigest()


def refusal(file: str, line: int, field: str, reason: str, **params: Any) -> EventError:
    """``file:line: field: reason``: what the treasurer needs to find the value and fix it.
    A value quoted from the file is shown escaped and cut short (``jsonfile.shown``)."""
    return EventError(N_("{file}:{line}: {field}: {reason}"), file=file, line=line,
                      field=field, reason=Reason(reason, params))


def read_events(path: Path) -> Iterator[Event]:
    """The file's events in order. Bytes that are not UTF-8 are read as lone surrogates
    (``surrogateescape``), which ``jsonfile`` refuses naming the line and the field that
    hold them, instead of failing the whole read with no line at all."""
    with open(path, encoding="utf-8-sig", errors="surrogateescape") as fh:
        for no, text in enumerate(fh, start=1):
            if text.strip():
                yield Event(no, _parse(path.name, no, text))


def _parse(name: str, no: int, text: str) -> dict[str, Any]:
    try:
        return jsonfile.loads(text)
    except json.JSONDecodeError as exc:
        raise EventError(N_("{file}:{line}: not valid JSON ({reason})."),
                         file=name, line=no, reason=exc.msg) from None
    except jsonfile.NotAnObject:
        raise EventError(N_("{file}:{line}: each line must be one JSON object."),
                         file=name, line=no) from None
    except jsonfile.BadValue as exc:
        raise refusal(name, no, exc.field, exc.reason, **exc.params) from None


def unreadable(path: Path, exc: Exception) -> KasirError:
    if isinstance(exc, UnicodeDecodeError):
        return KasirError(N_("{file} is not a text file in UTF-8."), file=path.name)
    reason = getattr(exc, "strerror", None) or str(exc)
    return KasirError(N_("{file} could not be read: {reason}"), file=path.name, reason=reason)


def event_file(path: Path | str) -> EventFile:
    """The file's name, its number of event lines and its size; a file with bytes that are
    not UTF-8 is refused at once, naming the first such line and field (the whole line is
    read only then)."""
    path = Path(path)
    lines = 0
    try:
        with open(path, encoding="utf-8-sig", errors="surrogateescape") as fh:
            for no, raw in enumerate(fh, start=1):
                if raw.strip():
                    lines += 1
                    if jsonfile.SURROGATE.search(raw):
                        _parse(path.name, no, raw)
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from None
    return EventFile(path, path.name, lines, size)
