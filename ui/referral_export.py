"""Exporting an approved checklist as a PDF referral from the main window (administrators).

The save dialog opens in the folder of the last export (kept in the app's settings), else the
user's Documents folder; the PDF is written off the GUI thread by `workers.ReferralWorker`
through officer_app.disclosure, which records the disclosure (recipient: the settings'
`hub_name`) before the file is put in place.

Replacing a file: the save dialog is used with its default options, so it asks "... already
exists. Do you want to replace it?" before it returns an existing file (Qt's own dialog, as
offscreen and in tests, and the native dialogs alike): a path it returns may be replaced.
`chosen_output` then refuses, in a message box, what is never written (a link, even to a
file, a device, a pipe, a folder).
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QWidget

from officer_app import permissions, states
from officer_app.checklist import Checklist
from officer_app.files import OutputRefused, check_output
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store, StoreError
from ui.autosave import app_settings
from ui.notices import show_warning
from ui.workers import Jobs, ReferralWorker

FOLDER_KEY = "export/folder"


def export_folder() -> Path:
    """Where the save dialog starts: the last export's folder while it exists, else the
    user's Documents folder."""
    remembered = app_settings().value(FOLDER_KEY)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.StandardLocation.DocumentsLocation
    found = Path(QStandardPaths.writableLocation(documents))
    return found if found.is_dir() else Path.home()  # never the program's working folder


def remember_folder(path: Path) -> None:
    settings = app_settings()
    settings.setValue(FOLDER_KEY, str(path.parent))
    settings.sync()


def chosen_output(parent: QWidget, path: str, title: str) -> Path | None:
    """The file a save dialog returned, when it may be written; else None after a message box
    (titled `title`) that names it and says why. An existing regular file is allowed: the
    dialog asked before returning it."""
    try:
        return check_output(path, force=True)
    except OutputRefused as exc:
        show_warning(parent, title, str(exc))
        return None


class ReferralExport(QObject):
    """Asks where to save, writes the PDF in a worker thread, records the export."""

    finished = Signal(str)  # the path written
    failed = Signal(str)  # why not
    message = Signal(str)  # a line for the window's status bar

    def __init__(self, window: QWidget, store: Store, library: Library, settings: Settings):
        super().__init__(window)
        self.window, self.store, self.library, self.settings = window, store, library, settings
        self.open_exported = True  # open a finished referral in the system viewer
        self.asking: QWidget = window  # the window whose export is under way
        self.jobs = Jobs(self)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Writing the referral")
        self.progress.hide()

    def export(self, checklist_id: int, asked_from: QWidget | None = None) -> None:
        """Ask where, then write; the questions and messages sit on the window that asked
        (a checklist window stays in front), else on the main window."""
        self.asking = asked_from or self.window
        try:
            checklist = self.store.load(checklist_id)
        except StoreError as exc:
            show_warning(self.asking, "The referral cannot be written", str(exc))
            return
        if not permissions.may(self.store.user, "export"):
            show_warning(
                self.asking,
                "Not yours to export",
                "Referrals are exported by administrators (the hub liaison staff); a "
                "supervisor's approval comes first.",
            )
            return
        if not states.is_approved(checklist.state):
            show_warning(
                self.asking,
                "Not approved",
                f"This checklist is {states.label(checklist.state).lower()}: only a checklist a "
                "supervisor has approved can be sent as a referral.",
            )
            return
        reference = checklist.get("incident.reference") or f"checklist-{checklist_id}"
        name = f"referral-{reference.replace('/', '-')}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self.asking, "Save the referral", str(export_folder() / name), "PDF files (*.pdf)"
        )
        if not path:
            return
        out = chosen_output(self.asking, path, "The referral was not written")
        if out is not None:
            self.write(checklist, out, replace=True)

    def write(self, checklist: Checklist, out_path: Path, *, replace: bool = False) -> None:
        """Export the PDF off the GUI thread; its audit entry is written before the file is
        put in place (officer_app.disclosure). An existing file at `out_path` is replaced
        only with `replace` (the save dialog asked), else refused."""
        assert checklist.id is not None  # only a stored checklist is exported
        worker = ReferralWorker(
            self.store,
            checklist.id,
            out_path,
            self.library,
            self.settings,
            recipient=self.settings.hub_name,
            force=replace,
        )
        worker.finished.connect(self._written)
        worker.failed.connect(self._failed)
        self.progress.show()
        self.message.emit(f"Writing the referral to {out_path}…")
        self.jobs.start(worker)

    def _asker(self) -> QWidget:
        """The window that asked, while it is still open (it may close while the PDF is
        written); else the main window."""
        asking = self.asking
        if shiboken6.isValid(asking) and asking.isVisible():
            return asking
        return self.window

    @Slot(int, str)
    def _written(self, checklist_id: int, path: str) -> None:
        self.progress.hide()
        remember_folder(Path(path))
        self.message.emit(f"Referral saved to {path}")
        if self.open_exported and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            QMessageBox.information(
                self._asker(), "Referral saved", f"The referral was saved to\n{path}"
            )
        self.finished.emit(path)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.message.emit("The referral was not written")
        show_warning(self._asker(), "The referral was not written", message)
        self.failed.emit(message)
