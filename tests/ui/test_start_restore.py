"""A damaged database at start (cut short or empty): the "cannot start" message offers "Restore
from a backup…" beside "Quit". Quit changes no file and ends with status 0; a wrong password
in the restore dialog is said there and changes no file; the backup's password, confirmed,
restores the database (the damaged file kept beside it under a new name, with its key file),
says so, and the sign-in follows on the restored database. The open dialog is native and
cannot be driven: it answers a path (QFileDialog patched) and is checked to start at the last
backup; the rest is real."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from officer_app.store import Store
from officer_app.store.backups import backup
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, open_store
from tests.test_permissions import start
from tests.ui.conftest import type_text
from tests.ui.test_sign_in import files_in, focused, type_into, when_shown
from ui import app as app_module
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreConfirmation
from ui.sign_in import SignInDialog
from ui.start_restore import CANNOT_START, StartRestoreDialog

ADMIN = ACCOUNT_NAMES["administrator"]
REFERENCE = "CV-9 <Łuczak> & Krężołek"


@pytest.fixture
def damaged(tmp_path, valid_checklist) -> tuple[Path, Path]:
    """An encrypted database holding one checklist, backed up, then cut short; (database,
    backup)."""
    folder = tmp_path / "Krężołek & <co>"
    folder.mkdir()
    path = folder / "officer.sqlite"
    target = tmp_path / "kopie <&>" / "kopia Łuczak.sqlite"
    target.parent.mkdir()
    with open_store(path) as store:
        users = add_accounts(store)
        store.sign_in(users["officer"])
        start(store, valid_checklist, REFERENCE)
        store.sign_in(None)
        backup(store, target)
    with open(path, "r+b") as handle:  # cut short in the middle of a page
        handle.truncate(path.stat().st_size - 1000)
    return path, target


def opened_from(monkeypatch, source: Path) -> list[str]:
    """The open dialog answers `source`; where it was asked to start, in order."""
    started: list[str] = []

    def answer(parent, caption, where, filters):
        started.append(where)
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return started


def cannot_start(then):
    """`then(box)` once the "cannot start" message is shown; it names the damage."""

    def check(box: QMessageBox) -> None:
        assert box.windowTitle() == CANNOT_START
        assert "cut short" in box.text() and "It was not changed" in box.text()
        then(box)

    when_shown(QMessageBox, check)


def choose_restore(box: QMessageBox) -> None:
    assert focused().text() == "&Quit"  # the default: Enter or Escape quits
    QTest.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)


def no_windows_left() -> bool:
    kinds = (MainWindow, StartRestoreDialog, RestoreConfirmation, SignInDialog, QMessageBox)
    return not [w for w in QApplication.topLevelWidgets() if isinstance(w, kinds) and w.isVisible()]


def test_quit_at_the_message_changes_no_file(qtbot, damaged, monkeypatch):
    path, target = damaged
    before, backup_before = files_in(path.parent), files_in(target.parent)
    started = opened_from(monkeypatch, target)
    cannot_start(lambda box: QTest.keyClick(focused(), Qt.Key.Key_Escape))
    assert app_module.run(path) == 0
    assert started == []  # no file was even asked for
    assert files_in(path.parent) == before and files_in(target.parent) == backup_before
    assert no_windows_left()


def test_a_wrong_password_is_said_in_the_dialog_and_changes_no_file(qtbot, damaged, monkeypatch):
    path, target = damaged
    before, backup_before = files_in(path.parent), files_in(target.parent)
    started = opened_from(monkeypatch, target)
    seen: dict = {}

    def wrong_then_escape(dialog: StartRestoreDialog) -> None:
        seen["said"] = dialog.said.text()
        type_into(dialog.name, ADMIN)
        QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
        assert focused() is dialog.password
        type_text(dialog.password, PASSWORD + " not")
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        seen["refused"] = dialog.password_problem.text()
        seen["confirmation"] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreConfirmation)
        ]
        seen["files"] = files_in(path.parent)
        QTest.keyClick(dialog.password, Qt.Key.Key_Escape)

    cannot_start(choose_restore)
    when_shown(StartRestoreDialog, wrong_then_escape)
    assert app_module.run(path) == 0
    assert started == [str(target)]  # the last backup the key file names
    assert f"The damaged database {path} will be replaced by the backup {target}" in seen["said"]
    assert "officer.replaced-<date and time>.sqlite, with its key file" in seen["said"]
    assert "The name or the password is wrong" in seen["refused"]
    assert "Nothing was changed" in seen["refused"]
    assert seen["confirmation"] == [] and seen["files"] == before
    assert files_in(path.parent) == before and files_in(target.parent) == backup_before
    assert no_windows_left()


def test_the_backups_password_restores_and_the_sign_in_follows(qtbot, damaged, monkeypatch):
    path, target = damaged
    cut_short = path.read_bytes()
    opened_from(monkeypatch, target)
    seen: dict = {}

    def credentials(dialog: StartRestoreDialog) -> None:
        type_into(dialog.name, ADMIN)
        QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
        type_text(dialog.password, PASSWORD)
        when_shown(RestoreConfirmation, confirm)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    def confirm(confirmation: RestoreConfirmation) -> None:
        seen["question"] = confirmation.said.text()
        seen["files before"] = files_in(path.parent)
        assert focused() is confirmation.keep
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is confirmation.replace
        when_shown(QMessageBox, told)
        QTest.keyClick(confirmation.replace, Qt.Key.Key_Space)

    def told(box: QMessageBox) -> None:
        seen["title"], seen["told"] = box.windowTitle(), box.text()
        when_shown(SignInDialog, sign_in_then_quit)
        QTest.keyClick(focused(), Qt.Key.Key_Return)

    def sign_in_then_quit(dialog: SignInDialog) -> None:
        seen["sign in"] = dialog.path
        QTest.keyClick(focused(), Qt.Key.Key_Escape)

    cannot_start(choose_restore)
    when_shown(StartRestoreDialog, credentials)
    assert app_module.run(path) == 0

    question = seen["question"]
    assert f"The damaged database {path} is replaced by the backup {target}" in question
    assert "which holds 1 checklist" in question and "The backup was made on " in question
    assert "The damaged database is kept under a new name beside it" in question
    assert seen["files before"]["officer.sqlite"] == cut_short  # nothing before the confirmation

    (kept,) = sorted(path.parent.glob("officer.replaced-*.sqlite"))
    assert kept.read_bytes() == cut_short and Path(f"{kept}.keys").is_file()
    assert seen["title"] == "The database is restored"
    assert str(kept) in seen["told"] and str(target) in seen["told"]
    assert seen["sign in"] == path
    with Store.open(path, ADMIN, PASSWORD) as restored:
        assert "restore" in [e.action for e in restored.audit_log()]
    with Store.open(path, ACCOUNT_NAMES["officer"], PASSWORD) as restored:  # the officer's draft
        assert [r.reference for r in restored.list()] == [REFERENCE]
    assert no_windows_left()


def test_damage_found_once_the_password_opened_the_file_offers_the_restore_too(
    qtbot, tmp_path, valid_checklist, monkeypatch
):
    """A page inside the file damaged (its size whole): only the check after the password
    finds it. The sign-in dialog gives way to the same message with the same offer."""
    path = tmp_path / "officer.sqlite"
    with open_store(path) as store:
        users = add_accounts(store)
        store.sign_in(users["officer"])
        start(store, valid_checklist, REFERENCE)
    content = bytearray(path.read_bytes())
    content[3 * 4096 + 100 : 3 * 4096 + 160] = bytes(60)
    path.write_bytes(bytes(content))
    before = files_in(path.parent)
    offered: list[str] = []

    def sign_in(dialog: SignInDialog) -> None:
        type_into(dialog.name, ADMIN)
        type_into(dialog.password, PASSWORD)
        when_shown(QMessageBox, refuse_restore)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    def refuse_restore(box: QMessageBox) -> None:
        assert box.windowTitle() == CANNOT_START and "is damaged" in box.text()
        offered.append(" ".join(b.text() for b in box.buttons()))
        QTest.keyClick(focused(), Qt.Key.Key_Escape)

    when_shown(SignInDialog, sign_in)
    assert app_module.run(path) == 0
    assert offered and "Restore from a backup" in offered[0]
    assert files_in(path.parent) == before
    assert no_windows_left()
