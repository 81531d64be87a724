"""The list model, without a view: rows from a real store, the column specs, sort keys, and
a saved checklist changing only its own line (checked live by the model tester)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from ui.checklist_table_model import COLUMNS, ChecklistTableModel, column

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
TIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def warsaw_time(monkeypatch):
    """Local time is UTC+1 (times show in local time) for one test, then as it was."""
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_model_shows_one_row_per_checklist_with_readable_columns(
    qtmodeltester, store, library, valid_checklist, warsaw_time
):
    store.save(valid_checklist)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    qtmodeltester.check(model, force_py=True)
    assert (model.rowCount(), model.columnCount()) == (1, len(COLUMNS))
    shown = {c.key: model.data(model.index(0, column(c.key))) for c in COLUMNS}
    assert shown == {
        "reference": "CV-0412-221126",
        "matched": "",
        "incident": "21/11/2026 22:47",
        "address": "Flat 2, Łąkowa Court, 14 Smith & Dawes Road, Coventry, CV1 5FB",
        "children": "Kacper ✓✓✓ · Amelia ✓○✓",  # Amelia: not alone (mother stayed)
        "adults": "Anna Łuczak, Marek Krężołek",
        "risk": "High",
        "state": "Submitted",
        "submitted": "22/11/2026 03:41",  # stored as 2026-11-22T02:41:00+00:00
    }
    assert model.data(model.index(0, 0), ChecklistTableModel.IdRole) == valid_checklist.id
    assert model.headerData(column("state"), Qt.Orientation.Horizontal) == "State"
    assert "✓ done, ○ not done, reason recorded, ✗ missing" in model.headerData(
        column("children"), Qt.Orientation.Horizontal, TIP
    )
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.data(QModelIndex()) is None


def test_each_childs_coverage_is_said_in_words_and_markup_stays_text(store, valid_checklist):
    draft = valid_checklist
    draft.state, draft.submitted_at = "draft", ""
    draft.set("children[1].name", "Amelia <b>Krężołek</b> & co")
    draft.set("children[1].own_words", "")
    store.save(draft)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    cell = model.index(0, column("children"))
    assert model.data(cell) == "Kacper ✓✓✓ · Amelia ✓○✗"
    words = model.data(cell, ACCESSIBLE)
    assert "Kacper Łuczak: seen done (Seen at 23:12); spoken to alone done" in words
    assert "Amelia <b>Krężołek</b> & co: seen done" in words
    assert "own words missing (Child's own words not recorded" in words
    tip = model.data(cell, TIP)
    assert "Amelia &lt;b&gt;Krężołek&lt;/b&gt; &amp; co: ✓ Seen at 23:08" in tip
    assert "<b>" not in tip  # shown as typed, never as bold text
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole).name() == "#a4161a"
    assert model.data(model.index(0, column("submitted")), ACCESSIBLE) == "Not submitted"


def test_sorting_uses_raw_values_not_display_text(store, library):
    add_demo_checklists(store, library, load_settings(), 12)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(ChecklistTableModel.SortRole)
    at = column("incident")
    proxy.sort(at, Qt.SortOrder.AscendingOrder)  # incident time: ISO, not dd/mm/yyyy
    times = [proxy.data(proxy.index(r, at), ChecklistTableModel.SortRole) for r in range(12)]
    assert times == sorted(times) and times[0] < times[-1]
    at = column("risk")
    proxy.sort(at, Qt.SortOrder.DescendingOrder)  # risk: high before medium before standard
    grades = [proxy.data(proxy.index(r, at)) for r in range(12)]
    order = {"High": 3, "Medium": 2, "Standard": 1, "—": 0}
    assert [order[g] for g in grades] == sorted((order[g] for g in grades), reverse=True)
    at = column("children")
    proxy.sort(at, Qt.SortOrder.AscendingOrder)  # by how many children, then their names
    counts = [model.row_at(proxy.mapToSource(proxy.index(r, at)).row()).children_count
              for r in range(12)]  # fmt: skip
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_a_search_for_a_name_without_accents_fills_the_model(store, library):
    add_demo_checklists(store, library, load_settings(), 24)
    model = ChecklistTableModel()
    model.set_rows(store.list(search="krezolek"))
    assert model.rowCount() >= 1
    for r in range(model.rowCount()):
        assert "Krężołek" in model.data(model.index(r, column("matched")))


def test_a_saved_checklist_changes_only_its_own_line(qtbot, qtmodeltester, store, valid_checklist):
    first = valid_checklist.copy()
    first.state, first.submitted_at = "draft", ""
    second, third = first.copy(), first.copy()
    second.uid, third.uid = "second-Krężołek", "third-Łuczak"
    store.save(first)
    store.save(second)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    qtmodeltester.check(model, force_py=True)  # checks every change below as it happens
    resets, changes, inserted, removed = [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changes.append((a.row(), b.row(), b.column())))
    model.rowsInserted.connect(lambda _, a, b: inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _, a, b: removed.append((a, b)))

    second.set("children[0].own_words", "")
    store.save(second)
    at = model.position_of(second.id)
    model.update_row(second.id, store.row(second.id))
    assert changes == [(at, at, len(COLUMNS) - 1)]
    assert "✓✓✗" in model.data(model.index(at, column("children")))
    model.update_row(second.id, store.row(second.id))  # unchanged: nothing to repaint
    assert len(changes) == 1

    store.save(third)
    model.update_row(third.id, store.row(third.id))
    assert inserted == [(2, 2)] and model.row_at(2).id == third.id

    at = model.position_of(first.id)
    model.update_row(first.id, store.row(first.id, state="submitted"))  # no longer matches
    assert removed == [(at, at)]
    assert [model.row_at(r).id for r in range(model.rowCount())] == [second.id, third.id]
    assert resets == []
