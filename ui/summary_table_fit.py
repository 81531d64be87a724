"""A read-only table that never scrolls: its columns share the width, their text wraps, and
it is as tall as its rows (the page around it scrolls, never the table).

The row headers (names) and the columns each get at least the width of their longest word
when that fits; a column whose text fits on one line gets that, and the longer ones share
what is left equally. When even the longest words do not fit (1024x768 at 150%), a word too
wide for its column may break anywhere (a zero-width space after each of its letters, on
screen only: the accessible text and the tooltips keep the words whole), so nothing is cut
off and nothing needs a sideways scrollbar.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

PADDING = 10  # each side of a cell's or a header's text
NAME_WIDTH = 170  # the widest row header; a longer name wraps
FLOOR = 48  # the narrowest a column gets when words must break
FULL_TEXT = Qt.ItemDataRole.UserRole + 1  # the text before any word was broken
WORD_BREAKS = re.compile(r"[ \n]+|(?<=-)")  # where Qt may wrap a line (not at no-break spaces)
ANYWHERE = "\u200b"  # a zero-width space: a line may break here
WRAPPED = Qt.AlignmentFlag(
    Qt.AlignmentFlag.AlignLeft.value
    | Qt.AlignmentFlag.AlignVCenter.value
    | Qt.TextFlag.TextWordWrap.value
)


def share(room: int, least: list[int], natural: list[int]) -> list[int]:
    """Widths for columns that need at least `least` and at most `natural` (one line): the
    level L where the columns clamped to [least, natural] fill `room`; what is left over
    once every column has its one line is shared equally."""
    if sum(natural) <= room:
        extra = room - sum(natural)
        widths = [n + extra // len(natural) for n in natural]
    else:
        low, high = 0, max(natural)
        while low < high:  # the highest level that still fits
            level = (low + high + 1) // 2
            used = sum(min(n, max(m, level)) for m, n in zip(least, natural, strict=True))
            low, high = (level, high) if used <= room else (low, level - 1)
        widths = [min(n, max(m, low)) for m, n in zip(least, natural, strict=True)]
    widths[-1] += max(0, room - sum(widths))  # what rounding left over
    return widths


def breakable(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` with each word wider than `room` free to break after any letter."""
    parts = re.split(r"([ \n]+)", text)
    for i in range(0, len(parts), 2):  # the words (after a hyphen, a line may break already)
        pieces = re.split(r"(?<=-)", parts[i])
        parts[i] = "".join(
            ANYWHERE.join(p) if metrics.horizontalAdvance(p) > room else p for p in pieces
        )
    return "".join(parts)


def full_text(item: QTableWidgetItem | None) -> str:
    if item is None:
        return ""
    kept = item.data(FULL_TEXT)
    return str(kept) if kept is not None else item.text()


def widest_word(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(w) for w in WORD_BREAKS.split(text)), default=0)


