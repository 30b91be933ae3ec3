"""JSON written by other programs, read so that no file can crash Kasir or slip a doubtful
value into the books: event files (``kasir import``) and entry files (``kasir entry post``).

Those files come from spreadsheets, field sheets and other installations: hand-edited,
cut short, or hostile. ``json`` alone turns ``1e999999`` into a float, a 5000-digit
integer into a ValueError, ``"\\ud800"`` into a string no database can store, and deep
nesting into a RecursionError. Here each of them becomes a refusal that names the field
it sits in (``lines[2].amount``), so the treasurer can find it and fix it; nothing is
guessed and nothing is rounded.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

from kasir.errors import N_

MAX_DEPTH = 8  # an event nests three deep at most (event, its list of lines, a line)
LONG_DIGITS = 30  # a longer JSON integer stays a Decimal: no amount or number is that long
# characters no field may hold: NUL (PostgreSQL refuses it), the other control characters
# but tab and line breaks, and lone surrogates (a ``\ud800`` escape or bytes not in UTF-8)
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
SURROGATE = re.compile("[\ud800-\udfff]")


class FloatLiteral:
    """A JSON number with a fraction or an exponent, or NaN or Infinity: never money, so it
    is kept as the text written and refused where it is found."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


class BadValue(Exception):
    """A value that cannot be taken; ``field`` is where it sits (``lines[2].amount``)."""

    def __init__(self, field: str, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.field, self.reason, self.params = field, reason, params


class NotAnObject(Exception):
    """The JSON text is valid but is not one object."""


class _Twice(dict[str, Any]):
    """An object in which a name appears twice (``json`` would silently keep the last)."""

    twice = ""


def decode(raw: bytes) -> str:
    """Bytes as text; bytes that are not UTF-8 become lone surrogates, which the check
    below refuses naming the field that holds them (a strict decode could name no field)."""
    return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


def is_text(value: str) -> bool:
    """Text every backend stores and every terminal shows: see ``_NOT_TEXT``."""
    return _NOT_TEXT.search(value) is None


def shown(value: object, limit: int = 40) -> str:
    """A value as a message may quote it: as JSON writes it (``true``, not ``True``), its
    control characters and surrogates escaped, cut short, so that a hostile file can
    neither flood nor garble the terminal."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)
    if len(text) > limit:
        text = text[:limit] + "…"
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def quoting(params: dict[str, Any]) -> dict[str, Any]:
    """A refusal's parameters with the text among them shown as ``shown`` shows it."""
    return {k: shown(v) if isinstance(v, str) else v for k, v in params.items()}


def join(path: str, step: str | int) -> str:
    """``lines`` + 2 -> ``lines[2]``; ``lines[2]`` + ``amount`` -> ``lines[2].amount``."""
    if isinstance(step, int):
        return f"{path}[{step}]"
    return f"{path}.{shown(step)}" if path else shown(step)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    twice, seen = _Twice(obj), set()
    for key, _value in pairs:
        if key in seen:
            twice.twice = key
            break
        seen.add(key)
    return twice


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text) <= LONG_DIGITS else Decimal(text)


def loads(text: str) -> dict[str, Any]:
    """One JSON object; ``json.JSONDecodeError`` for broken syntax, ``NotAnObject``, or
    ``BadValue`` naming the first value that cannot be taken.

    Most lines of a file hold nothing that needs a closer look: no escape, no character
    that is not text, no fraction and no very long number. Such a line is read by the
    parser's C code alone and its values checked by type; any other goes the careful
    way below, which finds and names the first value at fault (an import reads hundreds
    of thousands of lines, and the careful way took twice as long)."""
    if "\\" not in text and _NOT_TEXT.search(text) is None:
        try:
            value = _QUICK.decode(text)
        except (ValueError, RecursionError):
            pass  # the careful way says what is wrong
        else:
            if type(value) is dict and _plain_tree(value, 0):
                return value
    return _careful(text)


