"""Small pieces every window shows: the protective-marking banner and a warning that does
not block (window-modal, opened rather than exec'd, so nothing waits on it, a test included)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def marking_banner(text: str) -> QLabel:
    banner = QLabel(text)
    banner.setObjectName("marking")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setAccessibleName(f"Protective marking: {text}")
    return banner


def show_warning(parent: QWidget, title: str, message: str) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
