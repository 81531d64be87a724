"""Who is at the keyboard: the sign-in dialog, and on a database with no accounts yet the
dialog that creates its first administrator and signs them in.

Everything a person does is recorded under their account (officer_app.store.users), so the
window opens only after one of these dialogs. There are no default passwords: a new database
asks for its first administrator's. A refusal (wrong password with the tries left, a locked or
disabled account, a password too short, two passwords that differ) is a sentence beside the
field at fault, never a colour alone; the password box is cleared and has the focus again
while the name stays as typed. The last name that signed in is offered next time (QSettings);
a password never is.

The same person signs in again on the lock screen of the idle lock (`LockScreen`, driven by
ui.idle_lock). The fields these dialogs are made of are in ui.dialog_fields.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from officer_app.accounts.passwords import PasswordError
from officer_app.checklist import now_iso
from officer_app.permissions import User
from officer_app.store import AccountDisabled, DamagedDatabase, Store, StoreError, WrongPassword
from officer_app.store.opening import NEW, inspect
from officer_app.store.users import AccountError, LoginError
from ui.autosave import app_settings
from ui.dialog_fields import (
    PasswordPair,
    add_row,
    busy_cursor,
    dialog_buttons,
    heading,
    name_box,
    password_box,
)
from ui.notices import ElidedLabel

LAST_NAME_KEY = "sign_in/last_name"
FIRST_ADMIN_PURPOSE = (
    "This database has no accounts yet. Create its first administrator: the account for the "
    "staff who export referrals to the hub and manage everyone's accounts. There are no "
    "default passwords: choose one of at least 8 characters that only you know."
)


def remember_name(name: str) -> None:
    app_settings().setValue(LAST_NAME_KEY, name)


def last_name() -> str:
    value = app_settings().value(LAST_NAME_KEY, "")
    return value if isinstance(value, str) else ""


class SignInDialog(QDialog):
    """Account name and password; "Sign in" (Enter) or "Quit" (Escape). Once accepted, `store`
    is the database opened with the key slot of the account and signed in (Store.open), and
    `user` who signed in. A wrong password opens and changes nothing; the wrong tries are
    recorded in the audit log once someone signs in (`record_earlier_failures`)."""

    def __init__(
        self, path: Path, lockout: tuple[int, int] | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.path = path
        self.lockout = lockout
        self.store: Store | None = None
        self.user: User | None = None
        self.failures: list[tuple[str, str]] = []  # (name typed, when)
        self.damaged: DamagedDatabase | None = None  # the file failed its check on opening
        self.setWindowTitle("Sign in — officer-app")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Sign in to officer-app"))
        intro = QLabel("Use your own account: what you do is recorded under your name.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = name_box("Account name")
        self.password = password_box("Password")
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.problem = add_row(form, "&Password:", self.password)
        layout.addLayout(form)
        where = ElidedLabel(f"Database: {path}")
        where.setObjectName("fieldHelp")
        layout.addWidget(where)
        layout.addWidget(dialog_buttons(self, "&Sign in", "&Quit"))
        self.name.setText(last_name())
        (self.password if self.name.text() else self.name).setFocus()

    def accept(self) -> None:
        self.name_problem.clear()
        self.problem.clear()
        name, password = self.name.text().strip(), self.password.text()
        if not name:
            self.name_problem.show_problem("Type your account name, for example j.smith.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not password:
            self.problem.show_problem("Type your password.")
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            with busy_cursor():
                self.store = Store.open(self.path, name, password, lockout=self.lockout)
        except (LoginError, WrongPassword, AccountDisabled) as exc:
            if isinstance(exc, WrongPassword):
                self.failures.append((name, now_iso()))
            self._refused(f"Not signed in. {exc}")
            return
        except DamagedDatabase as exc:  # found by the check once the password opened it
            self.damaged = exc
            self.reject()  # ask_who raises it: the start offers a restore from a backup
            return
        except StoreError as exc:
            self._refused(f"Not signed in: {exc}")
            return
        try:
            self.store.record_earlier_failures(self.failures)
        except StoreError as exc:  # not recorded: nobody is signed in without the record
            self.store.close()
            self.store = None
            self._refused(f"Not signed in: {exc}")
            return
        self.failures = []
        self.user = self.store.user
        assert self.user is not None  # Store.open signs in
        remember_name(self.user.name)
        super().accept()

    def _refused(self, message: str) -> None:
        self.password.clear()
        self.problem.show_problem(message)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class FirstAdminDialog(QDialog):
    """A database without accounts: the first administrator's name and password (twice).
    Accepted once the account exists and its administrator is signed in (`user`)."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.store: Store | None = None
        self.user: User | None = None
        self.setWindowTitle("First administrator — officer-app")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Create the first administrator"))
        purpose = QLabel(FIRST_ADMIN_PURPOSE)
        purpose.setWordWrap(True)
        layout.addWidget(purpose)
        where = ElidedLabel(f"Database: {path} (new, encrypted)")
        where.setObjectName("fieldHelp")
        layout.addWidget(where)
        form = QFormLayout()
        self.name = name_box("Administrator's account name")
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.passwords = PasswordPair(form, "the administrator")
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "&Create and sign in", "&Quit"))
        self.setAccessibleDescription(FIRST_ADMIN_PURPOSE)
        self.name.setFocus()

    def accept(self) -> None:
        self.name_problem.clear()
        name = self.name.text().strip()
        if not name:
            self.passwords.clear_problems()
            self.name_problem.show_problem("Type the administrator's account name, e.g. j.smith.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        password = self.passwords.checked()
        if password is None:
            return
        try:
            with busy_cursor():
                self.store = Store.create(self.path, name, password)
        except AccountError as exc:
            self.name_problem.show_problem(str(exc))
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except PasswordError as exc:
            self.passwords.refuse(str(exc))
            return
        except StoreError as exc:
            self.name_problem.show_problem(f"The administrator was not created: {exc}")
            return
        assert self.store.user is not None  # Store.create signs the administrator in
        try:  # the first sign-in is recorded ("login") like every later one
            self.user = self.store.login(self.store.user.name, password)
        except StoreError as exc:
            self.store.close()
            self.store = None
            self.name_problem.show_problem(
                f"The administrator {name} was created, but signing in failed: {exc} "
                "Quit, then start officer-app again and sign in."
            )
            return
        remember_name(self.user.name)
        super().accept()


class LockScreen(QDialog):
    """The password of the person signed in, or Quit. Escape and the window's close button do
    nothing: only the password, or quitting, ends the lock."""

    unlock_requested = Signal(str)

    def __init__(self, user: User, why: str, note: str = ""):
        super().__init__(None)
        self.setObjectName("lockScreen")
        self.setWindowTitle("officer-app is locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(460)
        self.may_close = False
        layout = QVBoxLayout(self)
        layout.addWidget(heading("officer-app is locked"))
        said = (
            f"{why}. Personal details are hidden in every window until you type your "
            f"password. Signed in as {user.label}."
        )
        self.explanation = QLabel(said)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.password = password_box(f"Password of {user.name}")
        self.problem = add_row(form, "&Password:", self.password)
        layout.addLayout(form)
        self.note = QLabel(note)
        self.note.setObjectName("fieldProblem")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        hint = QLabel("Quit closes every window; open checklists are saved as they close.")
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(dialog_buttons(self, "&Unlock", "&Quit officer-app"))
        self.setAccessibleDescription(said)

    def refuse(self, message: str) -> None:
        self.password.clear()
        self.problem.show_problem(message)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:  # "Unlock" or Enter: ui.idle_lock checks the password
        self.unlock_requested.emit(self.password.text())

    def reject(self) -> None:  # Escape does not end the lock
        pass

    def closeEvent(self, event) -> None:  # noqa: N802
        # QDialog.closeEvent would reject(), which does nothing here: accept it ourselves
        if self.may_close:
            event.accept()
        else:
            event.ignore()

    def close_for_good(self) -> None:
        self.may_close = True
        self.close()
        self.deleteLater()


def sign_in_dialog(
    path: Path, lockout: tuple[int, int] | None = None, parent: QWidget | None = None
) -> SignInDialog | FirstAdminDialog:
    """The dialog this database needs: the first administrator where there is no database
    yet, else signing in. StoreError for a file that cannot be opened (damaged, empty, not
    ours): it is not changed, and the message says what is wrong and where a copy is."""
    if inspect(path) == NEW:
        return FirstAdminDialog(path, parent)
    return SignInDialog(path, lockout, parent)


def ask_who(
    path: Path, lockout: tuple[int, int] | None = None, parent: QWidget | None = None
) -> Store | None:
    """Ask who is at the keyboard (waits for the answer); the database opened and signed in
    as them, or None when they chose Quit. DamagedDatabase when the file failed its check
    once their password opened it (the start then offers a restore from a backup)."""
    dialog = sign_in_dialog(path, lockout, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if isinstance(dialog, SignInDialog) and dialog.damaged is not None:
        raise dialog.damaged
    return dialog.store if accepted else None