# made once: ``json.loads`` with hooks makes a new decoder for every line
_QUICK = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=FloatLiteral)
# a JSON integer of more characters than LONG_DIGITS is kept as a Decimal by the careful way
_LONGEST, _LOWEST = 10**LONG_DIGITS, -(10 ** (LONG_DIGITS - 1))


def _plain_tree(value: Any, depth: int) -> bool:
    """Every value an integer of ordinary length, a flag, null or text (known to be text),
    in objects without a name given twice and lists, nested no deeper than allowed."""
    if depth > MAX_DEPTH:
        return False
    for item in value.values() if type(value) is dict else value:
        kind = type(item)
        if kind is int:
            if not _LOWEST < item < _LONGEST:
                return False
        elif kind is dict or kind is list:
            if not _plain_tree(item, depth + 1):
                return False
        elif not (kind is str or kind is bool or item is None):
            return False  # a fraction, NaN, a name given twice
    return True


def _careful(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_float=FloatLiteral, parse_constant=FloatLiteral,
                           parse_int=_integer, object_pairs_hook=_pairs)
    except RecursionError:
        if not text.lstrip().startswith("{"):
            raise NotAnObject from None
        raise BadValue(_deep_field(text), N_("is nested too deeply")) from None
    if not isinstance(value, dict):
        raise NotAnObject
    problem = _problem(value, "", 0, "")
    if problem is not None:
        raise problem
    return value


def _problem(value: Any, path: str, depth: int, top: str) -> BadValue | None:
    """The first value, in the order written, that no field may hold. Nesting too deep is
    named by its outermost field (``top``): the path down to it says nothing more."""
    if depth > MAX_DEPTH:
        return BadValue(top, N_("is nested too deeply"))
    if isinstance(value, FloatLiteral):
        return BadValue(path, N_("is a floating-point number ({value}); money is written as "
                                 "whole rupiah or a decimal string"), value=shown(value.text))
    if isinstance(value, str):
        return None if is_text(value) else _not_text(path, value)
    if isinstance(value, _Twice):
        return BadValue(join(path, value.twice), N_("is given twice"))
    if isinstance(value, dict):
        for key, item in value.items():
            if not is_text(key):
                return _not_text(join(path, key), key)
            if not _plain(item):  # the path is written out only where it may be needed
                where = join(path, key)
                found = _problem(item, where, depth + 1, top or where)
                if found is not None:
                    return found
    elif isinstance(value, list):
        for n, item in enumerate(value, start=1):
            if not _plain(item):
                where = join(path, n)
                found = _problem(item, where, depth + 1, top or where)
                if found is not None:
                    return found
    return None


def _plain(value: Any) -> bool:
    """An integer, or text that is text: most values, checked without a path."""
    kind = type(value)
    return kind is int or kind is bool or value is None or (kind is str and is_text(value))


def _not_text(path: str, value: str) -> BadValue:
    if SURROGATE.search(value):
        return BadValue(path, N_("is not text in UTF-8"))
    return BadValue(path, N_("holds control characters"))


def _deep_field(text: str) -> str:
    """The outermost field of the nesting that goes beyond ``MAX_DEPTH``, found by scanning
    the text: called only when ``json`` itself gave up, so the text cannot be parsed."""
    frames: list[list[Any]] = []  # [key or None, expecting a key] for an object, [n] a list
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if frames and len(frames[-1]) == 2 and frames[-1][1]:
                try:
                    frames[-1][0] = json.loads(text[i:end + 1])
                except ValueError:
                    frames[-1][0] = text[i + 1:end]
            i = end
        elif ch in "{[":
            if len(frames) > MAX_DEPTH:
                return join("", "?" if frames[0][0] is None else frames[0][0])
            frames.append([None, True] if ch == "{" else [1])
        elif ch in "}]" and frames:
            frames.pop()
        elif ch == "," and frames:
            if len(frames[-1]) == 2:
                frames[-1][1] = True
            else:
                frames[-1][0] += 1
        elif ch == ":" and frames and len(frames[-1]) == 2:
            frames[-1][1] = False
        i += 1
    return ""
