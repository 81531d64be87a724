"""Administration → Back up… and Restore… on a real encrypted database, by keyboard: the
backup writes FILE and FILE.keys and an audit entry; an officer has neither entry; a restore
with the password as it is now (not as it was in the backup) changes nothing and leaves
everything open; a restore with the backup's password replaces the database (the replaced
file kept), closes the checklist windows and asks the application to quit. The confirmation
says when the backup was made and that erased checklists come back; kept, the dialog says
nothing was changed and fits its content; an unencrypted database of an earlier version is
named as such at once, and another file can be chosen without starting again. The file dialogs
are native and cannot be driven: they answer a path (QFileDialog patched); the rest is real."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from officer_app import workflow
from officer_app.settings import load_settings
from officer_app.store import Store
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, approve, open_store
from tests.test_permissions import start
from tests.ui.conftest import type_text
from tests.ui.test_sign_in import wholly_shown
from ui.backup_dialog import back_up, default_backup_name
from ui.main_window import MainWindow
from ui.restore_dialog import KEPT, RestoreConfirmation, RestoreDialog, restore_database

ADMIN = ACCOUNT_NAMES["administrator"]
NEW_PASSWORD = "Nowe hasło <&> 2027"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "baza Łuczak <&>.sqlite") as opened:
        yield opened


def approved(store, users, checklist, library, reference: str) -> None:
    """A checklist written by the officer and approved by the supervisor (administrators see
    approved checklists); the store is left signed out."""
    store.sign_in(users["officer"])
    written = start(store, checklist, reference)
    workflow.submit(store, written, library)
    store.sign_in(users["supervisor"])
    approve(store, store.load(written.id), library)
    store.sign_in(None)


@pytest.fixture
def users(store, valid_checklist, library):
    """The accounts and one approved checklist, "CV-1 <Łuczak> & Co"."""
    made = add_accounts(store)
    approved(store, made, valid_checklist, library, "CV-1 <Łuczak> & Co")
    return made


def window_for(qtbot, store, library, user) -> MainWindow:
    store.sign_in(user)
    window = MainWindow(store, library, load_settings())
    window.open_exported = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def shown(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def administration(window: MainWindow, letter: Qt.Key) -> None:
    """Alt+A opens the Administration menu; the entry's underlined letter chooses it."""
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.title() == "&Administration"
    QTest.keyClick(menu, letter)


def save_to(monkeypatch, path: Path) -> list[str]:
    proposed: list[str] = []

    def answer(parent, caption, suggested, filters):
        proposed.append(suggested)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return proposed


def open_from(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(path), ""))
    )


def quit_requests(monkeypatch) -> list[bool]:
    asked: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: asked.append(True)))
    return asked


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def replaced_files(store) -> list[Path]:
    return sorted(store.path.parent.glob("*.replaced-*.sqlite"))


# ---------------------------------------------------------------- back up


def test_an_administrator_backs_up_and_is_told_where_the_two_files_are(
    qtbot, store, library, users, tmp_path, monkeypatch
):
    window = window_for(qtbot, store, library, users["administrator"])
    target = tmp_path / "kopia Krężołek <&>.sqlite"
    proposed = save_to(monkeypatch, target)
    administration(window, Qt.Key.Key_B)

    assert Path(proposed[0]).name == default_backup_name()
    assert target.is_file() and Path(f"{target}.keys").is_file()
    (box,) = message_boxes()
    assert str(target) in box.text() and f"{target}.keys" in box.text()
    assert "together" in box.text() and "off this PC" in box.text()
    last = store.audit_log()[-1]
    assert (last.action, last.actor) == ("backup", ADMIN)
    with Store.open(target, ADMIN, PASSWORD) as copy:  # the backup's own key file opens it
        assert [r.reference for r in copy.list()] == ["CV-1 <Łuczak> & Co"]
    box.close()

    # the same file again: the save dialog asked before answering it, so it is replaced
    administration(window, Qt.Key.Key_B)
    (box,) = message_boxes()
    assert box.windowTitle() == "The database is backed up"
    assert [e.action for e in store.audit_log()].count("backup") == 2
    box.close()


def test_a_backup_that_cannot_be_written_says_why_and_leaves_nothing(
    qtbot, store, library, users, tmp_path, monkeypatch
):
    window = window_for(qtbot, store, library, users["administrator"])
    missing = tmp_path / "no such folder" / "kopia.sqlite"
    save_to(monkeypatch, missing)
    administration(window, Qt.Key.Key_B)
    (box,) = message_boxes()
    assert box.windowTitle() == "The database was not backed up"
    assert "does not exist" in box.text() and "Nothing was written" in box.text()
    assert not missing.parent.exists()
    box.close()

    # a key file of that name alone is not replaced unasked (the dialog asked about FILE only)
    target = tmp_path / "kopia <&>.sqlite"
    keys = Path(f"{target}.keys")
    keys.write_text("someone else's <&> file", encoding="utf-8")
    save_to(monkeypatch, target)
    administration(window, Qt.Key.Key_B)
    (box,) = message_boxes()
    assert "already exists" in box.text()
    assert keys.read_text(encoding="utf-8") == "someone else's <&> file"
    assert not target.exists()
    assert "backup" not in [e.action for e in store.audit_log()]
    box.close()


