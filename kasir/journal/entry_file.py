"""A general-journal entry read from a JSON file (``kasir entry post FILE``).

``{"date": "2026-10-05", "memo": "...", "key": "optional", "lines": [{"account":
"6201", "debit": "150000"}, {"account": "1101", "credit": "150000", "member_id":
"A-001", "memo": "..."}]}``. Amounts as in an event file (whole rupiah, or a
decimal string). A mistake is refused naming the file and the field
(``entry.json: lines[2].debit: ...``); the entry then goes through the same
service as the window's journal form.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kasir.errors import N_, KasirError
from kasir.journal.service import LineInput
from kasir.numbers import AmountError, file_amount
from ledger.money import ZERO


@dataclass(frozen=True, slots=True)
class EntryInput:
    date: dt.date
    memo: str
    lines: tuple[LineInput, ...]
    key: str | None


class EntryFileError(KasirError):
    """A field of the entry file that cannot be read; nothing was posted."""


def _fail(path: Path, where: str, reason: str, **params: Any) -> EntryFileError:
    from kasir.i18n import Reason

    return EntryFileError(N_("{file}: {field}: {reason}"), file=path.name, field=where,
                          reason=Reason(reason, params))


class _FloatRefused(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatRefused(text)


def read_entry_file(path: Path) -> EntryInput:
    try:
        raw = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise KasirError(N_("{file} is not a text file in UTF-8."), file=path.name) from None
    try:
        data = json.loads(raw, parse_float=_refuse_float)
    except _FloatRefused as exc:
        raise KasirError(N_("{file}: amounts are never floating-point numbers ({value}); "
                            "write whole rupiah or a decimal string."), file=path.name,
                         value=str(exc)) from None
    except json.JSONDecodeError as exc:
        raise KasirError(N_("{file}: not valid JSON ({reason})."), file=path.name,
                         reason=exc.msg) from None
    if not isinstance(data, dict):
        raise KasirError(N_("{file}: the entry must be one JSON object."), file=path.name)
    return _entry(path, data)


def _text(path: Path, data: dict[str, Any], name: str, where: str, *,
          required: bool = True) -> str | None:
    if name not in data:
        if required:
            raise _fail(path, where, N_("this field is required"))
        return None
    value = data[name]
    if not isinstance(value, str):
        raise _fail(path, where, N_("must be text"))
    return value


def _entry(path: Path, data: dict[str, Any]) -> EntryInput:
    day_text = _text(path, data, "date", "date")
    try:
        day = dt.date.fromisoformat(day_text or "")
    except ValueError:
        raise _fail(path, "date", N_("{value} is not a date (YYYY-MM-DD)"),
                    value=day_text) from None
    memo = _text(path, data, "memo", "memo") or ""
    key = _text(path, data, "key", "key", required=False) or None
    items = data.get("lines")
    if not isinstance(items, list) or not items:
        raise _fail(path, "lines", N_("must be a list of lines"))
    lines = tuple(_line(path, item, f"lines[{n}]") for n, item in enumerate(items, start=1))
    return EntryInput(day, memo, lines, key)


def _line(path: Path, item: Any, where: str) -> LineInput:
    if not isinstance(item, dict):
        raise _fail(path, where, N_("must be an object with an account and an amount"))
    account = _text(path, item, "account", f"{where}.account") or ""
    amounts = {}
    for side in ("debit", "credit"):
        if side in item:
            try:
                amounts[side] = file_amount(item[side])
            except AmountError as exc:
                raise _fail(path, f"{where}.{side}", exc.template, **exc.params) from None
    if len(amounts) != 1:
        raise _fail(path, where, N_("needs either a debit or a credit"))
    party = _text(path, item, "member_id", f"{where}.member_id", required=False)
    memo = _text(path, item, "memo", f"{where}.memo", required=False)
    return LineInput(account, amounts.get("debit", ZERO), amounts.get("credit", ZERO),
                     party, memo)
