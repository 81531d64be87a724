"""Encrypting an unencrypted database from an earlier officer-app, once, after the user
agrees (officer_app.store.plaintext does the work).

The dialog says what will happen in plain words, asks for an administrator's name and
password (or, for a file from before accounts, a first administrator's), and whether the
unencrypted original is overwritten and removed (the default) or kept in a file the user
names. Afterwards a message says exactly what happened: where the encrypted file and its key
file are, what became of the original, which accounts need a new password, which older
unencrypted backups lie beside it.

Once the file is encrypted, the dialog opens it with the same name and password
(Store.open, as signing in does: the sign-in is recorded, and so are the wrong passwords typed
here before), so nobody types them twice; the name is remembered for the next sign-in.

The dialog fits its content when shown: Qt gives a new window at most two thirds of the
screen, which at 150% scaling clips the explanation (`fit_to_content`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.accounts.passwords import PasswordError
from officer_app.checklist import now_iso
from officer_app.permissions import PermissionDenied
from officer_app.store import Store, StoreError, WrongPassword
from officer_app.store.plaintext import Encryption, encrypt, has_accounts
from ui.dialog_fields import (
    FieldProblem,
    PasswordPair,
    add_row,
    busy_cursor,
    dialog_buttons,
    heading,
    name_box,
    password_box,
)
from ui.screen_fit import fit_to_content
from ui.sign_in import remember_name

EXPLANATION = (
    "{path} was written by an earlier version of officer-app and is not encrypted: anyone "
    "who can read the file can read the children's details in it. officer-app encrypts it "
    "now, once: the checklists, reviews, accounts and audit log are copied into an encrypted "
    "file that takes its place, with a key file beside it ({keys}). Nothing is lost; the copy "
    "is checked before the original is touched."
)


class EncryptDialog(QDialog):
    """Name, password(s), what becomes of the original; "Encrypt" (Enter) or "Quit". Once
    accepted, `result_report` says what was done and `store` is the encrypted database opened
    and signed in as the administrator (None, with `open_problem`, if that failed)."""

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        lockout: tuple[int, int] | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.lockout = lockout
        self.result_report: Encryption | None = None
        self.store: Store | None = None
        self.open_problem = ""
        self.failures: list[tuple[str, str]] = []  # (name typed, when): wrong passwords
        self.accounts = has_accounts(path)
        self.setWindowTitle("Encrypt the database — officer-app")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Encrypt this database"))
        keys = path.with_name(path.name + ".keys")
        text = EXPLANATION.format(path=path, keys=keys.name)
        who = (
            " Sign in as one of its administrators: only your password opens it at first; "
            "the other accounts then need a new password from you."
            if self.accounts
            else " It has no accounts yet: create its first administrator."
        )
        self.explanation = QLabel(text + who)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.name = name_box("Administrator's account name")
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.password: QLineEdit | None = None
        self.passwords: PasswordPair | None = None
        if self.accounts:
            self.password = password_box("Administrator's password")
            self.password_problem = add_row(form, "&Password:", self.password)
        else:
            self.passwords = PasswordPair(form, "the administrator")
        layout.addLayout(form)
        self.remove = QRadioButton("&Overwrite the unencrypted original and remove it")
        self.keep = QRadioButton("&Keep the unencrypted original in this file:")
        self.remove.setChecked(True)
        self.keep_path = QLineEdit(str(path.with_name(f"{path.stem}.unencrypted{path.suffix}")))
        self.keep_path.setAccessibleName("File to keep the unencrypted original in")
        self.keep_path.setEnabled(False)
        choose = QPushButton("C&hoose…")
        choose.setEnabled(False)
        choose.clicked.connect(self._choose)
        self.keep.toggled.connect(self.keep_path.setEnabled)
        self.keep.toggled.connect(choose.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.keep_path, 1)
        row.addWidget(choose)
        layout.addWidget(self.remove)
        layout.addWidget(self.keep)
        layout.addLayout(row)
        self.keep_problem = FieldProblem(self.keep_path)
        layout.addWidget(self.keep_problem)
        layout.addWidget(dialog_buttons(self, "&Encrypt", "&Quit"))
        self.name.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        fit_to_content(self)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Keep the unencrypted original in", self.keep_path.text()
        )
        if chosen:
            self.keep_path.setText(chosen)

    def accept(self) -> None:
        self.name_problem.clear()
        self.keep_problem.clear()
        name = self.name.text().strip()
        if not name:
            self.name_problem.show_problem("Type the administrator's account name, e.g. j.smith.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.password is not None:
            password: str | None = self.password.text()
            if not password:
                self.password_problem.show_problem("Type your password.")
                self.password.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        else:
            assert self.passwords is not None
            password = self.passwords.checked()
            if password is None:
                return
        keep = Path(self.keep_path.text().strip()) if self.keep.isChecked() else None
        if keep is not None and not keep.is_absolute():
            keep = self.path.parent / keep  # beside the database, not wherever the app started
        if self.keep.isChecked() and not self.keep_path.text().strip():
            self._keep_refused("Name the file to keep the unencrypted original in.")
            return
        try:
            with busy_cursor():
                self.result_report = encrypt(self.path, name, password, keep=keep)
        except WrongPassword as exc:
            self.failures.append((name, now_iso()))
            self._password_refused(f"Not encrypted. {exc}")
            return
        except PermissionDenied as exc:  # an account that is not an active administrator
            self.name_problem.show_problem(f"Not encrypted; the file was not changed. {exc}")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except PasswordError as exc:
            self._password_refused(str(exc))
            return
        except (StoreError, OSError) as exc:
            message = f"Not encrypted; the file was not changed. {exc}"
            if keep is not None and "already exists" in str(exc):
                self._keep_refused(message)
            else:
                self.name_problem.show_problem(message)
            return
        self._open(name, password)
        super().accept()

    def _open(self, name: str, password: str) -> None:
        """Open the encrypted file as the administrator who just encrypted it (or was
        created for it), as signing in does; the wrong passwords typed before are recorded."""
        try:
            with busy_cursor():
                self.store = Store.open(self.path, name, password, lockout=self.lockout)
            self.store.record_earlier_failures(self.failures)
        except StoreError as exc:  # encrypted all the same: the sign-in box comes next
            if self.store is not None:
                self.store.close()
            self.store = None
            self.open_problem = str(exc)
            return
        self.failures = []
        assert self.store.user is not None  # Store.open signs in
        remember_name(self.store.user.name)

    def _keep_refused(self, message: str) -> None:
        self.keep_problem.show_problem(message)
        self.keep_path.setFocus(Qt.FocusReason.OtherFocusReason)

    def _password_refused(self, message: str) -> None:
        if self.password is not None:
            self.password.clear()
            self.password_problem.show_problem(message)
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.passwords is not None:
            self.passwords.refuse(message)


def offer_encryption(
    path: Path, lockout: tuple[int, int] | None = None, parent: QWidget | None = None
) -> Store | None:
    """Ask to encrypt the unencrypted database at `path`; once it is encrypted (and the user
    has read what happened) the store opened and signed in as the administrator who typed the
    password. None when they chose Quit (nothing changed), or when the encrypted file could
    not be opened (the message says so: the sign-in box comes next)."""
    dialog = EncryptDialog(path, parent, lockout=lockout)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_report is None:
        return None
    text = dialog.result_report.report()
    if dialog.open_problem:
        text += f"\n\nSigning in failed: {dialog.open_problem} Sign in again."
    QMessageBox.information(parent, "The database is encrypted", text)
    return dialog.store
