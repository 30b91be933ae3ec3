"""The command line as the tests run it: in English, in-process, its output captured."""

from __future__ import annotations

import pytest

from ui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``kasir --lang en ARGS``: its exit code, standard output and standard error. No
    face ever shows a traceback, whatever the command and however it fails."""
    capsys.readouterr()
    code = main(["--lang", "en", *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err
