"""The form as a screen reader gets it (QAccessible, in process, what Qt hands to AT-SPI and
Orca): every control has a name of its own with its owner and ", required", the label linked
to it, its problem (on every button of a group) before the format hint and the help, and a
section entered from the keyboard is named and announced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

import ui.form_navigation
from officer_app import interchange
from tests.conftest import EXAMPLES
from tests.ui.conftest import record_announcements as recorded
from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver, press_space
from ui.field_widgets import FieldEditor, FieldRow
from ui.focus_order import tab_stops

NAME, DESCRIPTION, VALUE = (
    QAccessible.Text.Name,
    QAccessible.Text.Description,
    QAccessible.Text.Value,
)
LABEL = QAccessible.RelationFlag.Label
PROBLEM_WORDS = ("Invalid: ", "Warning: ", "Note: ")


def reader(widget):
    return QAccessible.queryAccessibleInterface(widget)


def labels_of(widget) -> list[str]:
    """The names of the labels a screen reader finds linked to `widget`."""
    return [other.text(NAME) for other, flag in reader(widget).relations(LABEL) if flag & LABEL]


def spoken_name(widget) -> str:
    """What a screen reader names the control by. On Linux a drop-down's own name is its
    current value (Qt's QAccessibleComboBox), so its linked label names it."""
    if isinstance(widget, QComboBox):
        labels = labels_of(widget)
        return labels[0] if labels else ""
    return reader(widget).text(NAME)


def field_rows(form) -> dict[QWidget, FieldRow]:
    """Each control of a field's editor -> its row."""
    found = {}
    for row in form.rows.values():
        if isinstance(row, FieldRow) and isinstance(row.editor, FieldEditor):
            for widget, _ in row.editor.controls():
                found[widget] = row
    return found


def every_control(form):
    """Every visible control that can have the focus, section by section, entry by entry."""
    for index in range(form.sections.count()):
        form.show_section(index)
        page = form.pages.currentWidget()
        tabbed = [r for r in form.repeats.values() if r.use_tabs and page.isAncestorOf(r)]
        for entry in range(max([len(r.blocks) for r in tabbed] or [1])):
            for repeat in tabbed:
                repeat.show_entry(entry)
            for widget in tab_stops(page):
                if widget.isVisibleTo(form.window()) and entry < _entries_shown(tabbed, widget):
                    yield widget


def _entries_shown(tabbed, widget) -> int:
    """A control outside the tabs is counted once (on the first entry's pass)."""
    inside = any(r.body.currentWidget().isAncestorOf(widget) for r in tabbed if r.blocks)
    return 10**6 if inside else 1


def check_control(widget, row: FieldRow | None) -> None:
    spoken, value = spoken_name(widget), reader(widget).text(VALUE)
    where = f"{type(widget).__name__} {widget.objectName()} {spoken!r}"
    assert spoken.strip(), where
    assert spoken != value, where
    if isinstance(widget, QComboBox):
        assert spoken != widget.currentText(), where
    if row is None:
        return
    if hasattr(widget, "isCheckable") and widget.isCheckable():  # a group's button
        assert spoken != widget.text() and row.field.label in spoken, where
    assert spoken.endswith(", required") == row.field.required, where
    description = reader(widget).text(DESCRIPTION)
    if row.problem.text():
        assert description.startswith(PROBLEM_WORDS), where
        assert row.problem.text() in description, where
    else:
        assert not description.startswith(PROBLEM_WORDS), where


def test_every_control_of_a_full_form_has_a_name_its_required_mark_and_its_problem(
    qtbot, library, valid_checklist, open_draft
):
    valid_checklist.data["children"][1]["name"] = "Zofia Łuczak <Zosia> & co"
    invalid = interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)
    counts, described = [], 0
    for checklist in (valid_checklist, invalid):
        form = open_draft(checklist).form
        rows = field_rows(form)
        controls = list(every_control(form))
        for widget in controls:
            check_control(widget, rows.get(widget))
            described += bool(rows.get(widget) and rows[widget].problem.text())
        counts.append(len(controls))
    print(f"controls checked: {counts} (valid, invalid); with a problem: {described}")
    assert min(counts) > 300 and described >= 10


