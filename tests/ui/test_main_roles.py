"""The main window for each role, signed in on a real database: an officer sees their own
checklists and no export, a supervisor has the review queue and opens the reading view, an
administrator sees approved checklists, exports and manages accounts and the log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from officer_app import workflow
from officer_app.settings import load_settings
from tests.conftest import ACCOUNT_NAMES, add_accounts, approve


@pytest.fixture
def users(store):
    return add_accounts(store)


@pytest.fixture
def two_checklists(store, users, valid_checklist, library):
    """pc.krężołek's submitted checklist and an approved one (approved by sgt.nowak)."""
    store.sign_in(users["officer"])
    first = valid_checklist.copy()
    first.state, first.submitted_at = "draft", ""
    store.save(first)
    workflow.submit(store, first, library)
    second = first.copy()
    second.id, second.version, second.state, second.submitted_at = None, 0, "draft", ""
    second.uid = "second-Łuczak"
    second.set("incident.reference", "CV-2 <&>")
    store.save(second)
    workflow.submit(store, second, library)
    store.sign_in(users["supervisor"])
    approve(store, second, library)
    store.sign_in(None)
    return first.id, second.id


def window_for(qtbot, store, library, user):
    from ui.main_window import MainWindow

    store.sign_in(user)
    window = MainWindow(store, library, load_settings())
    window.open_exported = False
    qtbot.addWidget(window)
    window.show()
    return window


def listed_ids(window) -> list[int]:
    return [window.model.row_at(r).id for r in range(window.model.rowCount())]


def test_an_officer_sees_only_their_own_and_cannot_export(
    qtbot, store, library, users, two_checklists
):
    mine = window_for(qtbot, store, library, users["officer"])
    assert ACCOUNT_NAMES["officer"] in mine.windowTitle() and "Officer" in mine.windowTitle()
    assert sorted(listed_ids(mine)) == sorted(two_checklists)
    assert mine.new_action.isVisible() and not mine.export_action.isVisible()
    mine.close()
    other = window_for(qtbot, store, library, users["officer2"])
    assert listed_ids(other) == []
    assert "Administration" not in [a.text() for a in other.menuBar().actions()]


def test_a_supervisor_opens_the_queue_and_the_reading_view(
    qtbot, store, library, users, two_checklists
):
    window = window_for(qtbot, store, library, users["supervisor"])
    assert window.tabs.currentWidget() is window.queue
    assert not window.new_action.isVisible()
    assert window.queue.model.rowCount() == 1  # only the submitted one waits
    window.queue.table.setFocus()
    window.queue.table.selectRow(0)
    QTest.keyClick(window.queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.review_windows) == 1, timeout=3000)
    (opened,) = window.review_windows
    assert opened.checklist_id == two_checklists[0]
    qtbot.addWidget(opened)
    opened.close()


def test_an_administrator_sees_approved_exports_and_administers(
    qtbot, store, library, users, two_checklists
):
    window = window_for(qtbot, store, library, users["administrator"])
    assert listed_ids(window) == [two_checklists[1]]  # approved only
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Administration" in menus
    assert window.export_action.isVisible() and not window.new_action.isVisible()
    window.select_id(two_checklists[1])
    assert window.export_action.isEnabled()


def test_an_officer_amends_an_approved_checklist_with_a_reason(
    qtbot, store, library, users, two_checklists, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    window = window_for(qtbot, store, library, users["officer"])
    approved = two_checklists[1]
    window.select_id(approved)
    assert window.amend_action.isEnabled()
    monkeypatch.setattr(
        QInputDialog,
        "getMultiLineText",
        staticmethod(lambda *a, **k: ("Add the school <St Mary's & All>", True)),
    )
    window.amend_action.trigger()
    assert store.load(approved).state == "draft"
    assert [v.action for v in store.versions(approved)][-2:] == ["approve", "amend"]
    window.select_id(two_checklists[0])  # submitted: nothing to amend
    assert not window.amend_action.isEnabled()


def test_ctrl_l_locks_from_a_checklist_window_too(
    qtbot, store, library, users, two_checklists, qapp
):
    """The walkthrough found Ctrl+L worked only in the list; an open checklist is what needs
    hiding."""
    from tests.conftest import PASSWORD
    from ui.idle_lock import install_idle_lock

    lock = install_idle_lock(qapp, store, 60)
    try:
        window = window_for(qtbot, store, library, users["officer"])
        opened = window.open_checklist(two_checklists[0])
        qtbot.addWidget(opened)
        with qtbot.waitActive(opened):
            opened.activateWindow()
        field = opened.form.editors["incident.reference"].focus_widget()
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)
        assert lock.try_unlock(PASSWORD)
    finally:
        lock.uninstall()
