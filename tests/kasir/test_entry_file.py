"""Hostile entry files for ``kasir entry post``: each is posted or refused with one sentence
naming the file and the field at fault, exit status 1, the book unchanged.

One regression test per case measured on issue 7, then a property test that mutates a
good entry file and checks the same promise through the command itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kasir.book import create_book, open_book
from kasir.members import rules as members
from ledger.schema import JournalEntry
from ui.cli import main

pytestmark = pytest.mark.usefixtures("sqlite_only")
NAME = "entri.json"
GOOD = {"date": "2026-11-21", "memo": "Beli kertas dan tinta", "key": "atk-21-11",
        "lines": [{"account": "6203", "debit": "150000"},
                  {"account": "1101", "credit": 150000, "member_id": "A-001",
                   "memo": "tunai"}]}


def raw_entry(fields: dict[str, str]) -> str:
    """An object written from raw JSON values (``1e999999`` stays as written)."""
    return "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in fields.items()) + "}"


def entry_text(top: dict[str, str] | None = None,
               line: tuple[int, str, str] | None = None) -> str:
    """The good entry with a top-level field or a field of one line replaced by raw JSON."""
    lines = [{k: json.dumps(v) for k, v in ln.items()} for ln in GOOD["lines"]]
    if line is not None:
        lines[line[0]][line[1]] = line[2]
    fields = {k: json.dumps(v) for k, v in GOOD.items() if k != "lines"}
    fields["lines"] = "[" + ",".join(raw_entry(ln) for ln in lines) + "]"
    fields.update(top or {})
    return raw_entry(fields)


def entries(where: Path) -> int:
    with open_book(where) as book, book.read_session() as s:
        return s.scalar(select(func.count()).select_from(JournalEntry))


def make_book(where: Path) -> Path:
    with create_book(where, name="Koperasi Uji") as book:
        book.run(lambda s: members.add_member(
            s, members.MemberInput("A-001", "Siti Aminah", dt.date(2026, 10, 5))))
    return where


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_book(tmp_path / "buku.kasir")


def post(capsys: pytest.CaptureFixture[str], where: Path, body: bytes,
         folder: Path) -> tuple[int, str, str]:
    f = folder / NAME
    f.write_bytes(body)
    capsys.readouterr()
    code = main(["--lang", "en", "entry", "post", str(f), "--book", str(where)])
    out = capsys.readouterr()
    return code, out.out, out.err


CASES = [
    # --- tracebacks ---------------------------------------------------------------------
    ("1e999999", entry_text(line=(0, "debit", "1e999999")), "lines[1].debit",
     "floating-point number (1e999999)"),
    ("1e999999 as text", entry_text(line=(0, "debit", '"1e999999"')), "lines[1].debit",
     "is not an amount"),
    ("5000 digits", entry_text(line=(0, "debit", "9" * 5000)), "lines[1].debit",
     "beyond Rp1.000.000.000.000.000"),
    ("lone surrogate", entry_text({"memo": '"kertas \\ud800"'}), "memo", "not text in UTF-8"),
    ("deep nesting", entry_text({"x": "[" * 100_000 + "]" * 100_000}), "x",
     "nested too deeply"),
    ("totals beyond a 64-bit sum", raw_entry({
        "date": '"2026-11-21"', "memo": '"m"',
        "lines": json.dumps([{"account": "6203", "debit": 10**15}] * 100
                            + [{"account": "1101", "credit": 10**15}] * 100)}),
     "lines", "add up to more than Rp1.000.000.000.000.000"),
    # --- accepted wrongly ---------------------------------------------------------------
    ("30-digit decimal", entry_text(line=(0, "debit", '"1.000000000000000000000000000001"')),
     "lines[1].debit", "more than two decimals"),
    ("a name given twice", entry_text(line=(0, "debit", '"150000","debit":"5"')),
     "lines[1].debit", "given twice"),
    ("a date ISO allows but files do not", entry_text({"date": '"20261121"'}), "date",
     "not a date"),
    ("a zero debit", entry_text(line=(0, "credit", "0")), "lines[1].credit",
     "more than zero"),
    ("a member number with a line break", entry_text(line=(1, "member_id", '"A-001\\n"')),
     "lines[2].member_id", "control characters"),
    # --- the field at fault, not a line of a draft --------------------------------------
    ("amount beyond the most", entry_text(line=(0, "debit", str(10**15 + 1))),
     "lines[1].debit", "beyond Rp1.000.000.000.000.000"),
    ("unbalanced", entry_text(line=(1, "credit", '"140000"')), "lines",
     "Debits (Rp150.000) and credits (Rp140.000) differ by Rp10.000"),
    ("one line", raw_entry({"date": '"2026-11-21"', "memo": '"m"',
                            "lines": '[{"account":"6203","debit":1}]'}), "lines",
     "at least two lines"),
    ("a year the books cannot hold", entry_text({"date": '"2100-01-01"'}), "date",
     "outside the years"),
    ("blank memo", entry_text({"memo": '" "'}), "memo", "description"),
    ("memo too long", entry_text({"memo": json.dumps("m" * 501)}), "memo", "500 characters"),
    ("NUL in a line memo", entry_text(line=(1, "memo", '"a\\u0000b"')), "lines[2].memo",
     "control characters"),
    ("line memo too long", entry_text(line=(1, "memo", json.dumps("m" * 301))),
     "lines[2].memo", "300 characters"),
    ("key the books cannot keep", entry_text({"key": '"kunci é"'}), "key",
     "1 to 64 plain characters"),
    ("key too long", entry_text({"key": json.dumps("k" * 65)}), "key", "64 characters"),
]


@pytest.mark.parametrize(("body", "field", "said"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_hostile_entry_file_names_its_field(path, tmp_path, capsys, body, field, said):
    code, out, err = post(capsys, path, body.encode("utf-8"), tmp_path)
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"{NAME}: {field}: ") and said in err, err
    assert entries(path) == 0


def test_bytes_not_in_utf8_name_their_field(path, tmp_path, capsys):
    body = entry_text().encode("utf-8").replace(b"tinta", b"tint\xe0")
    code, _out, err = post(capsys, path, body, tmp_path)
    assert (code, err) == (1, f"{NAME}: memo: is not text in UTF-8\n")
    assert entries(path) == 0


def test_broken_json_names_its_line(path, tmp_path, capsys):
    body = json.dumps(GOOD, indent=1).encode("utf-8").replace(b'"memo"', b"memo", 1)
    code, _out, err = post(capsys, path, body, tmp_path)
    assert code == 1 and err.startswith(f"{NAME}:3: not valid JSON")


def test_the_good_file_posts(path, tmp_path, capsys):
    code, out, err = post(capsys, path, entry_text().encode("utf-8"), tmp_path)
    assert code == 0 and out.startswith("2026/"), err
    assert entries(path) == 1


# --- the property: any mutation is posted or refused, in one sentence, book unchanged -----

FIELDS = ["date", "memo", "key", "lines", "x"]
LINE_FIELDS = ["account", "debit", "credit", "member_id", "memo", "x"]
HOSTILE = [
    "1e999999", "1.5", "NaN", "9" * 5000, json.dumps("9" * 5000),
    '"1.000000000000000000000000000001"', '"1e999999"', '"12.345"', '"-5"', "-5", "0", "1",
    str(10**15), str(10**15 + 1), "true", "null", '"true"', '""', '" "', '"\\ud800"',
    '"a\\u0000b"', '"\\u001b[2J"', json.dumps("x" * 5000), "[]", "{}",
    "[" * 3000 + "]" * 3000, '{"a":1,"a":2}', '"2026-13-01"', '"20261121"', '"2100-01-01"',
    '"2026-11-22"', '"6203"', '"1101"', '"1000"', '"2101"', '"9999"', '"A-001"', '"A-999"',
    '[{"account":"6203","debit":1}]', json.dumps([{"account": "6203", "debit": 10**15}] * 95),
]
values = st.one_of(st.sampled_from(HOSTILE), st.integers(-10**20, 10**20).map(str),
                   st.text(max_size=20).map(json.dumps))
mutation = st.one_of(
    st.tuples(st.just("top"), st.sampled_from(FIELDS), values),
    st.tuples(st.just("line"), st.tuples(st.integers(0, 1), st.sampled_from(LINE_FIELDS)),
              values),
    st.tuples(st.just("drop"), st.sampled_from(FIELDS), st.just("")),
    st.tuples(st.just("bytes"), st.integers(0, 200),
              st.sampled_from([b"\xff", b"\xed\xa0\x80", b"\x00", b"{", b'"', b"", b"]"])),
)


def mutated(change: tuple) -> bytes:
    kind, where, what = change
    if kind == "top":
        return entry_text({where: what}).encode("utf-8")
    if kind == "line":
        return entry_text(line=(where[0], where[1], what)).encode("utf-8")
    if kind == "drop":
        data = {k: v for k, v in GOOD.items() if k != where}
        return json.dumps(data).encode("utf-8")
    body = entry_text().encode("utf-8")
    return body[:where] + what + body[where:]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One book with member A-001, copied for each example (a new book each is slow)."""
    yield make_book(tmp_path_factory.mktemp("entry") / "template.kasir")


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(change=mutation)
def test_any_mutated_entry_file_is_posted_or_refused_in_one_sentence(template, capsys, change):
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder) / "buku.kasir"
        shutil.copy(template, where)
        code, out, err = post(capsys, where, mutated(change), Path(folder))
        assert code in (0, 1) and "Traceback" not in err, err
        if code == 1:
            assert out == "" and err.strip(), err
            # the file's own field, or a line of the entry the service refused by number
            assert err.startswith(NAME) or re.match(r"Line \d+: ", err), err
            assert entries(where) == 0
