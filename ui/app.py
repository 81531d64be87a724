"""Starting the window: QApplication, style, the store, the main window, recovery offer."""

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
from ui.main_window import MainWindow


def style_sheet() -> str:
    return (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("officer-app")
    app.setOrganizationName("officer-app")
    app.setStyleSheet(style_sheet())
    return app


def run(db_path: Path) -> int:
    """Open the database and show the main window; returns the exit status."""
    app = make_application()
    try:
        store = Store(db_path)
        library, settings = default_library(), load_settings()
    except (StoreError, DefinitionError, SettingsError, OSError) as exc:
        QMessageBox.critical(None, "officer-app cannot start", str(exc))
        print(f"officer-app: error: {exc}", file=sys.stderr)
        return 2
    with store:
        window = MainWindow(store, library, settings)
        window.show()
        QTimer.singleShot(0, window.offer_recovery)
        return app.exec()
