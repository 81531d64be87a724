"""The list of checklists as a Qt table model, fed plain rows from the store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from officer_app import states
from officer_app.definition import GRADE_LABELS
from officer_app.states import STATE_LABELS
from officer_app.store import ChecklistRow
from officer_app.typed_input import show_typed

COLUMNS = ("Reference", "Address", "Incident", "Children", "State", "Risk")


def _address(row: ChecklistRow) -> str:
    text = " ".join((row.address or "").split())
    return f"{text}, {row.postcode}" if row.postcode else text


class ChecklistTableModel(QAbstractTableModel):
    """One row per checklist: reference, address, incident date, children, state, grade.
    Sorting is by the raw value (ISO dates, numbers) through ChecklistSortRole."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []

    def set_rows(self, rows: list[ChecklistRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ChecklistRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == self.SortRole:
            return self._sort_key(row, index.column())
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return _address(row)
        return self._emphasis(row, index.column(), role)

    @staticmethod
    def _emphasis(row: ChecklistRow, column: int, role) -> Any:
        """High risk in bold dark red; drafts in italics; counts centred."""
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.risk_grade == "high":
            return QColor("#a4161a")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(column == 5 and row.risk_grade == "high")
            font.setItalic(states.is_editable(row.state))
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _display(row: ChecklistRow, column: int) -> str:
        return (
            row.reference or "(no reference yet)",
            _address(row),
            show_typed("datetime", row.incident_time) if row.incident_time else "",
            str(row.children_count),
            STATE_LABELS.get(row.state, row.state.capitalize()),
            GRADE_LABELS.get(row.risk_grade or "", "—"),
        )[column]

    @staticmethod
    def _sort_key(row: ChecklistRow, column: int) -> Any:
        grades = {"standard": 1, "medium": 2, "high": 3}
        return (
            (row.reference or "").casefold(),
            _address(row).casefold(),
            row.incident_time or "",
            row.children_count,
            row.state,
            grades.get(row.risk_grade or "", 0),
        )[column]
