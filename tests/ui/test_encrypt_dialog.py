"""Encrypting an unencrypted database from an earlier officer-app in the window (issue 9, item
3): a wrong password is refused beside its box and changes no byte; the right one encrypts
the file in place, leaves the child's name in no file, and says which accounts need a new
password; the original is kept where the user says, or overwritten and removed; Quit changes
nothing; a file from before accounts gets its first administrator; once encrypted, the file is
opened as the administrator who typed the password (no second sign-in, the name remembered);
`ui.app.run` offers the encryption before anyone signs in and opens the window straight after.
The dialog shows its whole explanation, however tall, and grows when a refusal appears.

The earlier version's file is made as that version made it: the plain `sqlite3` module (no
encryption), the real migrations up to the schema it had, WAL, a checklist written the way
schema 1 wrote it (a child named Łuczak) and accounts with argon2id password hashes."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from sqlite_utils import Database

from officer_app.accounts import passwords
from officer_app.permissions import ADMINISTRATOR, User
from officer_app.store import Store
from officer_app.store.opening import PLAINTEXT_MAGIC
from officer_app.store.schema import migrate
from tests.conftest import PASSWORD
from tests.test_store import insert_v1_row
from tests.ui.conftest import type_text
from tests.ui.test_sign_in import files_in, focused, shown, type_into, when_shown, wholly_shown
from ui import app as app_module
from ui.encrypt_dialog import EncryptDialog
from ui.main_window import MainWindow
from ui.sign_in import SignInDialog, last_name, remember_name

CHILD = "Łuczak".encode()  # a child's name, in UTF-8, as the earlier version left it on disk
ADMIN = "a.łuczak<&>"
OFFICER = "pc.krężołek"
SUPERVISOR = "sgt.nowak"


def earlier_file(path: Path, checklist, *, schema: int = 5, accounts: bool = True) -> Path:
    """An unencrypted database as an earlier officer-app left it at `schema`, holding
    `checklist` and (schema 5 and `accounts`) an administrator, an officer and a supervisor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db_conn = sqlite3.connect(str(path))
    db_conn.execute("PRAGMA journal_mode = WAL")  # as the earlier versions opened it
    db = Database(db_conn)
    assert migrate(db, target=1) == 1
    insert_v1_row(db, checklist, 1)
    db_conn.commit()
    assert migrate(db, target=schema) == schema
    if accounts:
        for name, role in (
            (ADMIN, ADMINISTRATOR),
            (OFFICER, "officer"),
            (SUPERVISOR, "supervisor"),
        ):
            db.execute(
                "INSERT INTO users (name, role, password_hash, created_at)"
                " VALUES (?, ?, ?, '2025-11-03T09:00:00+00:00')",
                [name, role, passwords.hash_password(PASSWORD)],
            )
        db_conn.commit()
    db_conn.close()
    assert path.read_bytes().startswith(PLAINTEXT_MAGIC) and CHILD in path.read_bytes()
    return path


@pytest.fixture
def earlier(tmp_path, valid_checklist) -> Path:
    return earlier_file(tmp_path / "Krężołek & <co>" / "officer.sqlite", valid_checklist)


def encrypt_by_keyboard(dialog: EncryptDialog, name: str, password: str) -> None:
    type_into(dialog.name, name)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert focused() is dialog.password
    type_text(dialog.password, password)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)


def opened_as(dialog: EncryptDialog) -> User:
    """Who the accepted dialog opened the encrypted file as; the store is closed."""
    assert dialog.store is not None, dialog.open_problem
    with dialog.store as store:
        assert store.path == dialog.path and store.user is not None
        return store.user


def children_in(path: Path, name: str) -> list[str]:
    """The children's names of every checklist in the encrypted file, read by `name` with
    PASSWORD through their key slot."""
    with Store.open(path, name, PASSWORD) as store:
        store.sign_in(None)  # maintenance access: every checklist, whatever its state
        return [child["name"] for c in store.list() for child in store.load(c.id).data["children"]]


def test_a_wrong_password_or_a_non_administrator_is_refused_and_no_byte_changes(qtbot, earlier):
    before = files_in(earlier.parent)
    dialog = shown(qtbot, EncryptDialog(earlier))
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "not encrypted" in said and "officer.sqlite.keys" in said and "administrators" in said
    assert focused() is dialog.name and dialog.remove.isChecked()

    encrypt_by_keyboard(dialog, ADMIN, "Hasło <&> 2025")
    assert dialog.isVisible() and dialog.result_report is None
    assert "Not encrypted" in dialog.password_problem.text()
    assert "wrong" in dialog.password_problem.text() and dialog.password_problem.isVisible()
    assert dialog.password.text() == "" and focused() is dialog.password
    assert dialog.name.text() == ADMIN
    assert files_in(earlier.parent) == before

    encrypt_by_keyboard(dialog, OFFICER, PASSWORD)  # the right password, but an officer's
    assert "not an active administrator" in dialog.name_problem.text()
    assert dialog.isVisible() and files_in(earlier.parent) == before


