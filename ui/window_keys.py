"""Keys that belong to the window even while the cursor is in a text box.

On Linux, Qt's text boxes take Ctrl+E for themselves (end of line, as in Emacs), so the
window's Export referral (Ctrl+E) did nothing while typing: the box accepted the key's
ShortcutOverride and the shortcut never ran. This filter, installed once on the application,
refuses those overrides for the keys the windows name, so their shortcuts win.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class WindowKeys(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.keys: set[QKeySequence] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, TEXT_BOXES)
            and QKeySequence(event.keyCombination()) in self.keys
        ):
            event.ignore()  # not the box's: the window's shortcut runs
            return True
        return False


_FILTER: WindowKeys | None = None


def keep_window_keys(*sequences: str) -> None:
    """Make these key sequences reach the window's shortcuts from inside any text box."""
    global _FILTER
    app = QApplication.instance()
    if _FILTER is None:
        _FILTER = WindowKeys()
        app.installEventFilter(_FILTER)
    _FILTER.keys.update(QKeySequence(s) for s in sequences)
