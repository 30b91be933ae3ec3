"""Who is working: the name recorded with each posting, reversal and closed month."""

from __future__ import annotations

import getpass


def current_user() -> str:
    """The operating system's login name ("" when it cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