def test_an_officer_has_no_backup_or_restore(qtbot, store, library, users, monkeypatch):
    window = window_for(qtbot, store, library, users["officer"])
    texts = [
        action.text()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    ]
    assert "&Back up…" not in texts and "Re&store…" not in texts
    assert "&Administration" not in [a.text() for a in window.menuBar().actions()]
    assert not hasattr(window, "backup_action") and not hasattr(window, "restore_action")

    # and reached some other way, both are refused before any file is chosen or written
    def no_dialog(*args):
        raise AssertionError("no file dialog for an officer")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(no_dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(no_dialog))
    assert back_up(window) is None and restore_database(window) is None
    boxes = message_boxes()
    assert len(boxes) == 2 and all("an administrator does" in b.text() for b in boxes)
    store.sign_in(None)
    assert "backup" not in [e.action for e in store.audit_log()]
    for box in boxes:
        box.close()


# ---------------------------------------------------------------- restore


@pytest.fixture
def backed_up(store, users, valid_checklist, library, tmp_path):
    """A backup holding CV-1; afterwards CV-2 is written and the administrator's password
    changed, so the database and its accounts differ from the backup's."""
    from officer_app.store.backups import backup

    store.sign_in(users["administrator"])
    target = backup(store, tmp_path / "kopia Krężołek.sqlite")
    approved(store, users, valid_checklist, library, "CV-2 after the backup <&>")
    store.sign_in(users["administrator"])
    store.reset_password(ADMIN, NEW_PASSWORD)
    return target


def restore_dialog(qtbot, window, monkeypatch, source: Path) -> RestoreDialog:
    open_from(monkeypatch, source)
    administration(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), RestoreDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, RestoreDialog)
    assert "replaced" in dialog.said.text() and "closes" in dialog.said.text()
    assert "as they were when the backup was made" in dialog.said.text()
    assert dialog.name.text() == ADMIN  # the one signed in, changeable
    assert QApplication.focusWidget() is dialog.password
    return dialog


def test_restoring_with_the_password_of_today_changes_nothing(
    qtbot, store, library, users, backed_up, monkeypatch
):
    asked_to_quit = quit_requests(monkeypatch)
    window = window_for(qtbot, store, library, users["administrator"])
    ids = [r.id for r in store.list()]
    reading = window.open_checklist(ids[0])
    qtbot.addWidget(reading)
    before = digest(store.path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    dialog = restore_dialog(qtbot, window, monkeypatch, backed_up)
    type_text(dialog.password, NEW_PASSWORD)  # the password now, not the backup's
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    assert "The name or the password is wrong" in dialog.password_problem.text()
    assert dialog.isVisible() and shown(RestoreConfirmation) is None
    assert dialog.password.text() == "" and QApplication.focusWidget() is dialog.password
    # nothing closed, nothing changed
    assert reading.isVisible() and window.isVisible()
    assert digest(store.path) == before and replaced_files(store) == []
    assert [r.reference for r in store.list()] == [
        "CV-2 after the backup <&>",
        "CV-1 <Łuczak> & Co",
    ]
    window.reload()
    assert window.model.rowCount() == 2
    QTest.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked_to_quit == []
    reading.close()


def test_restoring_with_the_backups_password_replaces_the_database_and_quits(
    qtbot, store, library, users, backed_up, monkeypatch
):
    asked_to_quit = quit_requests(monkeypatch)
    window = window_for(qtbot, store, library, users["administrator"])
    reading = window.open_checklist(store.list()[0].id)
    qtbot.addWidget(reading)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before = digest(store.path)

    dialog = restore_dialog(qtbot, window, monkeypatch, backed_up)
    type_text(dialog.password, PASSWORD)  # as it was when the backup was made
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown(RestoreConfirmation))
    confirmation = shown(RestoreConfirmation)
    assert "which holds 1 checklist." in confirmation.said.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter keeps it
    assert not confirmation.isVisible() and digest(store.path) == before
    assert reading.isVisible() and asked_to_quit == []
    assert dialog.outcome.isVisible() and dialog.outcome.text() == KEPT

    type_text(dialog.password, PASSWORD)  # cleared when it was kept
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # Continue… again
    assert not dialog.outcome.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown(RestoreConfirmation))
    confirmation = shown(RestoreConfirmation)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is confirmation.replace
    QTest.keyClick(confirmation.replace, Qt.Key.Key_Space)

    assert not reading.isVisible() and not dialog.isVisible()
    (replaced,) = replaced_files(store)  # with its key file beside it
    (box,) = message_boxes()
    assert box.windowTitle() == "The database is restored"
    assert str(replaced) in box.text() and "1 checklist." in box.text()
    assert "start it again" in box.text()
    assert asked_to_quit == []  # once the message is read
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert asked_to_quit == [True]

    with Store.open(store.path, ADMIN, PASSWORD) as restored:  # the backup's accounts
        assert [r.reference for r in restored.list()] == ["CV-1 <Łuczak> & Co"]
        assert [e.action for e in restored.audit_log()][-2:] == ["restore", "login"]
    with open_store(replaced) as kept:
        assert len(kept.list()) == 2
    assert Path(f"{replaced}.keys").is_file()


