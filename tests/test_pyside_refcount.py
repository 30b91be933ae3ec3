"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a
method returning nothing; the process dies after a few thousand calls while short
test suites still pass. This guards the installed pair and the requirements."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from packaging.requirements import Requirement  # noqa: E402


def test_void_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.update()
        label.setText("x")
    assert sys.getrefcount(None) - before > -100, "this PySide6 leaks references to None"


def test_requirements_exclude_the_crashing_pair():
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    pyside = [Requirement(r) for r in pyproject["project"]["dependencies"]
              if r.lower().startswith("pyside6")]
    assert pyside and not any(r.name.lower() == "pyside6" for r in pyside), "no meta-package"
    for python in ("3.11", "3.12", "3.13"):
        env = {"python_version": python, "python_full_version": python + ".0"}
        active = [r for r in pyside if r.marker is None or r.marker.evaluate(env)]
        assert active, f"no PySide6 requirement for Python {python}"
        for req in active:
            if python == "3.11":
                assert not req.specifier.contains("6.12.0"), "6.12.0 allowed on Python 3.11"
            assert req.specifier.contains("6.11.3") or req.specifier.contains("6.12.1")
