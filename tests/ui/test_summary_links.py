"""Every entry of the summary's problem list leads to a control of its field: Enter on it puts
the keyboard focus on a widget that is shown and belongs to that field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from officer_app import interchange
from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from tests.conftest import EXAMPLES
from tests.ui.driver import FormDriver
from tests.ui.test_summary_page import to_summary

RISK = "risk.answers."


def inside(widget: QWidget | None, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def belongs(form, path: str, widget: QWidget | None) -> bool:
    if path.startswith(RISK):
        group = form.editors["risk.answers"].rows[path[len(RISK) :]][0]
        return widget in group.buttons()
    row = form.rows.get(path)
    return row is not None and row.isVisible() and inside(widget, row)


def follow_every_link(form) -> tuple[int, list[str]]:
    """Enter on each entry of the list in turn; the paths that led nowhere right."""
    summary = to_summary(form)
    count, wrong = summary.problem_list.count(), []
    assert count > 0
    for row in range(count):
        to_summary(form)
        item = summary.problem_list.item(row)
        path = item.data(Qt.ItemDataRole.UserRole)
        summary.problem_list.setCurrentItem(item)
        QTest.keyClick(summary.problem_list, Qt.Key.Key_Return)
        focus = form.window().focusWidget()
        if not (focus is not None and focus.isVisible() and belongs(form, path, focus)):
            wrong.append(f"{path} -> {type(focus).__name__} {focus and focus.objectName()}")
    return count, wrong


def test_every_problem_of_the_several_rules_example_leads_to_its_field(qtbot, library, open_draft):
    checklist = interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)
    checklist.data["incident"]["address"] = "Flat 2 <rear> & 14 Łąkowa Street"
    form = open_draft(checklist).form
    count, wrong = follow_every_link(form)
    assert count >= 10 and wrong == []


def test_every_problem_of_a_new_checklist_with_a_child_and_an_adult(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    driver = FormDriver(qtbot, form)
    driver.add("children")
    driver.add("adults")
    driver.set("children[0].name", "Zofia Krężołek")
    count, wrong = follow_every_link(form)
    assert count >= 30 and wrong == []


def test_every_problem_of_the_unfinished_demo_checklists(qtbot, main_window, store, library):
    ids = add_demo_checklists(store, library, load_settings(), 4)
    for checklist_id in (ids[0], ids[3]):  # every third demo checklist is left unfinished
        window = main_window.open_checklist(checklist_id)
        qtbot.addWidget(window)
        count, wrong = follow_every_link(window.form)
        assert count >= 3 and wrong == [], checklist_id
