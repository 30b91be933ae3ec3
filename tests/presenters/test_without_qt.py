"""The presenters need no Qt: this folder's tests pass in a Python that cannot import it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
BLOCK_QT = """
import sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("pytestqt"):
            raise ImportError("PySide6 is absent in this run")
        return None
sys.meta_path.insert(0, _NoQt())
import pytest
sys.exit(pytest.main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.environ.get("KASIR_NO_QT") == "1", reason="this is the run without Qt")
def test_presenters_run_without_qt() -> None:
    env = dict(os.environ, KASIR_NO_QT="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, str(HERE), "-q", "-p", "no:pytest-qt",
         "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestConfigWarning"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


def test_no_presenter_imports_qt() -> None:
    env = dict(os.environ)
    code = BLOCK_QT.replace("import pytest\nsys.exit(pytest.main(sys.argv[1:]))", "") + (
        "import importlib, pkgutil, ui.presenters as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    importlib.import_module('ui.presenters.' + m.name)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
