"""Starting the window: QApplication, style, the store, who is signing in (a restore offered
when the database is damaged: ui.start_restore), the main window, the idle lock and the
recovery offer."""

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
from officer_app.store.opening import PLAINTEXT, inspect
from ui.encrypt_dialog import offer_encryption
from ui.idle_lock import install_idle_lock
from ui.main_window import MainWindow
from ui.sign_in import ask_who
from ui.start_restore import CANNOT_START, offers_restore, restore_at_start


def style_sheet() -> str:
    return (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("officer-app")
    app.setOrganizationName("officer-app")
    app.setStyleSheet(style_sheet())
    return app


def _cannot_start(message: str) -> int:
    QMessageBox.critical(None, CANNOT_START, message)
    print(f"officer-app: error: {message}", file=sys.stderr)
    return 2


def _who(db_path: Path, lockout: tuple[int, int]) -> Store | None:
    """The store opened and signed in (the encryption of an unencrypted database from an
    earlier version first, which opens it as the administrator who typed the password there);
    None when they chose Quit. StoreError for a file that cannot be opened."""
    if inspect(db_path) == PLAINTEXT:
        # encrypted and opened with the name and password just typed: no second sign-in
        store = offer_encryption(db_path, lockout)
        if store is not None or inspect(db_path) == PLAINTEXT:
            return store  # opened, or Quit: nothing changed
    return ask_who(db_path, lockout)


def run(db_path: Path) -> int:
    """Ask who is signing in (the first administrator where there is no database yet; the
    encryption of an unencrypted database from an earlier version, which opens it as the
    administrator who typed the password there), open the database with their key slot,
    then show the main window with the idle lock; returns the exit status (0 when they chose
    Quit instead of signing in). A damaged, cut short or empty database is said, with a
    restore from a backup offered (ui.start_restore); sign-in follows a restore."""
    app = make_application()
    try:
        library, settings = default_library(), load_settings()
    except (DefinitionError, SettingsError, OSError) as exc:
        return _cannot_start(str(exc))
    lockout = (settings.lockout_attempts, settings.lockout_minutes)
    try:
        store = _who(db_path, lockout)
    except StoreError as exc:  # damaged, empty, not ours, newer, its key file missing
        if not offers_restore(exc):
            return _cannot_start(str(exc))
        print(f"officer-app: error: {exc}", file=sys.stderr)
        if not restore_at_start(db_path, str(exc)):
            return 0  # Quit at any point: nothing changed
        try:
            store = ask_who(db_path, lockout)  # on the restored database
        except StoreError as again:
            return _cannot_start(str(again))
    if store is None:
        return 0
    with store:
        window = MainWindow(store, library, settings)
        window.show()
        lock = install_idle_lock(app, store, settings.idle_lock_minutes)
        QTimer.singleShot(0, window.offer_recovery)
        try:
            return app.exec()
        finally:
            lock.uninstall()
