"""A general-journal entry read from a JSON file (``kasir entry post FILE``).

``{"date": "2026-10-05", "memo": "...", "key": "optional", "lines": [{"account":
"6201", "debit": "150000"}, {"account": "1101", "credit": "150000", "member_id":
"A-001", "memo": "..."}]}``. Amounts as in an event file (whole rupiah, or a
decimal string). A mistake is refused naming the file and the field
(``entry.json: lines[2].debit: ...``); the entry then goes through the same
service as the window's journal form.

The file may come from anywhere, so everything the ledger would refuse without
naming a field (a date outside the books' years, a description too long or not
text, a key the books cannot keep, an unbalanced entry, a total no amount may
reach) is refused here first, naming it; values no JSON reader should take (a
float, a 5000-digit number, deep nesting, bytes not in UTF-8) are
``kasir.jsonfile``'s to refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kasir import jsonfile
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.i18n import Reason
from kasir.journal.service import LineInput, post_entry
from kasir.numbers import AmountError, file_amount
from kasir.uow import Book
from ledger.entry import MAX_DATE, MIN_DATE
from ledger.errors import LedgerError
from ledger.money import MAX_AMOUNT_SEN, ZERO, Money
from ledger.posting import PostedRef

MEMO_LIMIT, LINE_MEMO_LIMIT = 500, 300  # journal_entry.memo, journal_line.memo
ACCOUNT_LIMIT, MEMBER_LIMIT, KEY_LIMIT = 20, 40, 64  # the columns that keep them
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class EntryInput:
    date: dt.date
    memo: str
    lines: tuple[LineInput, ...]
    key: str | None


class EntryFileError(KasirError):
    """A field of the entry file that cannot be read; nothing was posted."""


def _fail(path: Path, where: str, reason: str, **params: Any) -> EntryFileError:
    return EntryFileError(N_("{file}: {field}: {reason}"), file=path.name, field=where,
                          reason=Reason(reason, params))


def read_entry_file(path: Path) -> EntryInput:
    """The entry the file holds, every field checked; ``OSError`` when it cannot be read."""
    text = jsonfile.decode(path.read_bytes())
    try:
        data = jsonfile.loads(text)
    except json.JSONDecodeError as exc:
        raise KasirError(N_("{file}:{line}: not valid JSON ({reason})."), file=path.name,
                         line=exc.lineno, reason=exc.msg) from None
    except jsonfile.NotAnObject:
        raise KasirError(N_("{file}: the entry must be one JSON object."),
                         file=path.name) from None
    except jsonfile.BadValue as exc:
        raise _fail(path, exc.field, exc.reason, **exc.params) from None
    return _entry(path, data)


def _text(path: Path, data: dict[str, Any], name: str, where: str, *, limit: int,
          required: bool = True) -> str | None:
    """Text of at most ``limit`` characters; ``None`` when an optional field is left out
    (or written ``null``)."""
    value = data.get(name)
    if value is None:
        if required:
            raise _fail(path, where, N_("this field is required"))
        return None
    if not isinstance(value, str):
        raise _fail(path, where, N_("must be text"))
    if len(value) > limit:
        raise _fail(path, where, N_("is longer than {limit} characters"), limit=limit)
    return value


def _code(path: Path, data: dict[str, Any], name: str, where: str, *, limit: int,
          required: bool = True) -> str | None:
    """An account or member number: one line, not blank."""
    value = _text(path, data, name, where, limit=limit, required=required)
    if value is None:
        return None
    if not value.strip():
        raise _fail(path, where, N_("must not be blank"))
    if _CONTROL.search(value):
        raise _fail(path, where, N_("holds control characters"))
    return value


def _date(path: Path, data: dict[str, Any]) -> dt.date:
    """An ISO day (``2026-10-05``, none of the other forms ISO allows) the books can hold."""
    value = data.get("date")
    if value is None:
        raise _fail(path, "date", N_("this field is required"))
    try:
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(path, "date", N_("{value} is not a date (YYYY-MM-DD)"),
                    value=jsonfile.shown(value)) from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise _fail(path, "date", N_("The date {date} is outside the years the books can "
                                     "hold."), date=value)
    return day


def _entry(path: Path, data: dict[str, Any]) -> EntryInput:
    day = _date(path, data)
    memo = _text(path, data, "memo", "memo", limit=MEMO_LIMIT) or ""
    if not memo.strip():
        raise _fail(path, "memo", N_("Give the entry a description."))
    key = _text(path, data, "key", "key", limit=KEY_LIMIT, required=False) or None
    if key is not None and not (key.isascii() and key.isprintable()):
        raise _fail(path, "key", N_("The entry key must be 1 to 64 plain characters."))
    items = data.get("lines")
    if not isinstance(items, list) or not items:
        raise _fail(path, "lines", N_("must be a list of lines"))
    lines = tuple(_line(path, item, f"lines[{n}]") for n, item in enumerate(items, start=1))
    if len(lines) < 2:
        raise _fail(path, "lines", N_("An entry needs at least two lines."))
    _balanced(path, lines)
    return EntryInput(day, memo, lines, key)


def _balanced(path: Path, lines: tuple[LineInput, ...]) -> None:
    """Summed as integers: a sum of amounts each at the limit would overflow ``Money``."""
    debit = sum(ln.debit.sen for ln in lines)
    credit = sum(ln.credit.sen for ln in lines)
    if max(debit, credit) > MAX_AMOUNT_SEN:
        raise _fail(path, "lines", N_("add up to more than {most}, the most one amount may be"),
                    most=Money(MAX_AMOUNT_SEN))
    if debit != credit:
        raise _fail(path, "lines", N_("Debits ({debit}) and credits ({credit}) differ by "
                                      "{difference}."), debit=Money(debit),
                    credit=Money(credit), difference=Money(abs(debit - credit)))


def _line(path: Path, item: Any, where: str) -> LineInput:
    if not isinstance(item, dict):
        raise _fail(path, where, N_("must be an object with an account and an amount"))
    account = _code(path, item, "account", f"{where}.account", limit=ACCOUNT_LIMIT) or ""
    amounts = {}
    for side in ("debit", "credit"):
        if item.get(side) is not None:
            try:
                amounts[side] = file_amount(item[side])
            except AmountError as exc:
                raise _fail(path, f"{where}.{side}", exc.template,
                            **jsonfile.quoting(exc.params)) from None
            if not amounts[side]:
                raise _fail(path, f"{where}.{side}", N_("must be more than zero"))
    if len(amounts) != 1:
        raise _fail(path, where, N_("needs either a debit or a credit"))
    party = _code(path, item, "member_id", f"{where}.member_id", limit=MEMBER_LIMIT,
                  required=False)
    memo = _text(path, item, "memo", f"{where}.memo", limit=LINE_MEMO_LIMIT, required=False)
    return LineInput(account, amounts.get("debit", ZERO), amounts.get("credit", ZERO),
                     party, memo)


def post_entry_file(book: Book, actor: Actor, path: Path) -> PostedRef:
    """Read the file and post it through the general journal's service; a refusal names
    the file (and, through the ledger's own words, the line at fault)."""
    entry = read_entry_file(path)
    try:
        return post_entry(book, actor, entry.date, entry.memo, entry.lines, key=entry.key)
    except LedgerError as exc:
        problems = getattr(exc, "problems", None) or [exc]
        first = problems[0]
        raise EntryFileError(N_("{file}: {reason}"), file=path.name,
                             reason=Reason(first.template, first.params)) from None
