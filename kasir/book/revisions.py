"""Which schema versions this program knows, read from the migration scripts alone.

Every open of a book asks (is it older, and so to be upgraded, or newer, and so to be
refused?), including the command line's quick answers that import neither Alembic nor
SQLAlchemy; so the scripts' ``revision`` and ``down_revision`` lines are read as text.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import kasir
from kasir.errors import N_, BookTooNew


def migrations_dir() -> Path:
    """Where the migration scripts are: inside the installed package, or the
    source tree's top-level ``alembic/`` folder when run from a checkout."""
    installed = Path(kasir.__file__).parent / "migrations"
    if (installed / "env.py").exists():
        return installed
    return Path(kasir.__file__).resolve().parent.parent / "alembic"


def head_revision() -> str:
    return _revisions()[0]


def known_revisions() -> set[str]:
    return set(_revisions()[1])


@functools.cache
def _revisions() -> tuple[str, frozenset[str]]:
    """(head, every revision) of the migration scripts. Every open asks; read from the
    scripts' ``revision`` and ``down_revision`` lines without importing Alembic or the
    scripts (Alembic's own reading, which runs every script, whenever a script is not
    of that plain form or the history is not one line: a branch, a merge)."""
    found = _plain_revisions(migrations_dir() / "versions")
    if found is not None:
        return found
    from alembic.script import ScriptDirectory

    from kasir.book.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    assert head is not None
    return head, frozenset(rev.revision for rev in scripts.walk_revisions())


def _plain_revisions(folder: Path) -> tuple[str, frozenset[str]] | None:
    links: dict[str, str | None] = {}
    try:
        scripts = sorted(folder.glob("*.py"))
        for script in scripts:
            values: dict[str, object] = {}
            for node in ast.parse(script.read_text(encoding="utf-8")).body:
                target = (node.targets[0] if isinstance(node, ast.Assign)
                          and len(node.targets) == 1 else
                          node.target if isinstance(node, ast.AnnAssign) else None)
                if (isinstance(target, ast.Name)
                        and target.id in ("revision", "down_revision")
                        and node.value is not None):  # type: ignore[union-attr]
                    values[target.id] = ast.literal_eval(node.value)  # type: ignore[union-attr]
            rev, down = values.get("revision"), values.get("down_revision", ...)
            if not isinstance(rev, str) or not (down is None or isinstance(down, str)):
                return None
            if rev in links:
                return None
            links[rev] = down  # type: ignore[assignment]
    except (OSError, SyntaxError, ValueError):
        return None
    heads = set(links) - {d for d in links.values() if d is not None}
    roots = [r for r, d in links.items() if d is None]
    if len(heads) != 1 or len(roots) != 1 or any(
            d is not None and d not in links for d in links.values()):
        return None
    return heads.pop(), frozenset(links)


def check_not_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise BookTooNew(
            N_("The book {book} was written by a newer version of Kasir (schema {revision}; "
               "this program knows up to {head}). Please install the newer Kasir; the book "
               "was not changed."),
            book=where, revision=revision, head=head_revision(),
        )
