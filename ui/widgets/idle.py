"""Noticing that nobody has touched the window for a while (for the idle sign-out).

A laptop left signed in at the cooperative's office lets anyone who passes post
in the treasurer's name; after the idle time the book sets, the window signs
out. "Idle" means no key, click, wheel or mouse move anywhere in the program:
the watch listens to the whole application (an event filter that only looks at
the event's type and never stops one), and restarts its single-shot timer on each.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                      QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
                      QEvent.Type.ShortcutOverride})


class IdleWatch(QObject):
    """Emits ``idle`` once after ``start(ms)`` with no activity in between."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self, ms: int) -> None:
        self.timer.start(ms)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # again from now, with the same interval
        return False
