"""The main list's filters as an officer uses them: incident dates typed as dd/mm/yyyy (a
wrong one is named beside the boxes, never a crash), what a search matched in each row, the
number found said to a screen reader, and Tab leaving the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import ui.checklist_list
from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from tests.ui.conftest import type_text
from ui.checklist_table_model import column


@pytest.fixture
def listed(main_window, store, library):
    add_demo_checklists(store, library, load_settings(), 24)
    main_window.reload()
    return main_window


def enter_date(box, text: str) -> None:
    box.selectAll()
    QTest.keyClick(box, Qt.Key.Key_Delete)
    type_text(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return)


def incident_times(window) -> list[str]:
    return [window.model.row_at(r).incident_time for r in range(window.model.rowCount())]


def test_incident_dates_typed_as_dd_mm_yyyy_narrow_the_list(qtbot, listed, store):
    dates = listed.list
    enter_date(dates.date_from, "01/11/2026")
    expected = store.count(date_from="2026-11-01")
    assert 0 < expected < 24
    qtbot.waitUntil(lambda: listed.model.rowCount() == expected, timeout=2000)
    assert min(incident_times(listed)) >= "2026-11-01"
    enter_date(dates.date_to, "15.11.2026")  # dots, as some officers write them
    qtbot.waitUntil(
        lambda: (
            listed.model.rowCount() == store.count(date_from="2026-11-01", date_to="2026-11-15")
        ),
        timeout=2000,
    )
    assert max(incident_times(listed)) < "2026-11-16"
    assert dates.date_problem.isHidden()


def test_a_date_that_cannot_be_read_is_named_beside_the_boxes(qtbot, listed):
    dates = listed.list
    enter_date(dates.date_from, "01/11/2026")
    qtbot.waitUntil(lambda: listed.model.rowCount() < 24, timeout=2000)
    shown = incident_times(listed)
    enter_date(dates.date_to, "31/02/2026")
    assert dates.date_problem.isVisibleTo(listed)
    assert dates.date_problem.text() == (
        "To: '31/02/2026' is not a date; write it as dd/mm/yyyy, e.g. 21/11/2026."
    )
    assert incident_times(listed) == shown  # the list stays as it was
    assert "'31/02/2026' is not a date" in dates.date_to.accessibleDescription()
    assert not [w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible()
                and w is not listed]  # fmt: skip
    enter_date(dates.date_to, "<&>" * 3)
    assert "'<&><&><&>' is not a date" in dates.date_problem.text()
    enter_date(dates.date_to, "10/10/2026")
    assert dates.date_problem.text() == "From: the From date is after the To date; swap them."
    assert listed.minimumSizeHint().width() < 910  # the message wraps, it never widens
    enter_date(dates.date_to, "")
    qtbot.waitUntil(lambda: dates.date_problem.isHidden(), timeout=2000)
    assert incident_times(listed) == shown
    assert dates.date_to.accessibleDescription() == ""


def test_a_search_shows_what_matched_and_says_how_many(qtbot, listed, monkeypatch):
    said: list[str] = []
    real = ui.checklist_list.announce
    monkeypatch.setattr(
        ui.checklist_list, "announce", lambda widget, text: (said.append(text), real(widget, text))
    )
    matched = column("matched")
    assert listed.table.isColumnHidden(matched)
    type_text(listed.search, "łuczak")
    qtbot.waitUntil(lambda: bool(said), timeout=2000)
    count = listed.model.rowCount()
    assert 1 < count < 24
    assert said == [f"{count} checklists match 'łuczak'"]
    assert not listed.table.isColumnHidden(matched)
    for r in range(count):
        assert "Łuczak" in listed.model.data(listed.model.index(r, matched))
    listed.search.selectAll()
    QTest.keyClick(listed.search, Qt.Key.Key_Delete)
    type_text(listed.search, "nobody-by-this-name")
    qtbot.waitUntil(lambda: len(said) == 2, timeout=2000)
    assert said[1] == "No checklist matches 'nobody-by-this-name'"
    listed.search.selectAll()
    QTest.keyClick(listed.search, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: listed.model.rowCount() == 24, timeout=2000)
    assert listed.table.isColumnHidden(matched)


@pytest.mark.parametrize(
    ("key", "modifiers", "lands_on"),
    [
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "search"),
        (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier, "date_to"),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier, "search"),
        (
            Qt.Key.Key_Backtab,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            "date_to",
        ),
    ],
)
def test_tab_keys_leave_the_table(qtbot, listed, key, modifiers, lands_on):
    listed.activateWindow()
    table = listed.table
    table.setFocus()
    listed.select_id(listed.model.row_at(3).id)
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    current = table.currentIndex()
    QTest.keyClick(table, key, modifiers)
    assert QApplication.focusWidget() is getattr(listed.list, lands_on)
    assert table.currentIndex() == current  # no cell was walked to


def test_enter_in_the_search_box_then_enter_opens_the_first_match(
    qtbot, main_window, store, library
):
    """Keyboard only: type a name, Enter goes to the list with its first line chosen, Enter
    opens it; Tab into the list chooses a line too, so Enter always has one to open."""
    add_demo_checklists(store, library, load_settings(), 12)
    main_window.reload()
    with qtbot.waitActive(main_window):
        main_window.activateWindow()
    type_text(main_window.search, "łuczak")
    QTest.keyClick(main_window.search, Qt.Key.Key_Return)
    table = main_window.table
    assert table.hasFocus() and main_window.selected_id() is not None
    assert all(
        "Łuczak" in main_window.model.row_at(r).people for r in range(main_window.model.rowCount())
    )
    chosen = main_window.selected_id()
    QTest.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(main_window.windows) == 1, timeout=3000)
    qtbot.addWidget(main_window.windows[0])
    assert main_window.windows[0].form.checklist.id == chosen


def test_at_150_percent_the_list_never_scrolls_sideways(qtbot, main_window, store, library):
    """1366x768 at 150% is 911 px wide: the names and what matched give up width (elided,
    with tooltips) so every column stays on screen, searching or not."""
    add_demo_checklists(store, library, load_settings(), 12)
    main_window.reload()
    main_window.resize(911, 485)
    bar = main_window.table.horizontalScrollBar()
    qtbot.waitUntil(lambda: main_window.table.viewport().width() < 911, timeout=2000)
    assert bar.maximum() == 0
    type_text(main_window.search, "łuczak")
    qtbot.waitUntil(lambda: not main_window.table.isColumnHidden(column("matched")), timeout=3000)
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=2000)  # once laid out again
