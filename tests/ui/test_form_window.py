"""The checklist window: Esc and Ctrl+W close it (saving first, never from a drop-down's list
or a dialog), Ctrl+E exports a submitted checklist, and it fits a small screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from officer_app.settings import load_settings
from tests.ui.conftest import type_text
from ui.checklist_window import ChecklistWindow

ROOT = Path(__file__).resolve().parents[2]


def focused():
    return QApplication.focusWidget()


def active(qtbot, window):
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_esc_closes_the_checklist_window_and_what_was_typed_is_saved(qtbot, main_window, store):
    window = active(qtbot, main_window.new_checklist())
    qtbot.addWidget(window)
    type_text(focused(), "CV-Łódź <0412> & co")  # a new checklist opens on its reference
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert window not in main_window.windows
    (row,) = store.list()
    assert store.load(row.id).get("incident.reference") == "CV-Łódź <0412> & co"


def test_ctrl_w_closes_it_from_any_field(qtbot, store, valid_checklist, open_draft):
    window = active(qtbot, open_draft(valid_checklist))
    window.form.go_to("children[1].own_words")
    QTest.keyClick(focused(), Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(focused(), " Krężołek")
    QTest.keyClick(focused(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert store.load(valid_checklist.id).get("children[1].own_words").endswith(" Krężołek")


def test_esc_closes_an_open_list_or_a_dialog_not_the_window(
    qtbot, store, valid_checklist, open_draft
):
    window = active(qtbot, open_draft(valid_checklist))
    combo = window.form.go_to("children[1].not_alone_reason")
    QTest.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(combo.view().isVisible, timeout=2000)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not combo.view().isVisible(), timeout=2000)
    assert window.isVisible()

    with qtbot.assertNotEmitted(window.form.export_requested):  # a draft: it says why not
        QTest.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=2000)
    dialog = QApplication.activeModalWidget()
    assert "submitted" in dialog.text()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()), timeout=2000)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert window.isVisible()
    active(qtbot, window)  # offscreen, nothing gives the window back its activation
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_ctrl_e_exports_a_submitted_checklist_from_its_own_window(
    qtbot, store, library, valid_checklist
):
    store.save(valid_checklist)  # submitted
    window = active(qtbot, ChecklistWindow(store, library, load_settings(), valid_checklist))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.form.export_requested, timeout=1000) as asked:
        QTest.keyClick(focused() or window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked.args == [valid_checklist.id]


def test_the_save_dialog_of_an_export_from_a_checklist_sits_on_that_checklist(
    qtbot, main_window, store, valid_checklist, monkeypatch, library
):
    """Exporting from a checklist window used to raise the list over it: the dialog's parent
    was the main window."""
    from PySide6.QtWidgets import QFileDialog

    from tests.conftest import approve

    store.save(valid_checklist)  # submitted
    approve(store, valid_checklist, library)  # only an approved one is exported
    window = main_window.open_checklist(valid_checklist.id)
    qtbot.addWidget(window)
    parents = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda parent, *args: (parents.append(parent), ("", ""))[1]),
    )
    window.form.export_requested.emit(valid_checklist.id)
    assert parents == [window]


LAPTOP = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from officer_app import interchange
from officer_app.library import default_library
from officer_app.settings import load_settings
from officer_app.store import Store
from ui.app import make_application
from ui.checklist_window import ChecklistWindow
from tests.conftest import open_store

app = make_application([])
library = default_library()
checklist = interchange.read_file(Path("resources/examples/invalid-several-rules.json"), library)
checklist.state, checklist.submitted_at = "draft", ""
store = open_store(Path(sys.argv[1]))
store.save(checklist)
window = ChecklistWindow(store, library, load_settings(), checklist)
window.show()
QTest.qWaitForWindowExposed(window)
form = window.form
form.go_to_section(1)
banners = window.centralWidget().findChildren(QLabel, "marking")
def rect(w):
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size()).getRect()
print(json.dumps({
    "available": window.screen().availableGeometry().getRect(),
    "window": window.frameGeometry().getRect(),
    "parts": {name: rect(w) for name, w in [
        ("Back", form.back_button), ("Next", form.next_button), ("Save", form.save_button),
        ("top banner", banners[0]), ("bottom banner", banners[-1]),
    ]},
    "banners": len(banners),
    "page height": form.pages.height(),
}))
store.close()
"""


def _open_on_a_laptop(tmp_path, scale: str) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728, "dpi": 96, "dpr": 1,
    }]}))  # fmt: skip
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-c", LAPTOP, str(tmp_path / f"laptop-{scale}.sqlite")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def test_on_a_1366x768_laptop_with_a_taskbar_everything_needed_is_on_the_screen(tmp_path):
    for scale in ("1", "1.5"):
        seen = _open_on_a_laptop(tmp_path, scale)
        assert _inside(seen["window"], seen["available"]), (scale, seen)
        assert seen["banners"] == 2
        for name, part in seen["parts"].items():
            assert _inside(part, seen["window"]), (scale, name, seen)
        assert seen["page height"] >= 150, (scale, seen)  # room left to work in


def test_a_submitted_checklist_offers_no_saving(qtbot, main_window, store, valid_checklist):
    valid_checklist.state = "submitted"
    store.save(valid_checklist)
    window = main_window.open_checklist(valid_checklist.id)
    qtbot.addWidget(window)
    assert not window.form.save_button.isVisibleTo(window)
    assert window.form.status.text().startswith("Read-only")
