"""The audit log as a Qt table model over the list of entries the store returned.

Nothing is worked out ahead: a cell's text (the local time, the detail with the account it
concerns) is made when the view asks for it, which it does only for the rows on screen, so
50,000 entries cost one list and no formatting (see ui/audit_dialog.py for the measurement).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from officer_app.audit_export import local_time
from officer_app.store import AuditEntry

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def detail(entry: AuditEntry) -> str:
    """The detail, with the account an account entry concerns ("Account pc.okafor: wrong
    password"): a failed login's actor is whoever was signed in, the account is the subject."""
    if entry.subject:
        return f"Account {entry.subject}: {entry.detail}" if entry.detail else entry.subject
    return entry.detail


def checklist(entry: AuditEntry) -> str:
    return "" if entry.checklist_id is None else str(entry.checklist_id)


@dataclass(frozen=True)
class Column:
    """One column: its header, the cell text, the header's tooltip, a sample text that sets
    its starting width ("" for the column that takes the rest)."""

    header: str
    display: Callable[[AuditEntry], str]
    tip: str
    sample: str
    alignment: Qt.AlignmentFlag = LEFT


COLUMNS: tuple[Column, ...] = (
    Column("#", lambda e: str(e.id), "The entry's position in the log", "000000", RIGHT),
    Column("When", lambda e: local_time(e.at), "Local time", "00/00/0000 00:00:00"),
    Column("Who", lambda e: e.actor, "Who did it (the signed-in user)", "pc.krężołek.xx"),
    Column("Action", lambda e: e.action, "What was done", "account locked"),
    Column("Checklist", checklist, "The checklist it concerns", "Checklist", RIGHT),
    Column("Detail", detail, "More about the action", ""),
)


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []
        self._rows_of: dict[int, int] | None = None

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self._rows_of = None
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry:
        return self.entries[row]

    def row_of(self, entry_id: int) -> int | None:
        """The row showing entry `entry_id`, or None (the index is built on the first ask)."""
        if self._rows_of is None:
            self._rows_of = {entry.id: row for row, entry in enumerate(self.entries)}
        return self._rows_of.get(entry_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column, entry = COLUMNS[index.column()], self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 1:
                return entry.at  # the stored time, with its offset
            return column.display(entry) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.header}: {column.display(entry) or 'none'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip
        return None