class FittingTable(QTableWidget):
    """Call `refit()` after filling; the table fits itself to every new width."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None):
        super().__init__(rows, columns, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # shared out by _fit
            header.setMinimumSectionSize(FLOOR // 2)
            header.setDefaultAlignment(WRAPPED)  # a narrow header takes more lines
            header.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.least: list[int] = []  # the longest word of each column, names first
        self.natural: list[int] = []  # each column on one line, names first

    def metrics_of(self, item: QTableWidgetItem) -> QFontMetrics:
        """The font a cell is drawn in: its own, or the table's (from the style sheet)."""
        own = item.data(Qt.ItemDataRole.FontRole)
        return QFontMetrics(own if own is not None else self.font())

    def refit(self) -> None:
        """Measure the whole texts again (after a fill) and fit."""
        self.ensurePolished()  # the style sheet's font, before anything is measured
        side, top = self.verticalHeader().fontMetrics(), self.horizontalHeader().fontMetrics()
        names = [full_text(self.verticalHeaderItem(r)) for r in range(self.rowCount())]
        lines = [line for name in names for line in name.split("\n")]
        least = [min(max((widest_word(side, t) for t in lines), default=0), NAME_WIDTH)]
        natural = [min(max((side.horizontalAdvance(t) for t in lines), default=0), NAME_WIDTH)]
        for c in range(self.columnCount()):
            header = full_text(self.horizontalHeaderItem(c))
            texts = [(top, header)] + [
                (self.metrics_of(item), full_text(item))
                for item in (self.item(r, c) for r in range(self.rowCount()))
                if item is not None
            ]
            least.append(max(widest_word(m, t) for m, t in texts))
            natural.append(
                max(m.horizontalAdvance(line) for m, t in texts for line in t.split("\n"))
            )
        self.least = [w + 2 * PADDING for w in least]
        self.natural = [max(n + 2 * PADDING, m) for n, m in zip(natural, self.least, strict=True)]
        self.updateGeometry()
        self._fit()

    # ---------------------------------------------------------------- fitting

    def _fit(self) -> None:
        if not self.least:
            return
        room = self.width() - 2 * self.frameWidth()
        least = self.least if sum(self.least) <= room else [min(w, FLOOR) for w in self.least]
        names, *widths = share(room, least, self.natural)
        side, top = self.verticalHeader(), self.horizontalHeader()
        if side.width() != names:
            side.setFixedWidth(names)
        for c, width in enumerate(widths):
            if top.sectionSize(c) != width:
                top.resizeSection(c, width)
        self._break_words(names, widths)
        self._fit_heights(names, widths)

    def _break_words(self, names: int, widths: list[int]) -> None:
        """Show each text with only the words too wide for their column breakable."""
        side, top = self.verticalHeader().fontMetrics(), self.horizontalHeader().fontMetrics()
        for r in range(self.rowCount()):
            _show(self.verticalHeaderItem(r), side, names)
        for c, width in enumerate(widths):
            _show(self.horizontalHeaderItem(c), top, width)
            for r in range(self.rowCount()):
                item = self.item(r, c)
                if item is not None:
                    _show(item, self.metrics_of(item), width)

    def _fit_heights(self, names: int, widths: list[int]) -> None:
        """Headers and rows as tall as their wrapped text; the table as tall as its rows."""
        top, side = self.horizontalHeader(), self.verticalHeader()
        tallest = max(
            (
                _height(top.fontMetrics(), self.horizontalHeaderItem(c), w)
                for c, w in enumerate(widths)
            ),
            default=0,
        )
        if top.minimumHeight() != tallest + PADDING:
            top.setMinimumHeight(tallest + PADDING)
        self.resizeRowsToContents()
        for r in range(self.rowCount()):
            name = _height(side.fontMetrics(), self.verticalHeaderItem(r), names) + PADDING
            if self.rowHeight(r) < name:
                self.setRowHeight(r, name)
        height = max(top.height(), top.minimumHeight()) + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        least = sum(min(w, FLOOR) for w in self.least)
        return QSize(least + 2 * self.frameWidth(), self.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        preferred = sum(self.least) + 2 * self.frameWidth()
        return QSize(preferred, self.height())


def _show(item: QTableWidgetItem | None, metrics: QFontMetrics, width: int) -> None:
    if item is None:
        return
    whole = full_text(item)
    if item.data(FULL_TEXT) is None:
        item.setData(FULL_TEXT, whole)
    if item.data(Qt.ItemDataRole.AccessibleTextRole) is None:
        item.setData(Qt.ItemDataRole.AccessibleTextRole, whole)  # whole words for a reader
    shown = breakable(whole, metrics, width - 2 * PADDING)
    if item.text() != shown:
        item.setText(shown)


def _height(metrics: QFontMetrics, item: QTableWidgetItem | None, width: int) -> int:
    if item is None:
        return 0
    room = QRect(0, 0, max(1, width - 2 * PADDING), 10000)
    return metrics.boundingRect(room, WRAPPED.value, item.text()).height()
