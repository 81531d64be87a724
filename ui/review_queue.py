"""The supervisor's queue: the submitted checklists waiting for review, most urgent first.

Each line says whose it is, how long since the police attended, the review deadline (the
force's `review_deadline_hours` after the call) and, in words, whether it is overdue and
whether it was returned before and resubmitted (its review then shows what changed). The
children's cell is the list's own ("Zofia ✓✓✓ · Jakub ✓✗–", read out in words). The order is
the core's (officer_app.review.queue: the earliest deadline first) and is not re-sorted.

Enter or a double-click on a line (or "Open review") emits `open_requested(id)`; the window
that holds the queue opens the review. `refresh()` reads the queue again (after a decision,
and every minute, so the times stay true); the chosen line stays chosen.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.library import Library
from officer_app.list_text import LEGEND, address, children, children_tip, children_words
from officer_app.review.queue import QueueItem, review_queue, waited
from officer_app.settings import Settings
from officer_app.store import Store, StoreError
from ui.checklist_list import ChecklistTable
from ui.notices import announce

Index = QModelIndex | QPersistentModelIndex
REFRESH_MS = 60_000
OVERDUE = "Overdue"
RESUBMITTED = "Resubmitted"


def deadline_text(item: QueueItem) -> str:
    return item.deadline.astimezone().strftime("%d/%m/%Y %H:%M") if item.deadline else ""


def due_text(item: QueueItem, now: datetime) -> str:
    """'Overdue', 'Due in 3 h 05 min', or 'No call time' (no deadline can be worked out)."""
    if item.deadline is None:
        return "No call time"
    if item.overdue:
        return f"{OVERDUE} by {waited(now - item.deadline)}"
    return f"Due in {waited(item.deadline - now)}"


def officer_text(item: QueueItem) -> str:
    """The account that wrote it (the officers named in it when no account is recorded)."""
    return item.row.owner or ", ".join(dict.fromkeys(item.row.officers)) or "not recorded"


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[QueueItem, datetime], str]
    accessible: Callable[[QueueItem, datetime], str] | None = None
    tooltip: Callable[[QueueItem, datetime], str] | None = None
    header_tip: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("Reference", lambda i, _: i.row.reference or "(no reference)"),
    Column("Risk", lambda i, _: (i.row.risk_grade or "not graded").capitalize(),
           lambda i, _: f"Risk {i.row.risk_grade or 'not graded'}",
           header_tip="The officer's risk grade"),
    Column("Address", lambda i, _: address(i.row)),
    Column("Officer", lambda i, _: officer_text(i), lambda i, _: f"Officer {officer_text(i)}"),
    Column("Since call", lambda i, _: waited(i.since_attendance) or "not known",
           lambda i, _: f"{waited(i.since_attendance) or 'Not known'} since the call"),
    Column("Review by", lambda i, _: deadline_text(i),
           lambda i, _: f"Review by {deadline_text(i) or 'no deadline: no call time'}"),
    Column("Due", due_text, header_tip="Overdue checklists say so in words"),
    Column("Resubmitted", lambda i, _: RESUBMITTED if i.resubmitted else "",
           lambda i, _: "Resubmitted after a return" if i.resubmitted else "First submission",
           header_tip="Returned before: the review shows what changed"),
    Column("Children", lambda i, _: children(i.row),
           lambda i, _: children_words(i.row), lambda i, _: children_tip(i.row), LEGEND),
)  # fmt: skip
DUE, CHILDREN = 6, 8
LONGEST = 260  # the widest a column starts (an address, the children)
FLOORS = (90, 60, 100, 70, 70, 100, 120, 118, 110)  # each column's narrowest when squeezed
GIVES = (1, 1, 2, 1, 1, 1, 1, 1, 2)  # the address and the children give up width twice as fast


def count_words(items: list[QueueItem]) -> str:
    """'12 waiting, 3 overdue'; 'Nothing waiting for review'."""
    if not items:
        return "Nothing waiting for review"
    overdue = sum(1 for i in items if i.overdue)
    return f"{len(items)} waiting, {overdue} overdue"


class QueueModel(QAbstractTableModel):
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[QueueItem] = []
        self.now = datetime.now().astimezone()

    def set_items(self, items: list[QueueItem], now: datetime) -> None:
        self.beginResetModel()
        self.items, self.now = list(items), now
        self.endResetModel()

    def position_of(self, checklist_id: int) -> int | None:
        return next((n for n, i in enumerate(self.items) if i.row.id == checklist_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].header_tip:
            return COLUMNS[section].header_tip
        return None

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, spec = self.items[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.display(item, self.now)
        if role == self.IdRole:
            return item.row.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (spec.accessible or spec.display)(item, self.now)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = (spec.tooltip or spec.display)(item, self.now)
            return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else None
        urgent = index.column() == DUE and item.overdue
        if role == Qt.ItemDataRole.ForegroundRole and urgent:
            return QColor("#a4161a")  # beside the word "Overdue", never instead of it
        if role == Qt.ItemDataRole.FontRole and (
            urgent or (index.column() == 6 and item.resubmitted)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None


class ReviewQueue(QWidget):
    """The queue's count line, its table and an Open button; `open_requested(id)`."""

    open_requested = Signal(int)

    def __init__(self, store: Store, library: Library, settings: Settings, parent=None):
        super().__init__(parent)
        self.store, self.library, self.settings = store, library, settings
        self.model = QueueModel(self)
        self.natural: list[int] = []  # each column's width for what it holds
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        caption = QLabel("Checklists &waiting for review")
        caption.setObjectName("caption")
        top.addWidget(caption)
        self.count = QLabel()
        self.count.setObjectName("queueCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.count, 1)
        self.open_button = QPushButton("Open &review")
        self.open_button.setAutoDefault(True)  # Enter on the focused button opens too
        self.open_button.clicked.connect(self.open_current)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.table = self._table()
        caption.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.table, self.open_button)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _table(self) -> ChecklistTable:
        table = ChecklistTable()
        table.setObjectName("reviewQueue")
        table.setAccessibleName("Checklists waiting for review, most urgent first")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text is the tooltip
        table.activated.connect(self.open_current)  # Enter, or a double-click
        table.resized.connect(self.fit_columns)
        return table

    @Slot()
    def refresh(self) -> None:
        """Read the queue again; the chosen checklist stays chosen; the count is announced
        when it changes."""
        chosen = self.selected_id()
        now = datetime.now().astimezone()
        try:
            items = review_queue(self.store, self.settings.review_deadline_hours, now)
        except StoreError as exc:
            self.count.setText(f"The queue cannot be read: {exc}")
            announce(self.count, self.count.text(), assertive=True)
            return
        self.model.set_items(items, now)
        self.table.resizeColumnsToContents()
        self.natural = [
            min(self.table.columnWidth(c), LONGEST) for c in range(self.model.columnCount())
        ]
        self.fit_columns()
        text = count_words(items)
        if text != self.count.text():
            self.count.setText(text)
            self.count.setAccessibleName(text)
            announce(self.count, text)
        self.open_button.setEnabled(bool(items))
        if chosen is not None:
            self.select_id(chosen)

    @Slot()
    def fit_columns(self) -> None:
        """Each column as wide as what it holds, until the table is narrower than that (1366x768
        at 150%): then every column gives up width in proportion to what it has above its
        floor; a cut text ends in "…" and the whole of it is the tooltip. Room left over goes
        to the address. Nothing scrolls sideways."""
        room = self.table.viewport().width()
        if not self.natural or room < sum(FLOORS):
            return
        widths = list(self.natural)
        for _ in widths:  # a column at its floor gives no more: share out the rest again
            excess = sum(widths) - room
            slack = [max(0, w - f) * g for w, f, g in zip(widths, FLOORS, GIVES, strict=True)]
            if excess <= 0 or not sum(slack):
                break
            share = min(1.0, excess / sum(slack))
            widths = [
                w - min(w - f, math.ceil(gap * share)) if gap else w
                for w, f, gap in zip(widths, FLOORS, slack, strict=True)
            ]
        widths[1] += max(0, room - sum(widths))  # what is left over
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()].row.id if rows else None

    def select_id(self, checklist_id: int) -> None:
        at = self.model.position_of(checklist_id)
        if at is not None:
            self.table.selectRow(at)

    def open_current(self, *_) -> None:
        chosen = self.selected_id()
        if chosen is None and self.table.currentIndex().isValid():
            chosen = self.model.items[self.table.currentIndex().row()].row.id
        if chosen is not None:
            self.open_requested.emit(chosen)
