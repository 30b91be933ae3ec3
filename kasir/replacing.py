"""Writing a file whole: a temporary file beside it, synced, then renamed over it.

A report, a spreadsheet or a passbook is never left half-written under its own name
(a power cut, a full disk, an error while it is drawn): the reader sees the old file
or the new one, whole. The new file keeps the permissions of the one it replaces.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def replacing(out: Path, *, binary: bool) -> Iterator[IO[Any]]:
    """A temporary file beside ``out``, synced and put in its place when the block ends;
    removed instead if anything fails."""
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 20)) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    put_in_place(tmp, out)


def put_in_place(tmp: str | Path, target: Path) -> None:
    """Rename the finished ``tmp`` over ``target``, with ``target``'s permissions (0644
    for a new file); ``tmp`` is removed if that fails."""
    try:
        mode = target.stat().st_mode & 0o777 if target.is_file() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
