"""The Qt binding itself: PySide6 6.12.0 decremented None's reference count on every call of
a method that returns nothing, which aborts Python 3.11 after a few thousand calls. The
project pins a version without the bug; this test fails, instead of aborting, if it returns."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(500):
        label.setText(str(i))
        label.setAccessibleDescription(str(i))
    assert sys.getrefcount(None) >= before - 50
