"""Back up… and Restore… (Administration menu, administrators), as `officer-app backup FILE`
and `restore FILE` do on the command line (officer_app.store.backups does the work).

Back up…: a save dialog proposes `officer-app-backup-YYYY-MM-DD.sqlite` in the Documents
folder (the database's folder when there is none); the dialog asks before an existing file is
replaced. The copy is written, read back and checked under a wait cursor; a message then says
where the two files (FILE and FILE.keys) are and to keep them together, off this PC. Nothing
half-written is left when it fails: the message says why.

Restore…: an open dialog chooses the backup; a dialog says what will happen (the database is
replaced, the current one kept under a new name beside it, officer-app closes afterwards) and
asks for an administrator's name and password as they were when the backup was made. The
backup is checked with them first (`check_backup`: the key file, the password, the file read
whole, the account an active administrator in it): a wrong password, a file that is not a
backup or a damaged one is said in the dialog and nothing is closed or changed. Then a
confirmation ("Keep the current database" is the default, for Enter and Escape); then every
checklist window closes (each saves as it closes), the store is closed, the backup restored,
what happened shown, and the application quits so the user starts again and signs in.

The dialogs are window-modal and opened, not exec'd, so nothing waits on them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.permissions import ADMINISTRATOR, PermissionDenied
from officer_app.store import StoreError, keyslots
from officer_app.store.backups import Restored, backup, open_backup, restore
from officer_app.store.driver import sqlite
from ui.dialog_fields import FieldProblem, add_row, busy_cursor, heading, name_box, password_box
from ui.notices import show_warning

FILTER = "officer-app backups (*.sqlite);;All files (*)"
BACKUP_FAILED = "The database was not backed up"
RESTORE_FAILED = "The database was not restored"


def _checklists(count: int) -> str:
    return f"{count} checklist{'' if count == 1 else 's'}"


def backup_folder(database: Path) -> Path:
    """Where the dialogs start: the user's Documents folder, else the database's folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else database.parent


def default_backup_name(today: date | None = None) -> str:
    return f"officer-app-backup-{today or date.today():%Y-%m-%d}.sqlite"


def _refused(window, title: str) -> bool:
    """True (after a message) when the signed-in user is not an administrator."""
    user = window.store.user
    if user is None or user.role == ADMINISTRATOR:
        return False
    show_warning(window, title, f"{user.label} cannot do this: an administrator does.")
    return True


def _message(parent: QWidget, title: str, text: str) -> QMessageBox:
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
    if _refused(window, BACKUP_FAILED):
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
    return _message(window, "The database is backed up", text)


# ---------------------------------------------------------------- restore


def check_backup(source: Path, name: str, password: str) -> int:
    """What restore() checks before it changes anything (officer_app.store.backups.open_backup),
    changing nothing; how many checklists the backup holds."""
    checked = open_backup(source, name, password)
    checked.close()
    return checked.checklists


