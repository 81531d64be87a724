"""A drop-down that never cuts a choice off.

The list that opens is a plain list, which Qt makes wide enough for its longest choice (a
menu-style list under the style sheet drew the current choice blank). The closed box asks for
the width of its longest choice but may be narrower (so no page needs a sideways scroll bar
at 150% scaling on a small screen); when its current choice does not fit, it ends in "…" and
the whole choice is its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

MIN_CHARS = 18


class WholeTextComboBox(QComboBox):
    """A QComboBox whose popup shows whole choices and whose box elides with a tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MIN_CHARS)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # a plain list (not menu items): each choice's size hint is its whole text
        self.setItemDelegate(QStyledItemDelegate(self))
        self.currentIndexChanged.connect(self._update_tooltip)

    def sizeHint(self) -> QSize:  # noqa: N802
        """As wide as the longest choice (the minimum stays MIN_CHARS characters)."""
        hint = super().sizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = max((self._text_width(i) for i in range(self.count())), default=0)
        whole = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text, hint.height()), self
        )
        return QSize(max(hint.width(), whole.width()), hint.height())

    def _text_width(self, index: int) -> int:
        return self.fontMetrics().horizontalAdvance(self.itemText(index)) + 4

    def text_room(self) -> int:
        """The width the closed box has for its current choice."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return max(field.width() - 4, 1)

    def shown_text(self) -> str:
        """The current choice as the closed box shows it."""
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, self.text_room()
        )

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self, *_) -> None:
        cut = self.shown_text() != self.currentText()
        self.setToolTip(self.currentText() if cut else "")
