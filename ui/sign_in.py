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
ui.idle_lock). `PasswordPair` and `FieldProblem` are shared with ui.accounts_dialog (adding
an account, resetting a password).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.accounts.passwords import PasswordError, check_new
from officer_app.permissions import User
from officer_app.store import Store, StoreError
from officer_app.store.users import AccountError, LoginError
from ui.autosave import app_settings
from ui.notices import ElidedLabel, announce

LAST_NAME_KEY = "sign_in/last_name"
FIRST_ADMIN_PURPOSE = (
    "This database has no accounts yet. Create its first administrator: the account for the "
    "staff who export referrals to the hub and manage everyone's accounts. There are no "
    "default passwords: choose one of at least 8 characters that only you know."
)


def grow_to_fit(window: QWidget) -> None:
    """A dialog grows taller when a wrapped message appears in it (Qt does not grow a window
    for the extra lines of a word-wrapped label), never narrower or shorter."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if needed > window.height():
        window.resize(width, needed)


class FieldProblem(QLabel):
    """What is wrong with the field above it, in words (red and bold as well, never colour
    alone); hidden while there is nothing to say. The field's accessible description says the
    same, so a screen reader reads it with the field."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName("fieldProblem")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        grow_to_fit(self.window())
        self.field.setAccessibleDescription(f"Invalid: {message}" if message else "")
        if message:
            announce(self.field, message, assertive=True)

    def clear(self) -> None:
        self.show_problem("")


def name_box(accessible: str) -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(accessible)
    box.setMaxLength(64)
    box.setPlaceholderText("for example j.smith")
    return box


def password_box(accessible: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(accessible)
    return box


def add_row(form: QFormLayout, label: str, field: QWidget) -> FieldProblem:
    """A labelled field (the label is its buddy: Alt+letter goes to it) with its problem
    line right under it."""
    caption = QLabel(label)
    caption.setBuddy(field)
    problem = FieldProblem(field)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(problem)
    form.addRow(caption, column)
    return problem


class PasswordPair:
    """A new password typed twice: "Password" and "Password again", each with its problem.
    `checked()` is the password once both agree and it is long enough, else None with the
    reason shown beside the box at fault and the focus there."""

    def __init__(self, form: QFormLayout, whose: str = ""):
        suffix = f" for {whose}" if whose else ""
        self.first = password_box(f"New password{suffix}")
        self.second = password_box(f"New password again{suffix}")
        self.first_problem = add_row(form, "&Password:", self.first)
        self.second_problem = add_row(form, "Password a&gain:", self.second)
        hint = QLabel("At least 8 characters. Never written down or sent to anyone.")
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        form.addRow("", hint)

    def clear_problems(self) -> None:
        self.first_problem.clear()
        self.second_problem.clear()

    def checked(self) -> str | None:
        self.clear_problems()
        password = self.first.text()
        try:
            check_new(password)
        except PasswordError as exc:
            self.refuse(str(exc))
            return None
        if self.second.text() != password:
            self.second.clear()
            self.second_problem.show_problem(
                "The two passwords differ; type the same password in both boxes."
            )
            self.second.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return password

    def refuse(self, message: str) -> None:
        """The password was refused (too short, or by the store): both boxes cleared, the
        reason beside the first, the focus there."""
        self.first.clear()
        self.second.clear()
        self.first_problem.show_problem(message)
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)


def dialog_buttons(dialog: QDialog, accept_text: str, reject_text: str) -> QDialogButtonBox:
    """The accept button is the default (Enter), the reject one answers Escape too. The box
    is the dialog's child from the start: a default button set outside its dialog is lost as
    soon as Tab passes another button."""
    box = QDialogButtonBox(dialog)
    dialog.accept_button = QPushButton(accept_text)
    dialog.reject_button = QPushButton(reject_text)
    box.addButton(dialog.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(dialog.reject_button, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    dialog.accept_button.setDefault(True)
    return box


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("formTitle")
    label.setWordWrap(True)
    return label


def remember_name(name: str) -> None:
    app_settings().setValue(LAST_NAME_KEY, name)


def last_name() -> str:
    value = app_settings().value(LAST_NAME_KEY, "")
    return value if isinstance(value, str) else ""


class SignInDialog(QDialog):
    """Account name and password; "Sign in" (Enter) or "Quit" (Escape). `user` is the signed-in
    User once accepted (store.login has signed the store in and logged it)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.user: User | None = None
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
        where = ElidedLabel(f"Database: {store.path}")
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
            self.user = self.store.login(name, password)
        except LoginError as exc:
            self._refused(f"Not signed in. {exc}")
            return
        except StoreError as exc:
            self._refused(f"Not signed in: {exc}")
            return
        remember_name(self.user.name)
        super().accept()

    def _refused(self, message: str) -> None:
        self.password.clear()
        self.problem.show_problem(message)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class FirstAdminDialog(QDialog):
    """A database without accounts: the first administrator's name and password (twice).
    Accepted once the account exists and its administrator is signed in (`user`)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.user: User | None = None
        self.setWindowTitle("First administrator — officer-app")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Create the first administrator"))
        purpose = QLabel(FIRST_ADMIN_PURPOSE)
        purpose.setWordWrap(True)
        layout.addWidget(purpose)
        where = ElidedLabel(f"Database: {store.path}")
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
            self.store.create_first_admin(name, password)
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
        try:
            self.user = self.store.login(name, password)
        except StoreError as exc:
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


def sign_in_dialog(store: Store, parent: QWidget | None = None) -> SignInDialog | FirstAdminDialog:
    """The dialog this database needs: the first administrator on a database without
    accounts, else signing in."""
    if not store.has_accounts():
        return FirstAdminDialog(store, parent)
    return SignInDialog(store, parent)


def ask_who(store: Store, parent: QWidget | None = None) -> User | None:
    """Ask who is at the keyboard (waits for the answer); the signed-in User, or None when
    they chose Quit."""
    dialog = sign_in_dialog(store, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.user if accepted else None
