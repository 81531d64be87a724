"""Signing in: the first administrator on a new (encrypted) database, the sign-in dialog's
refusals in words (the name kept, the password cleared), a wrong password opening and changing
nothing and being recorded after the next sign-in, an account the lock screen locked refused,
the last name offered again, and `ui.app.run` asking before any window opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit

from officer_app.permissions import ADMINISTRATOR, User
from officer_app.store import LoginError, Store, StoreError
from officer_app.store.opening import PLAINTEXT_MAGIC as SQLITE_MAGIC
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, open_store
from tests.ui.conftest import type_text
from ui import app as app_module
from ui.autosave import app_settings
from ui.idle_lock import installed_lock
from ui.main_window import MainWindow
from ui.sign_in import FirstAdminDialog, SignInDialog, sign_in_dialog

ADMIN = "a.łuczak<&>"
OFFICER = ACCOUNT_NAMES["officer"]


def focused():
    return QApplication.focusWidget()


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


def type_into(box: QLineEdit, text: str) -> None:
    box.setFocus()
    box.selectAll()
    QTest.keyClick(box, Qt.Key.Key_Delete)
    type_text(box, text)


def wholly_shown(qtbot, label: QLabel) -> bool:
    """Every wrapped line of the label is inside its window."""
    qtbot.wait(20)  # the layout's pass
    bottom = label.mapTo(label.window(), label.rect().bottomLeft()).y()
    needed = label.heightForWidth(label.width())
    return label.height() >= needed and bottom <= label.window().height()


def sign_in_by_keyboard(dialog: SignInDialog, name: str, password: str) -> None:
    type_into(dialog.name, name)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert focused() is dialog.password
    type_text(dialog.password, password)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)


def fill_first_admin(dialog: FirstAdminDialog, name: str, first: str, again: str) -> None:
    type_into(dialog.name, name)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert focused() is dialog.passwords.first
    type_text(dialog.passwords.first, first)
    QTest.keyClick(dialog.passwords.first, Qt.Key.Key_Tab)
    assert focused() is dialog.passwords.second
    type_text(dialog.passwords.second, again)
    QTest.keyClick(dialog.passwords.second, Qt.Key.Key_Return)


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file in the folder with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def database(tmp_path) -> Path:
    """An encrypted database with the test accounts (each with a key slot), closed, alone in
    its folder."""
    path = tmp_path / "Krężołek & <co>" / "officer.sqlite"
    path.parent.mkdir()
    with open_store(path) as store:
        add_accounts(store)
    return path


@pytest.fixture
def closing():
    """Stores a dialog opened, closed at the end of the test."""
    opened: list = []
    yield opened.append
    for store in opened:
        if store is not None:
            store.close()


def test_a_new_database_asks_for_its_first_administrator_and_signs_them_in(
    qtbot, tmp_path, closing
):
    path = tmp_path / "new.sqlite"
    dialog = shown(qtbot, sign_in_dialog(path))
    assert isinstance(dialog, FirstAdminDialog)
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "export referrals" in said and "manage" in said and "no default passwords" in said
    assert focused() is dialog.name

    fill_first_admin(dialog, ADMIN, PASSWORD, PASSWORD + "x")
    assert dialog.isVisible() and dialog.store is None and not path.exists()
    assert "differ" in dialog.passwords.second_problem.text()
    assert dialog.passwords.second_problem.isVisible() and focused() is dialog.passwords.second

    fill_first_admin(dialog, ADMIN, "Łódź<&>", "Łódź<&>")
    assert "at least 8" in dialog.passwords.first_problem.text()
    assert dialog.store is None and not path.exists() and focused() is dialog.passwords.first

    fill_first_admin(dialog, ADMIN, PASSWORD, PASSWORD)
    closing(dialog.store)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.user == dialog.store.user == User(ADMIN, ADMINISTRATOR)
    (account,) = dialog.store.accounts()
    assert (account.name, account.role, account.last_login != "") == (ADMIN, ADMINISTRATOR, True)
    assert [e.action for e in dialog.store.audit_log()] == ["account create", "login"]
    assert not path.read_bytes().startswith(SQLITE_MAGIC)  # created encrypted
    with Store.open(path, ADMIN, PASSWORD) as again:  # the administrator's slot opens it
        assert again.user == User(ADMIN, ADMINISTRATOR)


def test_the_first_administrator_needs_a_usable_name(qtbot, tmp_path):
    path = tmp_path / "new.sqlite"
    dialog = shown(qtbot, FirstAdminDialog(path))
    fill_first_admin(dialog, "a łuczak", PASSWORD, PASSWORD)
    assert "without spaces" in dialog.name_problem.text() and dialog.name_problem.isVisible()
    assert dialog.store is None and focused() is dialog.name
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []  # no half-made database


def test_a_wrong_password_says_so_keeps_the_name_and_clears_the_password(qtbot, database):
    dialog = shown(qtbot, sign_in_dialog(database))
    assert isinstance(dialog, SignInDialog)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    sign_in_by_keyboard(dialog, OFFICER, "Hasło <&> 2025")
    assert dialog.isVisible() and dialog.store is None and dialog.user is None
    message = dialog.problem.text()
    # a wrong password opens nothing, so there is no count of tries to tell (issue 9)
    assert "Not signed in" in message and "wrong" in message and "tries" not in message
    assert dialog.problem.isVisible() and "wrong" in dialog.password.accessibleDescription()
    assert dialog.name.text() == OFFICER and dialog.password.text() == ""
    assert focused() is dialog.password


def test_wrong_passwords_change_no_file_and_are_recorded_after_the_next_sign_in(
    qtbot, database, closing
):
    before = files_in(database.parent)
    dialog = shown(qtbot, SignInDialog(database, (5, 15)))
    for name in (OFFICER, OFFICER, "nikt<&>", OFFICER, OFFICER, OFFICER):
        sign_in_by_keyboard(dialog, name, "not the password")
        assert "wrong" in dialog.problem.text() and "locked" not in dialog.problem.text()
    assert dialog.store is None and files_in(database.parent) == before  # byte for byte

    sign_in_by_keyboard(dialog, OFFICER, PASSWORD)  # six wrong tries lock nothing here
    closing(dialog.store)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.store.user == dialog.user == User(OFFICER, "officer")
    with open_store(database) as store:
        failed = store.audit_log(action="login failed")
        assert store.audit_log(action="account locked") == []
        (account,) = [a for a in store.accounts() if a.name == OFFICER]
    assert [(e.actor, e.subject) for e in failed] == [(OFFICER, OFFICER)] * 2 + [
        ("nikt<&>", "nikt<&>")
    ] + [(OFFICER, OFFICER)] * 3
    assert all("before the database was opened" in e.detail for e in failed)
    assert account.status == "active"


def test_an_account_locked_on_the_lock_screen_is_refused_at_sign_in(qtbot, database):
    with open_store(database) as store:
        store.lockout_attempts, store.lockout_minutes = 5, 15
        for _ in range(5):  # the lock screen checks passwords on the open database
            with pytest.raises(LoginError):
                store.check_password(OFFICER, "not the password")
    dialog = shown(qtbot, SignInDialog(database, (5, 15)))
    sign_in_by_keyboard(dialog, OFFICER, PASSWORD)  # the right one, too late
    assert "is locked" in dialog.problem.text()
    assert wholly_shown(qtbot, dialog.problem)  # the dialog grew for the wrapped lines
    assert dialog.store is None and dialog.isVisible()


def test_a_disabled_account_is_told_so(qtbot, database):
    with open_store(database) as store:
        store.sign_in(User(ACCOUNT_NAMES["administrator"], ADMINISTRATOR))
        store.set_disabled(OFFICER)
    dialog = shown(qtbot, SignInDialog(database))
    sign_in_by_keyboard(dialog, OFFICER, PASSWORD)
    assert "disabled" in dialog.problem.text() and dialog.store is None


def test_an_empty_name_or_password_is_named_without_asking_the_store(qtbot, database):
    before = files_in(database.parent)
    dialog = shown(qtbot, SignInDialog(database))
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "account name" in dialog.name_problem.text() and focused() is dialog.name
    type_text(dialog.name, OFFICER)
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "Type your password" in dialog.problem.text() and focused() is dialog.password
    assert dialog.failures == [] and dialog.store is None  # the store was not asked
    assert files_in(database.parent) == before


def test_the_last_name_is_offered_next_time_never_the_password(qtbot, database, tmp_path, closing):
    first = shown(qtbot, SignInDialog(database))
    sign_in_by_keyboard(first, OFFICER, PASSWORD)
    closing(first.store)
    assert first.user == first.store.user and first.store.user.name == OFFICER
    again = shown(qtbot, SignInDialog(database))
    assert again.name.text() == OFFICER and again.password.text() == ""
    assert focused() is again.password
    app_settings().sync()
    kept = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "qs").rglob("*.ini"))
    assert "Has" not in kept and "2026" not in kept  # no part of the password


def test_quit_or_escape_signs_nobody_in(qtbot, database):
    dialog = shown(qtbot, SignInDialog(database))
    type_text(dialog.name, OFFICER)
    QTest.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.store is None


# ---------------------------------------------------------------- ui.app.run


def when_shown(kind, then, tries: int = 250) -> None:
    """Call `then(widget)` once a top-level widget of `kind` is shown and active (polling);
    if `then` fails, the dialogs are cancelled and the event loop ends, so nothing hangs."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    if found and QApplication.activeWindow() is found[0]:
        try:
            then(found[0])
        except BaseException:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            QApplication.exit(3)
            raise
    elif tries:
        QTimer.singleShot(20, lambda: when_shown(kind, then, tries - 1))
    else:
        QApplication.exit(3)  # never shown: end the test's event loop