def fits(qtbot, dialog) -> bool:
    """The dialog is as tall as its content at its width: nothing cut off, no blank gaps."""
    qtbot.wait(20)
    needed = dialog.layout().totalHeightForWidth(dialog.width())
    return abs(dialog.height() - needed) <= 1


def test_the_confirmation_says_when_the_backup_was_made_and_keeps_the_database_on_escape(
    qtbot, store, library, users, backed_up, monkeypatch
):
    made = datetime(2026, 11, 3, 9, 15).timestamp()
    os.utime(backed_up, (made, made))
    window = window_for(qtbot, store, library, users["administrator"])
    dialog = restore_dialog(qtbot, window, monkeypatch, backed_up)
    aside = "baza Łuczak <&>.replaced-<date and time>.sqlite"
    assert f"kept beside it as {aside}, with its key file" in dialog.said.text()
    type_text(dialog.password, NEW_PASSWORD)  # wrong: the dialog grows for the refusal
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.password_problem.isVisible()
    type_text(dialog.password, PASSWORD)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown(RestoreConfirmation))
    said = shown(RestoreConfirmation).said.text()
    assert "The backup was made on 03/11/2026 at 09:15" in said
    assert "checklists erased since then come back" in said
    assert "erase them again (Administration → Retention…)" in said
    focus: QWidget = QApplication.focusWidget()
    assert focus is shown(RestoreConfirmation).keep
    QTest.keyClick(focus, Qt.Key.Key_Escape)
    assert replaced_files(store) == [] and len(store.list()) == 2
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.cancel_button
    # what happened is said, the password is gone, and no blank gap is left
    assert dialog.outcome.text() == "Nothing was changed; the current database is kept."
    assert dialog.outcome.isVisible() and wholly_shown(qtbot, dialog.outcome)
    assert not dialog.password_problem.isVisible() and dialog.password.text() == ""
    assert fits(qtbot, dialog)
    QTest.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    assert not dialog.isVisible()


def test_an_unencrypted_database_is_named_and_another_file_can_be_chosen(
    qtbot, store, library, users, backed_up, tmp_path, monkeypatch
):
    earlier = tmp_path / "stara baza <Krężołek>.sqlite"
    conn = sqlite3.connect(earlier)  # as an earlier officer-app left it: not encrypted
    conn.execute("CREATE TABLE checklists (id INTEGER PRIMARY KEY, data TEXT)")
    conn.commit()
    conn.close()
    before = digest(earlier)
    window = window_for(qtbot, store, library, users["administrator"])
    open_from(monkeypatch, earlier)
    administration(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), RestoreDialog))
    dialog = QApplication.activeWindow()
    said = dialog.problem.text()  # at once, before any password is typed
    assert f"{earlier} is an unencrypted database of an earlier version" in said
    assert "open it with officer-app once to encrypt it, then back it up" in said
    assert dialog.problem.isVisible() and wholly_shown(qtbot, dialog.problem)
    assert QApplication.focusWidget() is dialog.choose_button
    type_text(dialog.password, PASSWORD)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # Continue… says it again
    assert shown(RestoreConfirmation) is None and "unencrypted" in dialog.problem.text()
    assert digest(earlier) == before and replaced_files(store) == []

    open_from(monkeypatch, backed_up)  # Alt+H: another file, the dialog stays
    QTest.keyClick(dialog.password, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.source == backed_up)  # a mnemonic clicks after a moment
    assert dialog.isVisible()
    assert str(backed_up) in dialog.said.text() and str(earlier) not in dialog.said.text()
    assert not dialog.problem.isVisible() and fits(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.password and dialog.password.text() == PASSWORD
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown(RestoreConfirmation))
    confirmation = shown(RestoreConfirmation)
    assert str(backed_up) in confirmation.said.text()
    QTest.keyClick(confirmation.keep, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    assert not dialog.isVisible() and replaced_files(store) == []
