"""``kasir report trial-balance`` answered from the file with ``sqlite3`` alone.

Measured when issue 10 was filed: the command took 1.0 s on a million lines, and still
0.45–0.5 s once the once-a-day check and the lazy imports had landed, of which 0.3 s was
loading SQLAlchemy and the models. The quick answer must print what the full command
prints, and leave every case it does not know to the full command's own words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factories import run_alembic
from kasir import i18n
from kasir.book import open_book, quick_read
from kasir.book.revisions import head_revision
from reports import ledger_reports, tabular
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")

PW = "sandi-admin-1"
ROOT = Path(__file__).parent.parent.parent


def full_answer(path: Path, fmt: str, as_of: dt.date | None = None) -> str:
    """What the full path (SQLAlchemy, ``open_book``) prints for the same question, in
    English as the runs here ask (``--lang en``)."""
    i18n.set_language("en")
    with open_book(path) as book:
        balance = ledger_reports.trial_balance(book, as_of)
    return tabular.render(tabular.trial_balance_rows(balance),
                          tabular.TRIAL_BALANCE_COLUMNS, fmt)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_trial_balance_is_answered_without_loading_sqlalchemy(demo):
    code = ("import sys; from ui.cli import main; "
            f"rc = main(['--lang', 'en', 'report', 'trial-balance', '--book', {str(demo)!r}]); "
            "print('sqlalchemy' in sys.modules, rc, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.stderr.strip() == "False 0", done.stderr
    assert done.stdout == full_answer(demo, "tsv")
    assert "1101\t" in done.stdout  # the demo's cash is in it


@pytest.mark.parametrize("fmt", tabular.TEXT_FORMATS)
@pytest.mark.parametrize("as_of", [None, dt.date(2026, 1, 31), dt.date(2020, 1, 1)])
def test_quick_and_full_answers_agree(demo, capsys, fmt, as_of):
    args = ["report", "trial-balance", "--book", str(demo), "--format", fmt]
    if as_of is not None:
        args += ["--as-of", as_of.isoformat()]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out == full_answer(demo, fmt, as_of)
    if fmt == "json" and as_of != dt.date(2026, 1, 31):
        rows = json.loads(out)
        assert (rows == []) == (as_of is not None)  # nothing was posted before 2026


def test_the_quick_answer_leaves_the_book_as_it_was(demo, capsys, tmp_path):
    before = digest(demo)
    out = tmp_path / "neraca.csv"
    code, _, err = run(capsys, "report", "trial-balance", "--book", str(demo),
                       "--format", "csv", "--out", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == full_answer(demo, "csv")
    assert digest(demo) == before
    assert sorted(p.name for p in demo.parent.iterdir()
                  if p.name.startswith(demo.name)) == [demo.name]  # no -wal, no -shm left


def test_a_book_with_users_is_not_answered_before_signing_in(demo, capsys, monkeypatch):
    monkeypatch.setenv("KASIR_NEW_PASSWORD", PW)
    assert run(capsys, "user", "add", "admin", "--role", "admin", "--book", str(demo))[0] == 0
    assert quick_read.trial_balance(demo) is None
    monkeypatch.delenv("KASIR_USER", raising=False)
    monkeypatch.delenv("KASIR_PASSWORD", raising=False)
    code, out, err = run(capsys, "report", "trial-balance", "--book", str(demo))
    assert code != 0 and out == ""
    assert "sign in" in err
    monkeypatch.setenv("KASIR_USER", "admin")
    monkeypatch.setenv("KASIR_PASSWORD", PW)
    code, out, err = run(capsys, "report", "trial-balance", "--book", str(demo))
    assert code == 0, err
    assert out == full_answer(demo, "tsv")


def test_an_older_book_is_upgraded_by_the_full_command(demo, capsys):
    with open_book(demo) as book:
        expected = full_answer(demo, "tsv")
        run_alembic(book, "downgrade", "-1")
    assert quick_read.trial_balance(demo) is None  # not this program's version: no answer
    code, out, err = run(capsys, "report", "trial-balance", "--book", str(demo))
    assert code == 0, err
    assert out == expected
    with open_book(demo) as book:
        assert book.read(lambda s: s.connection().exec_driver_sql(
            "SELECT version_num FROM alembic_version").scalar()) == head_revision()


def test_a_damaged_book_gets_the_full_commands_words(demo, capsys):
    data = demo.read_bytes()
    demo.write_bytes(data[: len(data) // 2])  # a copy cut short
    assert quick_read.trial_balance(demo) is None
    code, out, err = run(capsys, "report", "trial-balance", "--book", str(demo))
    assert code == 1 and out == ""
    assert "is damaged" in err and "Traceback" not in err


@pytest.mark.parametrize("target", ["existing", "book", "wal"])
def test_an_output_file_the_full_command_refuses_is_refused(demo, capsys, tmp_path, target):
    out = {"existing": tmp_path / "ada.tsv", "book": demo,
           "wal": Path(f"{demo}-wal")}[target]
    if target == "existing":
        out.write_text("punya orang\n", encoding="utf-8")
    before = digest(demo)
    code, _, err = run(capsys, "report", "trial-balance", "--book", str(demo),
                       "--out", str(out), *(["--force"] if target != "existing" else []))
    assert code != 0
    assert ("already exists" in err) if target == "existing" else ("is the book itself" in err), err
    assert digest(demo) == before
    if target == "existing":
        assert out.read_text(encoding="utf-8") == "punya orang\n"


def test_no_quick_answer_for_a_server_or_a_missing_book(tmp_path, capsys):
    assert quick_read.trial_balance("postgresql+psycopg://nobody@127.0.0.1:1/none") is None
    missing = tmp_path / "tidak-ada.kasir"
    assert quick_read.trial_balance(missing) is None
    code, _, err = run(capsys, "report", "trial-balance", "--book", str(missing))
    assert code == 1 and "There is no book at" in err
    assert not missing.exists()

