"""The last resort's log, shared by both faces, with no Qt.

When something escapes every refusal the program knows (a bug, a failure nobody
foresaw), the person at the keyboard is told in one sentence, and the details a
developer needs, the traceback, go to a file in the user's log folder
(platformdirs: ``~/.local/state/Kasir/log`` on Linux, ``%LOCALAPPDATA%\\Kasir\\Logs``
on Windows) that the treasurer can find and send. A password in a database
address is masked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sys
import traceback
from pathlib import Path

from platformdirs import user_log_dir

import kasir
from kasir.errors import N_
from kasir.i18n import _

PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
UNEXPECTED = N_("Kasir stopped on an unexpected problem ({problem}); nothing half-done was "
                "kept, and the details are in {log} for whoever looks after Kasir.")
UNEXPECTED_NO_LOG = N_("Kasir stopped on an unexpected problem ({problem}); nothing "
                       "half-done was kept.")


def log_dir() -> Path:
    return Path(user_log_dir("Kasir", appauthor=False))


def masked(text: str) -> str:
    """``postgresql://kasir:secret@host/db`` as ``postgresql://kasir:***@host/db``."""
    return PASSWORD_IN_URL.sub(r"\1***@", text)


def problem(exc: BaseException) -> str:
    """The exception in a few words: its kind and the first line of what it says."""
    text = str(exc).strip().splitlines()[0].strip() if str(exc).strip() else ""
    if len(text) > 160:
        text = text[:157] + "..."
    name = type(exc).__name__
    return masked(f"{name}: {text}" if text else name)


def write_log(exc: BaseException, where: str = "") -> Path | None:
    """The traceback in a new file of the log folder; None if even that cannot be written
    (the log is a help, not a second failure)."""
    stamp = dt.datetime.now()
    lines = [
        f"Kasir {kasir.__version__} — {stamp.isoformat(timespec='seconds')}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Command: {' '.join(sys.argv)}",
        f"Where: {where}" if where else "",
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"kasir-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}.log"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"kasir-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}-{n}.log"
        path.write_text(masked("\n".join(lines)), "utf-8")
    except OSError:
        return None
    return path


def sentence(exc: BaseException, log: Path | None) -> str:
    """What the person reads: one sentence in her language, naming the log file."""
    if log is None:
        return _(UNEXPECTED_NO_LOG).format(problem=problem(exc))
    return _(UNEXPECTED).format(problem=problem(exc), log=log)