def test_quit_at_sign_in_ends_with_status_0_and_no_window(qtbot, tmp_path):
    path = tmp_path / "officer.sqlite"
    with open_store(path) as store:
        add_accounts(store)

    def press_escape(dialog):
        QTest.keyClick(dialog.name, Qt.Key.Key_Escape)

    when_shown(SignInDialog, press_escape)
    assert app_module.run(path) == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_first_start_through_run_creates_the_administrator_before_the_main_window(qtbot, tmp_path):
    path = tmp_path / "new.sqlite"
    seen: dict = {}

    def create(dialog):
        seen["dialog"] = type(dialog).__name__
        seen["windows before"] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
        ]
        fill_first_admin(dialog, ADMIN, PASSWORD, PASSWORD)
        when_shown(MainWindow, look_and_close)

    def look_and_close(window):
        seen["user"] = window.store.user
        seen["lock"] = installed_lock() is not None and installed_lock().store is window.store
        seen["log"] = [e.action for e in window.store.audit_log()]
        QApplication.exit(0)  # closing the window here would post a Quit that outlives run()

    when_shown(FirstAdminDialog, create)
    try:
        assert app_module.run(path) == 0
    finally:
        QApplication.removePostedEvents(QApplication.instance(), QEvent.Type.Quit)
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow):
                window.close()
    assert installed_lock() is None  # run() stopped watching when its window closed
    assert seen["dialog"] == "FirstAdminDialog" and seen["windows before"] == []
    assert seen["user"] == User(ADMIN, ADMINISTRATOR) and seen["lock"]
    assert seen["log"] == ["account create", "login"]
    assert not path.read_bytes().startswith(SQLITE_MAGIC)
    with Store.open(path, ADMIN, PASSWORD) as store:  # the store run() made, closed
        assert store.user == User(ADMIN, ADMINISTRATOR)


