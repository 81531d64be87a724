"""Demo data: varied, realistic, every state, and submitted ones pass every rule."""

from __future__ import annotations

from officer_app import rules
from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from officer_app.states import STATES
from officer_app.store import Store


def test_demo_checklists_are_varied_and_submitted_ones_pass_the_rules(tmp_path, library):
    with Store(tmp_path / "demo.sqlite") as store:
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
        with Store(tmp_path / name) as store:
            ids = add_demo_checklists(store, library, load_settings(), 5, seed=7)
            return [store.load(i).data["children"][0]["name"] for i in ids]

    assert references("a.sqlite") == references("b.sqlite")
