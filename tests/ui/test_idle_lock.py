"""The idle lock: after the idle time (or on request) no visible widget in any window shows a
child's or an adult's name or any answer, window titles are neutral, a dialog open at lock
time survives, and the right password gives every window back exactly as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from officer_app.settings import load_settings
from tests.conftest import PASSWORD, add_accounts
from tests.ui.conftest import type_text
from ui.idle_lock import LOCKED_TITLE, IdleLock
from ui.main_window import MainWindow
from ui.notices import show_warning

CHILD = "Zofia Łuczak <&>"


def widget_texts(widget: QWidget) -> list[str]:
    """Everything a widget shows or says in words."""
    texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        texts += [widget.toPlainText(), widget.placeholderText()]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount(QModelIndex())):
            column = 0
            while model.index(row, column).isValid():
                texts.append(str(model.index(row, column).data() or ""))
                column += 1
    return texts


def visible_texts() -> str:
    """The titles of the visible windows and the words of their visible widgets."""
    texts = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        texts.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            if widget.isVisible():
                texts += widget_texts(widget)
    return "\n".join(texts)


def personal(checklist) -> list[str]:
    """The names and free-text answers of a checklist (not its codes)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "uid":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) >= 6 and (" " in node or "-" in node):
            found.append(node)

    walk(checklist.data)
    return found


def shown(details: list[str]) -> list[str]:
    texts = visible_texts()
    return [d for d in details if d in texts]


@pytest.fixture
def officer(store):
    users = add_accounts(store)
    store.sign_in(users["officer"])
    return users["officer"]


@pytest.fixture
def checklist(store, officer, valid_checklist):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    valid_checklist.set("children[0].name", CHILD)
    store.save(valid_checklist)
    return valid_checklist


@pytest.fixture
def lock(qapp, store, officer):
    made = IdleLock(qapp, store, minutes=5)
    yield made
    made.uninstall()
    if made.screen is not None:
        made.screen.close_for_good()


@pytest.fixture
def windows(qtbot, store, library, checklist, lock):
    main = MainWindow(store, library, load_settings())
    main.open_exported = False
    qtbot.addWidget(main)
    main.resize(1024, 700)
    main.show()
    window = main.open_checklist(checklist.id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    return main, window


def stored(store, window, path: str):
    """What the database holds for the checklist open in `window`."""
    return store.load(window.form.checklist.id).get(path)


def press_tab_to(widget: QWidget) -> None:
    """Tab from the focused control until `widget` has the focus (mnemonics do not fire on
    the offscreen platform)."""
    for _ in range(8):
        if QApplication.focusWidget() is widget:
            return
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget


def unlock_by_keyboard(qtbot, lock, password=PASSWORD) -> None:
    screen = lock.screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.password)
    type_text(screen.password, password)
    QTest.keyClick(screen.password, Qt.Key.Key_Return)


def test_the_lock_fires_after_the_idle_time_and_hides_every_name_and_answer(
    qtbot, store, windows, checklist, lock
):
    main, window = windows
    window.form.go_to("children[0].name")
    details = personal(checklist)
    assert CHILD in details and "Marek Krężołek" in details
    assert CHILD in shown(details) and checklist.get("incident.reference") in shown(details)
    lock.timer.setInterval(50)  # a tiny idle time instead of 5 minutes
    lock.timer.start()
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert shown(details) == []
    assert main.windowTitle() == window.windowTitle() == LOCKED_TITLE
    assert lock.screen.isVisible() and QApplication.activeModalWidget() is lock.screen
    assert "5 minutes without use" in lock.screen.explanation.text()
    store.sign_in(None)  # an officer may not read the audit log: read it as maintenance
    (entry,) = store.audit_log(action="lock")
    assert (entry.actor, entry.detail) == ("pc.krężołek", "idle 5 min")


def test_any_key_or_mouse_event_restarts_the_idle_time(qtbot, windows, lock):
    main, window = windows
    lock.timer.setInterval(1500)
    lock.timer.start()
    for _ in range(5):  # 2 s in all, each key well inside the idle time
        qtbot.wait(400)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Shift)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)


def test_the_right_password_gives_every_window_back_as_it_was(qtbot, store, windows, lock):
    main, window = windows
    line = window.form.go_to("children[0].name")
    QTest.keyClick(line, Qt.Key.Key_End)
    type_text(line, " Ż")
    QTest.keyClick(line, Qt.Key.Key_Left)
    geometries = (main.geometry(), window.geometry())
    titles = (main.windowTitle(), window.windowTitle())
    assert lock.lock_now()
    assert window.windowTitle() == LOCKED_TITLE and not line.isVisible()
    screen = lock.screen
    unlock_by_keyboard(qtbot, lock)
    qtbot.waitUntil(lambda: not lock.locked)
    assert lock.screen is None and not screen.isVisible()
    assert (main.geometry(), window.geometry()) == geometries
    assert (main.windowTitle(), window.windowTitle()) == titles
    assert line.isVisible() and line.text() == CHILD + " Ż"
    assert line.cursorPosition() == len(CHILD) + 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is line)
    assert CHILD in visible_texts()
    qtbot.waitUntil(lambda: stored(store, window, "children[0].name") == line.text(), timeout=3000)
    assert lock.timer.isActive()  # watching for idleness again


