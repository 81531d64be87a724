"""Files the window writes, through Qt's real save dialog (the non-native one, as offscreen):
an existing file is replaced only after the dialog's "Do you want to replace it?" is answered
Yes; a link (even to a regular file), a pipe or a device chosen is refused in a message box
that names it, leaving it and the file it points to as they were, no temporary file and no
audit entry."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from tests import test_output_files
from tests.conftest import approve
from tests.ui import test_audit_dialog
from tests.ui.test_audit_dialog import ALT, message_boxes, opened

activity = test_audit_dialog.activity  # the fixture: accounts, activity, an administrator
folder = test_output_files.folder  # the fixture: a folder with Polish letters and markup

OLD = "stary plik Łuczak <&>\n"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and pipes")


@pytest.fixture
def existing(folder) -> Path:
    path = folder / "Łuczak.csv"
    path.write_text(OLD, encoding="utf-8")
    return path


def visible(kind):
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


class SaveDialog:
    """Answers the next save dialog: enters `name` and presses Enter; when the dialog asks
    whether to replace a file, presses Yes (`replace`) or No, then Escape to cancel."""

    def __init__(self, name: str, replace: bool):
        self.name, self.replace = name, replace
        self.asked: list[str] = []  # the dialog's questions
        self.filled = False
        QTimer.singleShot(0, self._fill)

    def _fill(self) -> None:
        dialog = visible(QFileDialog)
        if dialog is None:
            QTimer.singleShot(20, self._fill)
            return
        self.filled = True
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.setText(self.name)
        QTimer.singleShot(20, self._answer)
        QTest.keyClick(edit, Qt.Key.Key_Return)  # the dialog's question runs in here

    def _answer(self) -> None:
        box, dialog = visible(QMessageBox), visible(QFileDialog)
        if box is None:
            if dialog is not None:
                QTimer.singleShot(20, self._answer)
            return
        self.asked.append(box.text())
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        QTest.keyClick(box.button(yes if self.replace else no), Qt.Key.Key_Space)
        if not self.replace and dialog is not None:
            QTimer.singleShot(50, lambda: QTest.keyClick(dialog, Qt.Key.Key_Escape))

    def wait(self, qtbot) -> None:
        """Until the dialog has been answered and closed."""
        qtbot.waitUntil(lambda: self.filled and visible(QFileDialog) is None, timeout=10000)


def export_from(qtbot, window, name: str, replace: bool) -> SaveDialog:
    """Alt+E (Export CSV) on the audit window; the save dialog answered."""
    window.activateWindow()  # again, after an earlier dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    dialog = SaveDialog(name, replace)
    QTest.keyClick(window, Qt.Key.Key_E, ALT)
    dialog.wait(qtbot)
    return dialog


def the_warning() -> str:
    box = visible(QMessageBox)
    assert box is not None
    text = box.text()
    box.close()
    return text


# ---------------------------------------------------------------- the audit log as CSV


def test_an_existing_file_is_replaced_only_after_yes(qtbot, store, activity, existing):
    window = opened(qtbot, store)
    asked = export_from(qtbot, window, str(existing), replace=False).asked
    assert asked == [f"{existing.name} already exists.\nDo you want to replace it?"]
    assert existing.read_text(encoding="utf-8") == OLD
    assert store.audit_log(action="export") == [] and not message_boxes()

    asked = export_from(qtbot, window, str(existing), replace=True).asked
    qtbot.waitUntil(window.message_line.isVisible, timeout=5000)
    assert len(asked) == 1 and not message_boxes()
    assert existing.read_bytes().startswith(b"\xef\xbb\xbf#,")
    assert len(store.audit_log(action="export")) == 1
    assert sorted(os.listdir(existing.parent)) == [existing.name]  # no temporary file left


@pytest.mark.parametrize("kind", ["link", "pipe", "device"])
def test_a_link_pipe_or_device_chosen_is_refused_in_words(qtbot, store, activity, existing, kind):
    chosen = {"link": existing.parent / "link <to> Łuczak.csv", "device": Path(os.devnull)}.get(
        kind, existing.parent / "rura & Łódź.csv"
    )
    if kind == "link":
        chosen.symlink_to(existing)
    elif kind == "pipe":
        os.mkfifo(chosen)
    before = sorted(os.listdir(existing.parent))
    window = opened(qtbot, store)
    asked = export_from(qtbot, window, str(chosen), replace=True).asked
    assert asked == [f"{chosen.name} already exists.\nDo you want to replace it?"]
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=5000)
    assert visible(QMessageBox).windowTitle() == "The audit log was not exported"
    assert the_warning() == (
        f"Cannot write {chosen}: it is a {kind}, not an ordinary file; name another file."
    )
    assert existing.read_text(encoding="utf-8") == OLD
    assert kind != "link" or chosen.is_symlink()
    assert sorted(os.listdir(existing.parent)) == before
    assert store.audit_log(action="export") == []


# ---------------------------------------------------------------- the referral


@pytest.fixture
def approved_id(store, valid_checklist, library, main_window) -> int:
    store.save(valid_checklist)
    approve(store, valid_checklist, library)
    main_window.reload()
    return valid_checklist.id


def test_a_link_chosen_for_the_referral_is_refused_before_anything_is_written(
    qtbot, main_window, store, approved_id, existing
):
    link = existing.parent / "referral <Łuczak>.pdf"
    link.symlink_to(existing)
    dialog = SaveDialog(str(link), replace=True)
    main_window.export_checklist(approved_id)
    dialog.wait(qtbot)
    assert len(dialog.asked) == 1
    assert not main_window.jobs.running  # refused before a worker started
    assert visible(QMessageBox).windowTitle() == "The referral was not written"
    assert the_warning().startswith(f"Cannot write {link}: it is a link")
    assert link.is_symlink() and existing.read_text(encoding="utf-8") == OLD
    assert store.audit_log(action="export") == []


def test_an_existing_referral_is_replaced_after_yes(qtbot, main_window, store, approved_id, folder):
    out = folder / "referral Łuczak.pdf"
    out.write_text(OLD, encoding="utf-8")
    dialog = SaveDialog(str(out), replace=False)
    main_window.export_checklist(approved_id)
    dialog.wait(qtbot)
    assert len(dialog.asked) == 1
    assert not main_window.jobs.running and out.read_text(encoding="utf-8") == OLD

    dialog = SaveDialog(str(out), replace=True)
    ended: list[str] = []
    main_window.export_finished.connect(lambda path: ended.append("written"))
    main_window.export_failed.connect(ended.append)
    main_window.export_checklist(approved_id)
    dialog.wait(qtbot)
    qtbot.waitUntil(lambda: bool(ended), timeout=20000)
    qtbot.waitUntil(lambda: not main_window.jobs.running, timeout=5000)
    assert ended == ["written"]
    assert out.read_bytes().startswith(b"%PDF")
    assert len(store.audit_log(action="export")) == 1
    assert sorted(os.listdir(folder)) == [out.name]
