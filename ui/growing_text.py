"""A multi-line box that grows with its text: from a few lines up to a limit, then it scrolls.

A fixed three-line box hides most of an account or a child's words behind a scroll bar; one
that grows without limit pushes the rest of the page away. The height follows the number of
lines the text takes at the box's width (wrapped lines count), between `min_lines` and
`max_lines`.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

MIN_LINES = 3
MAX_LINES = 12


class GrowingTextEdit(QPlainTextEdit):
    """Plain text; Tab moves on (it does not type a tab)."""

    def __init__(
        self, min_lines: int = MIN_LINES, max_lines: int = MAX_LINES, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.min_lines, self.max_lines = min_lines, max(max_lines, min_lines)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # a plain text layout measures its document in lines, not pixels
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def lines(self) -> int:
        """The lines the text takes now, wrapped lines included."""
        return max(1, math.ceil(self.document().documentLayout().documentSize().height()))

    def shown_lines(self) -> int:
        return min(max(self.lines(), self.min_lines), self.max_lines)

    def height_for(self, lines: int) -> int:
        margins = self.contentsMargins()
        chrome = 2 * self.frameWidth() + margins.top() + margins.bottom()
        text = lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
        return math.ceil(text) + chrome + 2

    def _fit(self, *_) -> None:
        height = self.height_for(self.shown_lines())
        if height != self.maximumHeight():
            self.setFixedHeight(height)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)  # the style sheet's font arrives after construction
        self._fit()
