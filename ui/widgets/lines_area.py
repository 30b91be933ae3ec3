"""A scroll area for a growing list of form lines, and the totals bar under them.

It asks for just the height its lines need, so whatever follows (totals,
buttons) sits right under the last line; once the window is full it scrolls
instead of pushing the buttons off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QWidget

from ui.widgets.style import panel_style


class LinesArea(QScrollArea):
    """The lines, as tall as they need to be until the window is full, then scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # a line added or removed re-lays the lines out later (a posted LayoutRequest):
        # only then is their new height known, so ask the form for room again then
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget().sizeHint() if self.widget() is not None else QSize(0, 0)
        return QSize(inner.width(), inner.height() + 2 * self.frameWidth())


class TotalsBar(QFrame):
    """Debit, credit and the difference in large figures, always in view under the lines
    (the page fills them from its presenter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsBar")
        self.setStyleSheet(panel_style("totalsBar"))
        layout = QHBoxLayout(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.15)
        big.setBold(True)
        self.debit_total = QLabel(self)
        self.credit_total = QLabel(self)
        self.difference_label = QLabel(self)
        self.difference_label.setObjectName("differenceLabel")
        layout.addStretch(1)
        for label in (self.debit_total, self.credit_total, self.difference_label):
            label.setFont(big)
            layout.addWidget(label)
            layout.addSpacing(24)
