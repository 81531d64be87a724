"""The main window: the list of checklists (ui/checklist_list.py), New / Open / Export
referral (ui/referral_export.py), what the signed-in user's role adds (ui/role_views.py: the
supervisor's queue, the administrator's accounts and audit log), the offer to reopen what was
open when officer-app stopped, and the window's size (from the screen, ui/screen_fit.py) and
layout kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from officer_app import interchange, sealed, states, workflow
from officer_app.checklist import Checklist, new_uid
from officer_app.definition import DefinitionError
from officer_app.demo_mark import is_demo
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store, StoreError
from ui import role_views
from ui.autosave import RECOVERY_SUFFIX, OpenChecklists, app_settings, recovery_file
from ui.checklist_list import ChecklistList
from ui.checklist_window import ChecklistWindow
from ui.notices import ElidedLabel, demo_banner, marking_banner, show_warning
from ui.referral_export import ReferralExport
from ui.screen_fit import clamp_to_screen, fit_to_screen
from ui.window_keys import keep_window_keys

PREFERRED_SIZE = QSize(1280, 820)
HEADER_KEY = "main/list-header"  # the list's columns (v2: names, coverage, submitted)


class MainWindow(QMainWindow):
    """Lists checklists from the store; opens each in its own window."""

    export_finished = Signal(str)
    export_failed = Signal(str)

    def __init__(self, store: Store, library: Library, settings: Settings):
        super().__init__()
        self.store, self.library, self.settings = store, library, settings
        self.windows: list[ChecklistWindow] = []
        self.review_windows: list = []  # ui.review_window.ReviewWindow, imported when needed
        self.queue = None  # the supervisor's ReviewQueue
        self.demo = is_demo(store)  # a demo database says so in every window and export
        self.setWindowTitle(
            ("DEMO DATA — " if self.demo else "")
            + "officer-app — child-focused domestic abuse checklists"
            + role_views.title_suffix(store.user)
        )
        self.list = ChecklistList(store)
        self.exporter = ReferralExport(self, store, library, settings)
        self.exporter.finished.connect(self.export_finished)
        self.exporter.failed.connect(self.export_failed)
        self._build()
        self._actions()
        keep_window_keys("Ctrl+E", "Ctrl+L")  # Export and Lock, even from a text box
        self.reload()
        self.list.fit_columns()
        self._restore_layout()

    # the list's parts, by the names the rest of the app and the tests use
    @property
    def model(self):
        return self.list.model

    @property
    def proxy(self):
        return self.list.proxy

    @property
    def table(self):
        return self.list.table

    @property
    def search(self):
        return self.list.search

    @property
    def state_filter(self):
        return self.list.state_filter

    @property
    def empty_hint(self):
        return self.list.empty_hint

    @property
    def progress(self):
        return self.exporter.progress

    @property
    def jobs(self):
        return self.exporter.jobs

    @property
    def open_exported(self) -> bool:
        return self.exporter.open_exported

    @open_exported.setter
    def open_exported(self, value: bool) -> None:
        self.exporter.open_exported = value

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(marking_banner(self.settings.marking))
        if self.demo:
            layout.addWidget(demo_banner())
        layout.addWidget(role_views.central_part(self, self.list), 1)
        layout.addWidget(marking_banner(self.settings.marking))
        self.setCentralWidget(central)
        self.list.open_requested.connect(self.open_checklist)
        self.list.selection_changed.connect(self._update_actions)
        self.list.counted.connect(self._show_count)
        self.list.failed.connect(lambda why: self.show_error("The list cannot be read", why))
        # the status line elides: a long database path never widens the window
        self.status = ElidedLabel()
        self.status.setObjectName("listStatus")
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.exporter.progress)
        self.exporter.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))

    def _show_count(self, count: str) -> None:
        self.status.setText(f"{count} · database {self.store.path}")

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
        self.file_menu = file_menu = self.menuBar().addMenu("&File")
        for made in (self.new_action, self.open_action, self.export_action):
            file_menu.addAction(made)
        self.file_separator = file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(refresh)
        view_menu.addAction(find)
        role_views.add_role_actions(self)
        self._update_actions()

    # ------------------------------------------------------------ list

    def reload(self) -> None:
        """Read the whole list again (F5, a new filter); a save changes only its own line."""
        self.list.reload()
        if self.queue is not None:
            self.queue.refresh()

    def selected_row(self):
        """The ChecklistRow of the selected line, or None."""
        return self.list.selected_row()

    def selected_id(self) -> int | None:
        return self.list.selected_id()

    def select_id(self, checklist_id: int) -> None:
        self.list.select_id(checklist_id)

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.open_action.setEnabled(row is not None)
        self.export_action.setEnabled(row is not None and states.is_approved(row.state))
        self.amend_action.setEnabled(role_views.may_amend(self.store.user, row))

    def amend_selected(self) -> None:
        row = self.selected_row()
        if row is not None and role_views.amend(self, row.id):
            self.list.refresh_row(row.id)
            self.statusBar().showMessage(f"Checklist {row.id} is a draft again for amendment")

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

    def open_checklist(self, checklist_id: int):
        """The checklist's window: the form for an officer, the reading view (with the
        decision, for a submitted one) for a supervisor or an administrator."""
        if role_views.opens_reading_view(self.store.user):
            return self.open_review(checklist_id)
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
        window.form.checklist_saved.connect(self.list.refresh_row)
        window.form.checklist_submitted.connect(self.list.refresh_row)
        window.form.export_requested.connect(lambda i, w=window: self.exporter.export(i, w))
        window.closed.connect(lambda w=window: self._forget(w))
        self.windows.append(window)
        window.show()
        return window

    def open_review(self, checklist_id: int):
        from ui.review_window import ReviewWindow

        for window in self.review_windows:
            if window.checklist_id == checklist_id:
                window.raise_()
                window.activateWindow()
                return window
        window = ReviewWindow(self.store, self.library, self.settings, checklist_id)
        window.decided.connect(self._decided)
        window.closed.connect(lambda w=window: self._forget_review(w))
        self.review_windows.append(window)
        window.show()
        return window

    def _decided(self, checklist_id: int) -> None:
        self.list.refresh_row(checklist_id)
        if self.queue is not None:
            self.queue.refresh()

    def _forget_review(self, window) -> None:
        if window in self.review_windows:
            self.review_windows.remove(window)

    def _forget(self, window: ChecklistWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        if window.form.checklist.id is not None:
            self.list.refresh_row(window.form.checklist.id)

    def unfinished_drafts(self) -> list[int]:
        """Drafts that were open in a form when officer-app last stopped without closing it
        (new ones and stored ones reopened from the list alike)."""
        found = []
        for checklist_id in OpenChecklists(self.store.path).ids():
            try:
                if self.store.load(checklist_id).state == states.DRAFT:
                    found.append(checklist_id)
            except StoreError:
                OpenChecklists(self.store.path).remove(checklist_id)
        return found

    def recovery_copies(self) -> list[tuple[Path, Checklist]]:
        """Versions that could not be saved (disk full, changed elsewhere), kept as files
        sealed with this database's key; copies of another database (another key) and
        unreadable ones are left where they are. Plain JSON copies an earlier version left are
        offered too (saving one removes it)."""
        copies = []
        folder = recovery_file("x").parent
        for path in sorted([*folder.glob(f"*{RECOVERY_SUFFIX}"), *folder.glob("*.json")]):
            try:
                content = path.read_bytes()
                if path.suffix == RECOVERY_SUFFIX:
                    content = sealed.unseal(self.store.key, content)
                copies.append((path, interchange.from_json(content, self.library, str(path))))
            except (OSError, sealed.SealError, interchange.InterchangeError):
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
        self.exporter.export(checklist_id)

    def write_referral(self, checklist: Checklist, out_path: Path) -> None:
        self.exporter.write(checklist, out_path)

    # ------------------------------------------------------------ window state

    def show_error(self, title: str, message: str) -> QMessageBox:
        return show_warning(self, title, message)

    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, PREFERRED_SIZE)
        clamp_to_screen(self)
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        header = settings.value(HEADER_KEY)
        if header is not None:
            self.list.restore_header(header)

    def closeEvent(self, event) -> None:  # noqa: N802
        for window in [*self.windows, *self.review_windows]:
            if not window.close():
                event.ignore()
                return
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self.jobs.wait_all(10_000)
        super().closeEvent(event)
