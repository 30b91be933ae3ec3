"""``ledger.json_text.encoder`` writes exactly what ``json.dumps`` writes with the same
options: the journal's chain and an import's digests are hashes of that text."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.json_text import encoder

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.decimals(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=5), inner, max_size=5)),
    max_leaves=20)
OPTIONS = [dict(ensure_ascii=False, separators=(",", ":")),
           dict(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str),
           dict()]
ENCODERS = [encoder(**o) for o in OPTIONS]


@settings(max_examples=1500, deadline=None)
@given(values)
def test_the_text_is_json_dumps_text(value: object) -> None:
    import json

    for options, encode in zip(OPTIONS, ENCODERS):
        try:
            expected = json.dumps(value, **options)
        except TypeError:  # a Decimal without ``default``: both refuse it
            assert "default" not in options
            continue
        assert encode(value) == expected


def test_an_encoder_is_used_again_and_again() -> None:
    encode = ENCODERS[1]
    assert [encode({"b": [1, Decimal("1e40")], "a": "é"}) for _ in range(3)] == [
        '{"a":"é","b":[1,"1E+40"]}'] * 3
