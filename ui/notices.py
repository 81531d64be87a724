"""Small pieces every window shows: the protective-marking banner, the DEMO DATA banner of a
demo database, a warning that does not block (window-modal, opened rather than exec'd, so
nothing waits on it, a test included), a status line that elides instead of widening its
window, and announcements for screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget


def marking_banner(text: str) -> QLabel:
    banner = QLabel(text)
    banner.setObjectName("marking")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setAccessibleName(f"Protective marking: {text}")
    return banner


DEMO_BANNER_TEXT = "DEMO DATA — not real people; never send these"
DEMO_BANNER_STYLE = (
    "QLabel#demoBanner { background: #ffc400; color: #000000; font-weight: bold;"
    " letter-spacing: 2px; padding: 4px; border: 3px dashed #000000; }"
)


def demo_banner() -> QLabel:
    """The banner of a window showing a demo database (officer_app.demo_mark.is_demo): black
    on amber with a dashed black border, unlike the red marking banner, styled on the label
    itself so no style sheet can leave it out."""
    banner = QLabel(DEMO_BANNER_TEXT)
    banner.setObjectName("demoBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setAccessibleName("Demo data: not real people; never send these checklists")
    banner.setStyleSheet(DEMO_BANNER_STYLE)
    return banner


def show_warning(parent: QWidget, title: str, message: str) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property (severity, status) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have a screen reader say `text` now (polite: after what it is reading)."""
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


class ElidedLabel(QLabel):
    """One line that shows as much of its text as fits, ending in "…"; `text()` is the whole
    text (and so is the accessible name and the tooltip when cut)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self.setAccessibleName(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)
        )
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
