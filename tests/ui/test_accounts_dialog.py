"""The accounts dialog, by keyboard, on a real database: an administrator adds an account,
resets a password (ending a lockout), disables and enables one; refusals are sentences beside
the field at fault; anyone else is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from officer_app.store.users import LoginError
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts
from tests.ui.conftest import type_text
from ui.accounts_dialog import AccountsDialog, open_accounts

NEW_NAME = "pc.wiśniewski<&>"
NEW_PASSWORD = "Żółw <&> 2027"
OFFICER = ACCOUNT_NAMES["officer"]
ADMIN = ACCOUNT_NAMES["administrator"]


def focused():
    return QApplication.focusWidget()


def tab_to(widget: QWidget) -> None:
    for _ in range(12):
        if focused() is widget:
            return
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is widget


def press(button) -> None:
    """Reach a button with Tab from where the focus is, and press it with Space."""
    tab_to(button)
    QTest.keyClick(button, Qt.Key.Key_Space)


def active(qtbot, dialog):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def account(store, name):
    (found,) = [a for a in store.accounts() if a.name == name]
    return found


@pytest.fixture
def users(store):
    made = add_accounts(store)
    store.sign_in(made["administrator"])
    return made


@pytest.fixture
def dialog(qtbot, store, users):
    opened = open_accounts(None, store)
    assert isinstance(opened, AccountsDialog)
    qtbot.addWidget(opened)
    return active(qtbot, opened)


def select(dialog: AccountsDialog, name: str) -> None:
    """Move through the list with the arrow keys to the account."""
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Home)
    for _ in range(len(dialog.model.accounts)):
        if dialog.selected() and dialog.selected().name == name:
            return
        QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected().name == name


def retype(box, text: str) -> None:
    tab_to(box)
    box.selectAll()
    QTest.keyClick(box, Qt.Key.Key_Delete)
    type_text(box, text)


def fill_passwords(pair, first: str, again: str) -> None:
    retype(pair.first, first)
    QTest.keyClick(pair.first, Qt.Key.Key_Tab)
    retype(pair.second, again)
    QTest.keyClick(pair.second, Qt.Key.Key_Return)


def test_the_list_shows_each_account_with_its_role_status_and_last_sign_in(dialog, store):
    rows = [
        [dialog.model.index(r, c).data() for c in range(4)] for r in range(dialog.model.rowCount())
    ]
    assert [r[0] for r in rows] == sorted(ACCOUNT_NAMES.values())
    assert [ADMIN, "Administrator", "active", "never"] in rows
    assert focused() is dialog.table and dialog.selected().name == ADMIN


def test_an_administrator_adds_an_account_by_keyboard(qtbot, dialog, store):
    press(dialog.add_button)
    add = active(qtbot, dialog.child_dialog)
    assert focused() is add.name
    type_text(add.name, NEW_NAME)
    QTest.keyClick(add.name, Qt.Key.Key_Tab)
    assert focused() is add.role
    QTest.keyClick(add.role, Qt.Key.Key_Down)  # Officer -> Supervisor
    fill_passwords(add.passwords, NEW_PASSWORD, NEW_PASSWORD)
    assert not add.isVisible()
    new = account(store, NEW_NAME)
    assert (new.role, new.status) == ("supervisor", "active")
    assert dialog.selected().name == NEW_NAME
    assert dialog.done_line.text() == f"Account {NEW_NAME} (Supervisor) added."
    store.check_password(NEW_NAME, NEW_PASSWORD)  # the new password works


def test_refusals_are_named_beside_the_field_at_fault(qtbot, dialog, store):
    press(dialog.add_button)
    add = active(qtbot, dialog.child_dialog)
    type_text(add.name, OFFICER)  # taken
    fill_passwords(add.passwords, NEW_PASSWORD, NEW_PASSWORD)
    assert "already exists" in add.name_problem.text() and add.name_problem.isVisible()
    assert focused() is add.name and add.isVisible()

    retype(add.name, NEW_NAME)
    fill_passwords(add.passwords, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert "differ" in add.passwords.second_problem.text()
    assert add.name_problem.text() == "" or not add.name_problem.isVisible()

    fill_passwords(add.passwords, "Łódź<&>", "Łódź<&>")
    assert "at least 8" in add.passwords.first_problem.text()
    assert focused() is add.passwords.first
    assert NEW_NAME not in [a.name for a in store.accounts()]
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not add.isVisible()


def test_reset_password_sets_a_new_one_and_ends_a_lockout(qtbot, dialog, store):
    for _ in range(5):
        with pytest.raises(LoginError):
            store.check_password(OFFICER, "wrong password")
    dialog.reload()
    assert account(store, OFFICER).status.startswith("locked until")
    select(dialog, OFFICER)
    press(dialog.reset_button)
    reset = active(qtbot, dialog.child_dialog)
    assert focused() is reset.passwords.first
    fill_passwords(reset.passwords, NEW_PASSWORD, NEW_PASSWORD)
    assert not reset.isVisible()
    assert account(store, OFFICER).status == "active"
    assert dialog.done_line.text() == f"The password of {OFFICER} was reset."
    store.check_password(OFFICER, NEW_PASSWORD)
    with pytest.raises(LoginError):
        store.check_password(OFFICER, PASSWORD)


def test_disable_and_enable_an_account(qtbot, dialog, store):
    select(dialog, OFFICER)
    assert dialog.disable_button.text() == "D&isable account"
    press(dialog.disable_button)
    assert account(store, OFFICER).disabled
    assert dialog.selected().name == OFFICER and dialog.disable_button.text() == "E&nable account"
    row = dialog.model.row_of(OFFICER)
    assert dialog.model.index(row, 2).data() == "disabled"
    with pytest.raises(LoginError, match="disabled"):
        store.check_password(OFFICER, PASSWORD)
    assert store.key_file().slot(OFFICER) is None  # disabling removed its key slot
    QTest.keyClick(focused(), Qt.Key.Key_Space)  # the same button, now Enable
    enabling = dialog.child_dialog
    assert (
        enabling.isVisible() and "needs a new password" in enabling.findChildren(QLabel)[1].text()
    )
    assert account(store, OFFICER).disabled  # not until it has a new password
    type_text(enabling.passwords.first, "Nowe <hasło> & 2026")
    type_text(enabling.passwords.second, "Nowe <hasło> & 2026")
    QTest.keyClick(enabling.passwords.second, Qt.Key.Key_Return)
    assert not account(store, OFFICER).disabled
    assert dialog.done_line.text() == f"Account {OFFICER} enabled again, with a new password."
    assert store.check_password(OFFICER, "Nowe <hasło> & 2026").name == OFFICER


def test_an_administrator_cannot_disable_their_own_account(qtbot, dialog, store):
    select(dialog, ADMIN)
    press(dialog.disable_button)
    assert "cannot disable your own account" in dialog.problem.text()
    assert dialog.problem.isVisible() and not account(store, ADMIN).disabled


def test_anyone_but_an_administrator_is_refused(qtbot, store, users):
    store.sign_in(users["supervisor"])
    assert open_accounts(None, store) is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    refusal = [b for b in boxes if b.isVisible() and "cannot manage accounts" in b.text()]
    assert refusal
    for box in refusal:
        box.close()
    assert not any(
        isinstance(w, AccountsDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