def test_a_problem_reaches_every_button_and_keeps_the_format_hint_and_help(
    qtbot, library, open_draft
):
    form = open_draft(interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)).form
    seen = form.rows["children[1].seen"]
    buttons = seen.editor.group.buttons()
    assert seen.problem.text().startswith("Amelia Krężołek: say whether")
    assert {reader(b).text(DESCRIPTION) for b in buttons} == {f"Invalid: {seen.problem.text()}"}

    arrival = form.rows["incident.arrival_time"]
    said = reader(arrival.editor.line).text(DESCRIPTION)
    assert said.startswith("Invalid: Date and time officers arrived (21/11/2026 22:30) is before")
    assert said.endswith(". Date and time as dd/mm/yyyy hh:mm.")

    grade = form.rows["risk.officer_grade"]  # a warning does not block: said as one
    assert reader(grade.editor.group.button(0)).text(DESCRIPTION).startswith("Warning: Strong")

    checks = form.repeats["incident.intel_checks"]  # a repeat's problem: on its Add button
    assert (
        reader(checks.add_button)
        .text(DESCRIPTION)
        .startswith("Invalid: Record the intelligence checks made")
    )

    driver = FormDriver(qtbot, form)
    driver.set("children[1].seen", "yes")
    qtbot.waitUntil(lambda: seen.problem.text() == "", timeout=2000)
    assert {reader(b).text(DESCRIPTION) for b in buttons} == {""}
    driver.set("incident.arrival_time", "2026-11-21T22:58")
    qtbot.waitUntil(lambda: arrival.problem.text() == "", timeout=2000)
    assert reader(arrival.editor.line).text(DESCRIPTION) == "Date and time as dd/mm/yyyy hh:mm."

    protection = form.rows["actions.protection"]  # check boxes: a problem on every box
    for box in protection.editor.boxes.values():
        if box.isChecked():
            press_space(box)
    form.refresh()
    qtbot.waitUntil(lambda: protection.problem.text() != "", timeout=2000)
    boxes = protection.editor.boxes.values()
    assert {reader(b).text(DESCRIPTION) for b in boxes} == {f"Invalid: {protection.problem.text()}"}
    assert len(boxes) == 7


def test_help_text_stays_in_the_description_beside_a_problem(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    row = form.rows["incident.reference"]
    line = row.editor.line
    help_said = "As on the command-and-control log, e.g. 0412 22/11/26."
    assert reader(line).text(DESCRIPTION) == help_said
    form.go_to("incident.reference")
    type_text(line, "x")
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)  # typed, then emptied: "not answered" shows
    form.refresh()
    qtbot.waitUntil(lambda: row.problem.text() != "", timeout=2000)
    assert reader(line).text(DESCRIPTION) == f"Invalid: {row.problem.text()} {help_said}"
    assert reader(line).text(NAME) == "Force incident / log reference, required"


def test_every_editor_type_has_its_label_linked_and_named_like_it(
    qtbot, valid_checklist, open_draft
):
    form = open_draft(valid_checklist).form
    checked = set()
    for path, row in form.rows.items():
        if not isinstance(row, FieldRow) or not isinstance(row.editor, FieldEditor):
            continue
        first, *others = [widget for widget, _ in row.editor.controls()]
        assert labels_of(first) == [row.label.accessibleName()], path
        said = row.label.accessibleName()  # not "Full name *"
        assert said.startswith(row.owner) and row.field.label in said, path
        assert said.endswith(", required") == row.field.required, path
        for other in others:  # a group's other buttons: their names carry the label
            assert labels_of(other) == [] and row.field.label in reader(other).text(NAME), path
        checked.add(type(row.editor).__name__)
    assert checked == {
        "TextEditor", "MultilineEditor", "ChoiceButtons", "ChoiceCombo", "ChildChoice",
        "MultiChoice",
    }  # fmt: skip
    risk = form.editors["risk.answers"]  # the risk editor links each question's own label
    question = form.tool.questions[0]
    assert labels_of(risk.rows[question.id][0].button(0)) == [f"1. {question.text}"]


