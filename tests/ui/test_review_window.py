"""The review screen (ui.review_window) on a real database, driven from the keyboard: an
officer submits a valid checklist, the supervisor reads it and approves or returns it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from officer_app import workflow
from officer_app.review import approve, return_for_changes, return_reasons
from officer_app.review.items import supervisor_checklist
from officer_app.settings import load_settings
from tests.conftest import add_accounts
from tests.ui.conftest import type_text
from tests.ui.test_review_queue import submit_as
from ui.review_reading import VersionViewer
from ui.review_window import CLOSE_TITLE, ReviewWindow
from ui.summary_table_fit import full_text

WORDS = "Marek krzyczał <głośno> & mama płakała. I hid under my bed with Łatka, my dog."
CHANGES = {"children[0].own_words": WORDS, "children[1].name": "Amelia Krężołek <Mała> & Co"}


@pytest.fixture
def users(store):
    return add_accounts(store)


def open_review(qtbot, store, library, checklist_id: int) -> ReviewWindow:
    window = ReviewWindow(store, library, load_settings(), checklist_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):  # mnemonics and shortcuts act in the active window only
        window.activateWindow()
    return window


def focus() -> QWidget:
    return QApplication.focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = focus()
    assert target is not None, "no widget has the focus"  # QTest aborts on None
    QTest.keyClick(target, key, modifier)


def tab_to(target: QWidget, limit: int = 300) -> None:
    for _ in range(limit):
        if focus() is target:
            return
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}")


def answer_every_item_yes(window: ReviewWindow, first_note: str = "") -> None:
    """Alt+C goes to the supervisor's checklist; Space answers Yes, Tab the note, Tab on."""
    press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    for row in window.panel.item_rows:
        assert focus() is row.answer.group.buttons()[0], row.label.text()
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Tab)
        assert focus() is row.note
        if first_note and row is window.panel.item_rows[0]:
            type_text(row.note, first_note)
        press(Qt.Key.Key_Tab)


