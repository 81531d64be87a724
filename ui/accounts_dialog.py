"""Accounts, for administrators: who may sign in, in which role, and when they last did;
adding an account, resetting a password, disabling and enabling one.

The store decides (officer_app.store.users): the dialog only asks and shows. A refusal
(AccountError: a name taken or unusable, your own account, the last administrator;
PasswordError: too short; PermissionDenied) is a sentence beside the field at fault - the
name, the password, or the list for disabling - never a colour alone. Everything works from
the keyboard: Tab leaves the list, each button has its Alt+letter, Enter is the default
button of each small dialog and Escape closes it. The dialogs are window-modal and opened,
not exec'd, so nothing waits on them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officer_app.accounts.passwords import PasswordError
from officer_app.permissions import ROLE_LABELS, ROLES, PermissionDenied, may
from officer_app.store import Store, StoreError
from officer_app.store.users import Account, AccountError
from ui.dialog_fields import FieldProblem, PasswordPair, add_row, dialog_buttons, heading, name_box
from ui.notices import announce, show_warning
from ui.text_table import TextTableModel, item_table

HEADERS = ("Name", "Role", "Status", "Last sign-in")
ROLES_SAID = (
    "Officers write checklists, supervisors review them, administrators export referrals and "
    "manage accounts. A disabled account cannot sign in; what it did stays in the audit log."
)


def when(iso: str) -> str:
    """An ISO time as dd/mm/yyyy hh:mm, the officers' format; "never" when empty."""
    if not iso:
        return "never"
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]} {iso[11:16]}"


def cells(account: Account) -> tuple[str, str, str, str]:
    role = ROLE_LABELS.get(account.role, account.role)
    return account.name, role, account.status, when(account.last_login)


