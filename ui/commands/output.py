"""How the commands speak: messages to standard error, data to standard output or a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDING, EXIT_USAGE = 0, 1, 2


def say(text: str) -> None:
    """A message for the person at the terminal (standard error)."""
    print(text, file=sys.stderr)


def emit(text: str, out: Path | None = None) -> None:
    """Data: to the file named (written whole under a temporary name first), or stdout."""
    if out is None:
        sys.stdout.write(text)
        return
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, out)


def progress(done: int, total: int, width: int = 30) -> str:
    """``[##########--------------------]  33%  1.000/3.000``"""
    total = max(total, 1)
    filled = min(width, width * done // total)
    return (f"[{'#' * filled}{'-' * (width - filled)}] {100 * done // total:3d}%  "
            f"{done:,}/{total:,}".replace(",", "."))
