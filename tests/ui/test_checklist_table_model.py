"""The list model, without a view: rows from a real store, display text, sort keys."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from ui.checklist_table_model import COLUMNS, ChecklistTableModel


def test_model_shows_one_row_per_checklist_with_readable_columns(
    qtmodeltester, store, library, valid_checklist
):
    store.save(valid_checklist)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (1, len(COLUMNS))
    shown = [model.data(model.index(0, c)) for c in range(len(COLUMNS))]
    assert shown == [
        "CV-0412-221126",
        "Flat 2, Łąkowa Court, 14 Smith & Dawes Road, Coventry, CV1 5FB",
        "21/11/2026 22:47",
        "2",
        "Submitted",
        "High",
    ]
    assert model.data(model.index(0, 0), ChecklistTableModel.IdRole) == valid_checklist.id
    assert model.headerData(4, Qt.Orientation.Horizontal) == "State"
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.data(QModelIndex()) is None


def test_sorting_uses_raw_values_not_display_text(store, library):
    add_demo_checklists(store, library, load_settings(), 12)
    model = ChecklistTableModel()
    model.set_rows(store.list())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(ChecklistTableModel.SortRole)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)  # incident time: ISO, not dd/mm/yyyy
    times = [proxy.data(proxy.index(r, 2), ChecklistTableModel.SortRole) for r in range(12)]
    assert times == sorted(times) and times[0] < times[-1]
    proxy.sort(5, Qt.SortOrder.DescendingOrder)  # risk: high before medium before standard
    grades = [proxy.data(proxy.index(r, 5)) for r in range(12)]
    order = {"High": 3, "Medium": 2, "Standard": 1, "—": 0}
    assert [order[g] for g in grades] == sorted((order[g] for g in grades), reverse=True)


def test_a_search_for_a_name_without_accents_fills_the_model(store, library):
    add_demo_checklists(store, library, load_settings(), 24)
    model = ChecklistTableModel()
    model.set_rows(store.list(search="krezolek"))
    assert model.rowCount() >= 1
    assert all("Krężołek" in model.row_at(r).people for r in range(model.rowCount()))
