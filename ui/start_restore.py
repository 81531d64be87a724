"""Restoring a backup when the window cannot start because the database is damaged, cut short
or empty (officer_app.store.opening.DamagedDatabase): the Administration → Restore… menu needs
an open database, so the message that says why officer-app cannot start offers "Restore from a
backup…" beside "Quit".

Chosen, an open dialog starts at the last backup the database's key file names (else the
database's folder); then the restore dialog ui.restore_dialog shares (an administrator's name
and password as they were when the backup was made, checked with open_backup before anything
changes; a wrong password or a file that is not a backup is said in it and nothing changes),
a confirmation naming the damaged file, that it is kept under a new name beside it, and when
the backup was made; then officer_app.store.backups.restore and a message saying what
happened. Sign-in follows on the restored database. Quit, Cancel or Escape at any point
change nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from officer_app.permissions import PermissionDenied
from officer_app.store import StoreError
from officer_app.store.backups import Restored, restore
from officer_app.store.driver import sqlite
from officer_app.store.opening import DamagedDatabase, last_backup
from ui.dialog_fields import busy_cursor
from ui.restore_dialog import (
    RESTORED,
    RestoreQuestions,
    Situation,
    choose_backup,
    restored_text,
)
from ui.sign_in import last_name

CANNOT_START = "officer-app cannot start"
AT_START_AFTERWARDS = (
    "Then sign in with an account of the backup: its accounts and passwords are those it had "
    "when it was made."
)


def offers_restore(error: StoreError) -> bool:
    """Whether "cannot start" offers a restore: the database itself is damaged, cut short or
    empty (it is not changed; a backup replaces it, the damaged file kept beside it)."""
    return isinstance(error, DamagedDatabase)


class StartRestoreDialog(RestoreQuestions):
    """The restore dialog at start: the last name that signed in offered; once confirmed the
    backup is restored here and the dialog accepted (`restored` says what happened). A restore
    that fails is said in the dialog."""

    def __init__(self, database: Path, source: Path, parent: QWidget | None = None):
        situation = Situation(database, "damaged database", AT_START_AFTERWARDS, "&Replace it")
        super().__init__(parent, situation, source, last_name(), self._replace)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.restored: Restored | None = None

    def _replace(self, name: str, password: str) -> None:
        self.activateWindow()
        try:
            with busy_cursor():
                self.restored = restore(self.database, self.source, name, password)
        except (StoreError, PermissionDenied, OSError, sqlite.Error) as exc:
            self.password.clear()
            self.problem.show_problem(f"The database was not restored. {exc}")
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.done(QDialog.DialogCode.Accepted)


def _restore_or_quit(message: str) -> bool:
    """The "cannot start" message with "Restore from a backup…" and "Quit" (the default, and
    Escape); True when Restore was chosen."""
    box = QMessageBox(QMessageBox.Icon.Critical, CANNOT_START, message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        "An administrator can restore a backup now: Restore from a backup… (nothing changes "
        "until you confirm)."
    )
    restore_button = box.addButton("&Restore from a backup…", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is restore_button


def _say_restored(done: Restored) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        RESTORED,
        f"{restored_text(done)}\n\nSign in now with an account of the backup (its accounts "
        "and passwords are those it had when it was made).",
        QMessageBox.StandardButton.Ok,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def restore_at_start(database: Path, message: str) -> bool:
    """Say why officer-app cannot start (`message`) and offer a restore; True once the
    database is restored (sign-in follows), False when the user quit at any point (nothing
    changed)."""
    if not _restore_or_quit(message):
        return False
    last = last_backup(database)
    source = choose_backup(None, Path(last["path"]) if last else database.parent)
    if source is None:
        return False
    dialog = StartRestoreDialog(database, source)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restored is None:
            return False
        done = dialog.restored
    finally:
        dialog.deleteLater()
    _say_restored(done)
    return True
