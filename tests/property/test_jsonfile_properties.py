"""``kasir.jsonfile.loads`` reads an ordinary line by the parser's C code alone and any
other the careful way: whatever the line, both ways give the same value or the same
refusal, naming the same field."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kasir import jsonfile

# text an event may hold, and text it may not (control characters, NUL, a lone surrogate)
texts = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "\x00", "a\x07b", "\x85", "\ud800", "tab\tand\nline", "\\", "\"", "é😀"]))
numbers = st.one_of(
    st.integers(-10**40, 10**40),
    st.sampled_from([10**29, 10**30 - 1, 10**30, -10**28, -10**29, -(10**29) + 1]))
leaves = st.one_of(st.none(), st.booleans(), numbers, texts,
                   st.floats(allow_nan=False, allow_infinity=False))
values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)


def outcome(read: Any, line: str) -> tuple[str, Any]:
    try:
        return "value", _comparable(read(line))
    except jsonfile.BadValue as exc:
        return "refused", (exc.field, exc.reason, exc.params)
    except (json.JSONDecodeError, jsonfile.NotAnObject) as exc:
        return "broken", type(exc).__name__


def _comparable(value: Any) -> Any:
    """Values with their types: ``True`` is not ``1``, a Decimal not an int."""
    if isinstance(value, dict):
        return ("dict", [(k, _comparable(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_comparable(v) for v in value])
    if isinstance(value, jsonfile.FloatLiteral):
        return ("float", value.text)
    return (type(value).__name__, value)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(texts, values, max_size=5), st.booleans(), st.booleans())
def test_both_ways_of_reading_a_line_agree(obj: dict[str, Any], ascii_only: bool,
                                           twice: bool) -> None:
    line = json.dumps(obj, ensure_ascii=ascii_only)
    if twice and obj:  # a name given twice, as a hand-edited file may hold
        name = json.dumps(next(iter(obj)), ensure_ascii=ascii_only)
        line = line[:-1] + f", {name}: 1}}"
    assert outcome(jsonfile.loads, line) == outcome(jsonfile._careful, line)


@given(st.integers(1, 12))
def test_nesting_is_refused_the_same_both_ways(depth: int) -> None:
    line = '{"a": ' + "[" * depth + "1" + "]" * depth + "}"
    assert outcome(jsonfile.loads, line) == outcome(jsonfile._careful, line)
    long = '{"a": ' + "9" * 31 + "}"
    assert outcome(jsonfile.loads, long) == ("value", ("dict", [("a", ("Decimal", Decimal(
        "9" * 31)))]))
