"""The checklist model: paths, get/set, repeat entries, conditions and walking."""

from __future__ import annotations

import pytest

from officer_app.checklist import Checklist, condition_holds, new_checklist, section_of, walk
from officer_app.field_path import join_path, parse_path

# ---------------------------------------------------------------- paths


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("incident.reference", ["incident", "reference"]),
        ("children[1].spoken_alone_reason", ["children", 1, "spoken_alone_reason"]),
        ("incident.intel_checks[0].system", ["incident", "intel_checks", 0, "system"]),
        ("adults[0].relationships[12].child", ["adults", 0, "relationships", 12, "child"]),
        ("children", ["children"]),
        ("risk.answers.stalking", ["risk", "answers", "stalking"]),
    ],
)
def test_parse_path(path, parts):
    assert parse_path(path) == parts


@pytest.mark.parametrize("bad", ["", "children[x]", "children..name", "1abc", "a b"])
def test_bad_paths_are_refused(bad):
    with pytest.raises(ValueError, match="is not a field path"):
        parse_path(bad)


def test_join_path():
    assert join_path("", "incident") == "incident"
    assert join_path("incident", "reference") == "incident.reference"
    assert join_path("children", 2) == "children[2]"
    assert join_path("children[2]", "name") == "children[2].name"


# ---------------------------------------------------------------- get and set


def test_get(valid_checklist):
    assert valid_checklist.get("children[1].name") == "Amelia Krężołek"
    assert valid_checklist.get("incident.intel_checks[2].system") == "child_protection"
    assert valid_checklist.get("risk.answers.stalking.answer") == "yes"
    assert valid_checklist.get("children[5].name") is None
    assert valid_checklist.get("children[0].nothing", "?") == "?"
    assert valid_checklist.get("incident.reference.deeper") is None


def test_set_creates_the_section(definition, tool):
    checklist = Checklist(definition.id, definition.version, tool.id, tool.version)
    checklist.set("incident.address", "14 Smith & Dawes Road <rear>")
    assert checklist.data == {"incident": {"address": "14 Smith & Dawes Road <rear>"}}
    checklist.set("risk.answers.stalking", {"answer": "dont_know"})
    assert checklist.get("risk.answers.stalking.answer") == "dont_know"


def test_set_inside_an_entry(valid_checklist):
    valid_checklist.set("children[0].name", "Kacper Wiśniewski")
    assert valid_checklist.data["children"][0]["name"] == "Kacper Wiśniewski"
    valid_checklist.set("incident.officers[1]", {"uid": "o9", "name": "PC Zofia Wiśniewska"})
    assert valid_checklist.get("incident.officers[1].name") == "PC Zofia Wiśniewska"


def test_set_needs_the_entry_to_exist(valid_checklist):
    with pytest.raises(KeyError, match="there is no entry 3"):
        valid_checklist.set("children[2].name", "Nobody")


# ---------------------------------------------------------------- entries


def test_add_item_gives_a_uid(definition, tool):
    checklist = new_checklist(definition, tool.id, tool.version)
    first = checklist.add_item("children", {"name": "Zofia Wiśniewska"})
    second = checklist.add_item("children")
    assert (first, second) == (0, 1)
    uids = [c["uid"] for c in checklist.items("children")]
    assert len(set(uids)) == 2 and all(len(u) == 32 for u in uids)
    assert checklist.get("children[0].name") == "Zofia Wiśniewska"


def test_add_item_to_a_field_repeat_that_is_not_there_yet(definition, tool):
    checklist = new_checklist(definition, tool.id, tool.version)
    assert checklist.add_item("incident.officers", {"name": "PC Łukasz Nowak"}) == 0
    assert checklist.get("incident.officers[0].name") == "PC Łukasz Nowak"


