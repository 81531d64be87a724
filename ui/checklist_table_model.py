"""The list of checklists as a Qt table model, fed plain rows from the store.

Every column is one `Column` in `COLUMNS`: its header, what it shows, the raw value it sorts
by, its tooltip, its alignment and the words a screen reader says, all in one place (as
vorta's table models name their columns). The model never reads answers: the store's summary
columns carry the names, each child's coverage and what a search matched.

After a save only that checklist's line changes (`update_row`: dataChanged for the one row,
or one row inserted or removed); `set_rows` (a model reset) is for a new search or filter.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from officer_app import states
from officer_app.coverage import MISSING
from officer_app.definition import GRADE_LABELS
from officer_app.list_text import (
    LEGEND,
    address,
    children,
    children_tip,
    children_words,
    incident,
    submitted,
)
from officer_app.states import STATE_LABELS
from officer_app.store import ChecklistRow

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter

GRADE_ORDER = {"standard": 1, "medium": 2, "high": 3}


# ---------------------------------------------------------------- what each column shows


def risk(row: ChecklistRow) -> str:
    return GRADE_LABELS.get(row.risk_grade or "", "—")


def state(row: ChecklistRow) -> str:
    return STATE_LABELS.get(row.state, row.state.capitalize())


def matched(row: ChecklistRow) -> str:
    return "; ".join(row.matched)


# ---------------------------------------------------------------- the columns


@dataclass(frozen=True)
class Column:
    """One column: `display` is the cell text, `sort_key` the raw value sorting uses (ISO
    dates, numbers; a str or an int, which Qt compares), `tooltip` and `accessible` default
    to the display text."""

    key: str
    header: str
    display: Callable[[ChecklistRow], str]
    sort_key: Callable[[ChecklistRow], Any]
    tooltip: Callable[[ChecklistRow], str] | None = None
    accessible: Callable[[ChecklistRow], str] | None = None
    alignment: Qt.AlignmentFlag = LEFT
    header_tip: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        "Reference",
        lambda r: r.reference or "(no reference yet)",
        lambda r: (r.reference or "").casefold(),
    ),
    Column("matched", "Matched", matched, lambda r: matched(r).casefold(),
           accessible=lambda r: "Matched " + (matched(r) or "nothing"),
           header_tip="What the search found in each checklist"),
    Column("incident", "Incident", incident, lambda r: r.incident_time or "",
           accessible=lambda r: f"Incident {incident(r)}" if r.incident_time else "No call time"),
    Column("address", "Address", address, lambda r: address(r).casefold(), tooltip=address),
    Column(
        "children",
        "Children (seen · alone · words)",
        children,
        lambda r: f"{r.children_count:04d} " + ", ".join(r.children).casefold(),
        tooltip=children_tip,
        accessible=children_words,
        header_tip=LEGEND,
    ),
    Column("adults", "Adults", lambda r: ", ".join(r.adults),
           lambda r: ", ".join(r.adults).casefold(),
           accessible=lambda r: "Adults: " + (", ".join(r.adults) or "none named")),
    Column("risk", "Risk", risk, lambda r: GRADE_ORDER.get(r.risk_grade or "", 0),
           accessible=lambda r: f"Risk {risk(r)}" if r.risk_grade else "Risk not graded"),
    Column("state", "State", state, lambda r: r.state),
    Column("submitted", "Submitted", submitted, lambda r: r.submitted_at or "",
           accessible=lambda r: f"Submitted {submitted(r)}" if r.submitted_at else "Not submitted"),
)  # fmt: skip
KEYS = [c.key for c in COLUMNS]


def column(key: str) -> int:
    """The position of the column called `key` ("incident", "matched", ...)."""
    return KEYS.index(key)


def _plain_tip(text: str) -> str:
    """A tooltip shown as the text it is: '<' or '&' in a name is never read as markup."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


class ChecklistTableModel(QAbstractTableModel):
    """One row per checklist, its columns as `COLUMNS` describes them."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []

    # ------------------------------------------------------------ rows in and out

    def set_rows(self, rows: list[ChecklistRow]) -> None:
        """A new list (another search or filter): the one place the model is reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ChecklistRow:
        return self._rows[row]

    def position_of(self, checklist_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == checklist_id), None)

    def update_row(self, checklist_id: int, row: ChecklistRow | None) -> None:
        """One checklist's line after a save: changed in place, added (new and matching the
        filters) or removed (`row` None: it no longer matches); nothing else is touched."""
        at = self.position_of(checklist_id)
        if at is None and row is not None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(row)
            self.endInsertRows()
        elif at is not None and row is None:
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            self.endRemoveRows()
        elif at is not None and row is not None and row != self._rows[at]:
            self._rows[at] = row
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        spec = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.header
        if role == Qt.ItemDataRole.ToolTipRole and spec.header_tip:
            return spec.header_tip
        return None

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, spec = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.display(row)
        if role == self.SortRole:
            return spec.sort_key(row)
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return _plain_tip((spec.tooltip or spec.display)(row))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (spec.accessible or spec.display)(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(spec.alignment)
        return self._emphasis(row, spec.key, role)

    @staticmethod
    def _emphasis(row: ChecklistRow, key: str, role) -> Any:
        """High risk in bold dark red; a child's missing coverage in dark red; drafts in
        italics."""
        high = key == "risk" and row.risk_grade == "high"
        gap = key == "children" and any(
            i.status == MISSING for c in row.coverage or () for i in c.items
        )
        if role == Qt.ItemDataRole.ForegroundRole and (high or gap):
            return QColor("#a4161a")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(high)
            font.setItalic(states.is_editable(row.state))
            return font
        return None
