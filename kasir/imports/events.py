"""Reading an event file: one JSON object a line, never a float, each with its identity.

The file never names accounts: Kasir derives every entry from its own rules.
An event's identity is the digest of its canonical content; an event seen
before is skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kasir.errors import N_, KasirError


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


def digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _FloatRefused(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatRefused(text)


def read_events(path: Path) -> Iterator[Event]:
    with open(path, encoding="utf-8-sig") as fh:
        for no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw, parse_float=_refuse_float)
            except _FloatRefused as exc:
                raise EventError(N_("{file}:{line}: amounts are never floating-point numbers "
                                    "({value}); write whole rupiah or a decimal string."),
                                 file=path.name, line=no, value=str(exc)) from None
            except json.JSONDecodeError as exc:
                raise EventError(N_("{file}:{line}: not valid JSON ({reason})."),
                                 file=path.name, line=no, reason=exc.msg) from None
            if not isinstance(data, dict):
                raise EventError(N_("{file}:{line}: each line must be one JSON object."),
                                 file=path.name, line=no)
            yield Event(no, data)


def unreadable(path: Path, exc: Exception) -> KasirError:
    if isinstance(exc, UnicodeDecodeError):
        return KasirError(N_("{file} is not a text file in UTF-8."), file=path.name)
    reason = getattr(exc, "strerror", None) or str(exc)
    return KasirError(N_("{file} could not be read: {reason}"), file=path.name, reason=reason)


def event_file(path: Path | str) -> EventFile:
    """The file's name, its number of event lines and its size."""
    path = Path(path)
    lines = 0
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for raw in fh:
                if raw.strip():
                    lines += 1
        size = path.stat().st_size
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(path, exc) from None
    return EventFile(path, path.name, lines, size)