def test_remove_and_move_items(valid_checklist):
    removed = valid_checklist.remove_item("incident.intel_checks", 0)
    assert removed["uid"] == "i1"
    assert [c["uid"] for c in valid_checklist.items("incident.intel_checks")] == ["i2", "i3"]
    valid_checklist.move_item("children", 1, 0)
    assert [c["name"] for c in valid_checklist.items("children")] == [
        "Amelia Krężołek",
        "Kacper Łuczak",
    ]
    # relationships point at uids, so reordering keeps them right
    assert valid_checklist.child_names()["c1"] == "Kacper Łuczak"


def test_items_of_something_that_is_not_a_list(valid_checklist):
    assert valid_checklist.items("incident.reference") == []
    assert valid_checklist.items("nothing.here") == []


def test_child_names_fall_back_to_a_number(valid_checklist):
    valid_checklist.set("children[1].name", "  ")
    assert valid_checklist.child_names() == {"c1": "Kacper Łuczak", "c2": "Child 2"}


def test_copy_is_deep(valid_checklist):
    other = valid_checklist.copy()
    other.set("children[0].name", "Changed")
    assert valid_checklist.get("children[0].name") == "Kacper Łuczak"


def test_new_checklist(definition, tool):
    checklist = new_checklist(definition, tool.id, tool.version)
    assert checklist.data == {
        "incident": {},
        "adults": [],
        "children": [],
        "risk": {},
        "actions": {},
        "officer": {},
    }
    assert (checklist.definition_id, checklist.definition_version) == (definition.id, 2)
    assert (checklist.risk_tool_id, checklist.state, checklist.version) == (tool.id, "draft", 0)


def test_section_of(definition):
    assert section_of(definition, "children[1].own_words").id == "children"


# ---------------------------------------------------------------- conditions

SCOPE = {
    "seen": "yes",
    "language": " English ",
    "witnessed": ["heard", "saw"],
    "dob": "",
    "name": "Łucja",
}
ROOT = {"incident": {"bwv": "no"}, "children": [{"name": "Kacper"}]}


@pytest.mark.parametrize(
    ("cond", "holds"),
    [
        (None, True),
        ({}, True),
        ({"field": "seen", "equals": "yes"}, True),
        ({"field": "seen", "equals": "no"}, False),
        ({"field": "seen", "not_equals": "no"}, True),
        ({"field": "missing", "not_equals": "no"}, True),
        ({"field": "seen", "in": ["yes", "maybe"]}, True),
        ({"field": "seen", "in": ["no"]}, False),
        ({"field": "seen", "not_in": ["no"]}, True),
        ({"field": "witnessed", "contains": "heard"}, True),
        ({"field": "witnessed", "contains": "aftermath"}, False),
        ({"field": "seen", "contains": "y"}, False),
        ({"field": "seen", "answered": True}, True),
        ({"field": "dob", "answered": False}, True),
        ({"field": "missing", "answered": True}, False),
        ({"field": "language", "not_matches": r"\s*(english|en|eng)\s*"}, False),
        ({"field": "name", "not_matches": r"\s*(english|en|eng)\s*"}, True),
        ({"field": "missing", "not_matches": "x"}, True),
        ({"all": [{"field": "seen", "equals": "yes"}, {"field": "dob", "answered": False}]}, True),
        ({"all": [{"field": "seen", "equals": "yes"}, {"field": "dob", "answered": True}]}, False),
        ({"any": [{"field": "seen", "equals": "no"}, {"field": "dob", "answered": False}]}, True),
        ({"any": [{"field": "seen", "equals": "no"}, {"field": "dob", "answered": True}]}, False),
        ({"not": {"field": "seen", "equals": "yes"}}, False),
        ({"not": {"any": [{"field": "seen", "equals": "no"}]}}, True),
        ({"field": "/incident.bwv", "equals": "no"}, True),
        ({"field": "/children[0].name", "equals": "Kacper"}, True),
        ({"field": "/incident.nothing", "answered": False}, True),
    ],
)
def test_condition_holds(cond, holds):
    assert condition_holds(cond, SCOPE, ROOT) is holds


