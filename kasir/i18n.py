"""The program's words in the user's language: gettext catalogs read with Babel.

Source strings are English; ``resources/locale/id/LC_MESSAGES/kasir.po`` holds
Indonesian, the default. The catalog is read directly from the ``.po`` file
with Babel (no compiled ``.mo`` to go stale or to forget in a build), and what
Babel read is kept in the user's cache folder under the hash of the ``.po``'s
bytes, so a command starts without parsing it again (30 ms) and a changed
``.po`` is never answered from an old reading. The
language is chosen once at start-up (``KASIR_LANG``, ``--lang`` or the window's
setting); nothing is translated at import time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError, english_params
from ledger.money import Money

LANGUAGES = ("id", "en")
DOMAIN = "kasir"
_state = {"lang": os.environ.get("KASIR_LANG", "id") if os.environ.get("KASIR_LANG") in LANGUAGES
          else "id"}


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang


def language() -> str:
    return _state["lang"]


@cache
def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation for a language (English is the source: empty)."""
    if lang == "en":
        return {}
    po = files("resources").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    if not po.is_file():  # a broken install still speaks, in English
        return {}
    data = po.read_bytes()
    kept = _kept_reading(lang, data)
    try:
        return json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    out = _read_po(data, lang)
    with contextlib.suppress(OSError):  # a read-only or full disk: read again next time
        kept.parent.mkdir(parents=True, exist_ok=True)
        temp = kept.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, kept)
        for old in kept.parent.glob(f"{DOMAIN}-{lang}-*.json"):  # readings of older .po files
            if old != kept:
                old.unlink(missing_ok=True)
    return out


def _kept_reading(lang: str, data: bytes) -> Path:
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(data).hexdigest()[:16]
    return Path(user_cache_dir("Kasir", appauthor=False)) / f"{DOMAIN}-{lang}-{digest}.json"


def _read_po(data: bytes, lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po  # only a language other than the source's

    cat = read_po(io.BytesIO(data), locale=lang)
    out: dict[str, str] = {}
    for msg in cat:
        if msg.id and msg.string and not msg.fuzzy and isinstance(msg.id, str):
            out[msg.id] = msg.string  # type: ignore[assignment]
    return out


def gettext(message: str) -> str:
    return catalog(language()).get(message, message)


_ = gettext


def _shown(value: Any) -> Any:
    if isinstance(value, Money):
        from kasir.numbers import format_rupiah

        return format_rupiah(value)
    return value


class Reason:
    """A translatable reason nested inside another message (``file:line: field: reason``),
    translated when the outer message is."""

    def __init__(self, template: str, params: dict[str, Any]) -> None:
        self.template, self.params = template, params

    def __str__(self) -> str:
        params = {k: _shown(v) for k, v in self.params.items()}
        return gettext(self.template).format(**params)

    def english(self) -> str:
        """The reason in English, for an outer message's English text (logs, tests)."""
        return self.template.format(**english_params(self.params))


def message(error: LedgerError | Any) -> str:
    """A refusal's or a finding's text in the user's language, amounts as rupiah."""
    problems = getattr(error, "problems", None)
    if problems:
        return "\n".join(message(p) for p in problems)
    params = {k: _shown(v) for k, v in error.params.items()}
    try:
        return gettext(error.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return error.template.format(**params)