def test_a_wrong_password_says_so_in_words_and_stays_locked(qtbot, store, windows, lock):
    lock.lock_now()
    screen = lock.screen
    assert "Locked on request" in screen.explanation.text()
    unlock_by_keyboard(qtbot, lock, "not my password")
    assert lock.locked and screen.isVisible()
    assert "wrong" in screen.problem.text() and "4 more tries" in screen.problem.text()
    assert screen.problem.isVisible() and screen.password.text() == ""
    assert QApplication.focusWidget() is screen.password
    QTest.keyClick(screen.password, Qt.Key.Key_Escape)  # Escape does not unlock
    assert lock.locked and screen.isVisible()
    for _ in range(4):
        unlock_by_keyboard(qtbot, lock, "still not it")
    assert "locked" in screen.problem.text()
    unlock_by_keyboard(qtbot, lock)  # the right password, but the account is locked now
    assert lock.locked and "locked" in screen.problem.text()
    assert CHILD not in visible_texts()


def test_a_question_open_at_lock_time_survives_and_is_hidden(qtbot, windows, lock):
    """QMessageBox.question runs its own event loop (exec): the lock must not end it."""
    main, window = windows
    seen: dict = {}

    def while_asking():
        box = QApplication.activeModalWidget()
        try:
            lock.lock_now()
            seen["covered"] = not any(c.isVisible() for c in box.findChildren(QAbstractButton))
            seen["title"] = box.windowTitle()
            seen["texts"] = visible_texts()
            seen["box visible"] = box.isVisible()
            unlock_by_keyboard(qtbot, lock)
            seen["back"] = box.isVisible() and box.findChildren(QAbstractButton)[0].isVisible()
            seen["texts after"] = visible_texts()
        finally:
            box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, while_asking)
    answer = QMessageBox.question(window, f"Reopen {CHILD}?", f"Reopen the checklist of {CHILD}?")
    assert answer == QMessageBox.StandardButton.Yes  # the officer's own answer, after unlocking
    assert seen["covered"] and seen["box visible"] and seen["title"] == LOCKED_TITLE
    assert CHILD not in seen["texts"]
    assert seen["back"] and f"Reopen the checklist of {CHILD}?" in seen["texts after"]


def test_the_submit_question_naming_each_child_is_hidden_and_comes_back(qtbot, windows, lock):
    main, window = windows
    dialog = show_warning(window, "Children", f"Check {CHILD} before you submit.")
    size = dialog.size()
    assert CHILD in visible_texts()
    lock.lock_now()
    assert dialog.isVisible() and dialog.size() == size  # held at its size, covered
    assert CHILD not in visible_texts()
    unlock_by_keyboard(qtbot, lock)
    assert dialog.isVisible() and dialog.size() == size
    assert f"Check {CHILD} before you submit." in visible_texts()


def test_a_window_that_opens_while_locked_is_covered_and_the_lock_screen_keeps_the_keys(
    qtbot, windows, lock
):
    main, window = windows
    lock.lock_now()
    show_warning(window, f"Saved {CHILD}", f"The checklist of {CHILD} was saved.")
    assert CHILD not in visible_texts()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lock.screen)
    unlock_by_keyboard(qtbot, lock)
    qtbot.waitUntil(lambda: not lock.locked)
    assert f"The checklist of {CHILD} was saved." in visible_texts()


def test_an_autosave_while_locked_keeps_the_neutral_title(qtbot, store, windows, lock):
    main, window = windows
    line = window.form.go_to("incident.reference")
    QTest.keyClick(line, Qt.Key.Key_End)
    type_text(line, "-Ł")
    lock.lock_now()
    qtbot.waitUntil(
        lambda: stored(store, window, "incident.reference").endswith("-Ł"), timeout=3000
    )
    qtbot.wait(50)
    assert window.windowTitle() == LOCKED_TITLE
    unlock_by_keyboard(qtbot, lock)
    assert window.windowTitle().startswith("CV-0412-221126-Ł")


def test_quit_on_the_lock_screen_closes_every_window_and_saves_the_checklist(
    qtbot, store, windows, lock
):
    main, window = windows
    line = window.form.go_to("children[0].name")
    QTest.keyClick(line, Qt.Key.Key_End)
    type_text(line, " Ą")
    lock.lock_now()
    screen = lock.screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.password)
    press_tab_to(screen.reject_button)
    QTest.keyClick(screen.reject_button, Qt.Key.Key_Space)
    assert not lock.locked
    assert not main.isVisible() and not window.isVisible() and not screen.isVisible()
    assert store.load(window.form.checklist.id).get("children[0].name") == CHILD + " Ą"


def test_nobody_signed_in_means_no_lock(qapp, store, library):
    lock = IdleLock(qapp, store, minutes=5)
    try:
        assert not lock.lock_now()
        assert not lock.locked
    finally:
        lock.uninstall()


def test_when_the_database_fails_the_lock_still_hides_and_quitting_keeps_what_was_typed(
    qtbot, store, windows, lock, answer_dialogs
):
    """The database goes away (a network share drops): locking still hides everything and
    says the lock was not logged; the password cannot be checked; Quit asks about the
    checklist that cannot be saved, and "No" keeps everything open and locked."""
    asked = answer_dialogs("warning", QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    main, window = windows
    line = window.form.go_to("children[0].name")
    store._db.conn.close()
    type_text(line, " Ę")
    lock.lock_now()
    screen = lock.screen
    assert CHILD not in visible_texts() and screen.note.isVisible()
    assert "could not be written to the audit log" in screen.note.text()
    unlock_by_keyboard(qtbot, lock)
    assert lock.locked and "could not be checked" in screen.problem.text()

    assert not lock.quit()  # "Not saved ... Close anyway?" answered No
    assert asked == ["Not saved"] and lock.locked and window.isVisible() and main.isVisible()
    assert CHILD not in visible_texts() and window.windowTitle() == LOCKED_TITLE
    assert "still open" in screen.problem.text()
    assert lock.quit()  # answered Yes: the typing is in the recovery copy
    assert not window.isVisible() and not main.isVisible() and not lock.locked
