"""A read-only table of text cells for the administrators' dialogs (accounts, retention):
one row per item, the cells worked out by a function of the item, each cell also its tooltip
and, for a screen reader, "column: text"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Item = TypeVar("Item")
Index = QModelIndex | QPersistentModelIndex


class TextTableModel(QAbstractTableModel, Generic[Item]):
    """`items` as rows under `headers`; `cells(item)` gives a row's texts."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[Item], Sequence[str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.headers, self.cells = tuple(headers), cells
        self.items: list[Item] = []

    def set_items(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.cells(self.items[index.row()])[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headers[index.column()]}: {text}"
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def item_table(
    model: TextTableModel, name: str, *, many: bool, changed: Callable[[], None]
) -> QTableView:
    """A keyboard table of `model`'s rows: whole rows chosen (one, or `many`), nothing edited,
    Tab leaving the table while the arrows move between rows; `changed()` on each choice."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if many
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.selectionModel().selectionChanged.connect(lambda *_: changed())
    return table
