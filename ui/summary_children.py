"""Every child at a glance, as a real table: a row per child (the row header is the child's
name and age), a column per part of the record, each cell the mark and its words.

The words come from officer_app.coverage, the reading the referral's summary uses too. A
screen reader gets each cell as "Spoken to alone: ✗ missing. Not alone; reason not recorded"
(the column, the status in words, the detail). The table is read-only, leaves with Tab, never
scrolls sideways and is as tall as its rows (ui.summary_table_fit).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from officer_app import coverage
from ui.summary_table_fit import FittingTable

FLAG_MARK = "⚑"  # for the supervisor; does not block submission
MARKS, STATUS_WORDS = coverage.MARKS, coverage.MARK_WORDS
# the colours of resources/style.qss's QLabel[status=...]: a table's cells are not widgets
COLOURS = {
    coverage.DONE: "#1b5e20",
    coverage.EXPLAINED: "#8a5a00",  # not done, reason recorded: never the green of done
    coverage.MISSING: "#a4161a",
    coverage.NOT_APPLICABLE: "#555",
}
HEADERS = {
    "seen": "Seen",
    "spoken_alone": "Spoken to alone",
    "own_words": "Own words",
    "interpreter": "Interpreter",
    "details": "Other details",
}
ALL_COLUMNS = tuple(HEADERS)


def age_words(age: str) -> str:
    """coverage.age_text as a screen reader should say it after the name."""
    if age == "not known":
        return "age not known"
    return f"aged {age}" if age[:1].isdigit() or age.startswith("about") else age


class ChildrenTable(FittingTable):
    """One row per child; `columns` picks the parts shown (all of them by default)."""

    def __init__(self, columns: tuple[str, ...] = ALL_COLUMNS, parent: QWidget | None = None):
        super().__init__(0, len(columns), parent)
        self.columns = columns
        self.setObjectName("childrenTable")
        self.setAccessibleName("Every child")
        self.setHorizontalHeaderLabels([HEADERS[c] for c in columns])

    def fill(self, rows: list[coverage.ChildCoverage]) -> None:
        self.ensurePolished()  # bold cells start from the style sheet's font
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            header = QTableWidgetItem(f"{row.name}\n({row.age})")
            header.setToolTip(f"{row.name} ({row.age})")
            header.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row.name}, {age_words(row.age)}")
            self.setVerticalHeaderItem(r, header)
            for c, key in enumerate(self.columns):
                self.setItem(r, c, self._cell(key, row))
        if not self.hasFocus():
            self.setCurrentIndex(QModelIndex())  # no cell looks chosen; Tab in picks the first
        self.refit()

    def _cell(self, key: str, row: coverage.ChildCoverage) -> QTableWidgetItem:
        part = row.details if key == "details" else getattr(row, key)
        shown = f"{MARKS[part.status]}\u00a0{part.text}"  # the mark stays with its words
        spoken = f"{HEADERS[key]}: {MARKS[part.status]} {STATUS_WORDS[part.status]}"
        if part.text.lower() != STATUS_WORDS[part.status]:
            spoken += f". {part.text}"
        if key == "details":
            for flag in row.flags:
                shown += f"\n{FLAG_MARK}\u00a0For the supervisor: {flag}"
                spoken += f". For the supervisor: {flag}"
        item = QTableWidgetItem(shown)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setData(Qt.ItemDataRole.UserRole, part.status)
        item.setToolTip(spoken)
        item.setForeground(QBrush(QColor(COLOURS[part.status])))
        if part.status == coverage.MISSING:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        return item

    def cell_text(self, row: int, key: str) -> str:
        """What a screen reader is given for a cell."""
        item = self.item(row, self.columns.index(key))
        return str(item.data(Qt.ItemDataRole.AccessibleTextRole)) if item else ""