@pytest.mark.parametrize("language", ["English", "english", " ENG ", "en"])
def test_not_matches_english_is_case_and_space_insensitive(language):
    cond = {"field": "language", "not_matches": r"\s*(english|en|eng)\s*"}
    assert condition_holds(cond, {"language": language}, {}) is False


def test_condition_without_a_test_is_an_error():
    with pytest.raises(ValueError, match="has no test"):
        condition_holds({"field": "seen"}, SCOPE, ROOT)


# ---------------------------------------------------------------- walking


def test_walk_in_form_order(valid_checklist, definition):
    paths = [a.path for a in walk(valid_checklist, definition)]
    assert paths[:3] == ["incident.reference", "incident.call_time", "incident.arrival_time"]
    assert paths.index("incident.officers") < paths.index("incident.officers[0].name")
    assert paths.index("incident.officers[1].collar_number") < paths.index("incident.bwv")
    assert paths.index("children") < paths.index("children[0].status")
    assert paths.index("children[0].where_now") < paths.index("children[1].status")
    assert "adults[1].relationships[1].parental_responsibility" in paths
    assert paths[-2:] == ["officer.completed_at", "officer.late_explanation"]


def test_walk_yields_only_what_applies(valid_checklist, definition):
    answers = {a.path: a for a in walk(valid_checklist, definition)}
    assert "children[1].spoken_alone_reason" in answers  # Amelia: not alone
    assert "children[0].spoken_alone_reason" not in answers  # Kacper: alone
    assert "incident.bwv_not_recorded_reason" not in answers
    assert "adults[1].interpreter_type" not in answers  # Marek: no interpreter needed
    assert "adults[1].arrested" in answers and "adults[0].arrested" not in answers
    answer = answers["children[1].own_words"]
    assert answer.value.startswith("Daddy pushed mama")
    assert answer.field.verbatim and answer.applies
    assert answer.scope["name"] == "Amelia Krężołek"


def test_walk_everything_marks_what_does_not_apply(valid_checklist, definition):
    answers = {a.path: a for a in walk(valid_checklist, definition, only_applicable=False)}
    assert answers["children[0].spoken_alone_reason"].applies is False
    assert answers["children[1].spoken_alone_reason"].applies is True
    assert answers["children[0].due_date"].applies is False


def test_walk_fields_inside_an_entry_that_does_not_apply(valid_checklist, definition):
    valid_checklist.set("adults[1].role", "witness")  # arrested no longer applies
    answers = {a.path: a for a in walk(valid_checklist, definition, only_applicable=False)}
    assert answers["adults[1].arrested"].applies is False
    assert answers["adults[1].not_arrested_reason"].applies is False


def test_walk_follows_a_change(valid_checklist, definition):
    valid_checklist.set("children[0].spoken_alone", "no")
    paths = [a.path for a in walk(valid_checklist, definition)]
    assert "children[0].spoken_alone_reason" in paths
    assert "children[0].others_present" in paths


def test_hidden_answers_do_not_open_later_fields(valid_checklist, definition):
    """A pre-verbal infant keeps the stale 'spoken to: yes' in the data, but spoken_to no
    longer applies, so nothing that depends on it (own words, spoken alone...) applies."""
    valid_checklist.set("children[1].communication", "pre_verbal")
    assert valid_checklist.get("children[1].spoken_to") == "yes"
    paths = [a.path for a in walk(valid_checklist, definition)]
    for name in (
        "spoken_to",
        "spoken_alone",
        "spoken_alone_reason",
        "own_words",
        "language_used",
        "interpreter_type",
    ):
        assert f"children[1].{name}" not in paths
    assert "children[1].appearance" in paths
    assert "children[0].own_words" in paths


def test_walk_new_checklist(definition, tool):
    checklist = new_checklist(definition, tool.id, tool.version)
    answers = list(walk(checklist, definition))
    paths = [a.path for a in answers]
    assert "children" in paths and "adults" in paths
    assert not any(p.startswith("children[") for p in paths)
    assert all(a.value is None for a in answers if a.path.startswith("incident."))