def test_the_right_password_encrypts_in_place_and_names_who_needs_a_new_password(qtbot, earlier):
    remember_name("j.smith")  # who signed in last time, to another database
    dialog = shown(qtbot, EncryptDialog(earlier, lockout=(5, 15)))
    encrypt_by_keyboard(dialog, ADMIN, "Hasło <&> 2025")  # wrong first
    assert dialog.isVisible() and dialog.store is None
    encrypt_by_keyboard(dialog, ADMIN, PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    # opened as the administrator, as signing in does: nobody types the password twice
    assert dialog.store is not None and dialog.store.lockout_attempts == 5
    (failed,) = dialog.store.audit_log(action="login failed")
    assert failed.actor == ADMIN and "before the database was opened" in failed.detail
    assert [e.action for e in dialog.store.audit_log()][-3:] == [
        "database encrypt",
        "login",
        "login failed",  # recorded by the one who has just signed in, as the sign-in box does
    ]
    assert opened_as(dialog) == User(ADMIN, ADMINISTRATOR)
    assert last_name() == ADMIN  # offered at the next sign-in, not j.smith

    assert not earlier.read_bytes().startswith(PLAINTEXT_MAGIC)
    for name, content in files_in(earlier.parent).items():
        assert CHILD not in content, name
    assert sorted(files_in(earlier.parent)) == ["officer.sqlite", "officer.sqlite.keys"]
    report = dialog.result_report.report()
    assert "is now encrypted (1 checklists" in report
    assert "overwritten with zeros and removed" in report
    needing = next(line for line in report.splitlines() if "need a new password" in line)
    assert OFFICER in needing and SUPERVISOR in needing and ADMIN not in needing

    assert "Kacper Łuczak" in children_in(earlier, ADMIN)
    with Store.open(earlier, ADMIN, PASSWORD) as store:
        assert store.user == User(ADMIN, ADMINISTRATOR)
        assert store.audit_log(action="database encrypt")
        store.reset_password(SUPERVISOR, PASSWORD)  # as the report says
    with Store.open(earlier, SUPERVISOR, PASSWORD) as store:
        (row,) = store.list()
        assert "Kacper Łuczak" in row.people


def test_keep_moves_the_unencrypted_original_to_the_file_named(qtbot, earlier, tmp_path):
    original = earlier.read_bytes()
    keep = tmp_path / "kept" / "stare <dane> Łuczak.sqlite"
    keep.parent.mkdir()
    dialog = shown(qtbot, EncryptDialog(earlier))
    assert not dialog.keep_path.isEnabled()
    type_into(dialog.name, ADMIN)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    assert dialog.keep.isChecked() and dialog.keep_path.isEnabled()
    type_into(dialog.keep_path, str(keep))
    QTest.keyClick(dialog.keep_path, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert opened_as(dialog) == User(ADMIN, ADMINISTRATOR)
    assert keep.read_bytes() == original  # moved as it was
    assert stat.S_IMODE(keep.stat().st_mode) == 0o600
    assert f"moved to {keep}" in dialog.result_report.report()
    for name, content in files_in(earlier.parent).items():
        assert CHILD not in content, name
    assert "Kacper Łuczak" in children_in(earlier, ADMIN)


def test_keep_refuses_a_file_that_exists_and_changes_nothing(qtbot, earlier, tmp_path):
    keep = tmp_path / "there.sqlite"
    keep.write_bytes(b"someone's <&> file")
    before = files_in(earlier.parent)
    dialog = shown(qtbot, EncryptDialog(earlier))
    type_into(dialog.name, ADMIN)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    type_into(dialog.keep_path, str(keep))
    QTest.keyClick(dialog.keep_path, Qt.Key.Key_Return)
    assert dialog.isVisible() and "already exists" in dialog.keep_problem.text()
    assert dialog.keep_problem.isVisible() and focused() is dialog.keep_path
    # the dialog grew for the refusal: neither it nor the explanation is cut off
    assert wholly_shown(qtbot, dialog.keep_problem) and wholly_shown(qtbot, dialog.explanation)
    assert "Invalid: " in dialog.keep_path.accessibleDescription()
    assert keep.read_bytes() == b"someone's <&> file"
    assert files_in(earlier.parent) == before and dialog.store is None


def test_the_explanation_is_shown_whole_at_150_percent(qtbot, earlier):
    """At 150% scaling (1366x768: about 910x512 logical pixels) Qt's first size for the
    dialog cut the explanation off; here the text is 1.5 times the style's 10.5pt instead."""
    dialog = EncryptDialog(earlier)
    dialog.setStyleSheet("* { font-size: 15.75pt; }")
    shown(qtbot, dialog)
    assert wholly_shown(qtbot, dialog.explanation)
    bottom = dialog.accept_button.mapTo(dialog, dialog.accept_button.rect().bottomLeft()).y()
    assert bottom <= dialog.height() <= dialog.screen().availableGeometry().height()
    QTest.keyClick(dialog.name, Qt.Key.Key_Escape)


def test_quit_changes_nothing(qtbot, earlier):
    before = files_in(earlier.parent)
    dialog = shown(qtbot, EncryptDialog(earlier))
    type_into(dialog.name, ADMIN)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(dialog.password, PASSWORD)
    QTest.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.result_report is None
    assert files_in(earlier.parent) == before


@pytest.mark.parametrize("schema", [4, 5])
def test_a_file_without_accounts_gets_its_first_administrator(
    qtbot, tmp_path, valid_checklist, schema
):
    path = earlier_file(tmp_path / "old" / "officer.sqlite", valid_checklist, schema=schema,
                        accounts=False)  # fmt: skip
    before = files_in(path.parent)
    dialog = shown(qtbot, EncryptDialog(path))
    assert dialog.password is None and dialog.passwords is not None
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "no accounts yet" in said and "first administrator" in said

    type_into(dialog.name, ADMIN)
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert focused() is dialog.passwords.first
    type_text(dialog.passwords.first, PASSWORD)
    QTest.keyClick(dialog.passwords.first, Qt.Key.Key_Tab)
    type_text(dialog.passwords.second, PASSWORD + "x")
    QTest.keyClick(dialog.passwords.second, Qt.Key.Key_Return)
    assert "differ" in dialog.passwords.second_problem.text() and dialog.isVisible()
    assert files_in(path.parent) == before

    type_text(dialog.passwords.second, PASSWORD)
    QTest.keyClick(dialog.passwords.second, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "need a new password" not in dialog.result_report.report()
    for name, content in files_in(path.parent).items():
        assert CHILD not in content, name
    # opened as the new administrator, as the first administrator of a new database is
    assert dialog.store is not None and [a.name for a in dialog.store.accounts()] == [ADMIN]
    assert opened_as(dialog) == User(ADMIN, ADMINISTRATOR)
    assert last_name() == ADMIN
    assert "Kacper Łuczak" in children_in(path, ADMIN)


# ---------------------------------------------------------------- ui.app.run


def run_until_gone(path: Path) -> int:
    try:
        return app_module.run(path)
    finally:
        QApplication.removePostedEvents(QApplication.instance(), QEvent.Type.Quit)
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow):
                window.close()
                window.deleteLater()  # gone, not just hidden: later tests count main windows
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_run_offers_encryption_first_and_quit_there_changes_nothing(qtbot, earlier):
    before = files_in(earlier.parent)
    seen: list[str] = []

    def quit_encryption(dialog):
        seen.append(type(dialog).__name__)
        QTest.keyClick(dialog.name, Qt.Key.Key_Escape)

    when_shown(EncryptDialog, quit_encryption)
    assert run_until_gone(earlier) == 0
    assert seen == ["EncryptDialog"] and files_in(earlier.parent) == before
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog)
                and w.isVisible()]  # fmt: skip


