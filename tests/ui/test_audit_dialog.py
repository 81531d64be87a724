"""The administrators' audit log window, on a real database with real activity, driven by
the keyboard: the entries and who did them, filters, Verify (intact, then after the file is
edited behind the app's back), Export CSV as a recorded disclosure that leaves no file when
its entry cannot be written, and the refusal of anyone but an administrator."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

import officer_app.store.opening
from officer_app import workflow
from officer_app.audit_export import HEADER
from officer_app.disclosure import read_witness
from officer_app.store import LoginError, Store
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, open_store, raw_connection
from tests.ui.conftest import type_text
from ui.audit_dialog import AuditLogWindow, open_audit_log
from ui.audit_table_model import COLUMNS

OFFICER, OFFICER2 = ACCOUNT_NAMES["officer"], ACCOUNT_NAMES["officer2"]
FORMULA = '=HYPERLINK("http://example.invalid","Łódź <&> raport")'
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def activity(store, library, valid_checklist):
    """Accounts; an officer saves and submits a checklist and prints it (a detail a
    spreadsheet would run as a formula); a wrong password for the other officer; then the
    administrator signs in."""
    users = add_accounts(store)
    store.login(OFFICER, PASSWORD)
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    store.save(valid_checklist)
    workflow.submit(store, valid_checklist, library)
    store.record("print", valid_checklist.id, FORMULA)
    with pytest.raises(LoginError):
        store.login(OFFICER2, "not the password")
    store.login(users["administrator"].name, PASSWORD)
    return users


def opened(qtbot, store: Store) -> AuditLogWindow:
    window = open_audit_log(None, store)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def cell(window: AuditLogWindow, row: int, header: str) -> str:
    column = [c.header for c in COLUMNS].index(header)
    return window.model.data(window.model.index(row, column))


def shown(window: AuditLogWindow) -> list[tuple[int, str, str]]:
    return [(e.id, e.actor, e.action) for e in window.model.entries]


def entry_id(store: Store, action: str) -> int:
    return next(e.id for e in store.audit_log(action=action))


def press(qtbot, window: QWidget, key: Qt.Key, until) -> None:
    """Alt+key on the window (a button's mnemonic clicks it after a short animation), then
    wait until `until()` holds."""
    QTest.keyClick(window, key, ALT)
    qtbot.waitUntil(lambda: bool(until()), timeout=5000)


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def save_to(monkeypatch, path: Path) -> list[str]:
    """The save dialog answers `path`; returns the names it proposed."""
    proposed: list[str] = []

    def answer(parent, caption, suggested, filters):
        proposed.append(Path(suggested).name)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return proposed


# ---------------------------------------------------------------- reading and filtering


def test_the_window_shows_every_entry_with_who_did_it(qtbot, store, activity):
    window = opened(qtbot, store)
    log = store.audit_log()
    assert [e.id for e in window.model.entries] == [e.id for e in log]
    submit = window.model.row_of(entry_id(store, "submit"))
    assert cell(window, submit, "Who") == OFFICER
    assert cell(window, submit, "Checklist") == str(log[submit].checklist_id)
    assert cell(window, submit, "When").count("/") == 2  # local dd/mm/yyyy hh:mm:ss
    failed = window.model.row_of(entry_id(store, "login failed"))
    assert cell(window, failed, "Detail") == f"Account {OFFICER2}: wrong password"
    assert window.count_line.text() == f"{len(log)} entries in the log."
    # Tab from the last filter into the table selects a line and reads it out whole
    window.filters.date_to.setFocus()
    QTest.keyClick(window.filters.date_to, Qt.Key.Key_Tab)
    assert window.table.hasFocus()
    assert window.entry_line.text().startswith(f"Entry {log[0].id}: ")
    QTest.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.entry_line.text().startswith(f"Entry {log[-1].id}: ")
    QTest.keyClick(window.table, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_filters_by_who_and_action_from_the_keyboard(qtbot, store, activity):
    window = opened(qtbot, store)
    total = len(store.audit_log())
    QTest.keyClick(window, Qt.Key.Key_W, ALT)
    who = window.filters.who
    assert who.hasFocus()
    type_text(who.lineEdit(), "krezolek")  # no accents, any case
    by_officer = store.audit_log(actor=OFFICER)
    qtbot.waitUntil(lambda: len(window.model.entries) == len(by_officer), timeout=3000)
    assert {actor for _, actor, _ in shown(window)} == {OFFICER}
    assert window.count_line.text() == f"{len(by_officer)} of {total} entries shown (filtered)."

    QTest.keyClick(window, Qt.Key.Key_A, ALT)
    assert window.filters.action.hasFocus()
    type_text(window.filters.action, "su")  # type-ahead in the drop-down: "submit"
    assert window.filters.action.currentText() == "submit"
    qtbot.waitUntil(lambda: len(window.model.entries) == 1, timeout=3000)
    assert shown(window) == [(entry_id(store, "submit"), OFFICER, "submit")]

    # a checklist number that is not one is named; the list stays as it was
    QTest.keyClick(window, Qt.Key.Key_K, ALT)
    type_text(window.filters.checklist, "12a\n")
    assert window.filters.problem.isVisible()
    assert window.filters.problem.text().startswith("Checklist: '12a' is not a checklist number")
    assert len(window.model.entries) == 1
    window.filters.checklist.selectAll()
    QTest.keyClick(window.filters.checklist, Qt.Key.Key_Delete)
    QTest.keyClick(window.filters.checklist, Qt.Key.Key_Return)
    assert window.filters.problem.isHidden()

    # the day after every entry: nothing matches, and the count line says so
    QTest.keyClick(window, Qt.Key.Key_F, ALT)
    type_text(window.filters.date_from, "01/01/2999\n")
    qtbot.waitUntil(lambda: not window.model.entries, timeout=3000)
    assert window.count_line.text().startswith("No entry matches these filters")


# ---------------------------------------------------------------- verify


def tamper(path: Path, entry: int, detail: str) -> None:
    """What someone with the file and sqlite3 could do: drop the guard, edit an entry."""
    conn = raw_connection(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("UPDATE audit_log SET detail = ? WHERE id = ?", [detail, entry])
    conn.commit()
    conn.close()


def test_verify_says_intact_then_names_and_selects_an_edited_entry(qtbot, store, activity):
    window = opened(qtbot, store)
    press(qtbot, window, Qt.Key.Key_V, window.verdict_line.isVisible)
    head = store.verify_audit().head
    assert window.verdict_line.text() == (
        f"The log is intact: {head.position} entries, head {head.hash[:12]}… "
        f"(entry {head.position})."
    )
    submitted, failed = entry_id(store, "submit"), entry_id(store, "login failed")
    tamper(store.path, submitted, "nothing to see <here> & Łódź")
    tamper(store.path, failed, "")
    # the edited entry is hidden by a filter: Verify clears the filters to show it
    QTest.keyClick(window, Qt.Key.Key_A, ALT)
    type_text(window.filters.action, "login f")
    qtbot.waitUntil(lambda: len(window.model.entries) == 1, timeout=3000)
    press(qtbot, window, Qt.Key.Key_V, lambda: "NOT" in window.verdict_line.text())
    text = window.verdict_line.text()
    assert text.startswith(f"The log is NOT intact. Entry {submitted} (submit by {OFFICER} at")
    assert text.endswith("1 more problem found.")
    assert window.selected_entry().id == submitted
    assert window.table.hasFocus()
    assert window.filters.action.currentText() == "All actions"
    assert window.entry_line.text().startswith(f"Entry {submitted}: ")
    assert "nothing to see <here> & Łódź" in window.entry_line.text()  # as the file has it


# ---------------------------------------------------------------- export


def test_export_writes_the_filtered_log_as_csv_and_records_it(
    qtbot, store, activity, tmp_path, monkeypatch
):
    folder = tmp_path / "Eksport Łódź & <audyt>"
    folder.mkdir()
    target = folder / "audit.csv"
    proposed = save_to(monkeypatch, target)
    window = opened(qtbot, store)
    QTest.keyClick(window, Qt.Key.Key_W, ALT)
    type_text(window.filters.who.lineEdit(), OFFICER)
    mine = store.audit_log(actor=OFFICER)
    qtbot.waitUntil(lambda: len(window.model.entries) == len(mine), timeout=3000)
    witness = store.verify_audit().head

    press(qtbot, window, Qt.Key.Key_E, window.message_line.isVisible)

    assert proposed and proposed[0].startswith("audit-log-") and proposed[0].endswith(".csv")
    assert sorted(p.name for p in folder.iterdir()) == ["audit.csv"]  # no temporary file left
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADER
    assert [(int(r[0]), r[3], r[4]) for r in rows[1:-1]] == [
        (e.id, e.actor, e.action) for e in mine
    ]
    printed = next(r for r in rows[1:-1] if r[4] == "print")
    assert printed[7] == "'" + FORMULA  # a formula is text, never run
    assert rows[-1][0] == "witness"
    assert rows[-1][7] == witness.text() and rows[-1][8] == witness.hash
    assert read_witness(target) == witness
    assert store.check_witness(witness) is None

    exports = store.audit_log(action="export")
    assert len(exports) == 1
    assert exports[0].detail == f"audit log CSV to {target.resolve()} ({len(mine)} entries)"
    assert exports[0].record_hash == hashlib.sha256(content).hexdigest()
    assert exports[0].id == witness.position + 1
    assert window.message_line.text() == (
        f"Exported {len(mine)} entries to {target}; the export is entry {exports[0].id} of the log."
    )
    assert not message_boxes()


def close_message(expected_start: str) -> str:
    boxes = message_boxes()
    assert len(boxes) == 1
    text = boxes[0].text()
    boxes[0].close()
    assert text.startswith(expected_start), text
    return text


def test_a_locked_database_leaves_no_file_and_says_why(
    qtbot, store, activity, tmp_path, monkeypatch
):
    monkeypatch.setattr(officer_app.store.opening, "BUSY_TIMEOUT_MS", 200)
    target = tmp_path / "out" / "audit.csv"
    target.parent.mkdir()
    save_to(monkeypatch, target)
    with open_store(store.path) as quick:  # opened after the shorter busy timeout
        quick.sign_in(activity["administrator"])
        window = opened(qtbot, quick)
        other = raw_connection(store.path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            press(qtbot, window, Qt.Key.Key_E, message_boxes)
        finally:
            other.execute("ROLLBACK")
            other.close()
        text = close_message("Nothing was exported: the audit entry could not be written")
        assert "locked" in text
        assert window.message_line.text() == f"The audit log was not exported: {text}"
        assert list(target.parent.iterdir()) == []
        assert quick.audit_log(action="export") == []
        window.close()


def test_an_export_entry_that_cannot_be_written_removes_the_staged_file(
    qtbot, store, activity, tmp_path, monkeypatch
):
    target = tmp_path / "out" / "audit.csv"
    target.parent.mkdir()
    save_to(monkeypatch, target)
    window = opened(qtbot, store)
    conn = raw_connection(store.path)  # the entry fails after the file is staged
    conn.execute(
        "CREATE TRIGGER no_room BEFORE INSERT ON audit_log WHEN NEW.action = 'export'"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    conn.commit()
    conn.close()
    press(qtbot, window, Qt.Key.Key_E, message_boxes)
    close_message("Nothing was exported: the audit entry could not be written")
    assert list(target.parent.iterdir()) == []


# ---------------------------------------------------------------- who may open it


def test_a_supervisor_is_refused_and_no_window_opens(qtbot, store, activity):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    store.sign_in(activity["supervisor"])
    assert open_audit_log(parent, store) is None
    close_message("A supervisor cannot read or verify the audit log; only an administrator can.")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, AuditLogWindow)]