def test_group_buttons_say_whose_they_are_and_follow_a_rename(qtbot, valid_checklist, open_draft):
    form = open_draft(valid_checklist).form
    buttons = form.editors["children[1].seen"].group.buttons()
    assert [reader(b).text(NAME) for b in buttons] == [
        "Child 2, Amelia Krężołek: Seen by an officer: Yes, required",
        "Child 2, Amelia Krężołek: Seen by an officer: No, required",
    ]
    label = form.rows["children[1].seen"].label
    assert labels_of(buttons[0]) == ["Child 2, Amelia Krężołek: Seen by an officer, required"]
    assert label.text() == "Seen by an officer *"  # on screen, unchanged

    FormDriver(qtbot, form).set("children[1].name", "Zofia Łuczak <Zosia> & co")
    qtbot.waitUntil(lambda: "Zofia" in reader(buttons[0]).text(NAME), timeout=2000)
    assert reader(buttons[1]).text(NAME) == (
        "Child 2, Zofia Łuczak <Zosia> & co: Seen by an officer: No, required"
    )
    assert labels_of(buttons[0]) == [
        "Child 2, Zofia Łuczak <Zosia> & co: Seen by an officer, required"
    ]
    now = form.editors["children[1].seen_time"].now_button
    assert reader(now).text(NAME) == "Set Time seen to now: Child 2, Zofia Łuczak <Zosia> & co"


def record_announcements(monkeypatch) -> list[tuple[str, bool]]:
    """What the form hands to ui.notices.announce (still announced for real)."""
    return recorded(monkeypatch, ui.form_navigation)


def test_ctrl_3_focuses_a_named_field_in_a_named_section_and_says_which(
    qtbot, monkeypatch, valid_checklist, open_draft
):
    window = open_draft(valid_checklist)
    form = window.form
    said = record_announcements(monkeypatch)
    with qtbot.waitActive(window):  # window shortcuts act only in the active window
        window.activateWindow()
    control = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(QApplication.focusWidget() or form, Qt.Key.Key_3, control)
    focused = QApplication.focusWidget()
    assert form.sections.currentRow() == 2
    assert isinstance(focused, QComboBox)  # named by its linked label; its value is "Victim"
    assert spoken_name(focused) == "Adult 1, Anna Łuczak: Role, required"
    assert reader(focused).text(NAME) == "Victim"
    ancestors, up = [], reader(focused).parent()
    while up is not None and up.isValid():
        ancestors.append(up.text(NAME))
        up = up.parent()
    assert "Section 3 of 7: Adults" in ancestors
    assert [text for text, _ in said] == ["Section 3 of 7: Adults"]

    QTest.keyClick(focused, Qt.Key.Key_PageDown, control)
    assert said[-1][0] == "Section 4 of 7: Risk"
    form.sections.setCurrentRow(6)  # arrows in the list: the list's own item is read
    assert said[-1][0] == "Section 4 of 7: Risk"
    form.sections.itemActivated.emit(form.sections.item(6))
    assert said[-1][0] == "Section 7 of 7: Summary and submit"


def test_section_list_items_say_complete_or_how_many_problems(qtbot, library, open_draft):
    checklist = interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)
    form = open_draft(checklist).form
    items = reader(form.sections)
    spoken = [items.child(i).text(NAME) for i in range(items.childCount())]
    assert spoken[:6] == [
        "Incident: 2 problems",
        "Children: 7 problems",
        "Adults: complete",
        "Risk: 4 problems",
        "Actions: complete",
        "Officer: complete",
    ]
    FormDriver(qtbot, form).set("incident.arrival_time", "2026-11-21T22:58")
    items = reader(form.sections)
    assert items.child(0).text(NAME) == "Incident: 1 problem"
