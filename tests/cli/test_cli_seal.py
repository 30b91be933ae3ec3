"""``kasir seal`` and ``kasir verify --anchor``: a seal written down (or a backup kept) proves
the book still holds that history, on a computer that never saw the book before."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kasir.book import seals
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")
SEAL = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2} /\d+$")
ENTRY = {"date": "2026-11-03", "memo": "Transport rapat", "lines": [
    {"account": "6202", "debit": "15000"}, {"account": "1101", "credit": "15000"}]}


def post_entry(capsys, book: Path, tmp_path: Path) -> None:  # noqa: ANN001
    f = tmp_path / "entri.json"
    f.write_text(json.dumps(ENTRY), "utf-8")
    code, _out, err = run(capsys, "entry", "post", str(f), "--book", str(book))
    assert code == 0, err


def test_seal_prints_the_head_and_notes_it_in_the_log(demo, capsys):
    code, out, err = run(capsys, "seal", "--book", str(demo))
    assert code == 0, err
    printed = out.strip()
    assert SEAL.match(printed), printed
    assert printed in err and "seal log" in err
    logged = [json.loads(line) for line in seals.log_path().read_text("utf-8").splitlines()]
    assert f"{logged[-1]['code']} /{logged[-1]['seq']}" == printed
    assert logged[-1]["what"] == "kasir seal"
    # the same head, the same seal
    assert run(capsys, "seal", "--book", str(demo))[1].strip() == printed


def test_an_anchor_proves_a_history_kept_and_names_one_cut_short(demo, tmp_path, capsys):
    old = tmp_path / "lama.kasir"
    assert run(capsys, "backup", "--book", str(demo), "--out", str(old))[0] == 0
    post_entry(capsys, demo, tmp_path)
    printed = run(capsys, "seal", "--book", str(demo))[1].strip()
    code, _out, err = run(capsys, "verify", "--book", str(demo), "--anchor", printed,
                          "--anchor", str(old))
    assert code == 0, err
    assert "still holds the history" in err
    # an older copy put in the book's place, on a computer with no seal log of this book:
    # only the seal the facilitator wrote down can tell
    shutil.copyfile(old, demo)
    shutil.rmtree(seals.log_path().parent)  # its seal log and the heads it noted
    assert run(capsys, "verify", "--book", str(demo))[0] == 0
    code, out, err = run(capsys, "verify", "--book", str(demo), "--anchor", printed)
    assert code == 1
    assert f"no longer holds record {printed.split('/')[1]}" in out and "cut short" in out


def test_an_anchor_that_is_neither_a_seal_nor_a_backup(demo, tmp_path, capsys):
    junk = tmp_path / "catatan.txt"
    junk.write_text("bukan cadangan", "utf-8")
    for anchor in ("K7Q2-XXXX", str(junk)):
        code, out, _err = run(capsys, "verify", "--book", str(demo), "--anchor", anchor)
        assert code == 1
        assert "neither a seal nor a Kasir backup" in out
