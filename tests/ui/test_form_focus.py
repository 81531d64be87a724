"""Tab goes through each page as it is drawn, whatever entries were added, moved or removed;
focus lands on a field when a checklist opens, a section changes or an entry is added."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton, QWidget

from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver

TAB_LIMIT = 400  # more stops than any page has: a chain that loops fails instead of hanging


def settle() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def stop_key(widget: QWidget):
    """What one Tab stop is: a radio button stands for its exclusive group (Tab visits a group
    once; the arrow keys move within it)."""
    if isinstance(widget, QRadioButton):
        group = widget.group()
        if group is not None and group.exclusive():
            return ("group", id(group))
        if widget.autoExclusive():
            return ("siblings", id(widget.parentWidget()))
    return widget


def tabbable(widget: QWidget, top: QWidget) -> bool:
    policy = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
    return (
        bool(policy)
        and widget.focusProxy() is None
        and widget.isVisibleTo(top)
        and widget.isEnabled()
    )


def visual_order(page: QWidget) -> list:
    """The controls Tab can reach on `page` as a reader sees them: lines from top to bottom
    (a control whose middle is within a line's height is on that line), each left to right."""
    settle()
    top = page.window()
    boxes = []
    for widget in page.findChildren(QWidget):
        if tabbable(widget, top):
            boxes.append((QRect(widget.mapTo(page, QPoint(0, 0)), widget.size()), widget))
    boxes.sort(key=lambda box: (box[0].top(), box[0].left()))
    lines: list[list[tuple[QRect, QWidget]]] = []
    for rect, widget in boxes:
        line = lines[-1] if lines else None
        if line and any(r.top() <= rect.center().y() <= r.bottom() for r, _ in line):
            line.append((rect, widget))
        else:
            lines.append([(rect, widget)])
    keys = []
    for line in lines:
        for _, widget in sorted(line, key=lambda box: box[0].left()):
            key = stop_key(widget)
            if key not in keys:
                keys.append(key)
    return keys


def tab_through(form) -> tuple[list, QWidget]:
    """Tab from the section list through the current page; the stops on the page, and where
    the focus went after the page."""
    page = form.pages.currentWidget()
    form.sections.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    for _ in range(TAB_LIMIT):
        press(Qt.Key.Key_Tab)
        if not page.isAncestorOf(focused()):
            return stops, focused()
        stops.append(stop_key(focused()))
    raise AssertionError("Tab never left the page")


def shift_tab_back(form, start: QWidget) -> list:
    page = form.pages.currentWidget()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    for _ in range(TAB_LIMIT):
        press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if not page.isAncestorOf(focused()):
            assert focused() is form.sections
            return stops
        stops.append(stop_key(focused()))
    raise AssertionError("Shift+Tab never left the page")


def assert_tab_follows_the_page(form) -> None:
    stops, after = tab_through(form)
    expected = visual_order(form.pages.currentWidget())
    assert stops == expected
    assert after in (form.back_button, form.next_button, form.save_button)
    assert shift_tab_back(form, after) == expected[::-1]


def active(qtbot, window):
    window.resize(1366, 768)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window.form


def test_tab_follows_every_section_as_drawn_with_entries_added_moved_and_removed(
    qtbot, valid_checklist, open_draft, answer_dialogs
):
    form = active(qtbot, open_draft(valid_checklist))
    driver = FormDriver(qtbot, form)
    form.go_to_section(0)
    new = driver.add("incident.officers")  # Add officer: its fields come before Body-worn video
    type_text(focused(), "PC Zofia Krężołek <& co>")
    assert_tab_follows_the_page(form)
    qtbot.mouseClick(form.repeats["incident.officers"].entry_button(new, "Earlier"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert_tab_follows_the_page(form)
    driver.add("incident.intel_checks")
    driver.set("incident.bwv", "no")  # a field shown by an answer is in its place
    assert_tab_follows_the_page(form)
    answer_dialogs("question", QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.repeats["incident.officers"].entry_button(0, "Remove"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert_tab_follows_the_page(form)

    for index in range(form.sections.count()):
        form.go_to_section(index)
        if index == 1:  # children: a third child, moved to the front
            third = driver.add("children")
            driver.set(f"children[{third}].status", "born")
            driver.set(f"children[{third}].name", "Łucja Łuczak")
            for _ in range(third):
                form.move_entry("children", form.repeats["children"].body.currentIndex(),
                                form.repeats["children"].body.currentIndex() - 1)  # fmt: skip
        if index == 2:  # adults: a relationship added to the first adult
            driver.add("adults[0].relationships")
        assert_tab_follows_the_page(form)


def test_after_add_officer_shift_tab_and_typing_stay_in_the_officers_fields(
    qtbot, valid_checklist, open_draft
):
    """The reported damage: Shift+Tab three times from a new officer's name and typing a
    name pressed 'Now' (the arrival time was overwritten) and typed into the address."""
    form = active(qtbot, open_draft(valid_checklist))
    arrival = form.checklist.get("incident.arrival_time")
    address = form.checklist.get("incident.address")
    index = FormDriver(qtbot, form).add("incident.officers")
    name = form.editors[f"incident.officers[{index}].name"].line
    assert focused() is name  # Add puts the focus in the new officer's first field
    press(Qt.Key.Key_Tab)
    assert focused() is form.editors[f"incident.officers[{index}].collar_number"].line
    type_text(focused(), "4471")
    for _ in range(3):
        press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    type_text(focused(), "Ł")
    assert form.checklist.get("incident.arrival_time") == arrival
    assert form.checklist.get("incident.address") == address
    assert any(block.isAncestorOf(focused()) for block in form.repeats["incident.officers"].blocks)


def test_a_field_an_answer_shows_takes_the_very_next_keys(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = active(qtbot, window)
    yes = form.editors["incident.bwv"].group.button(0)
    yes.setFocus(Qt.FocusReason.TabFocusReason)
    # Space, Tab and typing with no event loop in between: nothing may wait for a timer
    QTest.keyClick(yes, Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    type_text(focused(), "BWV-4471 <Łódź & Krężołek>")
    assert form.checklist.get("incident.bwv_reference") == "BWV-4471 <Łódź & Krężołek>"
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(focused(), Qt.Key.Key_Right)  # the arrow moves to No and chooses it
    assert form.checklist.get("incident.bwv") == "no"
    press(Qt.Key.Key_Tab)  # the reference is gone: Tab goes to the reason that replaced it
    assert focused() is form.editors["incident.bwv_not_recorded_reason"].text


def test_a_new_checklist_opens_on_its_first_field_and_sections_focus_their_first(
    qtbot, main_window
):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = active(qtbot, window)
    assert focused() is form.editors["incident.reference"].line
    press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert form.sections.currentRow() == 2
    assert focused() is form.repeats["adults"].add_button  # no adult yet: the Add button
    qtbot.mouseClick(focused(), Qt.MouseButton.LeftButton)
    assert focused() is form.editors["adults[0].name"].line  # Add: the new adult's name
    press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # Back
    assert focused() is form.repeats["children"].add_button
    qtbot.mouseClick(form.next_button, Qt.MouseButton.LeftButton)
    assert focused() is form.editors["adults[0].role"].combo
    rect = form.sections.visualItemRect(form.sections.item(4))
    qtbot.mouseClick(form.sections.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.sections.currentRow() == 4
    assert focused() is form.editors["actions.mash_referral"].group.button(0)
    form.sections.setFocus()
    press(Qt.Key.Key_Down)  # the arrow keys move through the list and stay in it
    assert form.sections.currentRow() == 5 and focused() is form.sections
    press(Qt.Key.Key_Return)
    assert focused() is form.editors["officer.name"].line


def test_remove_and_move_keep_the_focus_on_the_page(
    qtbot, valid_checklist, open_draft, answer_dialogs
):
    valid_checklist.data["incident"]["officers"].append(
        {"uid": "o3", "name": "PC Łucja Krężołek", "collar_number": "6001"}
    )
    form = active(qtbot, open_draft(valid_checklist))
    officers = form.repeats["incident.officers"]
    form.go_to("incident.officers[2].collar_number")
    qtbot.mouseClick(officers.entry_button(2, "Earlier"), Qt.MouseButton.LeftButton)
    assert focused() is officers.entry_button(1, "Earlier")  # press again to move it further
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert [o["name"] for o in form.checklist.items("incident.officers")][0] == "PC Łucja Krężołek"
    assert focused() is form.editors["incident.officers[0].name"].line  # at the top: its name
    answer_dialogs("question", QMessageBox.StandardButton.Yes)
    officers.entry_button(1, "Remove").setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert focused() is form.editors["incident.officers[0].name"].line  # the previous entry
    officers.entry_button(0, "Remove").setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert focused() is form.editors["incident.officers[0].name"].line  # the next one moved up
    officers.entry_button(0, "Remove").setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert focused() is officers.add_button  # none left
    assert form.pages.currentWidget().isAncestorOf(focused())


def test_tab_into_a_field_just_shown_scrolls_it_into_view(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = active(qtbot, window)
    window.resize(1366, 600)
    area = form.pages.currentWidget()
    yes = form.editors["incident.history_check"].group.button(0)
    settle()
    bottom = yes.mapTo(area.widget(), QPoint(0, yes.height())).y()
    area.verticalScrollBar().setValue(bottom - area.viewport().height() + 4)  # at the bottom
    yes.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(yes, Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    result = form.editors["incident.history_check_result"].text
    assert focused() is result

    def wholly_shown():
        shown = QRect(result.mapTo(area.viewport(), QPoint(0, 0)), result.size())
        return area.viewport().rect().contains(shown)

    qtbot.waitUntil(wholly_shown, timeout=2000)


def add_by_keyboard(qtbot, main_window, section: str):
    """A new checklist, its `section` (a repeat: children, adults), Space on Add."""
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = active(qtbot, window)
    form.go_to_section([s.id for s in form.definition.sections].index(section))
    form.repeats[section].add_button.setFocus()
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(form.checklist.items(section)) == 1, timeout=2000)
    return form


def test_a_name_typed_right_after_add_child_lands_in_the_name(qtbot, main_window):
    """Add child puts the cursor in the first field still to answer: 'Born' is answered by
    its default, so a name typed at once is not lost on a radio button."""
    form = add_by_keyboard(qtbot, main_window, "children")
    type_text(focused(), "Zofia Łuczak <Zosia> & co")
    assert form.checklist.get("children[0].name") == "Zofia Łuczak <Zosia> & co"
    assert form.checklist.get("children[0].status") == "born"


def test_a_name_typed_right_after_add_adult_lands_in_the_name(qtbot, main_window):
    """An adult's first field is their role (a drop-down, where typing searches); the
    cursor goes to the name, the field the adult's tab is titled by."""
    form = add_by_keyboard(qtbot, main_window, "adults")
    type_text(focused(), "Anna Łuczak & <Ania>")
    assert form.checklist.get("adults[0].name") == "Anna Łuczak & <Ania>"


def test_shift_tab_into_a_radio_group_lands_on_the_chosen_answer(qtbot, main_window):
    """Back from a new child's name: the focus lands on 'Born' (chosen), not on 'Unborn',
    where one Space would have changed the answer."""
    form = add_by_keyboard(qtbot, main_window, "children")
    assert focused() is form.editors["children[0].name"].line
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    born = form.editors["children[0].status"].group.checkedButton()
    assert born is not None and born.text() == "Born" and focused() is born
    press(Qt.Key.Key_Space)
    assert form.checklist.get("children[0].status") == "born"


def test_arrow_keys_move_within_an_unanswered_radio_group(qtbot, main_window):
    """Tab lands on the first answer of an unanswered group; Right must then reach the next
    one (the walkthrough found it bounced back to the first, so only "Yes" was reachable)."""
    form = add_by_keyboard(qtbot, main_window, "children")
    editor = next(
        e
        for path, e in form.editors.items()
        if path.startswith("children[0].")
        and type(e).__name__ == "ChoiceButtons"
        and e.group.checkedButton() is None
        and e.isVisibleTo(form)
    )
    first, second = editor.group.buttons()[:2]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is first, timeout=2000)
    press(Qt.Key.Key_Right)
    assert focused() is second
    press(Qt.Key.Key_Space)
    assert editor.group.checkedButton() is second
