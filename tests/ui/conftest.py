"""Fixtures for the Qt tests: a real store in tmp_path, QSettings in tmp_path, the app's
style applied, and typing helpers that work for non-ASCII text (see ../shared/STACK.md:
qtbot.keyClicks aborts the process on characters like Ł)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from officer_app.settings import load_settings
from officer_app.store import Store
from tests.conftest import open_store
from ui.app import style_sheet
from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp):
    """The app's style sheet, applied once: applying it re-polishes every widget alive."""
    qapp.setStyleSheet(style_sheet())
    return qapp


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield
    # widgets closed by a test are deleted now, not piled up for every later test to walk
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "officer.sqlite") as opened:
        yield opened


@pytest.fixture
def main_window(qtbot, store, library):
    window = MainWindow(store, library, load_settings())
    window.open_exported = False
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


def type_text(widget: QWidget, text: str) -> None:
    """Type into the focused widget one key event per character, any alphabet."""
    widget.setFocus()
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )


@pytest.fixture
def answer_dialogs(monkeypatch):
    """Answer QMessageBox.question or .warning as the officer would, in order (the last answer
    repeats); returns the list of the dialogs' titles asked so far."""
    asked: list[str] = []

    def answering(kind: str, *answers: QMessageBox.StandardButton) -> list[str]:
        queue = list(answers)

        def reply(parent, title, *args, **kwargs):
            asked.append(title)
            return queue.pop(0) if len(queue) > 1 else queue[0]

        monkeypatch.setattr(QMessageBox, kind, staticmethod(reply))
        return asked

    return answering


@pytest.fixture
def open_draft(qtbot, main_window, store):
    """Store a checklist as a draft and open it in its own window."""

    def opener(checklist):
        checklist.state, checklist.submitted_at = "draft", ""
        store.save(checklist)
        window = main_window.open_checklist(checklist.id)
        qtbot.addWidget(window)
        return window

    return opener


def change_elsewhere(store: Store, checklist_id: int, path: str, value) -> None:
    """Another window or PC saves a newer version of the checklist."""
    with open_store(store.path) as other_pc:
        newer = other_pc.load(checklist_id)
        newer.set(path, value)
        other_pc.save(newer)


def record_announcements(monkeypatch, module) -> list[tuple[str, bool]]:
    """What `module` (e.g. ui.summary_page) hands to ui.notices.announce, as (text,
    assertive); still announced for real."""
    said: list[tuple[str, bool]] = []
    real = module.announce

    def recording(widget, text, assertive=False):
        said.append((text, assertive))
        real(widget, text, assertive)

    monkeypatch.setattr(module, "announce", recording)
    return said
