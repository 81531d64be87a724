"""Sizing a top-level window from the screen it shows on.

Station PCs are often 1366x768 with a taskbar, sometimes at 150% scaling (about 910x485
logical pixels left for a window): a new window takes the screen's available geometry (the
taskbar excluded) up to a preferred size, and a remembered geometry from a bigger screen is
brought back inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window frame (title bar, borders) the window system adds around it.
FRAME = QSize(16, 40)


def available(window: QWidget) -> QRect:
    """The available geometry of the window's screen (the primary one before it shows)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Give a new window the preferred size, or as much of the available geometry as there
    is, and centre it there."""
    area = available(window)
    size = preferred.boundedTo(area.size() - FRAME)
    window.resize(size.expandedTo(window.minimumSizeHint()).boundedTo(area.size()))
    frame = QRect(area.topLeft(), window.size() + FRAME)
    frame.moveCenter(area.center())
    window.move(_inside(frame, area))


def _inside(frame: QRect, area: QRect) -> QPoint:
    """Where `frame` goes to lie inside `area` (its top left corner when it is bigger)."""
    x = min(max(frame.left(), area.left()), max(area.left(), area.right() - frame.width() + 1))
    y = min(max(frame.top(), area.top()), max(area.top(), area.bottom() - frame.height() + 1))
    return QPoint(x, y)


def clamp_to_screen(window: QWidget) -> None:
    """A restored geometry bigger than the available geometry (saved on a bigger monitor, or
    before the scaling went up) shrinks to fit it, and is moved back inside it."""
    area = available(window)
    limit = area.size() - FRAME
    if window.width() > limit.width() or window.height() > limit.height():
        window.resize(window.size().boundedTo(limit))
    frame = QRect(window.pos(), window.size() + FRAME)
    if not area.contains(frame):
        window.move(_inside(frame, area))


def fit_to_content(window: QWidget) -> None:
    """The window as tall as its content needs at its width (taller or shorter: no clipped
    text, no blank gaps), wider where that height would not fit the screen, and inside the
    screen's available area."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    area = available(window).size() - FRAME

    def needed(width: int) -> int:
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    width = min(max(window.width(), window.minimumWidth()), area.width())
    while needed(width) > area.height() and width < area.width():
        width = min(area.width(), width + 80)
    window.resize(width, max(min(needed(width), area.height()), window.minimumHeight()))
    if window.isVisible():
        clamp_to_screen(window)
