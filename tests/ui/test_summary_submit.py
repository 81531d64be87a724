"""Submitting from the summary: a question first (submission cannot be undone) that shows
every child as the summary does, safe from the keyboard; the outcome announced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_summary_page import record_announcements, to_summary


def open_question(qtbot, summary, by_key: bool = False):
    if by_key:
        QTest.keyClick(
            summary.submit_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    else:
        qtbot.mouseClick(summary.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary.confirmation is not None, timeout=1000)
    dialog = summary.confirmation
    qtbot.waitExposed(dialog)
    return dialog


def activated(qtbot, window) -> None:
    with qtbot.waitActive(window):  # shortcuts and key focus act only in the active window
        window.activateWindow()


def test_submit_asks_first_and_enter_or_escape_go_back(qtbot, store, valid_checklist, open_draft):
    window = open_draft(valid_checklist)
    activated(qtbot, window)
    form = window.form
    summary = to_summary(form)

    dialog = open_question(qtbot, summary)
    assert "cannot be undone" in dialog.accessibleDescription()
    # which checklist, with several windows open: its reference and address
    assert dialog.which.text().startswith("CV-0412-221126 · Flat 2, Łąkowa Court")
    assert dialog.go_back.isDefault() and not dialog.submit.isDefault()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.go_back, timeout=1000)
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert store.load(valid_checklist.id).state == "draft"
    assert summary.confirmation is None

    activated(qtbot, window)
    summary.submit_button.setFocus()
    dialog = open_question(qtbot, summary, by_key=True)  # Ctrl+Return on the page asks too
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.go_back, timeout=1000)
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        QTest.keyClick(dialog.go_back, Qt.Key.Key_Escape)
    assert store.load(valid_checklist.id).state == "draft"
    assert form.checklist.state == "draft"


def test_the_question_shows_every_child_and_a_deliberate_choice_submits(
    qtbot, store, valid_checklist, open_draft, monkeypatch
):
    said = record_announcements(monkeypatch)
    window = open_draft(valid_checklist)
    activated(qtbot, window)
    form = window.form
    summary = to_summary(form)
    dialog = open_question(qtbot, summary)

    table = QAccessible.queryAccessibleInterface(dialog.table)
    cells = [table.child(i) for i in range(table.childCount())]
    rows = [c.text(QAccessible.Text.Name) for c in cells if c.role() == QAccessible.Role.RowHeader]
    spoken = [c.text(QAccessible.Text.Name) for c in cells if c.role() == QAccessible.Role.Cell]
    assert rows == ["Kacper Łuczak, aged 7", "Amelia Krężołek, aged 4"]
    assert spoken[:3] == [
        "Seen: ✓ done. Seen at 23:12",
        "Spoken to alone: ✓ done. Spoken to alone",
        "Own words: ✓ done. Recorded",
    ]
    assert spoken[4].startswith(
        "Spoken to alone: ○ not done, reason recorded. Not alone: with Anna Łuczak (mother)"
    )
    # the same reading as the summary's table
    assert dialog.table.cell_text(1, "spoken_alone") == summary.children_table.cell_text(
        1, "spoken_alone"
    )

    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.go_back, timeout=1000)
    for _ in range(6):  # Tab to "Submit checklist": a choice, not a reflex
        if QApplication.focusWidget() is dialog.submit:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.submit
    with qtbot.waitSignal(form.checklist_submitted, timeout=2000):
        QTest.keyClick(dialog.submit, Qt.Key.Key_Space)

    assert store.load(valid_checklist.id).state == "submitted"
    assert summary.outcome.text().startswith("Submitted for supervisor review")
    assert said[-1] == (summary.outcome.text(), False)
    assert not summary.submit_button.isVisible()


def test_a_refused_submission_asks_nothing_and_is_announced(
    qtbot, store, valid_checklist, open_draft, monkeypatch
):
    said = record_announcements(monkeypatch)
    valid_checklist.data["children"][1]["spoken_alone_reason"] = ""
    window = open_draft(valid_checklist)
    activated(qtbot, window)
    form = window.form
    summary = to_summary(form)
    summary.submit_button.setFocus()
    QTest.keyClick(summary.submit_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert summary.confirmation is None  # refused at once: nothing to undo, nothing to ask
    assert said and said[-1][1] is True
    assert said[-1][0].startswith("Not submitted: 1 problem must be put right first.")
    assert summary.outcome.text().startswith("Not submitted: 1 problem")
    assert store.load(valid_checklist.id).state == "draft"
