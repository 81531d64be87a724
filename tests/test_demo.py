"""Demo data: varied, realistic, every state, and submitted ones pass every rule; only ever in
a database marked as a demo database."""

from __future__ import annotations

import pytest

from officer_app import rules
from officer_app.demo import add_demo_checklists
from officer_app.demo_mark import RealDataError, is_demo, mark_demo
from officer_app.settings import load_settings
from officer_app.states import STATES
from officer_app.store import StoreError
from tests.conftest import open_store


def test_demo_checklists_are_varied_and_submitted_ones_pass_the_rules(tmp_path, library):
    with open_store(tmp_path / "demo.sqlite") as store:
        ids = add_demo_checklists(store, library, load_settings(), 24)
        checklists = [store.load(i) for i in ids]
    assert {c.state for c in checklists} == set(STATES)
    for checklist in checklists:
        if checklist.state == "submitted":
            definition, tool = library.for_checklist(checklist)
            assert rules.errors(rules.check(checklist, definition, tool)) == [], checklist.uid
    names = " ".join(a["name"] for c in checklists for a in c.data["adults"])
    assert "Łuczak" in names and "Hussain" in names and "Nguyễn" in names
    addresses = [c.data["incident"]["address"] for c in checklists]
    assert len(set(addresses)) < len(addresses)  # some addresses attended more than once
    kinds = {
        ch.get("communication") or ch.get("location")
        for c in checklists
        for ch in c.data["children"]
    }
    assert {"pre_verbal", "away", "verbal"} <= kinds


def test_demo_is_repeatable_with_the_same_seed(tmp_path, library):
    def references(name):
        with open_store(tmp_path / name) as store:
            ids = add_demo_checklists(store, library, load_settings(), 5, seed=7)
            return [store.load(i).data["children"][0]["name"] for i in ids]

    assert references("a.sqlite") == references("b.sqlite")


# ---------------------------------------------------------------- demo data never mixes


def test_a_new_database_is_marked_as_demo_before_its_first_demo_checklist(tmp_path, library):
    path = tmp_path / "Łuczak & <demo>.sqlite"
    with open_store(path) as store:
        assert not is_demo(store)
        assert add_demo_checklists(store, library, load_settings(), 0) == []
        assert is_demo(store) and store.count() == 0  # marked though nothing was added yet
    with open_store(path) as reopened:
        assert is_demo(reopened)


def test_demo_checklists_are_refused_by_a_database_holding_real_ones(
    tmp_path, library, valid_checklist
):
    path = tmp_path / "Krężołek & co.sqlite"
    with open_store(path) as store:
        store.save(valid_checklist)
        with pytest.raises(RealDataError) as refused:
            add_demo_checklists(store, library, load_settings(), 3)
        assert store.count() == 1 and not is_demo(store) and store.meta("demo") is None
    message = str(refused.value)
    assert str(path) in message and "1 real checklist" in message
    assert "--db" in message and "new file" in message
    assert isinstance(refused.value, StoreError)  # the window and the CLI report it as such


def test_a_demo_database_stays_demo_when_a_checklist_is_created_in_it(
    tmp_path, library, valid_checklist
):
    with open_store(tmp_path / "demo.sqlite") as store:
        add_demo_checklists(store, library, load_settings(), 2)
        store.save(valid_checklist)  # e.g. an officer trying out the form
        assert is_demo(store)
        mark_demo(store)  # marking again: nothing to refuse, still demo
        assert len(add_demo_checklists(store, library, load_settings(), 2, seed=5)) == 2
        assert store.count() == 5 and is_demo(store)
