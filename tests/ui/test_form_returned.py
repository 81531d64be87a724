"""The officer's form for a returned checklist, and the read-only view, on a real database: an
officer submits a valid checklist, a supervisor returns it with reasons (one on a child's own
words, one on the checklist as a whole, with < and & in them); the officer sees the reasons
at the top, beside the field and on the summary, goes to the field with Enter, puts it right
and submits again from the keyboard. Whoever may not change a checklist gets a read-only form
that never tries to save."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from officer_app import review, sealed
from officer_app.checklist import new_uid
from officer_app.settings import load_settings
from tests.conftest import ROOT, VALID_EXAMPLE, add_accounts
from tests.ui.conftest import type_text
from tests.ui.test_review_queue import submit_as
from ui.autosave import recovery_file
from ui.checklist_window import ChecklistWindow

OWN_WORDS = "children[0].own_words"
ON_WORDS = "Write what Kacper <said> & how he said it — his words, not Mum's."
ON_WHOLE = "Add the <PNC> & PND checks for Łąkowa Court."
NOTE = "Ring me <after 14:00> & we'll go through it."
OWN_WORDS_NAME = "Child 1, Kacper Łuczak: What the child said, in their own words"
ADDED = " Ja się bałem & <schowałem>."


@pytest.fixture
def users(store):
    return add_accounts(store)


def recovered(store, uid: str) -> dict:
    """The recovery copy of checklist `uid`, unsealed with the database's key (on disk it is
    sealed: none of the typed words are in its bytes)."""
    blob = recovery_file(uid).read_bytes()
    assert b"schowa" not in blob  # a word of ADDED, in any JSON escaping
    return json.loads(sealed.unseal(store.key, blob))


def focus():
    return QApplication.focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), key, modifier)


def returned(store, users, library):
    """Submitted by the officer, returned by the supervisor with two reasons; the store is
    left signed in as the officer."""
    checklist = submit_as(store, users, library)  # signed in as the supervisor now
    review.return_for_changes(
        store, store.load(checklist.id), [(OWN_WORDS, ON_WORDS), ("", ON_WHOLE)], note=NOTE
    )
    store.sign_in(users["officer"])
    return store.load(checklist.id)


def open_window(qtbot, store, library, checklist) -> ChecklistWindow:
    window = ChecklistWindow(store, library, load_settings(), checklist)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):  # shortcuts act only in the active window
        window.activateWindow()
    return window


def shown_texts(window) -> list[str]:
    """The text of every label and button the window shows."""
    widgets = window.findChildren(QLabel) + window.findChildren(QPushButton)
    return [w.text() for w in widgets if w.isVisibleTo(window)]


def test_a_returned_checklist_shows_its_reasons_at_the_top_beside_the_field_and_on_the_summary(
    qtbot, store, users, library
):
    window = open_window(qtbot, store, library, returned(store, users, library))
    form, banner = window.form, window.form.notes.banner

    assert banner.isVisible()
    head = banner.heading.text()
    assert head.startswith("Returned for changes by sgt.nowak on ") and "with 2 reasons" in head
    assert banner.note.text() == f"Note from the supervisor: {NOTE}"
    expected = [f"{OWN_WORDS_NAME} — {ON_WORDS}", f"The checklist as a whole — {ON_WHOLE}"]
    assert banner.list.texts() == expected
    assert form.summary.reasons.texts() == expected  # the summary lists them too
    # < and & are text: every label that shows them is plain text
    for label in (banner.heading, banner.note, form.rows[OWN_WORDS].reason):
        assert label.textFormat() == Qt.TextFormat.PlainText

    row = form.rows[OWN_WORDS]
    assert row.reason.text() == f"Supervisor: {ON_WORDS}"
    assert row.reason.isVisibleTo(row)
    editor = form.editors[OWN_WORDS].focus_widget()
    assert f"Supervisor: {ON_WORDS}" in editor.accessibleDescription()
    others = [r for p, r in form.rows.items() if p != OWN_WORDS and hasattr(r, "reason")]
    assert not any(r.reason.text() for r in others)  # "" names no field
    assert "Returned for changes" in window.windowTitle()
    assert "Saved automatically as you type" in shown_texts(window)  # the officer may edit


def test_enter_on_a_reason_goes_to_its_field_and_a_resubmission_by_keyboard_clears_them(
    qtbot, store, users, library
):
    checklist = returned(store, users, library)
    window = open_window(qtbot, store, library, checklist)
    form = window.form
    reasons = form.notes.banner.list
    assert focus() is reasons and reasons.currentRow() == 0  # it opens on the first reason

    press(Qt.Key.Key_Return)
    box = form.editors[OWN_WORDS].focus_widget()
    assert focus() is box
    assert form.sections.currentRow() == 1  # Children, Kacper's tab
    assert form.repeats["children"].body.currentIndex() == 0

    QTest.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(box, ADDED)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save now
    assert store.load(checklist.id).get(OWN_WORDS).endswith(ADDED)
    assert store.load(checklist.id).state == "returned"
    assert form.rows[OWN_WORDS].reason.text() == f"Supervisor: {ON_WORDS}"  # still there

    press(Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # the summary
    assert form.summary.heading.text() == "Summary and submit"
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.summary.confirmation is not None, timeout=1000)
    dialog = form.summary.confirmation
    qtbot.waitUntil(lambda: focus() is dialog.go_back, timeout=1000)
    for _ in range(6):  # Tab to "Submit checklist"
        if focus() is dialog.submit:
            break
        press(Qt.Key.Key_Tab)
    with qtbot.waitSignal(form.checklist_submitted, timeout=2000):
        press(Qt.Key.Key_Space)

    stored = store.load(checklist.id)
    assert stored.state == "submitted" and stored.get(OWN_WORDS).endswith(ADDED)
    assert review.return_reasons(store, stored) == []
    assert window.focusWidget() is form.sections  # not lost with the Submit button
    assert not form.notes.banner.isVisible()
    assert form.rows[OWN_WORDS].reason.text() == "" and not form.rows[OWN_WORDS].reason.isVisible()
    assert "Supervisor" not in form.editors[OWN_WORDS].focus_widget().accessibleDescription()
    assert not form.summary.reasons.isVisible()
    assert not any(ON_WHOLE in text for text in shown_texts(window))
    # and now it reads as what it is
    assert form.summary.heading.text() == "Summary"
    assert "Submitted — waiting for review" in window.windowTitle()
    assert "Save now" not in shown_texts(window)


def test_the_read_only_view_is_a_summary_with_its_state_and_nothing_to_save(
    qtbot, store, users, library
):
    checklist = submit_as(store, users, library)  # the supervisor opens it
    window = open_window(qtbot, store, library, store.load(checklist.id))
    form = window.form

    texts = shown_texts(window)
    assert "Save now" not in texts and "Saved automatically as you type" not in texts
    assert form.status.text() == "Read-only: Submitted — waiting for review"
    assert window.windowTitle() == "CV-0412-221126 — Submitted — waiting for review — officer-app"
    assert form.title.text().endswith("Submitted — waiting for review")
    press(Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert form.pages.currentWidget().accessibleName() == "Section 7 of 7: Summary"
    assert form.summary.heading.text() == "Summary"
    assert form.sections.item(6).text() == "7. Summary"
    assert not form.summary.submit_button.isVisibleTo(window)
    form.summary.setFocus()
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Return asks nothing
    assert form.summary.confirmation is None and form.submit() is False
    assert store.load(checklist.id).state == "submitted"

    store.sign_in(users["supervisor"])
    review.approve(store, store.load(checklist.id), library, agreed_grade="high", items=_yes())
    store.sign_in(users["officer"])
    approved = open_window(qtbot, store, library, store.load(checklist.id))
    assert approved.windowTitle().endswith("— Approved — officer-app")
    assert approved.form.status.text() == "Read-only: Approved"
    assert "Save now" not in shown_texts(approved)


def _yes() -> dict:
    from officer_app.review.items import supervisor_checklist

    return {item.id: {"answer": "yes", "note": ""} for item in supervisor_checklist().items}


def test_a_supervisor_opening_an_officers_draft_reads_it_and_nothing_is_saved(
    qtbot, store, users, library
):
    """The main window gives a supervisor the review window; the form must be safe too."""
    from officer_app import interchange

    store.sign_in(users["officer"])
    draft = interchange.read_file(VALID_EXAMPLE, library)
    draft.uid, draft.state, draft.submitted_at = new_uid(), "draft", ""
    store.save(draft)
    store.sign_in(users["supervisor"])

    window = open_window(qtbot, store, library, store.load(draft.id))
    form = window.form
    assert form.read_only
    assert form.status.text() == "Read-only: pc.krężołek's draft checklist: only they can change it"
    texts = shown_texts(window)
    assert "Save now" not in texts and "Saved automatically as you type" not in texts
    assert form.summary.heading.text() == "Summary"

    box = form.editors["incident.address"].focus_widget()
    form.go_to("incident.address")
    type_text(box, "<b>nowy</b> & adres")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.checklist.get("incident.address") == draft.get("incident.address")
    press(Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.summary.confirmation is None
    qtbot.wait(1000)  # longer than the autosave's pause
    assert not form.saving.bar.isVisible() and "NOT SAVED" not in form.status.text()
    with qtbot.waitSignal(window.closed, timeout=2000):
        press(Qt.Key.Key_Escape)

    assert store.load(draft.id).version == draft.version
    store.sign_in(users["administrator"])
    actions = [entry.action for entry in store.audit_log(draft.id)]
    assert actions == ["create"]  # no "update": not even an attempt


def test_a_supervisor_reading_a_returned_checklist_sees_the_reasons_and_can_change_nothing(
    qtbot, store, users, library
):
    checklist = returned(store, users, library)
    store.sign_in(users["supervisor"])
    window = open_window(qtbot, store, library, store.load(checklist.id))
    form = window.form
    assert form.read_only
    assert form.status.text() == (
        "Read-only: pc.krężołek's returned checklist: only they can change it"
    )
    assert form.notes.banner.list.texts()[0] == f"{OWN_WORDS_NAME} — {ON_WORDS}"
    assert form.rows[OWN_WORDS].reason.text() == f"Supervisor: {ON_WORDS}"
    assert "Put each one right" not in form.notes.banner.heading.text()  # not theirs to do
    assert not form.summary.submit_button.isVisibleTo(window)
    assert "Save now" not in shown_texts(window)


def test_a_save_the_store_refuses_stops_at_once_and_keeps_what_was_typed(
    qtbot, store, users, library, answer_dialogs
):
    """Should the store refuse after the form opened (here: someone else signed in on the
    same store), the form says so once, does not retry, and keeps every change in the copy."""
    checklist = returned(store, users, library)
    window = open_window(qtbot, store, library, checklist)
    form = window.form
    asked = answer_dialogs("warning", QMessageBox.StandardButton.Yes)  # close anyway
    store.sign_in(users["officer2"])
    box = form.go_to(OWN_WORDS)
    QTest.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(box, ADDED)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    bar = form.saving.bar.label.text()
    assert bar.startswith(f"NOT SAVED: Checklist {checklist.id} is another officer's")
    assert "Retrying" not in bar and form.autosave.blocked
    copy = recovered(store, checklist.uid)
    assert copy["data"]["children"][0]["own_words"].endswith(ADDED)
    type_text(box, " Łatka")  # typing on goes to the copy at once
    copy = recovered(store, checklist.uid)
    assert copy["data"]["children"][0]["own_words"].endswith(ADDED + " Łatka")
    store.sign_in(users["officer"])
    assert not store.load(checklist.id).get(OWN_WORDS).endswith(ADDED)
    assert window.close() and asked == ["Not saved"]  # closing says where the copy is


LAPTOP = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from officer_app import interchange, review
from officer_app.library import default_library
from officer_app.settings import load_settings
from tests.conftest import open_store
from ui.app import make_application
from ui.autosave import recovery_file
from ui.checklist_window import ChecklistWindow

app = make_application([])
library = default_library()
checklist = interchange.read_file(Path("resources/examples/valid-two-children.json"), library)
checklist.state, checklist.submitted_at = "draft", ""
store = open_store(Path(sys.argv[1]))  # maintenance access: no accounts needed to set this up
store.save(checklist)
checklist.state = "submitted"
store.save(checklist, action="submit")
long = "Write down what the child said, word for word, not a summary of it <&> " * 3
reasons = [("children[0].own_words", long), ("", long), ("risk.answers.weapons", long)]
review.return_for_changes(
    store, checklist, reasons + [("children[1].name", "Spelling?")], note="Ring me <&> " * 4
)
window = ChecklistWindow(store, library, load_settings(), store.load(checklist.id))
window.show()
QTest.qWaitForWindowExposed(window)
form = window.form
form.go_to("children[0].own_words")
banners = window.centralWidget().findChildren(QLabel, "marking")
def rect(w):
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size()).getRect()
print(json.dumps({
    "available": window.screen().availableGeometry().getRect(),
    "window": window.frameGeometry().getRect(),
    "parts": {name: rect(w) for name, w in [
        ("Back", form.back_button), ("Next", form.next_button),
        ("reasons", form.notes.banner.list), ("heading", form.notes.banner.heading),
        ("top banner", banners[0]), ("bottom banner", banners[-1]),
    ]},
    "page height": form.pages.height(),
}))
store.close()
"""


def _on_a_laptop(tmp_path, scale: str) -> dict:
    """LAPTOP run on a 1366x768 screen less a taskbar, at `scale` (as test_form_window)."""
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728, "dpi": 96}
    config.write_text(json.dumps({"screens": [{**screen, "dpr": 1}]}))
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    database = str(tmp_path / f"laptop-{scale}.sqlite")
    done = subprocess.run(
        [sys.executable, "-c", LAPTOP, database],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_returned_checklist_with_its_banner_fits_a_laptop_at_150_percent(tmp_path):
    for scale in ("1", "1.5"):
        seen = _on_a_laptop(tmp_path, scale)
        assert _inside(seen["window"], seen["available"]), (scale, seen)
        for name, part in seen["parts"].items():
            assert _inside(part, seen["window"]), (scale, name, seen)
        assert seen["page height"] >= 150, (scale, seen)  # room left to work in


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh
