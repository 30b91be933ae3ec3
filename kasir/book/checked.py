"""When SQLite's quick check last passed on each book, so that opening a book runs it once
a day rather than at every open (0.3 s at a million journal lines, more than the trial
balance itself).

Kept in a small JSON file in the user's state folder, never in the book: writing there
would turn every read into a write. A record holds the time and the file's identity
(device and inode): a file copied or moved over the book is checked again at its next
open. Books not checked for a month are forgotten. A state folder that cannot be read or
written only means checking more often.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from platformdirs import user_state_dir

CHECK_EVERY = 24 * 3600  # seconds between SQLite's quick checks of a book at open
CHECKS_FILE = "pemeriksaan-buku.json"  # in the user's state folder: when each book passed


def _checks_path() -> Path:
    return Path(user_state_dir("Kasir", appauthor=False)) / CHECKS_FILE


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_dev, st.st_ino]


def _read_checks() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_checks_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def checked_recently(path: Path) -> bool:
    """Whether SQLite's quick check passed on this very file (the same path and the same
    file there: a file copied or renamed over it is checked again) less than
    ``CHECK_EVERY`` seconds ago."""
    seen = _read_checks().get(str(path))
    if not isinstance(seen, dict):
        return False
    try:
        when = float(seen["at"])  # type: ignore[arg-type]
        same = seen.get("file") == _identity(path)
    except (KeyError, TypeError, ValueError, OSError):
        return False
    return same and 0 <= time.time() - when < CHECK_EVERY


def _write_checks(change: dict[str, dict[str, object] | None]) -> None:
    """Best effort: a state folder that cannot be written only means checking more often."""
    target = _checks_path()
    data = _read_checks()
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    now = time.time()
    data = {k: v for k, v in data.items()  # forget books not checked for a month
            if isinstance(v, dict) and isinstance(v.get("at"), (int, float))
            and now - float(v["at"]) < 31 * 86400}
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, target)


def remember_check(path: Path) -> None:
    with contextlib.suppress(OSError):
        _write_checks({str(path): {"at": time.time(), "file": _identity(path)}})


def forget_check(path: Path) -> None:
    if str(path) in _read_checks():  # a refused file leaves nothing behind otherwise
        _write_checks({str(path): None})
