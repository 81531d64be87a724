"""Restore… (Administration menu, administrators), as `officer-app restore FILE` does on the
command line (officer_app.store.backups does the work).

An open dialog chooses the backup; a dialog says what will happen and asks for an
administrator's name and password as they were when the backup was made. The backup is
checked with them first (`check_backup`); a wrong password, a damaged file or one that is not
a backup (an unencrypted database of an earlier version is said to be one as soon as it is
chosen) is said in the dialog, nothing is changed, and "Choose another backup…" picks another
file. A confirmation says when the backup was made (its file's modification time) and that
checklists erased since then come back ("Keep the current database" is the default; kept, the
dialog says nothing was changed); then the checklist windows close (each saves), the backup
is restored, what happened is shown, and the application quits: the user signs in again.
`RestoreQuestions` (all of it but what happens once confirmed) and `Situation` (the texts
that differ) are shared with ui.start_restore, the restore offered when the database is
damaged at start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
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

from officer_app.permissions import PermissionDenied
from officer_app.store import StoreError, keyslots
from officer_app.store.backups import Restored, open_backup, restore
from officer_app.store.driver import sqlite
from officer_app.store.opening import PLAINTEXT, inspect
from ui.backup_dialog import (
    FILTER,
    backup_folder,
    checklists_text,
    message_box,
    refused_unless_administrator,
)
from ui.dialog_fields import (
    FieldProblem,
    SafeConfirmation,
    add_row,
    busy_cursor,
    heading,
    name_box,
    password_box,
)
from ui.notices import announce, show_warning
from ui.screen_fit import fit_to_content

RESTORE_FAILED = "The database was not restored"
RESTORED = "The database is restored"
KEPT = "Nothing was changed; the current database is kept."


@dataclass(frozen=True)
class Situation:
    """What differs between restoring from the menu and at start on a damaged database: the
    database replaced, what it is called ("current database", "damaged database"), what
    happens once it is restored, and the confirmation's button that replaces it."""

    database: Path
    what: str
    afterwards: str
    replace_label: str

    def aside(self) -> str:
        """The name the replaced database is kept under (restore() moves it aside)."""
        return f"{self.database.stem}.replaced-<date and time>{self.database.suffix}"


def choose_backup(parent: QWidget | None, start: Path) -> Path | None:
    """The open dialog, starting at `start` (a folder, or a file it preselects)."""
    title = "Restore the database from"
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), FILTER)
    return Path(chosen) if chosen else None


def made_when(source: Path) -> str:
    """When the backup was made, as its file's modification time: 'on 03/11/2026 at 09:15'."""
    try:
        moment = datetime.fromtimestamp(source.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return "at a time that cannot be read from the file"
    return f"on {moment:%d/%m/%Y} at {moment:%H:%M}"


def not_a_backup(source: Path) -> str:
    """Why `source` cannot be restored, seen from its first bytes alone ('' when it may be a
    backup: the password and a full read decide)."""
    try:
        kind = inspect(source)
    except StoreError as exc:  # empty, cut short, text, not ours
        return f"{source} cannot be restored: {exc}"
    if kind == PLAINTEXT:
        return (
            f"{source} is an unencrypted database of an earlier version of officer-app, not a "
            "backup: open it with officer-app once to encrypt it, then back it up. Choose "
            "another backup, or Cancel."
        )
    return ""


def check_backup(source: Path, name: str, password: str) -> int:
    """What restore() checks before it changes anything (officer_app.store.backups.open_backup),
    changing nothing; how many checklists the backup holds."""
    checked = open_backup(source, name, password)
    checked.close()
    return checked.checklists


class RestoreConfirmation(SafeConfirmation):
    """"Replace the database with this backup?"; `accepted` means replace. "Keep the current
    database" is the default: Enter and Escape keep it."""

    def __init__(self, situation: Situation, source: Path, count: int, parent: QWidget):
        what = situation.what
        super().__init__(
            "Replace the database?",
            f"Replace the {what} with this backup?",
            f"The {what} {situation.database} is replaced by the backup {source}, which holds "
            f"{checklists_text(count)}. The backup was made {made_when(source)} (when its file "
            "was last written). Anything saved since then is not in it, and checklists "
            "erased since then come back: erase them again (Administration → Retention…). "
            f"The {what} is kept under a new name beside it ({situation.aside()}), with its "
            f"key file. {situation.afterwards}",
            f"&Keep the {what}",
            situation.replace_label,
            parent,
            width=520,
        )
        self.replace = self.act


class RestoreQuestions(QDialog):
    """What a restore does, the administrator's name and password as they were in the backup,
    "Continue…" (Enter: checks the backup, then asks to confirm) and "Cancel" (Escape).
    Once confirmed, `replace(name, password)` does the restore (the menu's closes the windows
    first; the one at start restores in place)."""

    def __init__(
        self,
        parent: QWidget | None,
        situation: Situation,
        source: Path,
        name: str,
        replace: Callable[[str, str], None],
    ):
        super().__init__(parent)
        self.situation, self.source, self.on_confirmed = situation, source, replace
        self.database: Path = situation.database
        self.confirmation: RestoreConfirmation | None = None
        self.setWindowTitle("Restore the database — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Restore the database from a backup"))
        self.said = QLabel(self._explained())
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        form = QFormLayout()
        self.name = name_box("Administrator's account name in the backup")
        self.name.setText(name)
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.password = password_box("Administrator's password when the backup was made")
        self.password_problem = add_row(form, "&Password:", self.password)
        layout.addLayout(form)
        self.problem = FieldProblem(self.password)
        layout.addWidget(self.problem)
        self.outcome = QLabel(KEPT)  # shown when the user did not confirm
        self.outcome.hide()
        layout.addWidget(self.outcome)
        box = QDialogButtonBox(self)
        self.choose_button = QPushButton("C&hoose another backup…")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_another)
        self.continue_button = QPushButton("&Continue…")
        self.cancel_button = QPushButton("Cancel")
        box.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.continue_button.setDefault(True)
        self._to_first_box()
        self._looks_like_a_backup()

    def _to_first_box(self) -> None:
        (self.password if self.name.text() else self.name).setFocus(Qt.FocusReason.OtherFocusReason)

    def _explained(self) -> str:
        what, aside = self.situation.what, self.situation.aside()
        return (
            f"The {what} {self.database} will be replaced by the backup {self.source}. The "
            f"{what} is not deleted: it is kept beside it as {aside}, with its key file. "
            f"{self.situation.afterwards}\n\n"
            "Type an administrator's name and password as they were when the backup was made "
            "(a password changed since then does not open the backup)."
        )

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        fit_to_content(self)

    def _looks_like_a_backup(self) -> bool:
        """False (said, the focus on "Choose another backup…") for a file that cannot be one."""
        why = not_a_backup(self.source)
        if why:
            self.problem.show_problem(f"Nothing was changed. {why}")
            self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return not why

    def _clear(self) -> None:
        """No problem or outcome shown, and no gap where they were."""
        for problem in (self.name_problem, self.password_problem, self.problem):
            problem.clear()
        self.outcome.hide()
        fit_to_content(self)

    def choose_another(self) -> None:
        """Another file as the backup, from the file chooser; the name and password stay."""
        chosen = choose_backup(self, self.source.parent)
        if chosen is None:
            return
        self.source = chosen
        self.said.setText(self._explained())
        self._clear()
        if self._looks_like_a_backup():
            self._to_first_box()

    def accept(self) -> None:
        """Check the backup with the name and password; then ask to confirm."""
        self._clear()
        if not self._looks_like_a_backup():
            return
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
            self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.confirmation = RestoreConfirmation(self.situation, self.source, count, self)
        self.confirmation.accepted.connect(lambda: self.on_confirmed(name, password))
        self.confirmation.rejected.connect(self._kept)
        self.confirmation.open()

    def _kept(self) -> None:
        """Not confirmed: said so, the password cleared (typed again to continue)."""
        self.activateWindow()
        self.password.clear()
        self.outcome.show()
        fit_to_content(self)
        announce(self.outcome, KEPT)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)


