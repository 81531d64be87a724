"""The retention dialog by keyboard on a real database: an administrator sees the checklists
past their period (reference, state, last change, how long its state is kept) and how many
are chosen, chooses several with Shift+arrow, is asked "Erase 2 checklists? This cannot be
undone." where Enter and Escape keep them, and erases them with a deliberate press; the
erasure is in the audit log and the main window's list is read again. One checklist is spoken
of in the singular; many are named up to ten, then "and N more", so the question fits a
768-pixel screen. Anyone else is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from officer_app import retention, workflow
from officer_app.settings import load_settings
from tests.conftest import add_accounts, approve, open_store, raw_connection
from tests.test_permissions import start
from tests.ui.test_accounts_dialog import active, focused, press
from ui.retention_dialog import EraseConfirmation, RetentionDialog, open_retention

REFERENCES = ("CV-1 <Łuczak> & Co", "CV-2 <Krężołek>", "CV-3 &amp;")
WORDS = "children[0].own_words"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "Łuczak <&>.sqlite") as opened:
        yield opened


@pytest.fixture
def world(store, valid_checklist, library):
    """Three drafts (ids 1-3) and an approved checklist (4); the administrator signed in."""
    users = add_accounts(store)
    store.sign_in(users["officer"])
    for reference in REFERENCES:
        draft = start(store, valid_checklist, reference)
        draft.set(WORDS, f"Words of {reference}")
        store.save(draft)
    approved = start(store, valid_checklist, "CV-4 approved")
    workflow.submit(store, approved, library)
    store.sign_in(users["supervisor"])
    approve(store, store.load(approved.id), library)
    store.sign_in(users["administrator"])
    return users


def in_days(days: int):
    return lambda: retention.now() + timedelta(days=days)


@pytest.fixture
def dialog(qtbot, store, world):
    opened = open_retention(None, store, load_settings(), now=in_days(91))
    assert isinstance(opened, RetentionDialog)
    qtbot.addWidget(opened)
    return active(qtbot, opened)


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]


def test_the_list_shows_what_is_past_its_period_and_how(dialog):
    shown = rows(dialog)
    assert [r[0] for r in shown] == list(REFERENCES)  # the approved one is kept six years
    assert all(r[1] == "Draft" and r[3] == "90 days after the last change" for r in shown)
    assert all(len(r[2]) == len("dd/mm/yyyy hh:mm") for r in shown)
    assert focused() is dialog.table and [i.id for i in dialog.selected()] == [1]
    said = "3 checklists past their retention period; 1 chosen"
    assert dialog.count_line.text() == said and dialog.count_line.isVisible()
    assert dialog.table.accessibleDescription() == said
    index = dialog.model.index(0, 0)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"Reference: {REFERENCES[0]}"


def test_several_are_chosen_and_erased_by_keyboard(qtbot, dialog, store):
    erased = []
    dialog.erased.connect(erased.append)
    before = len(store.audit_log())
    QTest.keyClick(dialog.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert [i.id for i in dialog.selected()] == [1, 2]
    assert dialog.count_line.text() == "3 checklists past their retention period; 2 chosen"
    press(dialog.erase_button)
    ask = active(qtbot, dialog.confirmation)
    assert isinstance(ask, EraseConfirmation)
    assert "Erase 2 checklists? This cannot be undone." in ask.accessibleDescription()
    assert REFERENCES[0] in ask.said.text() and REFERENCES[1] in ask.said.text()
    assert focused() is ask.keep
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # Enter keeps them
    assert not ask.isVisible() and len(rows(dialog)) == 3 and erased == []

    qtbot.waitUntil(lambda: focused() is dialog.erase_button)  # back where the keyboard was
    press(dialog.erase_button)
    ask = active(qtbot, dialog.confirmation)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)  # so does Escape
    assert len(rows(dialog)) == 3 and erased == []

    qtbot.waitUntil(lambda: focused() is dialog.erase_button)
    press(dialog.erase_button)
    ask = active(qtbot, dialog.confirmation)
    assert ask.erase.text() == "&Erase 2 checklists"
    press(ask.erase)
    assert erased == [[1, 2]]
    assert [r[0] for r in rows(dialog)] == [REFERENCES[2]]
    assert dialog.count_line.text() == "1 checklist past its retention period; 1 chosen"
    assert dialog.done_line.text().startswith(
        f"Erased 2 checklists ({REFERENCES[0]}, {REFERENCES[1]}) with 0 kept version(s)"
    )
    assert "the erasure is in the audit log" in dialog.done_line.text()
    qtbot.waitUntil(lambda: focused() is dialog.table)
    entries = store.audit_log()[before:]
    assert [(e.action, e.checklist_id) for e in entries] == [("erase", 1), ("erase", 2)]
    assert "retention_days.draft = 90 days" in entries[0].detail
    assert store.verify_audit().ok
    store.sign_in(None)
    assert {r.id for r in store.list()} == {3, 4}


def test_one_checklist_is_spoken_of_in_the_singular(qtbot, dialog):
    press(dialog.erase_button)  # the first row is chosen
    ask = active(qtbot, dialog.confirmation)
    assert ask.windowTitle() == "Erase the checklist? — officer-app"
    assert "Erase 1 checklist? This cannot be undone." in ask.accessibleDescription()
    assert ask.said.text().startswith("It is removed from the database with its kept versions")
    assert "They" not in ask.said.text() and "their" not in ask.said.text()
    assert ask.keep.text() == "&Keep it" and focused() is ask.keep
    assert ask.said.text().endswith(f"\n\n{REFERENCES[0]} (draft)")
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert len(rows(dialog)) == 3


def test_many_are_named_up_to_ten_and_the_question_fits_the_screen(
    qtbot, store, world, valid_checklist
):
    store.sign_in(world["officer"])
    many = [f"CV-{n:02} <Łuczak> & Krężołek" for n in range(10, 44)]
    for reference in many:
        start(store, valid_checklist, reference)
    store.sign_in(world["administrator"])
    listed = open_retention(None, store, load_settings(), now=in_days(91))
    qtbot.addWidget(listed)
    active(qtbot, listed)
    QTest.keyClick(listed.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert listed.count_line.text() == "37 checklists past their retention period; 37 chosen"
    press(listed.erase_button)
    ask = active(qtbot, listed.confirmation)
    assert "Erase 37 checklists? This cannot be undone." in ask.accessibleDescription()
    assert ask.said.text().startswith("They are removed") and ask.keep.text() == "&Keep them"
    lines = ask.said.text().split("\n\n")[1].splitlines()
    assert lines[:3] == [f"{r} (draft)" for r in REFERENCES]
    assert lines[3:10] == [f"{r} (draft)" for r in many[:7]]
    assert lines[10:] == ["and 27 more (37 in all)"]
    assert many[7] not in ask.said.text()
    qtbot.wait(20)
    assert ask.height() <= 768 - 200  # a 1366x768 screen less its taskbar and the frame
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # Enter keeps them
    assert len(rows(listed)) == 37
    listed.close()


def test_erase_needs_a_choice_and_says_when_nothing_is_past(qtbot, store, world):
    empty = open_retention(None, store, load_settings(), now=in_days(10))
    qtbot.addWidget(empty)
    active(qtbot, empty)
    assert rows(empty) == [] and not empty.erase_button.isEnabled()
    assert empty.done_line.text() == "No checklist is past its retention period."
    assert empty.ask_to_erase() is None
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not empty.isVisible()


def test_anyone_but_an_administrator_is_refused(qtbot, store, world):
    store.sign_in(world["supervisor"])
    assert open_retention(None, store, load_settings()) is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    refusal = [b for b in boxes if b.isVisible() and "cannot list or erase" in b.text()]
    assert refusal
    for box in refusal:
        box.close()


def test_the_administration_menu_opens_it_and_the_list_follows_an_erasure(
    qtbot, store, world, library
):
    from ui.main_window import MainWindow

    conn = raw_connection(store.path)
    with conn:  # the approved checklist last changed seven years ago
        conn.execute("UPDATE checklists SET updated_at = '2019-11-01T10:00:00+00:00' WHERE id = 4")
    conn.close()
    window = MainWindow(store, library, load_settings())
    window.open_exported = False
    qtbot.addWidget(window)
    window.show()
    assert [window.model.row_at(r).id for r in range(window.model.rowCount())] == [4]
    menu = [a for a in window.menuBar().actions() if a.text() == "&Administration"][0].menu()
    assert "&Retention…" in [a.text() for a in menu.actions()]
    window.retention_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, RetentionDialog)]
    assert len(opened) == 1
    dialog = active(qtbot, opened[0])
    qtbot.addWidget(dialog)
    assert [r[0] for r in rows(dialog)] == ["CV-4 approved"]  # real time: only the old one
    assert rows(dialog)[0][3] == "2192 days (about 6 years) after the last change"
    press(dialog.erase_button)
    press(active(qtbot, dialog.confirmation).erase)
    assert window.model.rowCount() == 0
    dialog.close()
