"""Nothing moves under the pointer; boxes grow with their text; no choice is cut off; the
control with the keyboard focus has a frame that is seen, not only a colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver
from ui.field_widgets import ChoiceCombo

FOCUS_FRAME = QColor("#1d3557")


def settle() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def shown(qtbot, window, width=1366, height=768):
    window.resize(width, height)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window.form


def y_on_page(form, widget: QWidget) -> int:
    settle()
    return widget.mapTo(form.pages.currentWidget().widget(), QPoint(0, 0)).y()


def test_a_problem_appearing_or_going_above_a_field_does_not_move_it(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = shown(qtbot, window)
    driver = FormDriver(qtbot, form)
    arrival = form.rows["incident.arrival_time"]
    address = form.editors["incident.address"].text  # below the arrival time
    driver.set("incident.call_time", "2026-11-21T22:47")
    before = y_on_page(form, address)

    form.go_to("incident.arrival_time")
    type_text(form.editors["incident.arrival_time"].line, "21/11/2026 22:30")  # before the call
    qtbot.waitUntil(lambda: "before the call" in arrival.problem.text(), timeout=2000)
    assert y_on_page(form, address) == before

    line = form.editors["incident.arrival_time"].line
    line.selectAll()
    type_text(line, "21/11/2026 22:58 Łódź & <co>")  # unreadable: another problem, same place
    qtbot.waitUntil(lambda: "before the call" not in arrival.problem.text(), timeout=2000)
    assert y_on_page(form, address) == before
    line.selectAll()
    type_text(line, "21/11/2026 22:58")
    qtbot.waitUntil(lambda: arrival.problem.text() == "", timeout=2000)
    assert y_on_page(form, address) == before


def test_a_long_problem_is_whole_in_the_tooltip_and_the_fields_description(
    qtbot, store, valid_checklist, open_draft
):
    valid_checklist.data["children"][1]["spoken_alone_reason"] = "Mum said she was fine & OK <3"
    form = shown(qtbot, open_draft(valid_checklist), 683, 512)
    form.go_to("children[1].spoken_alone_reason")
    row = form.rows["children[1].spoken_alone_reason"]
    settle()
    message = row.problem.text()
    assert "Amelia" in message
    cut = row.problem.fontMetrics().horizontalAdvance(message) > row.problem.width()
    assert row.problem.toolTip() == (message if cut else "")
    assert row.editor.focus_widget().accessibleDescription().startswith(f"Invalid: {message} ")


def test_a_multi_line_box_grows_with_its_text_up_to_twelve_lines_then_scrolls(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = shown(qtbot, window)
    box = form.editors["incident.address"].text
    form.go_to("incident.address")
    line = box.fontMetrics().lineSpacing()
    heights = [box.height()]
    for n in range(1, 15):
        type_text(box, f"Flat {n}, Łąkowa & <Krężołek> Court\n")
        settle()
        heights.append(box.height())
    assert heights[0] >= 3 * line  # room for three lines when empty
    assert heights == sorted(heights)  # it only grows while the officer types
    assert heights[11] - heights[2] >= 9 * line  # three to twelve lines
    assert heights[11] == heights[14]  # then it stops growing
    assert box.verticalScrollBar().maximum() > 0  # and scrolls
    assert heights[14] < 13 * line + 40
    qtbot.waitUntil(lambda: box.verticalScrollBar().isVisible(), timeout=2000)

    box.selectAll()
    type_text(box, "Ł" + "ą" * 20 + " Krężołek" * 100)  # one long line wraps: that grows too
    settle()
    assert box.height() > heights[2]


def _edit_field_width(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    rect = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return rect.width()


def _check_combos(qtbot, form, path_prefix: str, wide: bool) -> int:
    checked = 0
    for path, editor in form.editors.items():
        if not path.startswith(path_prefix) or not isinstance(editor, ChoiceCombo):
            continue
        combo = editor.combo
        form.go_to(path)
        if not combo.isVisibleTo(form.window()):
            continue
        longest = max(range(combo.count()), key=lambda i: len(combo.itemText(i)))
        combo.setCurrentIndex(longest)
        settle()
        text = combo.currentText()
        fits = combo.fontMetrics().horizontalAdvance(text) <= _edit_field_width(combo)
        assert fits or combo.toolTip() == text, (path, text)
        if wide:
            assert fits, (path, text)
        QTest.keyClick(combo, Qt.Key.Key_F4)  # the list opens: every choice whole
        view = combo.view()
        qtbot.waitUntil(view.isVisible, timeout=2000)
        rows = [combo.model().index(i, 0) for i in range(combo.count())]
        widest = max(view.sizeHintForIndex(row).width() for row in rows)
        assert view.viewport().width() >= widest, path
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # closes the list only
        qtbot.waitUntil(lambda view=view: not view.isVisible(), timeout=2000)
        assert form.window().isVisible()
        checked += 1
    return checked


def test_no_choice_is_cut_off_in_a_drop_down_or_its_list(qtbot, store, valid_checklist, open_draft):
    window = open_draft(valid_checklist)
    form = shown(qtbot, window)
    assert _check_combos(qtbot, form, "children[1]", wide=True) >= 2
    assert _check_combos(qtbot, form, "incident.intel_checks", wide=True) >= 1
    window.resize(683, 512)  # a small screen at 150%: the closed box may elide, with a tooltip
    assert _check_combos(qtbot, form, "children[1]", wide=False) >= 2


def _frame_width(widget: QWidget) -> int:
    """How many pixels from the left edge, half way down, are the focus frame's colour."""
    image = widget.grab().toImage()
    y = image.height() // 2
    width = 0
    while width < image.width() and _near(QColor(image.pixel(width, y)), FOCUS_FRAME):
        width += 1
    return width


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_the_focused_control_has_a_two_pixel_frame_it_has_not_without_focus(
    qtbot, store, valid_checklist, open_draft
):
    window = open_draft(valid_checklist)
    form = shown(qtbot, window)
    controls = {
        "radio button": ("incident.bwv", form.editors["incident.bwv"].group.button(0)),
        "check box": (
            "children[0].witnessed",
            next(iter(form.editors["children[0].witnessed"].boxes.values())),
        ),
        "line edit": ("incident.reference", form.editors["incident.reference"].line),
        "multi-line box": ("incident.address", form.editors["incident.address"].text),
        "drop-down": (
            "incident.intel_checks[0].system",
            form.editors["incident.intel_checks[0].system"].combo,
        ),
        "button": ("incident.officers", form.repeats["incident.officers"].add_button),
        "section list": ("incident", form.sections),
        "child's tab": ("children[0].name", form.repeats["children"].body.tabBar()),
    }
    for name, (path, control) in controls.items():
        form.go_to(path)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus, timeout=1000)
        assert _frame_width(control) >= 2, name
        form.save_button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda control=control: not control.hasFocus(), timeout=1000)
        assert _frame_width(control) == 0, name  # a frame appears: not a change of colour
