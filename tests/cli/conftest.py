"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.cli import main


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A demo book made by ``kasir init --demo``, as a treasurer trying Kasir makes it."""
    path = tmp_path / "contoh.kasir"
    assert main(["init", "--book", str(path), "--demo"]) == 0
    return path