MENU_AFTERWARDS = (
    "Every open checklist is saved and closed first, and officer-app closes when the restore "
    "is done: start it again and sign in."
)


class RestoreDialog(RestoreQuestions):
    """Restore… from the Administration menu: the signed-in administrator's name offered;
    once confirmed, the windows close, the backup is restored and officer-app quits."""

    def __init__(self, window, source: Path):
        situation = Situation(
            window.store.path,
            "current database",
            MENU_AFTERWARDS,
            "&Replace it and close officer-app",
        )
        user = window.store.user
        name = user.name if user is not None else ""
        super().__init__(window, situation, source, name, self._replace)
        self.window_ = window

    def _replace(self, name: str, password: str) -> None:
        window = self.window_
        self.done(QDialog.DialogCode.Accepted)
        replace_database(window, self.source, name, password)


def restored_text(done: Restored) -> str:
    """What a restore did: from which backup, how many checklists, where the replaced file is."""
    kept = (
        f" The database it replaced is kept as {done.replaced}, with its key file; delete it "
        "only when you are sure it is not needed."
        if done.replaced
        else ""
    )
    return (
        f"{done.database} was restored from the backup {done.backup}: it holds "
        f"{checklists_text(done.checklists)}.{kept}"
    )


def closechecklists_text(window) -> bool:
    """Close every checklist and review window (each saves as it closes); False when one
    stays open (its checklist could not be saved and the user kept it)."""
    return all(w.close() for w in [*window.windows, *window.review_windows])


def replace_database(window, source: Path, name: str, password: str) -> QMessageBox:
    """Close the checklists and the store, restore, say what happened, then quit (after the
    message is read): the user starts again and signs in. A checklist that will not close
    stops it before anything is closed."""
    if not closechecklists_text(window):
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
        closing = "officer-app closes now: start it again and sign in."
        box = show_warning(window, RESTORE_FAILED, f"{exc}\n\n{closing}")
    else:
        box = message_box(
            window,
            RESTORED,
            f"{restored_text(done)}\n\nofficer-app closes now: start it again and sign in "
            "(the accounts and passwords are those of the backup).",
        )
    box.finished.connect(lambda _result: QApplication.quit())
    return box


def restore_database(window) -> RestoreDialog | None:
    """Choose the backup, then the restore dialog (opened); None when cancelled or refused."""
    if refused_unless_administrator(window, RESTORE_FAILED):
        return None
    chosen = choose_backup(window, backup_folder(window.store.path))
    if chosen is None:
        return None
    dialog = RestoreDialog(window, chosen)
    dialog.open()
    return dialog
