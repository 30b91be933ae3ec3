"""The window's last resort: what slips past every refusal is told, logged, survived.

Qt calls a slot or an event handler (``keyPressEvent``…) from its event loop;
an exception raised there has no Python caller to catch it, so PySide6 hands it
to ``sys.excepthook``, which by default prints a traceback to a console the
treasurer never sees while the screen simply does nothing. ``install`` puts one
handler there (and on ``threading.excepthook`` for worker threads) that

- writes the traceback to a log file the treasurer can send (``ui.crashlog``),
- shows one sentence in her language in a message box naming that file, on the
  window's thread (a worker's exception is passed over by a queued signal),
- gives the mouse back (no wait cursor left spinning) and keeps the window
  running: the book is safe, since a unit of work that did not finish was rolled
  back (``kasir.uow``), so nothing was half-saved.

A refusal that escaped a screen which did not expect it (a ``LedgerError``: a
full disk or a locked book met while a page was reading) is shown as its own
sentence, the one the command line would print; it is logged all the same, so
the screen that let it through can be found. A second failure while the box is
open is only logged: an error in a paint handler would otherwise open boxes
without end.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kasir.errors import N_
from kasir.i18n import _, message
from ledger.errors import LedgerError
from ui.crashlog import problem, write_log
from ui.widgets.messages import warn

TITLE = N_("Unexpected problem")
TOLD = N_("Something unexpected went wrong ({problem}). What was being done was not saved and "
          "the book is safe; the details are in {log}, to send to whoever looks after Kasir.")
TOLD_NO_LOG = N_("Something unexpected went wrong ({problem}). What was being done was not "
                 "saved and the book is safe.")

def wording(exc: BaseException, log: Path | None) -> str:
    """The sentence the message box shows."""
    if isinstance(exc, LedgerError):
        return message(exc)
    if log is None:
        return _(TOLD_NO_LOG).format(problem=problem(exc))
    return _(TOLD).format(problem=problem(exc), log=log)


class CrashHandler(QObject):
    """The hook itself; ``told`` carries each sentence to the window's thread."""

    told = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.showing = False
        self.logs: list[Path] = []  # what this session wrote, newest last
        self.told.connect(self.show)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal: just close
            QApplication.quit()
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        log = write_log(exc, "window")
        if log is not None:
            self.logs.append(log)
        self.told.emit(wording(exc, log))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def show(self, text: str) -> None:
        """The message box, one at a time, over whichever window is active."""
        while QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        if self.showing:
            return  # logged already; one box at a time
        self.showing = True
        try:
            warn(QApplication.activeWindow(), _(TITLE), text)
        finally:
            self.showing = False


def install(app: QApplication) -> CrashHandler:
    """Put the handler in place for this application (once; again returns the same)."""
    existing = app.findChild(CrashHandler)
    if isinstance(existing, CrashHandler):
        sys.excepthook = existing.excepthook
        return existing
    handler = CrashHandler(app)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_hook
    return handler
