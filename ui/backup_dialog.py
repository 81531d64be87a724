"""Back up… (Administration menu, administrators), as `officer-app backup FILE` does on the
command line (officer_app.store.backups does the work), and what the backup and restore
dialogs share (ui.restore_dialog restores).

A save dialog proposes `officer-app-backup-YYYY-MM-DD.sqlite` in the Documents folder (the
database's folder when there is none); the dialog asks before an existing file is replaced.
The copy is written, read back and checked under a wait cursor; a message then says where the
two files (FILE and FILE.keys) are and to keep them together, off this PC. Nothing
half-written is left when it fails: the message says why.

The dialogs are window-modal and opened, not exec'd, so nothing waits on them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
)

from officer_app.permissions import ADMINISTRATOR, PermissionDenied
from officer_app.store import StoreError, keyslots
from officer_app.store.backups import backup
from ui.dialog_fields import busy_cursor
from ui.notices import show_warning

FILTER = "officer-app backups (*.sqlite);;All files (*)"
BACKUP_FAILED = "The database was not backed up"


def checklists_text(count: int) -> str:
    return f"{count} checklist{'' if count == 1 else 's'}"


def backup_folder(database: Path) -> Path:
    """Where the dialogs start: the user's Documents folder, else the database's folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else database.parent


def default_backup_name(today: date | None = None) -> str:
    return f"officer-app-backup-{today or date.today():%Y-%m-%d}.sqlite"


def refused_unless_administrator(window, title: str) -> bool:
    """True (after a message) when the signed-in user is not an administrator."""
    user = window.store.user
    if user is None or user.role == ADMINISTRATOR:
        return False
    show_warning(window, title, f"{user.label} cannot do this: an administrator does.")
    return True


def message_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    """An information box that does not block (window-modal, opened)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


# ---------------------------------------------------------------- back up


def back_up(window) -> QMessageBox | None:
    """Ask where, write the checked backup and say where the two files are; the message box
    shown (success or failure), None when the user cancelled."""
    if refused_unless_administrator(window, BACKUP_FAILED):
        return None
    proposed = backup_folder(window.store.path) / default_backup_name()
    chosen, _ = QFileDialog.getSaveFileName(
        window, "Back up the database to", str(proposed), FILTER
    )
    if not chosen:
        return None
    target = Path(chosen)
    keys = keyslots.key_file_of(target)
    try:
        with busy_cursor():
            # the save dialog asked before it returned an existing file: replace it (and its
            # key file); a key file alone of that name is not replaced unasked
            written = backup(window.store, target, force=target.exists())
    except (StoreError, PermissionDenied, OSError) as exc:
        why = str(exc) or type(exc).__name__
        return show_warning(window, BACKUP_FAILED, f"Nothing was written. {why}")
    text = (
        f"The database is backed up, encrypted and checked by reading it back, in two files:\n\n"
        f"{written}\n{keys}\n\n"
        "Keep the two files together: the backup cannot be opened without its key file. Keep "
        "them off this PC (on the force's network drive or an approved encrypted drive), so "
        "that a failed disk or a stolen PC does not take the backup with it. The backup is "
        "recorded in the audit log."
    )
    window.statusBar().showMessage(f"Backed up to {written} and {keys.name}", 10_000)
    return message_box(window, "The database is backed up", text)
