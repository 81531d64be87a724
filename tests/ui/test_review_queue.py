"""The supervisor's queue (ui.review_queue) on a real database: officers submit real, valid
checklists (the example, moved in time), the supervisor's queue lists them most urgent
first, says "Overdue" in words, counts them, marks a resubmission, and opens a review on
Enter or a double-click."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from officer_app import interchange, workflow
from officer_app.checklist import Checklist, new_uid
from officer_app.review import return_for_changes
from officer_app.settings import load_settings
from tests.conftest import VALID_EXAMPLE, add_accounts
from ui.review_queue import DUE, ReviewQueue

EXAMPLE_CALL = date(2026, 11, 21)  # the example's call date (21/11/2026 22:47)
ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def _shift(value, days: int):
    """Every date and time of the incident moved by whole days (times of day unchanged, so
    every rule about their order still holds)."""
    if isinstance(value, dict):
        return {k: _shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    if isinstance(value, str) and ISO_MINUTE.match(value):
        moved = datetime.fromisoformat(value) + timedelta(days=days)
        return moved.strftime("%Y-%m-%dT%H:%M")
    return value


def submit_as(
    store,
    users,
    library,
    *,
    days_ago: int = 2,
    who: str = "officer",
    reference: str = "CV-0412-221126",
    changes: dict | None = None,
) -> Checklist:
    """An officer submits the valid example, its call `days_ago` days before today (at
    22:47); the store is left signed in as the supervisor."""
    store.sign_in(users[who])
    checklist = interchange.read_file(VALID_EXAMPLE, library)
    checklist.uid = new_uid()
    checklist.state, checklist.submitted_at = "draft", ""
    days = (date.today() - timedelta(days=days_ago) - EXAMPLE_CALL).days
    checklist.data = _shift(checklist.data, days)
    checklist.set("incident.reference", reference)
    for path, value in (changes or {}).items():
        checklist.set(path, value)
    store.save(checklist)
    workflow.submit(store, checklist, library)
    store.sign_in(users["supervisor"])
    return checklist


@pytest.fixture
def users(store):
    return add_accounts(store)


def make_queue(qtbot, store, library, hours: int = 60) -> ReviewQueue:
    settings = replace(load_settings(), review_deadline_hours=hours)
    queue = ReviewQueue(store, library, settings)
    qtbot.addWidget(queue)
    queue.resize(1200, 400)
    queue.show()
    qtbot.waitExposed(queue)
    return queue


def column_texts(queue: ReviewQueue, column: int) -> list[str]:
    model = queue.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_most_urgent_first_overdue_in_words_and_counted(qtbot, store, users, library):
    # a 60-hour deadline: two days ago is within it, five and thirty days ago are overdue
    submit_as(store, users, library, days_ago=2, reference="CV-RECENT <&>")
    submit_as(store, users, library, days_ago=30, reference="CV-OLDEST Łódź", who="officer2")
    submit_as(store, users, library, days_ago=5, reference="CV-FIVE")
    store.sign_in(users["officer"])
    draft = interchange.read_file(VALID_EXAMPLE, library)
    draft.uid, draft.state, draft.submitted_at = new_uid(), "draft", ""
    store.save(draft)  # a draft is not waiting for review
    store.sign_in(users["supervisor"])

    queue = make_queue(qtbot, store, library, hours=60)

    assert column_texts(queue, 0) == ["CV-OLDEST Łódź", "CV-FIVE", "CV-RECENT <&>"]
    due = column_texts(queue, DUE)
    assert due[0].startswith("Overdue by") and due[1].startswith("Overdue by")
    assert due[2].startswith("Due in")
    assert queue.count.text() == "3 waiting, 2 overdue"
    officers = column_texts(queue, 3)
    assert officers == ["pc.okafor", "pc.krężołek", "pc.krężołek"]
    assert column_texts(queue, 1)[0] == "High"  # the officer's grade, in words
    assert "Łąkowa Court, 14 Smith & Dawes Road" in column_texts(queue, 2)[0]
    assert column_texts(queue, 8)[0] == "Kacper ✓✓✓ · Amelia ✓○✓"
    said = queue.model.index(0, 8).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Kacper Łuczak: seen done" in said


def test_count_when_nothing_waits_and_after_refresh(qtbot, store, users, library):
    queue = make_queue(qtbot, store, library)
    assert queue.count.text() == "Nothing waiting for review"
    assert not queue.open_button.isEnabled()

    submit_as(store, users, library, days_ago=20)
    queue.refresh()

    assert queue.count.text() == "1 waiting, 1 overdue"
    assert queue.open_button.isEnabled()


def test_resubmitted_checklist_is_marked(qtbot, store, users, library):
    first = submit_as(store, users, library, days_ago=3, reference="CV-BACK")
    submit_as(store, users, library, days_ago=4, reference="CV-NEW")
    return_for_changes(store, store.load(first.id), [("children[0].own_words", "Więcej <&>")])
    store.sign_in(users["officer"])
    again = store.load(first.id)
    again.set("children[0].own_words", "Nowe słowa <&>")
    store.save(again)
    workflow.submit(store, again, library)
    store.sign_in(users["supervisor"])

    queue = make_queue(qtbot, store, library)

    marks = dict(zip(column_texts(queue, 0), column_texts(queue, 7), strict=True))
    assert marks == {"CV-NEW": "", "CV-BACK": "Resubmitted"}


def test_enter_opens_the_chosen_line(qtbot, store, users, library):
    submit_as(store, users, library, days_ago=9, reference="CV-FIRST")
    second = submit_as(store, users, library, days_ago=3, reference="CV-SECOND")
    queue = make_queue(qtbot, store, library)
    with qtbot.waitActive(queue):
        queue.activateWindow()
    queue.table.setFocus(Qt.FocusReason.TabFocusReason)  # a line is chosen on the way in
    QTest.keyClick(queue.table, Qt.Key.Key_Down)

    with qtbot.waitSignal(queue.open_requested) as opened:
        QTest.keyClick(queue.table, Qt.Key.Key_Return)

    assert opened.args == [second.id]


def test_double_click_opens_the_line(qtbot, store, users, library):
    only = submit_as(store, users, library, days_ago=3)
    queue = make_queue(qtbot, store, library)
    where = queue.table.visualRect(queue.model.index(0, 0)).center()

    with qtbot.waitSignal(queue.open_requested) as opened:  # a double-click: click, click
        QTest.mouseClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        QTest.mouseDClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=where)

    assert opened.args == [only.id]


def test_fits_a_narrow_window_without_scrolling_sideways(qtbot, store, users, library):
    submit_as(store, users, library, days_ago=25, reference="CV-0412-221126-LONG")
    queue = make_queue(qtbot, store, library, hours=24)
    queue.resize(895, 300)  # 1366x768 at 150%, less the window's margins
    qtbot.wait(20)

    assert not queue.table.horizontalScrollBar().isVisible()
    widths = sum(queue.table.columnWidth(c) for c in range(queue.model.columnCount()))
    assert widths <= queue.table.viewport().width()
    assert queue.table.columnWidth(DUE) >= 100  # "Overdue by …" keeps its word
