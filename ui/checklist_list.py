"""The main window's list: search, state and incident-date filters, the table of checklists
and the hint shown when it is empty.

A new search or filter reloads the list (one model reset) and tells a screen reader how many
checklists it found; a saved checklist changes only its own line (`refresh_row`), so the
officer's selection and scroll position stay where they were. The table never keeps the Tab
key: Tab, Shift+Tab and Ctrl+Tab move on to the next control, as everywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officer_app.states import STATE_LABELS, STATES
from officer_app.store import ChecklistRow, Store, StoreError
from officer_app.typed_input import parse_typed
from ui.checklist_table_model import ChecklistTableModel, column
from ui.list_columns import ColumnFitter
from ui.notices import announce

SEARCH_DELAY_MS = 250
# What each column's starting width is made to fit (the address takes the rest); the officer
# may widen any of them, and a longer text ends in "…" with the whole of it in the tooltip.


class ChecklistTable(QTableView):
    """The table of checklists; Tab and Ctrl+Tab leave it instead of walking its cells."""

    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabKeyNavigation(False)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    def focusInEvent(self, event) -> None:  # noqa: N802
        """Coming in with Tab, a line is chosen at once (the current one, else the first), so
        Enter opens it and Export knows which: a current cell alone selects nothing."""
        super().focusInEvent(event)
        if self.model() is not None and self.model().rowCount() and not self.selectedIndexes():
            row = self.currentIndex().row() if self.currentIndex().isValid() else 0
            self.selectRow(row)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        mods = event.modifiers()
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & (
            Qt.KeyboardModifier.ControlModifier
        ):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                mods & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(not backwards)
            return
        super().keyPressEvent(event)


def read_date_range(date_from: QLineEdit, date_to: QLineEdit) -> tuple[dict, list[str]]:
    """The two boxes' days ({"date_from": "YYYY-MM-DD" or None, "date_to": ...}) and what is
    wrong with them in words (also each box's accessible description); the range may not run
    backwards."""
    days: dict[str, str | None] = {}
    problems: list[str] = []
    for key, box, name in (("date_from", date_from, "From"), ("date_to", date_to, "To")):
        day = read_day(box.text())
        wrong = f"'{box.text().strip()}' is not a date; write it as dd/mm/yyyy, e.g. 21/11/2026."
        box.setAccessibleDescription(wrong if day is None else "")
        if day is None:
            problems.append(f"{name}: {wrong}")
        days[key] = day or None
    start, end = days["date_from"], days["date_to"]
    if not problems and start and end and start > end:
        problems.append("From: the From date is after the To date; swap them.")
    return days, problems


def read_day(text: str) -> str | None:
    """The ISO date typed as dd/mm/yyyy (or 14.03.2026, 2026-03-14); "" when empty; None
    when it is not a date."""
    if not text.strip():
        return ""
    value = parse_typed("date", text)
    return value if isinstance(value, str) and value != text else None


class ChecklistList(QWidget):
    """The filters and the table; `open_requested(id)` when a line is activated."""

    open_requested = Signal(int)
    selection_changed = Signal()
    counted = Signal(str)  # "24 checklists shown": for the window's status line
    failed = Signal(str)  # the store could not be read

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.model = ChecklistTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ChecklistTableModel.SortRole)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.search_now)
        self._applied: dict | None = None  # the filters the list was last read with
        self._build()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._filters())
        self.date_problem = QLabel()
        self.date_problem.setObjectName("fieldProblem")
        self.date_problem.setWordWrap(True)
        self.date_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.date_problem.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.date_problem.setMinimumWidth(1)
        self.date_problem.hide()
        layout.addWidget(self.date_problem)
        self.table = self._table()
        self.columns = ColumnFitter(self.table, self.model)
        layout.addWidget(self.table, 1)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty_hint.setMinimumWidth(1)
        layout.addWidget(self.empty_hint)
        for before, after in (
            (self.search, self.state_filter),
            (self.state_filter, self.date_from),
            (self.date_from, self.date_to),
            (self.date_to, self.table),
        ):
            QWidget.setTabOrder(before, after)

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Name, address, postcode or reference (accents optional)")
        self.search.setAccessibleName("Search checklists")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.search.textEdited.connect(lambda _: self.search_timer.start())
        # Down or Enter in the search box goes to the list, on its first line
        self.search.returnPressed.connect(self._into_table)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._into_table).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Show checklists in state")
        self.state_filter.addItem("All states", None)
        for state in STATES:
            self.state_filter.addItem(STATE_LABELS[state], state)
        self.state_filter.currentIndexChanged.connect(lambda _: self.search_now())
        self.date_from = self._date_box("Incident from", "from")
        self.date_to = self._date_box("Incident to", "to")
        for text, widget, stretch in (
            ("&Search:", self.search, 1),
            ("S&tate:", self.state_filter, 0),
            ("Incident fro&m:", self.date_from, 0),  # Alt+F is the File menu
            ("t&o:", self.date_to, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, stretch)
        return row

    def _date_box(self, name: str, which: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(f"date_{which}")
        box.setPlaceholderText("dd/mm/yyyy")
        box.setAccessibleName(f"{name} (dd/mm/yyyy)")
        box.setMaxLength(10)
        box.ensurePolished()
        box.setFixedWidth(box.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 28)
        # filter as soon as a whole date is typed; say what is wrong once the officer leaves
        box.textEdited.connect(
            lambda text: read_day(text) is not None and self.search_timer.start()
        )
        box.editingFinished.connect(self.search_now)
        return box

    def _table(self) -> ChecklistTable:
        table = ChecklistTable()
        table.setObjectName("checklistTable")
        table.setAccessibleName("Checklists")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(column("incident"), Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(column("address"), QHeaderView.ResizeMode.Stretch)
        table.setColumnHidden(column("matched"), True)
        table.doubleClicked.connect(lambda _: self._open_current())
        table.activated.connect(lambda _: self._open_current())
        table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        return table

    def fit_columns(self) -> None:
        self.columns.fit()

    def _into_table(self) -> None:
        if self.search_timer.isActive():  # the search typed just now comes first
            self.search_now()
        self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def _open_current(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.open_requested.emit(selected)

    # ------------------------------------------------------------ filters

    def search_text(self) -> str:
        return self.search.text().strip()

    def filters(self) -> dict | None:
        """The store's filters for what the boxes hold; None (and the reason shown beside the
        boxes) when a date cannot be read or the dates are the wrong way round."""
        days, problems = read_date_range(self.date_from, self.date_to)
        text = " ".join(problems)
        if text and text != self.date_problem.text():
            announce(self.date_problem, text)
        self.date_problem.setText(text)
        self.date_problem.setAccessibleName(text)
        self.date_problem.setVisible(bool(text))
        if problems:
            return None
        state, search = self.state_filter.currentData(), self.search_text() or None
        return {"state": state, "search": search, **days}

    def filtered(self) -> bool:
        return bool(
            self.search_text()
            or self.state_filter.currentData()
            or self.date_from.text().strip()
            or self.date_to.text().strip()
        )

    # ------------------------------------------------------------ loading

    @Slot()
    def search_now(self) -> None:
        """Reload for the filters the officer set, and say how many checklists match."""
        self.search_timer.stop()
        if self.filters() != self._applied and self.reload():
            announce(self.table, self.count_words())

    def reload(self) -> bool:
        """Read the whole list again for the filters (a model reset); False when the
        filters cannot be read or the store cannot be."""
        found = self.filters()
        if found is None:
            return False
        selected = self.selected_id()
        try:
            rows = self.store.list(**found)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return False
        self._applied = found
        self.model.set_rows(rows)
        self.table.setColumnHidden(column("matched"), not found["search"])
        self.columns.squeeze()
        self._after_change()
        if selected is not None:
            self.select_id(selected)
        return True

    @Slot(int)
    def refresh_row(self, checklist_id: int) -> None:
        """After a save: fetch that one checklist with the current filters and change, add or
        remove its line; nothing else moves."""
        found = self.filters()
        if found is None:
            return
        try:
            row = self.store.row(checklist_id, **found)
        except StoreError:
            return  # the next reload says what is wrong; a save never stops on the list
        self.model.update_row(checklist_id, row)
        self._after_change()

    def _after_change(self) -> None:
        self.counted.emit(self.count_words())  # the same words a screen reader is told
        self._update_empty_hint()
        self.selection_changed.emit()

    def count_words(self) -> str:
        """'12 checklists match 'łuczak'', '1 checklist matches', 'No checklist matches'."""
        count, query = self.model.rowCount(), self.search_text()
        if query:
            if count == 0:
                return f"No checklist matches '{query}'"
            verb = "matches" if count == 1 else "match"
            return f"{count} checklist{'' if count == 1 else 's'} {verb} '{query}'"
        return f"{count} checklist{'' if count == 1 else 's'} shown"

    def _update_empty_hint(self) -> None:
        if self.model.rowCount():
            text = ""
        elif self.filtered():
            text = "No checklist matches. Clear the search and dates, or choose All states."
        else:
            text = "No checklists yet. After a callout, press New checklist (Ctrl+N) to start one."
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def restore_header(self, state) -> None:
        """The officer's column widths and order; what a search matched shows only while
        searching."""
        self.table.horizontalHeader().restoreState(state)
        self.table.setColumnHidden(column("matched"), not self.search_text())
        self.columns.preferred = {}  # the officer's own widths

    # ------------------------------------------------------------ selection

    def selected_row(self) -> ChecklistRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select_id(self, checklist_id: int) -> None:
        at = self.model.position_of(checklist_id)
        if at is not None:
            index = self.proxy.mapFromSource(self.model.index(at, 0))
            self.table.selectRow(index.row())
