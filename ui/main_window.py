"""The main window: the list of checklists, search and filter, New / Open / Export referral."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, QStandardPaths, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officer_app import interchange, states, workflow
from officer_app.checklist import Checklist, new_uid
from officer_app.definition import DefinitionError
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.states import STATE_LABELS, STATES
from officer_app.store import Store, StoreError
from ui.autosave import OpenChecklists, app_settings, recovery_file
from ui.checklist_table_model import ChecklistTableModel
from ui.checklist_window import ChecklistWindow
from ui.notices import marking_banner, show_warning
from ui.workers import Jobs, ReferralWorker


class MainWindow(QMainWindow):
    """Lists checklists from the store; opens each in its own window."""

    export_finished = Signal(str)
    export_failed = Signal(str)

    def __init__(self, store: Store, library: Library, settings: Settings):
        super().__init__()
        self.store, self.library, self.settings = store, library, settings
        self.open_exported = True  # open a finished referral in the system viewer
        self.windows: list[ChecklistWindow] = []
        self.jobs = Jobs(self)
        self.setWindowTitle("officer-app — child-focused domestic abuse checklists")
        self.model = ChecklistTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ChecklistTableModel.SortRole)
        self._build()
        self._actions()
        self.search_timer = QTimer(self, singleShot=True, interval=250)
        self.search_timer.timeout.connect(self.reload)
        self.reload()
        self._restore_layout()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(marking_banner(self.settings.marking))
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search name, address, postcode or reference (accents optional)"
        )
        self.search.setAccessibleName("Search checklists")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _: self.search_timer.start())
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Show checklists in state")
        self.state_filter.addItem("All states", None)
        for state in STATES:
            self.state_filter.addItem(STATE_LABELS[state], state)
        self.state_filter.currentIndexChanged.connect(lambda _: self.reload())
        state_label = QLabel("S&tate:")
        state_label.setBuddy(self.state_filter)
        for widget, stretch in (
            (search_label, 0),
            (self.search, 1),
            (state_label, 0),
            (self.state_filter, 0),
        ):
            filters.addWidget(widget, stretch)
        layout.addLayout(filters)
        self.table = QTableView()
        self.table.setObjectName("checklistTable")
        self.table.setAccessibleName("Checklists")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.activated.connect(lambda _: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        layout.addWidget(self.table, 1)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        layout.addWidget(self.empty_hint)
        layout.addWidget(marking_banner(self.settings.marking))
        self.setCentralWidget(central)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

    def _actions(self) -> None:
        def action(text, shortcut, handler, tip):
            made = QAction(text, self)
            made.setShortcut(QKeySequence(shortcut))
            made.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
            made.setStatusTip(tip)
            made.triggered.connect(handler)
            return made

        self.new_action = action(
            "&New checklist", "Ctrl+N", self.new_checklist, "Start a new checklist"
        )
        self.open_action = action(
            "&Open", "Ctrl+O", self.open_selected, "Open the selected checklist"
        )
        self.export_action = action(
            "&Export referral…",
            "Ctrl+E",
            self.export_selected,
            "Write the PDF referral of the selected submitted checklist",
        )
        refresh = action("&Refresh", "F5", self.reload, "Reload the list")
        find = action("&Find", "Ctrl+F", self.search.setFocus, "Search the list")
        quit_action = action("&Quit", "Ctrl+Q", self.close, "Close officer-app")
        toolbar = self.addToolBar("Checklists")
        toolbar.setObjectName("mainToolbar")
        for made in (self.new_action, self.open_action, self.export_action, refresh):
            toolbar.addAction(made)
        file_menu = self.menuBar().addMenu("&File")
        for made in (self.new_action, self.open_action, self.export_action):
            file_menu.addAction(made)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(refresh)
        view_menu.addAction(find)
        self._update_actions()

    # ------------------------------------------------------------ list

    def reload(self) -> None:
        selected = self.selected_id()
        try:
            rows = self.store.list(
                state=self.state_filter.currentData(), search=self.search.text().strip() or None
            )
        except StoreError as exc:
            self.show_error("The list cannot be read", str(exc))
            return
        self.model.set_rows(rows)
        self.statusBar().showMessage(f"{len(rows)} checklist(s) · database {self.store.path}")
        self._update_empty_hint(rows)
        if selected is not None:
            self.select_id(selected)
        self._update_actions()

    def _update_empty_hint(self, rows) -> None:
        filtered = self.search.text().strip() or self.state_filter.currentData()
        if rows:
            text = ""
        elif filtered:
            text = "No checklist matches. Clear the search or choose All states."
        else:
            text = "No checklists yet. After a callout, press New checklist (Ctrl+N) to start one."
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def selected_row(self):
        """The ChecklistRow of the selected line, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select_id(self, checklist_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, ChecklistTableModel.IdRole) == checklist_id:
                self.table.selectRow(row)
                return

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.open_action.setEnabled(row is not None)
        self.export_action.setEnabled(row is not None and states.is_submitted(row.state))

    # ------------------------------------------------------------ opening

    def new_checklist(self) -> ChecklistWindow | None:
        try:
            draft = workflow.new_draft(self.library, self.settings)
        except DefinitionError as exc:
            self.show_error("A new checklist cannot be started", str(exc))
            return None
        return self._show_window(draft)

    def open_selected(self) -> ChecklistWindow | None:
        selected = self.selected_id()
        return self.open_checklist(selected) if selected is not None else None

    def open_checklist(self, checklist_id: int) -> ChecklistWindow | None:
        for window in self.windows:
            if window.form.checklist.id == checklist_id:
                window.raise_()
                window.activateWindow()
                return window
        try:
            checklist = self.store.load(checklist_id)
        except StoreError as exc:
            self.show_error("The checklist cannot be opened", str(exc))
            return None
        window = self._show_window(checklist)
        if window is not None:
            try:
                self.store.record("view", checklist_id)
            except StoreError as exc:
                self.show_error("The viewing was not logged", str(exc))
        return window

    def _show_window(self, checklist: Checklist, recovered_from: Path | None = None):
        try:
            window = ChecklistWindow(
                self.store, self.library, self.settings, checklist, recovered_from
            )
        except DefinitionError as exc:
            self.show_error("The checklist cannot be shown", str(exc))
            return None
        window.form.checklist_saved.connect(lambda _: self.search_timer.start())
        window.form.checklist_submitted.connect(lambda _: self.reload())
        window.form.export_requested.connect(self.export_checklist)
        window.closed.connect(lambda w=window: self._forget(w))
        self.windows.append(window)
        window.show()
        return window

    def _forget(self, window: ChecklistWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        self.reload()

    def unfinished_drafts(self) -> list[int]:
        """Drafts that were open in a form when officer-app last stopped without closing it."""
        found = []
        for checklist_id in OpenChecklists(self.store.path).ids():
            try:
                if self.store.load(checklist_id).state == states.DRAFT:
                    found.append(checklist_id)
            except StoreError:
                OpenChecklists(self.store.path).remove(checklist_id)
        return found

    def recovery_copies(self) -> list[tuple[Path, Checklist]]:
        """Versions that could not be saved (disk full, changed elsewhere), kept as files."""
        copies = []
        for path in sorted(recovery_file("x").parent.glob("*.json")):
            try:
                copies.append((path, interchange.read_file(path, self.library)))
            except interchange.InterchangeError:
                continue  # not ours to judge: left where it is for an administrator
        return copies

    def offer_recovery(self) -> None:
        ids, copies = self.unfinished_drafts(), self.recovery_copies()
        if not ids and not copies:
            return
        parts = []
        if ids:
            parts.append(f"{len(ids)} draft(s) were open when officer-app stopped (saved up to "
                         "about a second before)")  # fmt: skip
        if copies:
            parts.append(f"{len(copies)} version(s) could not be saved and were kept aside")
        answer = QMessageBox.question(
            self, "Reopen unfinished checklists?", "; ".join(parts) + ". Reopen them now?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for checklist_id in ids:
            self.open_checklist(checklist_id)
        for path, checklist in copies:
            self._reopen_copy(path, checklist)

    def _reopen_copy(self, path: Path, checklist: Checklist) -> None:
        """A kept copy opens as a draft of its own when its checklist is stored (it may be
        older or newer than the stored one: the officer compares), else as the draft it was."""
        checklist.state, checklist.version = states.DRAFT, 0
        if self.store.find_uid(checklist.uid) is not None:
            checklist.uid = new_uid()
        checklist.id = None
        self._show_window(checklist, recovered_from=path)

    # ------------------------------------------------------------ export

    def export_selected(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.export_checklist(selected)

    def export_checklist(self, checklist_id: int) -> None:
        try:
            checklist = self.store.load(checklist_id)
        except StoreError as exc:
            self.show_error("The referral cannot be written", str(exc))
            return
        if checklist.state == states.DRAFT:
            self.show_error(
                "Not submitted", "Only a submitted checklist can be sent as a referral."
            )
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        reference = (checklist.get("incident.reference") or f"checklist-{checklist_id}").replace(
            "/", "-"
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the referral",
            str(Path(folder) / f"referral-{reference}.pdf"),
            "PDF files (*.pdf)",
        )
        if path:
            self.write_referral(checklist, Path(path))

    def write_referral(self, checklist: Checklist, out_path: Path) -> None:
        """Write the PDF off the GUI thread; record the disclosure when it is done."""
        try:
            definition, tool = self.library.for_checklist(checklist)
        except DefinitionError as exc:
            self.show_error("The referral cannot be written", str(exc))
            return
        worker = ReferralWorker(
            checklist, definition, tool, out_path, self.settings.marking, self.settings.force_name
        )
        worker.finished.connect(self._referral_written)
        worker.failed.connect(self._referral_failed)
        self.progress.show()
        self.statusBar().showMessage(f"Writing the referral to {out_path}…")
        self.jobs.start(worker)

    @Slot(int, str)
    def _referral_written(self, checklist_id: int, path: str) -> None:
        self.progress.hide()
        try:
            self.store.record("export", checklist_id, f"PDF referral to {path}")
        except StoreError as exc:
            self.show_error("The export was not logged", str(exc))
        self.statusBar().showMessage(f"Referral saved to {path}")
        if self.open_exported and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            QMessageBox.information(self, "Referral saved", f"The referral was saved to\n{path}")
        self.export_finished.emit(path)

    @Slot(str)
    def _referral_failed(self, message: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage("The referral was not written")
        self.show_error("The referral was not written", message)
        self.export_failed.emit(message)

    # ------------------------------------------------------------ window state

    def show_error(self, title: str, message: str) -> QMessageBox:
        return show_warning(self, title, message)

    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        header = settings.value("main/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event) -> None:  # noqa: N802
        for window in list(self.windows):
            if not window.close():
                event.ignore()
                return
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/header", self.table.horizontalHeader().saveState())
        self.jobs.wait_all(10_000)
        super().closeEvent(event)
