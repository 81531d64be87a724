"""The Tab order of a form: its controls in the order a person reads them.

Qt chains widgets in the order they were created, so anything built later (an entry added
with an "Add ..." button, a repeat rebuilt after a move) would come after the window's last
button, and Tab would leave the page. The form sets the chain itself after every build and
rebuild: the order is read from the layouts, which is how the pages are drawn (top to
bottom, a row left to right), and set with QWidget.setTabOrder.

Hidden widgets stay in the chain in their place: Qt skips them while they are hidden, so a
field that an answer shows is already where it belongs, before the next key is handled.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLayout, QScrollArea, QTabBar, QTabWidget, QWidget


def takes_focus(widget: QWidget) -> bool:
    """`widget` itself (not through a focus proxy) can have the focus. Not only Tab stops:
    Qt takes Tab off the other radio buttons of a group while one has the focus and gives it
    back later, so every button must have its place in the chain all the time."""
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.focusProxy() is None


def tab_stops(root: QWidget) -> list[QWidget]:
    """Every widget under `root` (or `root` itself) that can have the focus, hidden ones
    included, in the order of the layouts."""
    found: list[QWidget] = []
    _collect(root, found)
    return found


def _collect(widget: QWidget, found: list[QWidget]) -> None:
    if isinstance(widget, QTabWidget):  # no layout: the tab bar, then every page
        found.append(widget.tabBar())
        for index in range(widget.count()):
            _collect(widget.widget(index), found)
        return
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        if takes_focus(widget):
            found.append(widget)
        _collect(widget.widget(), found)
        return
    if takes_focus(widget):
        found.append(widget)
        return
    layout = widget.layout()
    if layout is not None:
        _collect_layout(layout, found)


def _collect_layout(layout: QLayout, found: list[QWidget]) -> None:
    order = list(range(layout.count()))
    if isinstance(layout, QGridLayout):  # by row, then by column, whatever the insertion order
        order.sort(key=lambda i: tuple(layout.getItemPosition(i)[:2]))
    for index in order:
        item = layout.itemAt(index)
        if item.widget() is not None:
            _collect(item.widget(), found)
        elif item.layout() is not None:
            _collect_layout(item.layout(), found)


def chain(widgets: list[QWidget]) -> None:
    """Make Tab go through `widgets` in this order (each must be in the same window). Pairs
    already in order are left alone: moving a widget in Qt's chain is slow in a big form."""
    stops = set(widgets)
    for first, second in zip(widgets, widgets[1:], strict=False):
        if _next_stop(first, stops) is not second:
            QWidget.setTabOrder(first, second)


def _next_stop(widget: QWidget, stops: set[QWidget], limit: int = 64) -> QWidget | None:
    """The first of `stops` after `widget` in Qt's focus chain (which also holds labels,
    rows and other widgets Tab passes over)."""
    following = widget.nextInFocusChain()
    for _ in range(limit):
        if following in stops:
            return following
        following = following.nextInFocusChain()
    return None


def reachable(widget: QWidget) -> bool:
    """Shown (or would be, once its window is shown) and enabled."""
    return widget.isVisibleTo(widget.window()) and widget.isEnabled()


def first_field(root: QWidget) -> QWidget | None:
    """The first control under `root` an officer can use now; a tab bar is not a field."""
    for widget in tab_stops(root):
        tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        if tab and reachable(widget) and not isinstance(widget, QTabBar):
            return widget
    return None
