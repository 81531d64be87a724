"""A checklist in its own window: the marking banners around the form; closing saves first.

The window fits the screen it opens on (a 1366x768 laptop with a taskbar, or a larger one at
150% scaling), so Back, Next, Save and both banners are always on it; a saved size larger than
the screen is cut down. Esc and Ctrl+W close it (saving first), Ctrl+E exports a submitted
checklist as the main window's Ctrl+E does.

Its title says the checklist's state in words ("Submitted — waiting for review"), as the
form's title does. A returned checklist opens on the first of the supervisor's reasons (Enter
goes to its field, ui.return_notes); any other on its first field.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from officer_app import states
from officer_app.checklist import Checklist
from officer_app.demo_mark import is_demo
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store
from ui.autosave import app_settings, recovery_file
from ui.checklist_form import ChecklistForm
from ui.form_saving import state_text
from ui.notices import demo_banner, marking_banner, show_warning
from ui.screen_fit import clamp_to_screen, fit_to_screen
from ui.window_keys import keep_window_keys

PREFERRED = QSize(1100, 760)


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
        self.demo = is_demo(store)
        if self.demo:
            layout.addWidget(demo_banner())
        layout.addWidget(self.form, 1)
        layout.addWidget(marking_banner(settings.marking))
        self.setCentralWidget(central)
        self.form.checklist_saved.connect(lambda _: self._retitle())
        self.form.checklist_submitted.connect(lambda _: self._retitle())
        self._retitle()
        self._shortcuts()
        self.place_on_screen()
        self.form.navigation.update_tab_order()
        if not self.form.notes.focus():  # a returned one on its first reason
            self.form.navigation.focus_first_field()  # any other on its first field

    def _shortcuts(self) -> None:
        close = QShortcut(self)
        close.setKeys([QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4")])
        close.activated.connect(self.close)
        # window shortcuts wait while a drop-down's list or a dialog is open: Esc closes those
        QShortcut(QKeySequence("Esc"), self, self.close)
        QShortcut(QKeySequence("Ctrl+E"), self, self.export_referral)
        keep_window_keys("Ctrl+E", "Ctrl+W")  # not a text box's end-of-line on Linux

    def export_referral(self) -> None:
        """Ask for the referral PDF (the main window writes it); only once submitted."""
        checklist = self.form.checklist
        if checklist.id is None or not states.is_submitted(checklist.state):
            show_warning(
                self,
                "Not submitted yet",
                "Only a submitted checklist can be exported as a referral. Put right what the "
                "Summary page lists and submit it there first (Ctrl+7).",
            )
            return
        self.form.export_requested.emit(checklist.id)

    def place_on_screen(self) -> None:
        """The saved size and place, cut to fit the screen, or the preferred size fitted to it
        (ui.screen_fit, as the main window)."""
        geometry = app_settings().value("checklist/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            clamp_to_screen(self)
        else:
            fit_to_screen(self, PREFERRED)

    def _retitle(self) -> None:
        checklist = self.form.checklist
        reference = checklist.get("incident.reference") or "New checklist"
        demo = "DEMO DATA — " if self.demo else ""
        self.setWindowTitle(f"{demo}{reference} — {state_text(checklist.state)} — officer-app")

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
