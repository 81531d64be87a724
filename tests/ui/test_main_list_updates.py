"""A save changes only its own line of the main list: no model reset, the officer's selection
and scroll position kept; a new checklist appears when it matches the filters, one that stops
matching goes. Real store, real forms typed into key by key."""

from __future__ import annotations

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver
from ui.checklist_table_model import column


def stored_draft(store, checklist, reference: str):
    draft = checklist.copy()
    draft.state, draft.submitted_at = "draft", ""
    draft.set("incident.reference", reference)
    store.save(draft)
    return draft


def spy(model) -> dict[str, list]:
    seen: dict[str, list] = {"reset": [], "changed": [], "layout": []}
    model.modelReset.connect(lambda: seen["reset"].append(1))
    model.dataChanged.connect(lambda a, b, *_: seen["changed"].append((a.row(), b.row())))
    return seen


def test_an_autosave_changes_one_line_and_keeps_selection_and_scroll(
    qtbot, main_window, store, library, valid_checklist
):
    add_demo_checklists(store, library, load_settings(), 40)
    draft = stored_draft(store, valid_checklist, "CV-Łuczak-0412")
    main_window.reload()
    table = main_window.table
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    chosen = main_window.model.row_at(main_window.proxy.mapToSource(
        main_window.proxy.index(main_window.proxy.rowCount() - 3, 0)).row()).id  # fmt: skip
    main_window.select_id(chosen)
    bar.setValue(bar.maximum() // 2 + 1)
    scrolled = bar.value()
    seen = spy(main_window.model)

    window = main_window.open_checklist(draft.id)
    qtbot.addWidget(window)
    driver = FormDriver(qtbot, window.form)
    driver.set("incident.reference", "CV-Krężołek <&> 0413")
    driver.set("children[1].own_words", "")
    at = main_window.model.position_of(draft.id)
    qtbot.waitUntil(
        lambda: (
            "Amelia ✓○✗" in main_window.model.data(main_window.model.index(at, column("children")))
        ),
        timeout=3000,
    )
    assert main_window.model.row_at(at).reference == "CV-Krężołek <&> 0413"
    assert seen["reset"] == []
    assert seen["changed"] and set(seen["changed"]) == {(at, at)}
    assert main_window.selected_id() == chosen
    assert bar.value() == scrolled
    assert main_window.model.rowCount() == 41
    assert window.close()


def test_a_new_checklist_appears_and_one_that_stops_matching_goes(
    qtbot, main_window, store, valid_checklist
):
    draft = stored_draft(store, valid_checklist, "CV-0412")
    type_text(main_window.search, "łuczak")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=2000)
    seen = spy(main_window.model)

    window = main_window.new_checklist()
    qtbot.addWidget(window)
    FormDriver(qtbot, window.form).set("incident.reference", "CV-ŁUCZAK-7")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2, timeout=3000)
    new_id = window.form.checklist.id
    assert main_window.model.position_of(new_id) is not None
    at = main_window.model.position_of(new_id)
    matched = main_window.model.data(main_window.model.index(at, column("matched")))
    assert matched == "Reference: CV-ŁUCZAK-7"

    reopened = main_window.open_checklist(draft.id)
    qtbot.addWidget(reopened)
    driver = FormDriver(qtbot, reopened.form)
    for path in ("children[0].name", "adults[0].name"):
        driver.set(path, "Zofia Nowak")
    qtbot.waitUntil(lambda: main_window.model.position_of(draft.id) is None, timeout=3000)
    assert main_window.model.rowCount() == 1
    assert seen["reset"] == []
    assert main_window.empty_hint.isHidden()
    assert window.close() and reopened.close()