def plain(label) -> str:
    """What a rich-text label shows, as text."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_the_review_shows_each_childs_words_and_records_the_view(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=CHANGES)

    window = open_review(qtbot, store, library, checklist.id)

    first, second = window.reading.child_texts
    assert f"In the child's own words: “{WORDS}”" in first.text()
    assert "Child 2: Amelia Krężołek <Mała> & Co" in second.text()
    assert "Not spoken to alone" in second.text() or "Not alone" in second.text()
    assert "an adult's account, not the child's voice" in first.text()
    assert "Łąkowa Court, 14 Smith & Dawes Road" in window.title.text()
    assert "pc.krężołek" in window.details.text()
    assert "Officer's grade: High." in window.reading.risk.text()
    assert WORDS in plain(window.reading.sections["Children"])
    store.sign_in(users["administrator"])
    views = store.audit_log(checklist.id, action="view")
    assert [(v.actor, v.detail) for v in views] == [("sgt.nowak", "review")]


NOT_WOKEN = {
    "children[1].location": "asleep",
    "children[1].seen": "no",
    "children[1].not_seen_reason": "asleep_not_woken",
    "children[1].not_seen_explanation": "Spała <mocno> & spokojnie; checked from the door.",
}


def test_the_rules_flags_and_the_reasons_a_child_was_not_seen(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=NOT_WOKEN)

    window = open_review(qtbot, store, library, checklist.id)

    flags = window.reading.flags.text()
    assert flags.startswith("⚑ Flag: Child 2 (Amelia Krężołek) · Reason not seen: ")
    assert "Asleep and not woken" in flags
    amelia = window.reading.child_texts[1].text()
    assert "Seen: ○ not done, reason recorded — Not seen: Asleep and not woken" in amelia
    assert "Spała <mocno> & spokojnie; checked from the door." in amelia
    assert "⚑ For the supervisor: " in amelia
    assert "No words of the child recorded." in amelia


def test_approve_by_keyboard_stores_the_decision_and_the_items(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=CHANGES)
    window = open_review(qtbot, store, library, checklist.id)

    answer_every_item_yes(window, first_note="Dzieci zadbane <ok> & spokojne")
    assert focus() is window.panel.grade and window.panel.grade.currentText() == "High"
    tab_to(window.panel.approve_button)
    with qtbot.waitSignal(window.decided) as decided:
        press(Qt.Key.Key_Return)

    assert decided.args == [checklist.id]
    assert store.load(checklist.id).state == "approved"
    made = store.reviews(checklist.id)[-1]
    assert (made.decision, made.agreed_grade, made.reviewer) == ("approve", "high", "sgt.nowak")
    assert {k: v["answer"] for k, v in made.items.items()} == {
        item.id: "yes" for item in supervisor_checklist().items
    }
    assert made.items["children_welfare"]["note"] == "Dzieci zadbane <ok> & spokojne"
    assert window.status.text().startswith("Approved: agreed risk grade High.")
    assert window.panel is None  # read-only now: nothing left to decide
    assert "Approved by sgt.nowak" in window.reading.reviews.text()


def test_a_lower_grade_without_rationale_is_refused_and_nothing_typed_is_lost(
    qtbot, store, users, library
):
    checklist = submit_as(store, users, library)
    window = open_review(qtbot, store, library, checklist.id)
    panel = window.panel
    answer_every_item_yes(window)
    press(Qt.Key.Key_Up)  # High -> Medium -> Standard: below the score's High
    press(Qt.Key.Key_Up)
    press(Qt.Key.Key_Tab)  # the rationale, left empty
    press(Qt.Key.Key_Tab)
    type_text(panel.note, "Sprawdzone <nocą> & rano")
    tab_to(panel.approve_button)
    press(Qt.Key.Key_Return)

    assert panel.refusal_box.isVisible()
    assert "a downgrade needs your rationale" in panel.refusal.text()
    assert store.load(checklist.id).state == "submitted"
    assert panel.note.toPlainText() == "Sprawdzone <nocą> & rano"
    assert panel.grade.currentText() == "Standard"
    assert all(row.answer.group.button(0).isChecked() for row in panel.item_rows)

    press(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Rationale
    type_text(panel.rationale, "Ofiara w schronisku <bezpieczna> & sprawca w areszcie.")
    tab_to(panel.approve_button)
    press(Qt.Key.Key_Return)

    made = store.reviews(checklist.id)[-1]
    assert (made.agreed_grade, made.grade_rationale) == (
        "standard",
        "Ofiara w schronisku <bezpieczna> & sprawca w areszcie.",
    )
    assert made.note == "Sprawdzone <nocą> & rano"


def test_return_with_reasons_tied_to_fields(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=CHANGES)
    window = open_review(qtbot, store, library, checklist.id)
    panel = window.panel
    first = panel.reason_rows[0]
    at = first.field.findData("children[1].spoken_alone_reason")
    assert first.field.itemText(at).startswith("Child 2 (Amelia Krężołek <Mała> & Co) · ")
    first.field.setFocus()
    first.field.setCurrentIndex(at)  # as a choice from its list
    first.field.activated.emit(at)
    press(Qt.Key.Key_Tab)
    assert focus() is first.reason
    press(Qt.Key.Key_Tab)  # Remove is hidden while there is one reason: Add another reason
    assert focus() is panel.add_reason
    press(Qt.Key.Key_Return)  # tied to the whole checklist unless another field is chosen
    second = panel.reason_rows[1]
    assert focus() is second.field and second.path() == ""
    tab_to(panel.add_reason)
    press(Qt.Key.Key_Return)
    third = panel.reason_rows[2]
    tab_to(third.remove)
    assert third.remove.accessibleName() == "Remove reason 3"
    press(Qt.Key.Key_Space)
    assert panel.reason_rows == [first, second] and focus() is second.field
    tab_to(panel.return_button)
    press(Qt.Key.Key_Return)  # a reason tied to a field but empty is refused here
    assert "Reason 1 (Child 2 (Amelia" in panel.refusal.text()
    assert store.load(checklist.id).state == "submitted"

    type_text(first.reason, "Dlaczego nie sama? <Kto> & gdzie")
    type_text(second.reason, "Opis kuchni: więcej faktów")
    tab_to(panel.return_button)
    with qtbot.waitSignal(window.decided):
        press(Qt.Key.Key_Return)

    assert store.load(checklist.id).state == "returned"
    assert store.reviews(checklist.id)[-1].reasons == (
        {"path": "children[1].spoken_alone_reason", "reason": "Dlaczego nie sama? <Kto> & gdzie"},
        {"path": "", "reason": "Opis kuchni: więcej faktów"},
    )
    store.sign_in(users["officer"])
    back = store.load(checklist.id)
    assert return_reasons(store, back)[0]["path"] == "children[1].spoken_alone_reason"
    assert window.status.text().startswith("Returned to pc.krężołek with 2 reasons")


def test_a_resubmission_shows_each_change_before_and_after(qtbot, store, users, library):
    checklist = submit_as(store, users, library)
    old_words = checklist.get("children[0].own_words")
    return_for_changes(store, store.load(checklist.id), [("children[0].own_words", "Całość")])
    store.sign_in(users["officer"])
    again = store.load(checklist.id)
    again.set("children[0].own_words", WORDS)
    again.set("risk.answers.injury_now.comment", "Siniak <duży> & świeży")
    store.save(again)
    workflow.submit(store, again, library)
    store.sign_in(users["supervisor"])

    window = open_review(qtbot, store, library, checklist.id)

    table = window.reading.changes_table
    labels = [full_text(table.verticalHeaderItem(r)) for r in range(table.rowCount())]
    words = labels.index("Child 1 (Kacper Łuczak) · What the child said, in their own words")
    assert full_text(table.item(words, 0)) == old_words
    assert full_text(table.item(words, 1)) == WORDS
    risk = next(r for r, label in enumerate(labels) if label.startswith("Risk · Question 1:"))
    assert "Siniak <duży> & świeży" in full_text(table.item(risk, 1))
    assert "Returned by sgt.nowak" in window.reading.changes_summary.text()


def test_another_officer_is_told_why_not_and_nothing_is_shown(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=CHANGES)
    store.sign_in(users["officer2"])

    window = open_review(qtbot, store, library, checklist.id)

    assert "another officer's" in window.status.text()
    assert window.reading is None and window.panel is None
    assert WORDS not in window.title.text() + window.details.text()
    store.sign_in(users["administrator"])
    assert store.audit_log(checklist.id, action="view") == []


def test_an_approved_checklist_reads_with_its_reviews_and_kept_versions(
    qtbot, store, users, library
):
    checklist = submit_as(store, users, library, changes=CHANGES)
    items = {item.id: {"answer": "yes"} for item in supervisor_checklist().items}
    approve(store, store.load(checklist.id), library, agreed_grade="high", items=items)

    window = open_review(qtbot, store, library, checklist.id)

    assert window.panel is None
    assert "Read only: this checklist is approved" in window.details.text()
    reviews = window.reading.reviews.text()
    assert "Approved by sgt.nowak" in reviews and "Agreed risk grade: High" in reviews
    press(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kept versions
    assert focus() is window.reading.version_list
    press(Qt.Key.Key_Up)  # the submitted version, before the approval
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Return)  # View this version
    viewer = window.findChild(VersionViewer)
    assert viewer is not None and "(submitted), read-only" in viewer.windowTitle()
    assert WORDS in plain(viewer.sections["Children"])
    store.sign_in(users["administrator"])
    details = [v.detail for v in store.audit_log(checklist.id, action="view")]
    assert details == ["review", f"review: version {checklist.version}"]


def closing_question(qtbot, window: ReviewWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.confirm is not None and window.confirm.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.confirm)
    return window.confirm


def test_escape_asks_before_typed_text_is_lost(qtbot, store, users, library):
    checklist = submit_as(store, users, library)
    window = open_review(qtbot, store, library, checklist.id)
    type_text(window.panel.note, "Zaczęte <nie> & skończone")

    press(Qt.Key.Key_Escape)
    box = closing_question(qtbot, window)
    assert box.windowTitle() == CLOSE_TITLE
    assert focus() is box.defaultButton()  # "Go back to the review"
    press(Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.confirm is None)
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.isVisible() and focus() is window.panel.note
    assert window.panel.note.toPlainText() == "Zaczęte <nie> & skończone"

    press(Qt.Key.Key_Escape)
    box = closing_question(qtbot, window)
    box.button(QMessageBox.StandardButton.Yes).setFocus()  # a deliberate move to "Close"
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_escape_closes_at_once_when_nothing_was_typed(qtbot, store, users, library):
    checklist = submit_as(store, users, library)
    window = open_review(qtbot, store, library, checklist.id)

    press(Qt.Key.Key_Escape)

    assert window.confirm is None and not window.isVisible()


def test_fits_a_small_screen_at_150_percent(qtbot, store, users, library):
    checklist = submit_as(store, users, library, changes=CHANGES)
    window = open_review(qtbot, store, library, checklist.id)
    window.resize(911, 512)
    qtbot.wait(50)

    inside = window.rect()
    for button in (window.panel.approve_button, window.panel.return_button, window.close_button):
        corner = button.mapTo(window, button.rect().bottomRight())
        assert inside.contains(corner), button.text()
    assert not window.panel.items_area.horizontalScrollBar().isVisible()
    assert not window.reading_scroll.horizontalScrollBar().isVisible()
