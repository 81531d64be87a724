"""The main window: list, search, filter, opening, and export of a referral off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from tests.conftest import approve, open_store
from tests.ui.conftest import type_text


def test_an_empty_list_tells_a_new_officer_how_to_start(main_window):
    assert main_window.empty_hint.isVisibleTo(main_window)
    assert "New checklist (Ctrl+N)" in main_window.empty_hint.text()


def test_search_without_accents_and_state_filter_narrow_the_list(
    qtbot, main_window, store, library
):
    add_demo_checklists(store, library, load_settings(), 24)
    main_window.reload()
    assert main_window.model.rowCount() == 24
    type_text(main_window.search, "luczak")
    qtbot.waitUntil(lambda: 0 < main_window.model.rowCount() < 24, timeout=2000)
    assert all(
        "Łuczak" in main_window.model.row_at(r).people for r in range(main_window.model.rowCount())
    )
    main_window.search.clear()
    main_window.state_filter.setCurrentIndex(main_window.state_filter.findData("draft"))
    states = {main_window.model.row_at(r).state for r in range(main_window.model.rowCount())}
    assert states == {"draft"}
    assert not main_window.empty_hint.isVisibleTo(main_window)
    type_text(main_window.search, "nobody-by-this-name")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 0, timeout=2000)
    assert "No checklist matches" in main_window.empty_hint.text()


def test_export_is_only_offered_for_an_approved_checklist(
    qtbot, main_window, store, valid_checklist, library
):
    draft = valid_checklist.copy()
    draft.uid, draft.state, draft.submitted_at = "draft-Łuczak", "draft", ""
    submitted = valid_checklist.copy()
    submitted.uid = "submitted-Krężołek"
    store.save(valid_checklist)
    store.save(draft)
    store.save(submitted)
    approve(store, valid_checklist, library)
    main_window.reload()
    main_window.select_id(valid_checklist.id)
    assert main_window.export_action.isEnabled()
    for not_yet in (draft, submitted):
        main_window.select_id(not_yet.id)
        assert not main_window.export_action.isEnabled()


def test_export_referral_from_the_window_runs_off_the_gui_thread(
    qtbot, main_window, store, valid_checklist, tmp_path, library
):
    valid_checklist.data["children"][0]["own_words"] = "He said <stop> & I hid."
    store.save(valid_checklist)
    approve(store, valid_checklist, library)
    out = tmp_path / "referral Krężołek.pdf"
    with qtbot.waitSignal(main_window.export_finished, timeout=20000) as finished:
        main_window.write_referral(store.load(valid_checklist.id), out)
        assert main_window.progress.isVisibleTo(main_window)
        ((thread, worker),) = main_window.jobs.running
        assert worker.thread() is thread and thread is not main_window.thread()
    assert finished.args == [str(out)]
    qtbot.waitUntil(lambda: not main_window.jobs.running, timeout=5000)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Kacper Łuczak" in text and "He said <stop> & I hid." in text
    assert [e.action for e in store.audit_log(valid_checklist.id)][-1] == "export"
    assert not main_window.progress.isVisibleTo(main_window)


def test_a_failed_export_says_why_and_leaves_no_file(
    qtbot, main_window, store, valid_checklist, tmp_path, library
):
    store.save(valid_checklist)
    approve(store, valid_checklist, library)
    out = tmp_path / "missing folder" / "r.pdf"
    with qtbot.waitSignal(main_window.export_failed, timeout=20000) as failed:
        main_window.write_referral(store.load(valid_checklist.id), out)
    assert "does not exist" in failed.args[0]
    assert not out.exists()


def test_window_size_is_remembered(qtbot, store, library):
    from ui.main_window import MainWindow

    first = MainWindow(store, library, load_settings())
    qtbot.addWidget(first)
    first.resize(720, 520)  # the offscreen screen is 800x600
    first.show()
    first.close()
    second = MainWindow(store, library, load_settings())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 520)


# ---------------------------------------------------------------- size on the screen


def test_a_first_window_is_sized_from_the_screen_it_opens_on(qtbot, store, library):
    from ui.main_window import MainWindow

    window = MainWindow(store, library, load_settings())
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    assert window.width() >= area.width() * 0.9  # the preferred size is wider than this screen


def test_a_remembered_size_bigger_than_the_screen_is_cut_to_fit(qtbot, store, library):
    from ui.autosave import app_settings
    from ui.main_window import MainWindow

    first = MainWindow(store, library, load_settings())
    qtbot.addWidget(first)
    first.setGeometry(-400, -300, 2600, 1600)  # saved on a big monitor, now on a laptop
    app_settings().setValue("main/geometry", first.saveGeometry())
    second = MainWindow(store, library, load_settings())
    qtbot.addWidget(second)
    second.show()
    assert second.screen().availableGeometry().contains(second.frameGeometry())


def test_it_fits_1366x768_at_150_percent_and_a_long_path_elides(qtbot, tmp_path, library):
    from ui.main_window import MainWindow

    deep = tmp_path / ("Łuczak & <Krężołek> shared drive " * 6) / "officer.sqlite"
    with open_store(deep) as far_away:
        window = MainWindow(far_away, library, load_settings())
        qtbot.addWidget(window)
        window.show()
        hint = window.minimumSizeHint()
        # 1366x768 less a taskbar, at 150% scaling: about 910x485 logical pixels
        assert hint.width() <= 910 and hint.height() <= 485, hint
        whole = f"0 checklists shown · database {deep}"
        window.resize(910, 485)
        qtbot.waitUntil(lambda: window.width() == 910)
        assert window.status.geometry().right() < window.width()
        shown = QLabel.text(window.status)  # what is painted, not the whole text
        assert shown.endswith("…") and whole.startswith(shown[:-1])
        assert window.status.toolTip() == window.status.accessibleName() == whole


# ---------------------------------------------------------------- export folder


def test_the_export_dialog_opens_in_the_last_export_folder(
    qtbot, main_window, store, valid_checklist, tmp_path, monkeypatch, library
):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    store.save(valid_checklist)
    approve(store, valid_checklist, library)
    main_window.reload()
    main_window.select_id(valid_checklist.id)
    chosen = tmp_path / "Referrals Łódź & <MASH>"
    chosen.mkdir()
    offered: list[Path] = []

    def save_dialog(parent, caption, proposed, filters):
        offered.append(Path(proposed))
        return str(chosen / Path(proposed).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    home = tmp_path / "home Łuczak"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    documents = QStandardPaths.StandardLocation.DocumentsLocation
    assert not Path(QStandardPaths.writableLocation(documents)).exists()
    main_window.export_checklist(valid_checklist.id)  # no Documents folder: home, never cwd
    assert offered == [home / "referral-CV-0412-221126.pdf"]
    offered.clear()
    qtbot.waitUntil(lambda: not main_window.jobs.running, timeout=5000)
    (home / "Documents").mkdir()
    monkeypatch.setattr("ui.referral_export.app_settings", lambda: _fresh_settings(tmp_path))
    with qtbot.waitSignal(main_window.export_finished, timeout=20000):
        QTest.keyClick(main_window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert offered == [
        Path(QStandardPaths.writableLocation(documents)) / "referral-CV-0412-221126.pdf"
    ]
    qtbot.waitUntil(lambda: not main_window.jobs.running, timeout=5000)
    with qtbot.waitSignal(main_window.export_finished, timeout=20000):
        QTest.keyClick(main_window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert offered[1] == chosen / "referral-CV-0412-221126.pdf"
    qtbot.waitUntil(lambda: not main_window.jobs.running, timeout=5000)


# ---------------------------------------------------------------- recovery


def test_a_draft_reopened_from_the_list_is_offered_after_a_crash(
    qtbot, main_window, store, library, valid_checklist, answer_dialogs
):
    from ui.main_window import MainWindow

    draft = valid_checklist
    draft.state, draft.submitted_at = "draft", ""
    draft.set("children[0].name", "Zofia Krężołek <3> & co")
    store.save(draft)
    main_window.reload()
    window = main_window.open_checklist(draft.id)
    qtbot.addWidget(window)
    window.form.autosave.stop()  # the process dies: no timer, no close event
    window.hide()
    main_window.windows.clear()

    after = MainWindow(store, library, load_settings())
    qtbot.addWidget(after)
    assert after.unfinished_drafts() == [draft.id]
    answer_dialogs("question", QMessageBox.StandardButton.Yes)
    after.offer_recovery()
    (reopened,) = after.windows
    qtbot.addWidget(reopened)
    assert reopened.form.checklist.id == draft.id
    assert reopened.form.checklist.get("children[0].name") == "Zofia Krężołek <3> & co"
    assert reopened.close()
    assert after.unfinished_drafts() == []


def _fresh_settings(tmp_path):
    """Settings with no export folder remembered yet."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