def test_enter_signs_in_even_after_tab_passed_the_quit_button(qtbot, database, closing):
    dialog = shown(qtbot, SignInDialog(database))
    type_into(dialog.name, OFFICER)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(dialog.password, PASSWORD)
    for _ in range(8):  # round the dialog: Sign in, Quit, the name, back to the password
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is dialog.password:
            break
    assert focused() is dialog.password
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    closing(dialog.store)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store.user.name == OFFICER


def test_when_the_earlier_tries_cannot_be_recorded_nobody_is_signed_in(
    qtbot, database, monkeypatch
):
    dialog = shown(qtbot, SignInDialog(database))
    sign_in_by_keyboard(dialog, OFFICER, "not the password")
    opened: list[Store] = []

    def cannot_write(store, failures):
        opened.append(store)
        raise StoreError("The earlier wrong passwords were not recorded (disk full <&>).")

    monkeypatch.setattr(Store, "record_earlier_failures", cannot_write)
    sign_in_by_keyboard(dialog, OFFICER, PASSWORD)
    assert dialog.isVisible() and dialog.store is None and dialog.user is None
    assert "Not signed in" in dialog.problem.text() and "disk full <&>" in dialog.problem.text()
    assert len(dialog.failures) == 1 and focused() is dialog.password
    with pytest.raises(Exception, match="closed"):  # the store it opened is closed again
        opened[0].count()