class AccountsModel(TextTableModel[Account]):
    """The accounts as rows (name, role, status, last sign-in), read again by `reload`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(HEADERS, cells, parent)

    @property
    def accounts(self) -> list[Account]:
        return self.items

    def set_accounts(self, accounts: list[Account]) -> None:
        self.set_items(accounts)

    def row_of(self, name: str) -> int:
        names = [a.name.casefold() for a in self.items]
        return names.index(name.casefold()) if name.casefold() in names else -1


class AddAccountDialog(QDialog):
    """A new account: its name, role and password (twice)."""

    def __init__(self, store: Store, parent: QWidget):
        super().__init__(parent)
        self.store = store
        self.added = ""
        self.setWindowTitle("Add an account — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Add an account"))
        form = QFormLayout()
        self.name = name_box("Account name of the new account")
        self.name_problem = add_row(form, "Account &name:", self.name)
        self.role = QComboBox()
        self.role.setAccessibleName("Role of the new account")
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        self.role_problem = add_row(form, "&Role:", self.role)
        self.passwords = PasswordPair(form, "the new account")
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "&Add account", "Cancel"))
        self.name.setFocus()

    def accept(self) -> None:
        self.name_problem.clear()
        self.role_problem.clear()
        name = self.name.text().strip()
        if not name:
            self.passwords.clear_problems()
            self.name_problem.show_problem("Type the account name, for example j.smith.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        password = self.passwords.checked()
        if password is None:
            return
        role = self.role.currentData()
        try:
            user = self.store.add_user(name, role, password)
        except PasswordError as exc:
            self.passwords.refuse(str(exc))
            return
        except AccountError as exc:  # the name: empty, unusable or taken; or the role
            problem, field = (
                (self.role_problem, self.role)
                if "is not a role" in str(exc)
                else (self.name_problem, self.name)
            )
            problem.show_problem(str(exc))
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except (PermissionDenied, StoreError) as exc:
            self.name_problem.show_problem(f"The account was not added: {exc}")
            return
        self.added = user.name
        super().accept()


class ResetPasswordDialog(QDialog):
    """A new password (twice) for one account; it also ends a lockout. With `enable`, the
    account is disabled and has no key slot: the new password gives it one and enables it."""

    def __init__(self, store: Store, name: str, parent: QWidget, *, enable: bool = False):
        super().__init__(parent)
        self.store, self.account, self.enable = store, name, enable
        self.setWindowTitle(
            "Enable an account — officer-app" if enable else "Reset a password — officer-app"
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{'Enable' if enable else 'New password for'} {name}"))
        said = QLabel(
            "Disabling the account removed its key to the encrypted database, so it needs a "
            "new password to be enabled. Give the password to its owner in person."
            if enable
            else "Give the new password to its owner in person; it also ends a lockout after "
            "wrong passwords."
        )
        said.setTextFormat(Qt.TextFormat.PlainText)
        said.setWordWrap(True)
        layout.addWidget(said)
        form = QFormLayout()
        self.passwords = PasswordPair(form, name)
        layout.addLayout(form)
        accept = "&Enable with this password" if enable else "&Set password"
        layout.addWidget(dialog_buttons(self, accept, "Cancel"))
        self.passwords.first.setFocus()

    def accept(self) -> None:
        password = self.passwords.checked()
        if password is None:
            return
        try:
            self.store.reset_password(self.account, password)
            if self.enable:
                self.store.set_disabled(self.account, False)
        except PasswordError as exc:
            self.passwords.refuse(str(exc))
            return
        except (AccountError, PermissionDenied, StoreError) as exc:
            self.passwords.refuse(f"The password was not changed: {exc}")
            return
        super().accept()


class AccountsDialog(QDialog):
    """The accounts table and what an administrator can do to them."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.child_dialog: QDialog | None = None
        self.setWindowTitle("Accounts — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Accounts"))
        roles = QLabel(ROLES_SAID)
        roles.setWordWrap(True)
        layout.addWidget(roles)
        self.model = AccountsModel(self)
        self.table = self._table()
        caption = QLabel("&Accounts:")
        caption.setBuddy(self.table)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        self.problem = FieldProblem(self.table)
        layout.addWidget(self.problem)
        self.done_line = QLabel("")
        self.done_line.setTextFormat(Qt.TextFormat.PlainText)
        self.done_line.setWordWrap(True)
        layout.addWidget(self.done_line)
        layout.addLayout(self._buttons())
        self.reload()
        self.table.selectRow(0)
        self.table.setFocus()

    def _table(self) -> QTableView:
        return item_table(self.model, "Accounts", many=False, changed=self._update_buttons)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("A&dd account…")
        self.add_button.clicked.connect(self.add_account)
        self.reset_button = QPushButton("&Reset password…")
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button = QPushButton("D&isable account")
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.close_button = QPushButton("&Close")
        self.close_button.clicked.connect(self.reject)
        for button in (self.add_button, self.reset_button, self.disable_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    # ------------------------------------------------------------ the list

    def reload(self, select: str = "") -> None:
        name = select or (self.selected().name if self.selected() else "")
        try:
            self.model.set_accounts(self.store.accounts())
        except (PermissionDenied, StoreError) as exc:
            self.problem.show_problem(f"The accounts cannot be read: {exc}")
        row = self.model.row_of(name) if name else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.accounts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        account = self.selected()
        self.reset_button.setEnabled(account is not None)
        self.disable_button.setEnabled(account is not None)
        enable = account is not None and account.disabled
        self.disable_button.setText("E&nable account" if enable else "D&isable account")
        if account is not None:
            self.disable_button.setAccessibleDescription(f"{account.name}, {account.status}")

    def _done(self, text: str) -> None:
        self.problem.clear()
        self.done_line.setText(text)
        announce(self.done_line, text)

    # ------------------------------------------------------------ actions

    def add_account(self) -> AddAccountDialog:
        dialog = AddAccountDialog(self.store, self)
        dialog.accepted.connect(lambda: self._added(dialog.added))
        self._open(dialog)
        return dialog

    def _added(self, name: str) -> None:
        self.reload(select=name)
        account = self.selected()
        role = ROLE_LABELS.get(account.role, account.role) if account else ""
        self._done(f"Account {name} ({role}) added.")

    def reset_password(self) -> ResetPasswordDialog | None:
        account = self.selected()
        if account is None:
            return None
        dialog = ResetPasswordDialog(self.store, account.name, self)
        dialog.accepted.connect(lambda: self._reset(account.name))
        self._open(dialog)
        return dialog

    def _reset(self, name: str) -> None:
        self.reload(select=name)
        self._done(f"The password of {name} was reset.")

    def toggle_disabled(self) -> bool:
        """Disable the selected account, or enable it again; a refusal beside the list."""
        account = self.selected()
        if account is None:
            return False
        disable = not account.disabled
        if not disable and not account.has_key:
            dialog = ResetPasswordDialog(self.store, account.name, self, enable=True)
            dialog.accepted.connect(lambda: self._enabled(account.name))
            self._open(dialog)
            return False
        try:
            self.store.set_disabled(account.name, disable)
        except (AccountError, PermissionDenied, StoreError) as exc:
            self.problem.show_problem(
                f"{account.name} was not {'disabled' if disable else 'enabled'}: {exc}"
            )
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.reload(select=account.name)
        self._done(f"Account {account.name} {'disabled' if disable else 'enabled again'}.")
        return True

    def _enabled(self, name: str) -> None:
        self.reload(select=name)
        self._done(f"Account {name} enabled again, with a new password.")

    def _open(self, dialog: QDialog) -> None:
        self.child_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: self.table.setFocus())
        dialog.open()


_REFUSAL: QMessageBox | None = None


def open_accounts(parent: QWidget | None, store: Store) -> AccountsDialog | None:
    """Open the accounts dialog for an administrator; anyone else is told why not (the
    store's own refusal) and gets None."""
    global _REFUSAL
    if not may(store.user, "manage accounts"):
        try:
            store.accounts()
        except PermissionDenied as exc:
            _REFUSAL = show_warning(parent, "Accounts", str(exc))  # kept alive without parent
        return None
    dialog = AccountsDialog(store, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
