"""The main window: list, search, filter, opening, and export of a referral off the GUI thread."""

from __future__ import annotations

from pypdf import PdfReader

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
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


def test_export_is_only_offered_for_a_submitted_checklist(
    qtbot, main_window, store, valid_checklist
):
    draft = valid_checklist.copy()
    draft.uid, draft.state, draft.submitted_at = "draft-Łuczak", "draft", ""
    store.save(valid_checklist)
    store.save(draft)
    main_window.reload()
    main_window.select_id(valid_checklist.id)
    assert main_window.export_action.isEnabled()
    main_window.select_id(draft.id)
    assert not main_window.export_action.isEnabled()


def test_export_referral_from_the_window_runs_off_the_gui_thread(
    qtbot, main_window, store, valid_checklist, tmp_path
):
    valid_checklist.data["children"][0]["own_words"] = "He said <stop> & I hid."
    store.save(valid_checklist)
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
    qtbot, main_window, store, valid_checklist, tmp_path
):
    store.save(valid_checklist)
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
