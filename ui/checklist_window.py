"""A checklist in its own window: the marking banners around the form; closing saves first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from officer_app.checklist import Checklist
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store
from ui.autosave import app_settings, recovery_file
from ui.checklist_form import ChecklistForm
from ui.notices import marking_banner


class ChecklistWindow(QMainWindow):
    """Holds one ChecklistForm; emits closed once it is safe to go."""

    closed = Signal()

    def __init__(
        self,
        store: Store,
        library: Library,
        settings: Settings,
        checklist: Checklist,
        recovered_from: Path | None = None,
    ):
        super().__init__()
        self.form = ChecklistForm(store, library, checklist, recovered_from=recovered_from)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(marking_banner(settings.marking))
        layout.addWidget(self.form, 1)
        layout.addWidget(marking_banner(settings.marking))
        self.setCentralWidget(central)
        self.form.checklist_saved.connect(lambda _: self._retitle())
        self._retitle()
        geometry = app_settings().value("checklist/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 760)

    def _retitle(self) -> None:
        reference = self.form.checklist.get("incident.reference") or "New checklist"
        self.setWindowTitle(f"{reference} — officer-app")

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.form.close_form():
            kept = self.form.keep_recovery_copy() or str(recovery_file(self.form.checklist.uid))
            answer = QMessageBox.warning(
                self,
                "Not saved",
                "The latest changes could not be saved to the database.\n\n"
                f"What you typed is kept in {kept} and will be offered again.\n"
                "Close this checklist anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        app_settings().setValue("checklist/geometry", self.saveGeometry())
        self.closed.emit()
        super().closeEvent(event)
