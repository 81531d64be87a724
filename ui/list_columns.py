"""The list's column widths: starting widths from sample texts (the short columns fitted to
what they hold), fitted to the table's width on every resize so nothing scrolls sideways on a
narrow window, until the officer drags a column (then their widths stay)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from ui.checklist_table_model import ChecklistTableModel, column

SAMPLES = {
    "reference": "CV-0000-000000",
    "incident": "21/11/2026 22:47",
    "children": "Aleksandra ✓✓✓ · Kacper ✓✓✓",
    "adults": "Małgorzata Krężołek",
    "risk": "Standard",
    "state": "Submitted",
    "submitted": "21/11/2026 22:47",
    "matched": "Child: Oliwia Krężołek",
}
FIT_CONTENTS = ("reference", "incident", "risk", "state", "submitted")
SQUEEZABLE = ("matched", "adults", "children")  # give up width first on a narrow window
ADDRESS_FLOOR, NAME_FLOOR = 160, 90
MIN_WIDTH = 400  # a table narrower than this is still being laid out


class ColumnFitter:
    """Keeps `table`'s column widths; `table` emits `resized` (ChecklistTable)."""

    def __init__(self, table: QTableView, model: ChecklistTableModel):
        self.table, self.model = table, model
        self.preferred: dict[int, int] = {}  # starting widths by column, until set by hand
        self.fitting = False  # the widths being changed are ours, not the officer's
        table.resized.connect(self.squeeze)
        table.horizontalHeader().sectionResized.connect(self._resized_by_hand)

    def fit(self) -> None:
        """Starting widths: the short columns fit what they hold (never wider than twice
        their sample), the names and what matched their sample; the address takes the rest."""
        self.table.ensurePolished()
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setMinimumSectionSize(metrics.horizontalAdvance("Risk") + 24)
        for key, sample in SAMPLES.items():
            at = column(key)
            label = header.sectionSizeFromContents(at).width()
            wanted = max(metrics.horizontalAdvance(sample) + 24, label)
            if key in FIT_CONTENTS and self.model.rowCount():
                wanted = max(min(self.table.sizeHintForColumn(at), 2 * wanted), label)
            self.preferred[at] = wanted
        if self.table.isVisible():
            self.squeeze()
        else:
            self._apply(self.preferred)

    def _apply(self, sizes: dict[int, int]) -> None:
        """Set these widths as ours (not a drag by the officer)."""
        self.fitting = True
        try:
            for at, size in sizes.items():
                self.table.horizontalHeader().resizeSection(at, size)
        finally:
            self.fitting = False

    def squeeze(self) -> None:
        """Fit the starting widths (fit_columns) to the table: on a narrow window (1366x768
        at 150% is 911 px) the names and what matched give up width first, then the other
        columns down to their heading, so the address keeps some and nothing scrolls
        sideways; on a wider one they get their starting widths back. Once the officer sets
        a width by hand (or one is restored), their widths stay."""
        if not self.preferred or not self.table.isVisible():
            return
        if self.table.viewport().width() < MIN_WIDTH:
            return  # not laid out yet: its width now says nothing about the window's
        header = self.table.horizontalHeader()
        address = column("address")
        fixed = [i for i in self.preferred if i != address and not header.isSectionHidden(i)]
        sizes = {i: self.preferred[i] for i in fixed}
        room = self.table.viewport().width() - ADDRESS_FLOOR - 2 * header.count()
        excess = sum(sizes.values()) - room
        squeezable = [column(key) for key in SQUEEZABLE]
        order = [i for i in squeezable if i in sizes] + [i for i in fixed if i not in squeezable]
        for at in order:
            if excess <= 0:
                break
            floor = NAME_FLOOR if at in squeezable else header.sectionSizeFromContents(at).width()
            give = min(excess, sizes[at] - floor)
            if give > 0:
                sizes[at] -= give
                excess -= give
        self._apply(sizes)

    def _resized_by_hand(self, at: int, _old: int, _new: int) -> None:
        """A column dragged wider or narrower (a model reset resizes sections too: only a
        drag, with a mouse button held, is the officer's)."""
        dragged = QApplication.mouseButtons() != Qt.MouseButton.NoButton
        if dragged and not self.fitting and at != column("address"):
            self.preferred = {}  # the officer's widths from now on
