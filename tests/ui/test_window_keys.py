"""A window's own keys work from inside a text box (on Linux a text box takes Ctrl+E for
end of line, which swallowed Export referral)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMainWindow

from ui import window_keys


def test_a_key_the_text_box_would_take_reaches_the_window(qtbot):
    # Ctrl+Z is a text box's own key (undo) on every platform, as Ctrl+E is on Linux
    window = QMainWindow()
    box = QLineEdit("Łuczak <&>")
    window.setCentralWidget(box)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    pressed: list[int] = []
    QShortcut(QKeySequence("Ctrl+Z"), window, lambda: pressed.append(1))
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pressed == []  # the box took it
    window_keys.keep_window_keys("Ctrl+Z")
    try:
        QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert pressed == [1]
    finally:
        assert window_keys._FILTER is not None
        window_keys._FILTER.keys.discard(QKeySequence("Ctrl+Z"))


def test_the_windows_keep_export_and_close(main_window, open_draft, valid_checklist):
    open_draft(valid_checklist)
    assert window_keys._FILTER is not None
    assert {QKeySequence("Ctrl+E"), QKeySequence("Ctrl+W")} <= window_keys._FILTER.keys
