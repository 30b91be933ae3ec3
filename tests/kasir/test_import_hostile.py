"""Hostile event files: every one is imported or refused with one sentence naming the file,
the line and the field at fault, and a refused file leaves the book as it was.

One regression test per case measured on issue 7 (a traceback, a wrong acceptance, a
refusal that named ``type`` instead of the field), then a property test that mutates a
file of every importable event type and checks the same promise on each mutation.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, table

from factories import ACTOR, EVENTS
from kasir.book import Book, create_book, open_book
from kasir.i18n import message, set_language
from kasir.imports import service as imports
from kasir.imports.events import EventError
from kasir.numbers import AmountError, file_amount
from ledger import periods
from ledger.errors import LedgerError
from ledger.money import Money
from ui.cli import main

NAME = "uji.events.jsonl"
BASE = [json.dumps(e) for e in EVENTS[:3]]  # a group, its member M1, Rp120.000 in sukarela
DEPOSIT = {"type": "deposit", "date": "2026-01-06", "member_id": "M1", "product": "wajib",
           "amount": 5000, "channel": "cash"}
WITHDRAWAL = {"type": "withdrawal", "date": "2026-01-06", "member_id": "M1",
              "product": "sukarela", "amount": 20000, "channel": "cash"}
ZIS = {"type": "zis_received", "date": "2026-01-06", "kind": "zakat", "amount": 50000,
       "channel": "cash"}
SYNTAX = {"{file}:{line}: not valid JSON ({reason}).",
          "{file}:{line}: each line must be one JSON object."}


def line(event: dict, **raw: str) -> str:
    """One event as JSON text, with fields given as raw JSON (``1e999999`` is no float)."""
    fields = {k: json.dumps(v) for k, v in event.items()}
    fields.update(raw)
    return "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in fields.items()) + "}"


def write(folder: Path, lines: list[str], tail: bytes = b"") -> Path:
    path = folder / NAME
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + tail)
    return path


def counts(book: Book) -> tuple[int, ...]:
    """What an import may change: entries, imported events, members, groups, settings."""
    tables = ("journal_entry", "imported_event", "anggota", "kelompok", "book_setting")
    with book.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(table(t))) for t in tables)


def refused(book: Book, path: Path) -> EventError:
    before = counts(book)
    with pytest.raises(EventError) as err:
        imports.import_event_file(book, ACTOR, path)
    assert counts(book) == before
    return err.value


CASES = [
    # --- tracebacks ---------------------------------------------------------------------
    ("1e999999", [line(DEPOSIT, amount="1e999999")], 4, "amount", "floating-point"),
    ("1e999999 as text", [line(DEPOSIT, amount='"1e999999"')], 4, "amount",
     "1e999999 is not an amount"),
    ("5000 digits", [line(DEPOSIT, amount="9" * 5000)], 4, "amount",
     "beyond Rp1.000.000.000.000.000"),
    ("5000 digits as text", [line(DEPOSIT, amount=json.dumps("9" * 5000))], 4, "amount",
     "beyond Rp1.000.000.000.000.000"),
    ("lone surrogate", [line(DEPOSIT, member_id='"M\\ud800"')], 4, "member_id",
     "not text in UTF-8"),
    ("lone surrogate in a memo", [line({"type": "expense", "date": "2026-01-06",
                                        "category": "other", "amount": 5, "memo": ""},
                                       memo='"kertas \\udfff"')], 4, "memo",
     "not text in UTF-8"),
    ("deep nesting", [line(DEPOSIT, weeks="[" * 100_000 + "]" * 100_000)], 4, "weeks",
     "nested too deeply"),
    ("nesting within the recursion limit", [line(DEPOSIT, weeks="[" * 500 + "]" * 500)], 4,
     "weeks", "nested too deeply"),
    # --- accepted wrongly ---------------------------------------------------------------
    ("30-digit decimal", [line(DEPOSIT, amount='"1.000000000000000000000000000001"')], 4,
     "amount", "more than two decimals"),
    ("three decimals", [line(DEPOSIT, amount='"1.005"')], 4, "amount",
     "more than two decimals"),
    ("repayable as text", [line({"type": "coop_founded", "date": "2026-01-06", "name": "X",
                                 "grant": 1000, "deposit_to": "cash"}, repayable='"true"')],
     4, "repayable", "true or false"),
    ("unknown member in zis", [line({**ZIS, "member_id": "M9"})], 4, "member_id",
     "no member M9"),
    ("unknown group in zis", [line({**ZIS, "group_id": "G9"})], 4, "group_id",
     "no group G9"),
    ("seq 0", [line({**DEPOSIT, "seq": 0})], 4, "seq", "positive whole number"),
    ("seq repeated", [line({**DEPOSIT, "seq": 3}), line({**DEPOSIT, "seq": 3, "amount": 6})],
     5, "seq", "3 is already used on line 4"),
    ("seq as text", [line({**DEPOSIT, "seq": "3"})], 4, "seq", "positive whole number"),
    ("NUL in a memo", [line({"type": "expense", "date": "2026-01-06", "category": "other",
                             "amount": 5, "memo": "a\x00b"})], 4, "memo", "control"),
    ("memo too long", [line({"type": "expense", "date": "2026-01-06", "category": "other",
                             "amount": 5, "memo": "m" * 501})], 4, "memo", "500 characters"),
    ("memo as an object", [line({"type": "zis_distributed", "date": "2026-01-06",
                                 "kind": "zakat", "amount": 5, "program": {"a": 1}})], 4,
     "program", "must be text"),
    ("a name given twice", [line(DEPOSIT)[:-1] + ',"amount":500000}'], 4, "amount",
     "given twice"),
    ("amount beyond the most", [line({**DEPOSIT, "amount": 10**15 + 1})], 4, "amount",
     "beyond Rp1.000.000.000.000.000"),
    ("a date ISO allows but files do not", [line({**DEPOSIT, "date": "20260106"})], 4,
     "date", "not a date"),
    ("a year the books cannot hold", [line({**DEPOSIT, "date": "2100-01-06"})], 4, "date",
     "outside the years"),
    ("amount with spaces", [line({**DEPOSIT, "amount": " 12"})], 4, "amount",
     "is not an amount"),
    # --- the field at fault, not "type" -------------------------------------------------
    ("overdraft", [line({**WITHDRAWAL, "amount": 500000})], 4, "amount",
     "exceeds its balance Rp120.000"),
    ("unknown member", [line({**DEPOSIT, "member_id": "M9"})], 4, "member_id",
     "no member M9"),
    ("meeting day 9", [line({"type": "group_created", "date": "2026-01-06", "group_id": "G2",
                             "meeting_weekday": 9})], 4, "meeting_weekday", "0 (Monday) to 6"),
    ("group twice", [line({"type": "group_created", "date": "2026-01-06", "group_id": "G1"})],
     4, "group_id", "Group G1 already exists"),
    ("member twice", [line({"type": "member_created", "date": "2026-01-06", "member_id": "M1",
                            "name": "Ani"})], 4, "member_id", "M1 is already in use"),
    ("member in an unknown group", [line({"type": "member_created", "date": "2026-01-06",
                                          "member_id": "M2", "name": "Ani",
                                          "group_id": "G9"})], 4, "group_id", "no group G9"),
    ("exit paying the wrong balance", [line({"type": "member_exit", "date": "2026-01-06",
                                             "member_id": "M1", "pokok": 0, "wajib": 0,
                                             "sukarela": 100000})], 4, "sukarela",
     "balance is Rp120.000"),
    ("depreciation lines beyond the most", [line({
        "type": "depreciation", "date": "2026-01-06",
        "lines": [{"asset_id": "A", "amount": 10**15}, {"asset_id": "B", "amount": 10**15}]})],
     4, "lines", "add up to more than"),
    ("depreciation line without an amount", [line({
        "type": "depreciation", "date": "2026-01-06", "lines": [{"asset_id": "A"}]})], 4,
     "lines[1].amount", "required"),
]


@pytest.mark.parametrize(("extra", "at", "field", "said"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_hostile_event_names_its_line_and_field(book, tmp_path, extra, at, field, said):
    set_language("en")
    err = refused(book, write(tmp_path, [*BASE, *extra]))
    assert (err.params["line"], err.params["field"]) == (at, field)
    text = message(err)
    assert text.startswith(f"{NAME}:{at}: {field}: ") and said in text, text
    assert "\n" not in text


def test_bytes_not_in_utf8_name_their_line_and_field(book, tmp_path):
    set_language("en")
    path = write(tmp_path, BASE, tail=b'{"type":"deposit","date":"2026-01-06","member_id":'
                                      b'"M\xff","product":"wajib","amount":5,"channel":"cash"}\n')
    err = refused(book, path)
    assert message(err) == f"{NAME}:4: member_id: is not text in UTF-8"


def test_a_closed_month_is_about_the_date(book, tmp_path):
    set_language("en")
    book.run(lambda s: periods.close_period(s, 2026, 1))
    err = refused(book, write(tmp_path, BASE))
    assert message(err).startswith(f"{NAME}:3: date: The period 01/2026 is closed")
    err = refused(book, write(tmp_path, [*BASE[:2], line(WITHDRAWAL)]))
    assert message(err).startswith(f"{NAME}:3: date: The period 01/2026 is closed")


@pytest.mark.usefixtures("sqlite_only")
@pytest.mark.parametrize("amount", ["1e999999", "9" * 5000, '"1e999999999"'])
def test_the_command_says_one_sentence_and_exits_1(tmp_path, capsys, amount):
    where = tmp_path / "buku.kasir"
    create_book(where, name="Uji").close()
    path = write(tmp_path, [*BASE, line(DEPOSIT, amount=amount)])
    capsys.readouterr()
    code = main(["import", str(path), "--book", str(where)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"{NAME}:4: amount: ") and err.count("\n") == 1
    with open_book(where) as book:
        assert counts(book)[:4] == (0, 0, 0, 0)


@pytest.mark.parametrize(("written", "sen"), [
    (45967, 4_596_700), ("45967.74", 4_596_774), ("45967.7", 4_596_770), ("007", 700),
    (0, 0), (10**15, 10**17), ("1000000000000000.00", 10**17),
])
def test_file_amounts_are_taken_exactly(written, sen):
    assert file_amount(written) == Money(sen)


@pytest.mark.parametrize(("written", "said"), [
    ("1.000000000000000000000000000001", "more than two decimals"),
    ("12.345", "more than two decimals"), ("1e999999", "is not an amount"),
    ("1E+2", "is not an amount"), ("1_000", "is not an amount"), ("+5", "is not an amount"),
    ("\u0661\u0662", "is not an amount"), (" 12", "is not an amount"), ("", "is not an amount"),
    ("-0", "negative"), (-1, "negative"), (True, "decimal string"), (1.5, "decimal string"),
    (None, "decimal string"), (10**15 + 1, "beyond"), ("1000000000000000.01", "beyond"),
    ("9" * 5000, "beyond"), (Decimal("9" * 5000), "beyond"), (10**100, "beyond"),
])
def test_file_amounts_that_are_refused(written, said):
    set_language("en")
    with pytest.raises(AmountError) as err:
        file_amount(written)
    assert said in message(err.value)


# --- the property: any mutation is imported or refused naming line and field -------------

FULL = [
    {"seq": 1, "type": "coop_founded", "date": "2026-01-05", "name": "KSM Uji", "grant": 1_000_000,
     "deposit_to": "bank", "repayable": False, "members_planned": 2},
    {"seq": 2, **EVENTS[0]}, {"seq": 3, **EVENTS[1]},
    {"seq": 4, "type": "member_created", "date": "2026-01-05", "member_id": "M2",
     "group_id": "G1", "name": "Ani", "joined": "2026-01-05", "wajib_weekly": 5000},
    {"seq": 5, **EVENTS[2]}, {"seq": 6, **EVENTS[3], "weeks": 1},
    {"seq": 7, "type": "withdrawal", "date": "2026-01-12", "member_id": "M1",
     "product": "sukarela", "amount": "20000.50", "channel": "cash",
     "balance_after": "99999.50"},
    {"seq": 8, "type": "zis_received", "date": "2026-01-12", "kind": "zakat", "amount": 50000,
     "channel": "cash", "member_id": "M1", "group_id": "G1", "source": "rapat"},
    {"seq": 9, "type": "zis_distributed", "date": "2026-01-13", "kind": "zakat",
     "amount": 10000, "paid_from": "cash", "program": "beasiswa"},
    {"seq": 10, "type": "kebajikan_disbursed", "date": "2026-01-13", "amount": 1000,
     "paid_from": "cash", "purpose": "bantuan"},
    {"seq": 11, "type": "non_halal_received", "date": "2026-01-14", "amount": 700,
     "channel": "bank"},
    {"seq": 12, "type": "expense", "date": "2026-01-14", "category": "stationery",
     "amount": 5000, "paid_from": "cash", "memo": "kertas"},
    {"seq": 13, "type": "bank_profit_share", "date": "2026-01-15", "amount": 2000,
     "bank": "BSI"},
    {"seq": 14, "type": "cash_transfer", "date": "2026-01-15", "from": "bank", "to": "cash",
     "amount": 10000},
    {"seq": 15, "type": "asset_purchased", "date": "2026-01-16", "asset_id": "FA1",
     "kind": "computer", "cost": 700000, "life_months": 48, "paid_from": "bank"},
    {"seq": 16, "type": "depreciation", "date": "2026-01-31",
     "lines": [{"asset_id": "FA1", "amount": 14583}], "total": 14583},
    {"seq": 17, "type": "member_exit", "date": "2026-01-31", "member_id": "M2", "pokok": 0,
     "wajib": 0, "sukarela": 0, "paid_from": "cash"},
]
FIELDS = sorted({k for e in FULL for k in e} | {"x", "lines"})
HOSTILE = [
    "1e999999", "-1e999999", "1.5", "NaN", "-Infinity", "9" * 5000, json.dumps("9" * 5000),
    '"1.000000000000000000000000000001"', '"1e999999"', '"12.345"', '" 12"', '"-5"', "-5",
    "0", "1", str(10**15 + 1), str(2**63), "true", "false", "null", '"true"', '""', '" "',
    '"\\ud800"', '"a\\u0000b"', '"\\u001b[2J"', json.dumps("x" * 5000), "[]", "{}",
    "[" * 3000 + "]" * 3000, "[" * 50 + "]" * 50, '{"a":1,"a":2}', '"2026-13-01"',
    '"20260106"', '"0001-01-01"', '"2100-01-01"', '"2026-01-31"', '"M1"', '"M2"', '"M9"',
    '"G1"', '"G9"', '"deposit"', '"withdrawal"', '"member_exit"', '"zakat"', '"cash"',
    '"bank"', '"pokok"', '"sukarela"', '[{"asset_id":"FA1","amount":1.5}]',
    '[{"asset_id":"FA1"}]', '[{"amount":"99999999999999999999"}]', "[1,2]",
]
# characters of the private use area standing for bytes that are not UTF-8
RAW_BYTES = {"\ue0ff": b"\xff", "\ue0c3": b"\xc3", "\ue0ed": b"\xed\xa0\x80"}
values = st.one_of(st.sampled_from(HOSTILE),
                   st.integers(-10**20, 10**20).map(str),
                   st.text(max_size=30).map(json.dumps),
                   st.decimals(allow_nan=False, allow_infinity=False, places=4)
                   .map(lambda d: json.dumps(str(d))))
field_edit = st.tuples(st.just("set"), st.integers(0, len(FULL) - 1), st.sampled_from(FIELDS),
                       values)
field_drop = st.tuples(st.just("drop"), st.integers(0, len(FULL) - 1), st.sampled_from(FIELDS),
                       st.just(""))
byte_edit = st.tuples(st.just("bytes"), st.integers(0, len(FULL) - 1), st.integers(0, 400),
                      st.sampled_from([*RAW_BYTES, "\x00", "}", "{", '"', ",", "\n", ""]))
line_edit = st.tuples(st.sampled_from(["twice", "swap", "cut"]), st.integers(0, len(FULL) - 1),
                      st.integers(0, 400), st.just(""))
# mostly one field's value, sometimes a field left out, a byte or a whole line
mutations = st.lists(st.one_of(*[field_edit] * 6, field_drop, byte_edit, line_edit),
                     min_size=1, max_size=3)


def mutated(edits: list[tuple]) -> bytes:
    events = [{k: json.dumps(v) for k, v in e.items()} for e in FULL]  # raw JSON values
    texts: list[str | None] = [None] * len(events)

    def text(i: int) -> str:
        return texts[i] if texts[i] is not None else \
            "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in events[i].items()) + "}"

    for kind, i, where, what in edits:
        if kind == "set" and texts[i] is None:
            events[i][where] = what
        elif kind == "drop" and texts[i] is None:
            events[i].pop(where, None)
        elif kind == "bytes":
            t = text(i)
            texts[i] = t[:where] + what + t[where:]
        elif kind == "twice":
            texts[i] = text(i) + "\n" + text(i)
        elif kind == "swap" and i + 1 < len(events):
            texts[i], texts[i + 1] = text(i + 1), text(i)
        elif kind == "cut":
            texts[i] = text(i)[:where]
    body = ("\n".join(text(i) for i in range(len(events))) + "\n").encode("utf-8")
    for mark, raw in RAW_BYTES.items():
        body = body.replace(mark.encode("utf-8"), raw)
    return body


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One empty book, copied for each example (a new book per example would be slow)."""
    where = tmp_path_factory.mktemp("hostile") / "template.kasir"
    create_book(where, name="Koperasi Uji").close()
    yield where


def test_the_full_file_imports(template, tmp_path):
    shutil.copy(template, tmp_path / "b.kasir")
    (tmp_path / NAME).write_bytes(mutated([]))
    with open_book(tmp_path / "b.kasir") as book:
        result = imports.import_event_file(book, ACTOR, tmp_path / NAME)
    assert result.imported == len(FULL) and not result.skipped


@pytest.mark.usefixtures("sqlite_only")
@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=mutations)
def test_any_mutated_file_is_imported_or_refused_naming_line_and_field(template, edits):
    set_language("en")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(template, work / "b.kasir")
        (work / NAME).write_bytes(mutated(edits))
        with open_book(work / "b.kasir") as book:
            before = counts(book)
            try:
                imports.import_event_file(book, ACTOR, work / NAME)
            except LedgerError as exc:
                assert isinstance(exc, EventError), message(exc)
                assert isinstance(exc.params.get("line"), int)
                assert exc.template in SYNTAX or exc.params.get("field"), message(exc)
                text = message(exc)
                assert text.startswith(f"{NAME}:{exc.params['line']}: ") and "\n" not in text
                set_language("id")
                assert message(exc).startswith(f"{NAME}:")
                assert counts(book) == before
