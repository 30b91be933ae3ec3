"""JSON encoders made once, for text written hundreds of thousands of times in a row.

``JSONEncoder.encode`` sets up the C encoder anew at every call; for the small values
hashed into the journal's chain, an import event's digest or a batch of rows, that setup
was a third of the encoding. ``encoder`` makes it once. The text is exactly what
``json.dumps`` with the same options writes (a test holds it to that); only the check
for a value containing itself is left out, which none of these can.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _json
from typing import Any


def encoder(**options: Any) -> Callable[[Any], str]:
    """``json.JSONEncoder(**options).encode``, the C encoder set up once."""
    plain = json.JSONEncoder(check_circular=False, **options)
    make = _json.c_make_encoder
    if make is None or plain.indent is not None:  # no C accelerator: the library's own way
        return plain.encode
    strings = _json.encode_basestring_ascii if plain.ensure_ascii else _json.encode_basestring
    chunks = make(None, plain.default, strings, None, plain.key_separator,
                  plain.item_separator, plain.sort_keys, plain.skipkeys, plain.allow_nan)

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode
