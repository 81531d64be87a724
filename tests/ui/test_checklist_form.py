"""The checklist form, driven through its real widgets offscreen."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import VALID_EXAMPLE, open_store
from tests.ui.conftest import change_elsewhere, type_text
from tests.ui.driver import FormDriver, without_uids

WITHHELD = {"children[0].own_words", "children[1].spoken_alone_reason"}


def example_data() -> dict:
    return json.loads(VALID_EXAMPLE.read_text(encoding="utf-8"))["data"]


def problem_paths(form) -> set[str]:
    items = [form.summary.problem_list.item(i) for i in range(form.summary.problem_list.count())]
    return {item.data(Qt.ItemDataRole.UserRole) for item in items} - {None}


def test_a_full_checklist_with_two_children_is_refused_then_submitted(
    qtbot, main_window, store, definition
):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    data = example_data()
    driver = FormDriver(qtbot, form)
    driver.fill(data, definition, skip=WITHHELD)

    assert form.submit() is False
    assert problem_paths(form) >= WITHHELD
    assert "Not submitted" in form.summary.outcome.text()
    assert store.load(form.checklist.id).state == "draft"

    driver.set("children[0].own_words", data["children"][0]["own_words"])
    driver.set("children[1].spoken_alone_reason", data["children"][1]["spoken_alone_reason"])
    assert form.submit() is True
    stored = store.load(form.checklist.id)
    assert stored.state == "submitted"
    assert without_uids(stored.data) == without_uids(data)
    assert [c["name"] for c in stored.data["children"]] == ["Kacper Łuczak", "Amelia Krężołek"]
    form.remove_entry("children", 0)
    form.add_entry("adults")
    assert len(form.checklist.items("children")) == 2 and len(form.checklist.items("adults")) == 2
    from PySide6.QtWidgets import QPushButton

    page = form.repeats["children"].body.currentWidget()
    entry_buttons = [b for b in page.findChildren(QPushButton) if b.text() == "Remove"]
    assert entry_buttons and not any(b.isEnabled() for b in entry_buttons)
    tabs = form.repeats["children"].body
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Kacper Łuczak", "Amelia Krężołek"]
    assert (
        not form.editors["children[0].name"].line.isEnabled()
        or form.editors["children[0].name"].line.isReadOnly()
    )


def test_problems_appear_beside_the_field_as_the_officer_types(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    driver = FormDriver(qtbot, form)
    driver.add("children")
    reason_row = form.rows["children[0].spoken_alone_reason"]
    assert not reason_row.isVisibleTo(form)  # only when "spoken to alone" is No
    for path, value in (
        ("children[0].location", "asleep"),
        ("children[0].seen", "yes"),
        ("children[0].communication", "verbal"),
        ("children[0].spoken_to", "yes"),
    ):
        driver.set(path, value)
    form.go_to("children[0].spoken_alone")
    no_button = form.editors["children[0].spoken_alone"].group.button(1)
    qtbot.mouseClick(no_button, Qt.MouseButton.LeftButton)
    # no manual refresh: the check timer shows the field and its problem
    assert reason_row.isVisibleTo(form)  # shown with the click, before any other event
    qtbot.waitUntil(lambda: reason_row.problem.text() != "", timeout=2000)
    assert "not spoken to alone" in reason_row.problem.text().lower()
    type_text(form.editors["children[0].spoken_alone_reason"].text, "Mother said he is fine & OK")
    qtbot.waitUntil(
        lambda: (
            "adult" in reason_row.problem.text().lower()
            or "parent" in reason_row.problem.text().lower()
        ),
        timeout=2000,
    )
    present_row = form.rows["children[0].present"]
    driver.set("children[0].present", "no")
    assert "present" in present_row.problem.text().lower()


def test_autosave_reaches_the_database_within_about_a_second(qtbot, main_window, store):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    form.go_to("incident.reference")
    type_text(form.editors["incident.reference"].line, "CV-Łódź-0412")
    qtbot.waitUntil(lambda: form.checklist.id is not None, timeout=1500)
    qtbot.waitUntil(
        lambda: store.load(form.checklist.id).get("incident.reference") == "CV-Łódź-0412",
        timeout=1500,
    )
    assert "Saved at" in form.status.text()
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=2000)
    assert main_window.model.row_at(0).reference == "CV-Łódź-0412"


def test_recovery_after_the_window_is_destroyed_without_saving(
    qtbot, store, library, tmp_path, answer_dialogs
):
    from officer_app.settings import load_settings
    from ui.main_window import MainWindow

    first = MainWindow(store, library, load_settings())
    window = first.new_checklist()
    driver = FormDriver(qtbot, window.form)
    driver.add("children")
    driver.set("children[0].name", "Zofia Krężołek <3>")
    qtbot.waitUntil(
        lambda: window.form.checklist.id is not None and not window.form.autosave.dirty,
        timeout=2000,
    )
    checklist_id = window.form.checklist.id
    type_text(window.form.editors["children[0].name"].line, " x")  # within the last second
    window.form.autosave.stop()  # the process dies: no timer, no close event
    with qtbot.waitSignals([window.destroyed, first.destroyed], timeout=2000):
        window.deleteLater()
        first.deleteLater()

    with open_store(store.path) as reopened:
        second = MainWindow(reopened, library, load_settings())
        qtbot.addWidget(second)
        assert second.unfinished_drafts() == [checklist_id]
        answer_dialogs("question", QMessageBox.StandardButton.Yes)
        second.offer_recovery()
        assert len(second.windows) == 1
        recovered = second.windows[0].form
        qtbot.addWidget(second.windows[0])
        assert recovered.checklist.get("children[0].name") == "Zofia Krężołek <3>"
        assert recovered.editors["children[0].name"].line.text() == "Zofia Krężołek <3>"
        assert second.windows[0].close()
        assert second.unfinished_drafts() == []


def test_a_failed_save_keeps_what_was_typed_and_says_so(
    qtbot, main_window, store, library, tmp_path, answer_dialogs
):
    asked = answer_dialogs("warning", QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    type_text(form.editors["incident.reference"].line, "CV-1")
    assert form.autosave.flush()
    store._db.conn.close()  # the database goes away (a network share drops, a disk fails)
    address = form.editors["incident.address"].text
    type_text(address, "Flat 2 <rear>, Łąkowa & Co")
    assert form.autosave.flush() is False
    assert "NOT SAVED" in form.status.text()
    assert form.saving.bar.isVisible() and "NOT SAVED" in form.saving.bar.label.text()
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]  # no dialog
    type_text(address, " ab")  # typing goes on where it was: the bar never takes the focus
    assert window.focusWidget() is address
    assert form.checklist.get("incident.address") == "Flat 2 <rear>, Łąkowa & Co ab"
    kept = json.loads(_recovery_text(form))  # rewritten at each change, not at the retry
    assert kept["data"]["incident"]["address"] == "Flat 2 <rear>, Łąkowa & Co ab"
    assert window.width() <= 1366  # the long message wraps; it does not widen the window
    assert asked == []
    assert window.close() is False  # the officer chooses to stay: nothing is lost
    assert window.isVisible()
    assert window.close() is True  # and may leave, the recovery copy kept
    assert json.loads(_recovery_text(form))["data"]["incident"]["address"].startswith("Flat 2")

    with open_store(tmp_path / "working.sqlite") as working:
        from officer_app.settings import load_settings
        from ui.main_window import MainWindow

        later = MainWindow(working, library, load_settings())
        qtbot.addWidget(later)
        answer_dialogs("question", QMessageBox.StandardButton.Yes)
        later.offer_recovery()
        (reopened,) = later.windows
        qtbot.addWidget(reopened)
        assert reopened.form.checklist.get("incident.address") == "Flat 2 <rear>, Łąkowa & Co ab"
        qtbot.waitUntil(lambda: reopened.form.checklist.id is not None, timeout=3000)
        saved = working.load(reopened.form.checklist.id)
        assert saved.get("incident.address") == "Flat 2 <rear>, Łąkowa & Co ab"
        assert later.recovery_copies() == []
        assert reopened.close()


def _recovery_text(form) -> str:
    """The recovery copy, unsealed with the database key: on disk it is encrypted, so the
    officer's words are not in it as text."""
    from officer_app.sealed import unseal
    from ui.autosave import recovery_file

    sealed = recovery_file(form.checklist.uid).read_bytes()
    assert "Łąkowa".encode() not in sealed and b"incident" not in sealed
    return unseal(form.store.key, sealed).decode("utf-8")


def test_a_stale_copy_never_overwrites_and_the_officers_version_is_kept(
    store, valid_checklist, open_draft, answer_dialogs
):
    form = open_draft(valid_checklist).form
    change_elsewhere(store, valid_checklist.id, "incident.reference", "CHANGED-ELSEWHERE")
    type_text(form.editors["incident.reference"].line, "-mine")
    answer_dialogs("warning", QMessageBox.StandardButton.Yes)
    form.autosave.flush()
    assert store.load(valid_checklist.id).get("incident.reference") == "CHANGED-ELSEWHERE"
    mine = store.load(form.checklist.id)
    assert not form.autosave.blocked and "Łuczak" in mine.data["children"][0]["name"]
    assert mine.id != valid_checklist.id and mine.get("incident.reference").endswith("-mine")


def test_every_input_has_an_accessible_name_and_a_labelled_buddy(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    FormDriver(qtbot, form).add("children")
    for path, editor in form.editors.items():
        if hasattr(editor, "focus_widget"):
            assert editor.focus_widget().accessibleName(), path
    for path, row in form.rows.items():
        if hasattr(row, "label") and hasattr(row.editor, "focus_widget"):
            assert row.label.buddy() is row.editor.focus_widget(), path


def test_sections_by_keyboard_and_problem_links_jump_to_the_field(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    with qtbot.waitActive(window):  # window shortcuts act only in the active window
        window.activateWindow()
    QTest.keyClick(
        QApplication.focusWidget() or form, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier
    )
    assert form.sections.currentRow() == 1  # Children
    QTest.keyClick(
        QApplication.focusWidget() or form, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert form.sections.currentRow() == 2
    FormDriver(qtbot, form).add("children")
    form.go_to_section(form.sections.count() - 1)
    items = [form.summary.problem_list.item(i) for i in range(form.summary.problem_list.count())]
    target = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "children[0].name")
    form.summary.problem_list.itemActivated.emit(target)
    assert form.sections.currentRow() == 1
    assert (
        form.editors["children[0].name"].line.hasFocus()
        or form.focusWidget() is form.editors["children[0].name"].line
    )


def test_section_list_shows_complete_or_the_number_of_problems(
    qtbot, main_window, store, valid_checklist, open_draft
):
    valid_checklist.data["children"][0]["own_words"] = ""
    window = open_draft(valid_checklist)
    texts = [window.form.sections.item(i).text() for i in range(6)]
    assert texts[0].endswith("✓") and "1 to do" in texts[1]


def test_no_page_needs_a_sideways_scrollbar_at_150_percent_of_1024x768(
    qtbot, main_window, store, valid_checklist, open_draft
):
    window = open_draft(valid_checklist)
    window.resize(683, 512)  # 1024x768 at 150% display scaling, in logical pixels
    window.show()
    form = window.form
    for index in range(form.sections.count()):
        form.go_to_section(index)
        area = form.pages.currentWidget()
        qtbot.waitUntil(lambda area=area: area.viewport().width() > 0, timeout=1000)
        needed = area.widget().minimumSizeHint().width()
        assert needed <= area.viewport().width(), (form.sections.item(index).text(), needed)


def test_after_a_conflict_the_officer_is_asked_once_and_their_version_is_kept(
    qtbot, store, valid_checklist, open_draft, answer_dialogs
):
    form = open_draft(valid_checklist).form
    change_elsewhere(store, valid_checklist.id, "incident.reference", "CHANGED-ELSEWHERE")
    asked = answer_dialogs("warning", QMessageBox.StandardButton.No)
    type_text(form.editors["incident.reference"].line, "-mine")
    assert form.autosave.flush() is False
    type_text(form.editors["incident.postcode"].line, " Ż")
    form.autosave.changed()
    assert not form.autosave.timer.isActive()  # nothing scheduled: no new save, no new question
    assert asked == ["Changed elsewhere"]
    kept = json.loads(_recovery_text(form))
    assert kept["data"]["incident"]["reference"].endswith("-mine")
    assert "NOT SAVED" in form.status.text()
    assert store.load(valid_checklist.id).get("incident.reference") == "CHANGED-ELSEWHERE"
    form.autosave.blocked = False  # let the fixture's teardown close the window quietly
    form.autosave.dirty = False


def test_ctrl_enter_in_a_field_does_not_submit(
    qtbot, main_window, store, valid_checklist, open_draft
):
    window = open_draft(valid_checklist)
    with qtbot.waitActive(window):
        window.activateWindow()
    form = window.form
    form.go_to("children[0].own_words")
    QTest.keyClick(
        form.editors["children[0].own_words"].text,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert store.load(valid_checklist.id).state == "draft"
    assert form.checklist.state == "draft"
