"""The project's shape: every package ships, and the layers point one way."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
LAYERS = ["ui", "reports", "kasir", "ledger"]  # each may import only those after it


def test_every_package_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for top in ("kasir", "ledger", "reports", "ui", "resources")
        for p in (ROOT / top).rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to pyproject.toml"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def test_the_import_contracts_hold():
    """``lint-imports`` with the contracts of pyproject.toml: the layers, Qt only in ui and
    never in presenters, reports through query modules, features independent but for their
    named edges."""
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(tool), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_no_file_in_kasir_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "kasir").rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 400}
    assert long == {}


def test_layers_point_one_way_and_only_ui_knows_qt():
    problems = []
    for i, layer in enumerate(LAYERS):
        higher = set(LAYERS[:i])
        for path in (ROOT / layer).rglob("*.py"):
            imported = _imports(path)
            for bad in sorted(imported & higher):
                problems.append(f"{path.relative_to(ROOT)} imports {bad}")
            if layer != "ui" and "PySide6" in imported:
                problems.append(f"{path.relative_to(ROOT)} imports PySide6")
    assert problems == []


def test_cli_module_does_not_import_qt_at_top_level():
    tree = ast.parse((ROOT / "ui" / "cli.py").read_text("utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = {getattr(n, "module", None) or n.names[0].name for n in top}
    assert not any(name and (name.startswith("PySide6") or name == "ui.app") for name in names)