def test_run_encrypts_says_what_happened_then_opens_the_window_signed_in(
    qtbot, earlier, monkeypatch
):
    remember_name("j.smith")  # who signed in last time, to another database
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "information",
        staticmethod(lambda parent, title, text, *rest: told.append((title, text))),
    )
    signed_in: list = []
    asked: list[SignInDialog] = []

    def encrypt_then_look(dialog):
        encrypt_by_keyboard(dialog, ADMIN, PASSWORD)
        when_shown(MainWindow, look_and_quit)

    def look_and_quit(window):
        asked.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog))
        signed_in.append(window.store.user)
        QApplication.exit(0)

    when_shown(EncryptDialog, encrypt_then_look)
    assert run_until_gone(earlier) == 0
    ((title, text),) = told
    assert title == "The database is encrypted" and "is now encrypted" in text
    assert OFFICER in text and SUPERVISOR in text and "need a new password" in text
    assert signed_in == [User(ADMIN, ADMINISTRATOR)] and asked == []  # no second sign-in
    assert last_name() == ADMIN
    assert not earlier.read_bytes().startswith(PLAINTEXT_MAGIC)
    with Store.open(earlier, ADMIN, PASSWORD) as store:
        assert [e.action for e in store.audit_log()][-3:-1] == ["database encrypt", "login"]