class RestoreConfirmation(QDialog):
    """"Replace the database with this backup?"; `accepted` means replace. "Keep the current
    database" is the default: Enter and Escape keep it."""

    def __init__(self, database: Path, source: Path, count: int, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle("Replace the database? — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        question = "Replace the database with this backup?"
        layout.addWidget(heading(question))
        self.said = QLabel(
            f"The database {database} is replaced by the backup {source}, which holds "
            f"{_checklists(count)}. Anything saved since the backup was made is not in it; the "
            "current database is kept under a new name beside it. Every open checklist is "
            "saved and closed, and officer-app closes when the restore is done."
        )
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        box = QDialogButtonBox(self)
        self.keep = QPushButton("&Keep the current database")
        self.replace = QPushButton("&Replace it and close officer-app")
        box.addButton(self.keep, QDialogButtonBox.ButtonRole.RejectRole)
        box.addButton(self.replace, QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.setAccessibleDescription(f"{question} {self.said.text()}")
        self.keep.setDefault(True)
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.keep.setDefault(True)
        self.keep.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


class RestoreDialog(QDialog):
    """What a restore does, the administrator's name and password as they were in the backup,
    "Continue…" (Enter: checks the backup, then asks to confirm) and "Cancel" (Escape)."""

    def __init__(self, window, source: Path):
        super().__init__(window)
        self.window_, self.source = window, source
        self.database: Path = window.store.path
        self.confirmation: RestoreConfirmation | None = None
        self.setWindowTitle("Restore the database — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Restore the database from a backup"))
        aside = f"{self.database.stem}.replaced-DATE{self.database.suffix}"
        self.said = QLabel(
            f"The database {self.database} will be replaced by the backup {source}. The "
            f"current database is not deleted: it is kept beside it as {aside}, with its key "
            "file. Every open checklist is saved and closed first, and officer-app closes "
            "when the restore is done: start it again and sign in.\n\n"
            "Type an administrator's name and password as they were when the backup was made "
            "(a password changed since then does not open the backup)."
        )
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        form = QFormLayout()
        self.name = name_box("Administrator's account name in the backup")
        user = window.store.user
        self.name.setText(user.name if user is not None else "")
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.password = password_box("Administrator's password when the backup was made")
        self.password_problem = add_row(form, "&Password:", self.password)
        layout.addLayout(form)
        self.problem = FieldProblem(self.password)
        layout.addWidget(self.problem)
        box = QDialogButtonBox(self)
        self.continue_button = QPushButton("&Continue…")
        self.cancel_button = QPushButton("Cancel")
        box.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.continue_button.setDefault(True)
        (self.password if self.name.text() else self.name).setFocus()

    def accept(self) -> None:
        """Check the backup with the name and password; then ask to confirm."""
        for problem in (self.name_problem, self.password_problem, self.problem):
            problem.clear()
        name, password = self.name.text().strip(), self.password.text()
        if not name:
            self.name_problem.show_problem("Type the administrator's account name.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not password:
            self.password_problem.show_problem("Type the password.")
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            with busy_cursor():
                count = check_backup(self.source, name, password)
        except keyslots.WrongPassword as exc:
            self.password.clear()
            self.password_problem.show_problem(
                f"{exc} Use the password as it was when the backup was made. Nothing was "
                "changed."
            )
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except (StoreError, PermissionDenied, OSError, sqlite.Error) as exc:
            self.problem.show_problem(f"Nothing was changed. {exc}")
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.confirmation = RestoreConfirmation(self.database, self.source, count, self)
        self.confirmation.accepted.connect(lambda: self._replace(name, password))
        self.confirmation.rejected.connect(self._kept)
        self.confirmation.open()

    def _kept(self) -> None:
        self.activateWindow()
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _replace(self, name: str, password: str) -> None:
        window = self.window_
        self.done(QDialog.DialogCode.Accepted)
        replace_database(window, self.source, name, password)


def close_checklists(window) -> bool:
    """Close every checklist and review window (each saves as it closes); False when one
    stays open (its checklist could not be saved and the user kept it)."""
    return all(w.close() for w in [*window.windows, *window.review_windows])


def replace_database(window, source: Path, name: str, password: str) -> QMessageBox:
    """Close the checklists and the store, restore, say what happened, then quit (after the
    message is read): the user starts again and signs in. A checklist that will not close
    stops it before anything is closed."""
    if not close_checklists(window):
        return show_warning(
            window,
            RESTORE_FAILED,
            "A checklist window stayed open (its checklist could not be saved), so nothing "
            "was changed. Save or close it, then restore again.",
        )
    store = window.store
    from ui.idle_lock import installed_lock

    lock = installed_lock()
    if lock is not None:
        lock.uninstall()  # nothing to lock with once the store is closed
    window.jobs.wait_all(10_000)
    store.close()
    try:
        with busy_cursor():
            done: Restored = restore(store.path, source, name, password)
    except (StoreError, PermissionDenied, OSError, sqlite.Error) as exc:
        box = show_warning(
            window,
            RESTORE_FAILED,
            f"{exc}\n\nofficer-app closes now: start it again and sign in.",
        )
    else:
        kept = (
            f" The database it replaced is kept as {done.replaced}, with its key file; delete "
            "it only when you are sure it is not needed."
            if done.replaced
            else ""
        )
        box = _message(
            window,
            "The database is restored",
            f"{done.database} was restored from the backup {done.backup}: it holds "
            f"{_checklists(done.checklists)}.{kept}\n\nofficer-app closes now: start it "
            "again and sign in (the accounts and passwords are those of the backup).",
        )
    box.finished.connect(lambda _result: QApplication.quit())
    return box


def restore_database(window) -> RestoreDialog | None:
    """Choose the backup, then the restore dialog (opened); None when cancelled or refused."""
    if _refused(window, RESTORE_FAILED):
        return None
    chosen, _ = QFileDialog.getOpenFileName(
        window, "Restore the database from", str(backup_folder(window.store.path)), FILTER
    )
    if not chosen:
        return None
    dialog = RestoreDialog(window, Path(chosen))
    dialog.open()
    return dialog
