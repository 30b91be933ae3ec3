"""Every message of every layer has an Indonesian translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from kasir.i18n import catalog

ROOT = Path(__file__).parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def source_messages() -> set[str]:
    out: set[str] = set()
    for top in ("ledger", "kasir", "reports", "ui"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT / top), method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None},
        ):
            if isinstance(message, str) and message:
                out.add(message)
    return out


def test_every_message_is_translated_to_indonesian():
    indonesian = catalog("id")
    messages = source_messages()
    assert len(messages) > 200
    missing = sorted(m for m in messages if not indonesian.get(m))
    assert missing == []
    wrong = sorted(m for m in messages
                   if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(indonesian[m])))
    assert wrong == []
