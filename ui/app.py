"""Starting the window: QApplication, style, the store, who is signing in, the main window,
the idle lock and the recovery offer."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from officer_app import paths
from officer_app.definition import DefinitionError
from officer_app.library import default_library
from officer_app.settings import SettingsError, load_settings
from officer_app.store import Store, StoreError
from ui.idle_lock import install_idle_lock
from ui.main_window import MainWindow
from ui.sign_in import ask_who


def style_sheet() -> str:
    return (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("officer-app")
    app.setOrganizationName("officer-app")
    app.setStyleSheet(style_sheet())
    return app


def _cannot_start(message: str) -> int:
    QMessageBox.critical(None, "officer-app cannot start", message)
    print(f"officer-app: error: {message}", file=sys.stderr)
    return 2


def run(db_path: Path) -> int:
    """Open the database, ask who is signing in (the first administrator on a new database),
    then show the main window with the idle lock; returns the exit status (0 when they chose
    Quit instead of signing in)."""
    app = make_application()
    try:
        store = Store(db_path)
        library, settings = default_library(), load_settings()
    except (StoreError, DefinitionError, SettingsError, OSError) as exc:
        return _cannot_start(str(exc))
    with store:
        store.lockout_attempts = settings.lockout_attempts
        store.lockout_minutes = settings.lockout_minutes
        try:
            user = ask_who(store)
        except StoreError as exc:  # the accounts cannot be read
            return _cannot_start(str(exc))
        if user is None:
            return 0
        store.sign_in(user)  # before the main window: it shows who is signed in
        window = MainWindow(store, library, settings)
        window.show()
        lock = install_idle_lock(app, store, settings.idle_lock_minutes)
        QTimer.singleShot(0, window.offer_recovery)
        try:
            return app.exec()
        finally:
            lock.uninstall()
