"""Definitions and risk tools: the bundled files load, broken files are refused with the file
and the problem named, the Library picks versions, and a force adds a risk tool or a new
definition version by dropping a file into a folder (no code change)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from officer_app import interchange, paths, rules
from officer_app.checklist import new_checklist
from officer_app.definition import (
    GRADES,
    DefinitionError,
    definition_from_dict,
    risk_tool_from_dict,
)
from officer_app.library import Library
from officer_app.risk import assess

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEFINITION_FILE = RESOURCES / "checklists" / "child-da-attendance-v1.json"
TOOL_FILE = RESOURCES / "risk_tools" / "dash-topics-v1.json"
VALID_EXAMPLE = RESOURCES / "examples" / "valid-two-children-v1.json"  # filled with v1

DARA_EXAMPLE = {
    "id": "dara-example",
    "version": 1,
    "title": "DARA-style example tool (test data, our own wording)",
    "answers": [
        {"value": "yes", "label": "Yes"},
        {"value": "no", "label": "No"},
        {"value": "not_asked", "label": "Could not ask"},
    ],
    "counted_answer": "yes",
    "sources": [{"value": "victim", "label": "Victim"}, {"value": "officer", "label": "Officer"}],
    "thresholds": [
        {"min_yes": 0, "grade": "standard"},
        {"min_yes": 3, "grade": "high"},
        {"min_yes": 2, "grade": "medium"},
    ],
    "strong_indicators": ["neck"],
    "questions": [
        {"id": "neck", "text": "Has the abuser ever put their hands round the victim's neck?"},
        {"id": "frightened", "text": "Is the victim frightened of what happens next?"},
        {"id": "worse", "text": "Is the abuse getting worse or more frequent?"},
        {"id": "isolation", "text": "Does the abuser stop the victim seeing friends or family?"},
    ],
}


def raw_definition() -> dict:
    return json.loads(DEFINITION_FILE.read_text("utf-8"))


def raw_tool() -> dict:
    return json.loads(TOOL_FILE.read_text("utf-8"))


def write(folder: Path, name: str, content: dict | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def make_library(tmp_path: Path, definitions: dict, tools: dict | None = None) -> Library:
    """A Library over tmp folders holding the given files (name -> dict or raw text)."""
    for name, content in definitions.items():
        write(tmp_path / "checklists", name, content)
    for name, content in (tools if tools is not None else {TOOL_FILE.name: raw_tool()}).items():
        write(tmp_path / "risk_tools", name, content)
    return Library([tmp_path / "checklists"], [tmp_path / "risk_tools"])


# ---------------------------------------------------------------- the bundled files


def test_bundled_definition_loads(definition):
    assert (definition.id, definition.version) == ("child-da-attendance", 2)
    assert definition.key == "child-da-attendance@2"
    assert [s.id for s in definition.sections] == [
        "incident",
        "children",
        "adults",
        "risk",
        "actions",
        "officer",
    ]
    assert definition.section("children").repeat
    assert definition.rule_options["observed_facts"]["vacuous_phrases"]
    assert set(definition.rules) <= set(rules.RULES)


def test_field_for_path(definition):
    assert definition.field_for_path("children[1].spoken_alone_reason").id == "spoken_alone_reason"
    assert definition.field_for_path("children").type == "repeat"
    assert definition.field_for_path("incident.intel_checks[0].system").id == "system"
    assert definition.field_for_path("adults[0].relationships[1].child").type == "child_ref"
    assert definition.field_for_path("risk.answers.stalking").type == "risk_answers"
    assert definition.field_for_path("incident") is None
    assert definition.field_for_path("nowhere.field") is None
    assert definition.field_for_path("incident.no_such_field") is None


def test_bundled_risk_tool_loads(tool):
    assert (tool.id, tool.version) == ("dash-topics", 1)
    assert len(tool.questions) == 27
    assert [q.number for q in tool.questions] == list(range(1, 28))
    assert tool.thresholds == ((14, "high"), (10, "medium"), (0, "standard"))
    assert set(tool.strong_indicators) == {
        "strangulation",
        "threats_to_kill",
        "stalking",
        "separation",
    }
    assert tool.answer_label("dont_know") == "Don't know"
    assert tool.source_label("declined") == "Victim declined to answer"
    assert tool.question("stalking").number == 8
    assert tool.question("nope") is None


def test_default_library_has_the_bundled_files(library):
    assert ("child-da-attendance", 1) in library.definitions
    assert ("dash-topics", 1) in library.risk_tools


# ---------------------------------------------------------------- broken definitions


def _unknown_type(raw):
    raw["sections"][0]["fields"][0]["type"] = "colour"


def _unknown_condition_field(raw):
    children = next(s for s in raw["sections"] if s["id"] == "children")
    next(f for f in children["fields"] if f["id"] == "seen_time")["when"] = {
        "field": "seen_at",
        "equals": "yes",
    }


def _duplicate_field(raw):
    raw["sections"][0]["fields"].append(copy.deepcopy(raw["sections"][0]["fields"][0]))


def _duplicate_section(raw):
    raw["sections"].append(copy.deepcopy(raw["sections"][-1]))


def _choice_without_choices(raw):
    raw["sections"][0]["fields"].append({"id": "grade", "type": "choice", "label": "Grade"})


def _misspelt_key(raw):
    raw["sections"][0]["fields"][0]["requried"] = True


def _no_version(raw):
    del raw["version"]


def _condition_without_field(raw):
    raw["sections"][0]["fields"][1]["when"] = {"equals": "yes"}


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        (_unknown_type, "unknown field type 'colour'"),
        (_unknown_condition_field, "condition names unknown field 'seen_at'"),
        (_duplicate_field, "field ids used twice: ['reference']"),
        (_duplicate_section, "two sections share an id"),
        (_choice_without_choices, "a choice field needs choices"),
        (_misspelt_key, "unknown keys ['requried']"),
        (_no_version, "'version' is missing"),
        (_condition_without_field, "needs 'field'"),
    ],
)
def test_broken_definition_names_the_file_and_the_problem(tmp_path, breaks, expected):
    raw = raw_definition()
    breaks(raw)
    with pytest.raises(DefinitionError) as exc:
        make_library(tmp_path, {"force-broken-v1.json": raw})
    assert "force-broken-v1.json" in str(exc.value)
    assert expected in str(exc.value)


def test_unknown_type_says_where(tmp_path):
    raw = raw_definition()
    _unknown_type(raw)
    with pytest.raises(DefinitionError, match=r"sections\[0\]\.fields\[0\]\(reference\)"):
        make_library(tmp_path, {"x.json": raw})


def test_bad_json_names_the_file_and_the_line(tmp_path):
    with pytest.raises(DefinitionError) as exc:
        make_library(tmp_path, {"bad-v1.json": '{\n  "id": "x",\n  "version": 1,\n}'})
    assert "bad-v1.json: not valid JSON (line 4" in str(exc.value)


def test_json_that_is_not_an_object(tmp_path):
    with pytest.raises(DefinitionError, match="list-v1.json: must hold a JSON object"):
        make_library(tmp_path, {"list-v1.json": "[1, 2]"})


def test_same_version_twice_is_refused(tmp_path):
    with pytest.raises(DefinitionError, match="version 1 is defined twice"):
        make_library(tmp_path, {"a.json": raw_definition(), "b.json": raw_definition()})


def test_no_definitions_at_all(tmp_path):
    with pytest.raises(DefinitionError, match="no checklist definitions found in"):
        Library([tmp_path / "empty"], [])


def test_definition_from_dict_without_a_file():
    raw = raw_definition()
    _unknown_type(raw)
    with pytest.raises(DefinitionError, match=r"^definition\.sections"):
        definition_from_dict(raw)


# ---------------------------------------------------------------- broken risk tools


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"strong_indicators": ["telepathy"]}, "strong indicators name unknown questions"),
        ({"thresholds": [{"min_yes": 14, "grade": "high"}]}, "one with min_yes 0"),
        ({"thresholds": [{"min_yes": 0, "grade": "severe"}]}, "unknown grade 'severe'"),
        ({"counted_answer": "maybe"}, "counted_answer 'maybe' is not one of the answers"),
        ({"questions": [{"id": "a", "text": "A?"}, {"id": "a", "text": "B?"}]}, "share an id"),
        (
            {"answers": [{"value": "yes", "label": "Yes"}, {"value": "yes", "label": "Y"}]},
            "two choices share a value",
        ),
    ],
)
def test_broken_risk_tool_names_the_file_and_the_problem(tmp_path, change, expected):
    raw = {**raw_tool(), **change}
    with pytest.raises(DefinitionError) as exc:
        make_library(tmp_path, {DEFINITION_FILE.name: raw_definition()}, {"force-tool.json": raw})
    assert "force-tool.json" in str(exc.value)
    assert expected in str(exc.value)


# ---------------------------------------------------------------- versions


def _v2() -> dict:
    raw = raw_definition()
    raw["version"] = 2
    raw["sections"][0]["fields"].append(
        {
            "id": "call_grade",
            "type": "choice",
            "label": "Call grade",
            "required": True,
            "choices": [
                {"value": "emergency", "label": "Emergency"},
                {"value": "priority", "label": "Priority"},
            ],
        }
    )
    return raw


def test_library_picks_the_latest_version(tmp_path):
    lib = make_library(
        tmp_path,
        {"child-da-attendance-v1.json": raw_definition(), "child-da-attendance-v2.json": _v2()},
    )
    assert lib.definition("child-da-attendance").version == 2
    assert lib.latest_definition().version == 2
    assert lib.definition("child-da-attendance", 1).version == 1
    with pytest.raises(DefinitionError, match="version 3 is not installed"):
        lib.definition("child-da-attendance", 3)
    with pytest.raises(DefinitionError, match="no checklist definition called 'other'"):
        lib.definition("other")
    with pytest.raises(DefinitionError, match="no risk tool called 'dara'"):
        lib.risk_tool("dara")


def test_old_checklist_still_validates_after_a_new_version(tmp_path):
    lib = make_library(
        tmp_path,
        {"child-da-attendance-v1.json": raw_definition(), "child-da-attendance-v2.json": _v2()},
    )
    old = interchange.read_file(VALID_EXAMPLE, lib)
    v1 = lib.definition(old.definition_id, old.definition_version)
    tool = lib.risk_tool(old.risk_tool_id, old.risk_tool_version)
    assert v1.version == 1
    assert rules.check(old, v1, tool) == []

    v2 = lib.latest_definition()
    new = new_checklist(v2, tool.id, tool.version)
    assert (new.definition_id, new.definition_version) == ("child-da-attendance", 2)
    new.data = copy.deepcopy(old.data)
    problems = rules.check(new, v2, tool)
    assert [(p.path, p.message) for p in problems] == [
        ("incident.call_grade", "Choose 'Call grade'.")
    ]
    new.set("incident.call_grade", "priority")
    assert rules.check(new, v2, tool) == []


# ---------------------------------------------------------------- a force's own risk tool


def test_force_adds_a_risk_tool_by_dropping_a_file(tmp_path):
    lib = make_library(
        tmp_path,
        {DEFINITION_FILE.name: raw_definition()},
        {TOOL_FILE.name: raw_tool(), "dara-example-v1.json": DARA_EXAMPLE},
    )
    dara = lib.risk_tool("dara-example")
    assert dara.thresholds == ((3, "high"), (2, "medium"), (0, "standard"))
    answers = {
        "neck": {"answer": "yes"},
        "frightened": {"answer": "yes"},
        "worse": {"answer": "not_asked"},
        "isolation": {"answer": "no"},
    }
    result = assess(answers, "standard", dara)
    assert (result.yes_count, result.score_grade, result.total) == (2, "medium", 4)
    assert result.strong_indicators == ("neck",)
    assert result.downgraded and result.complete


def test_checklist_with_the_forces_tool_is_checked_against_it(tmp_path):
    lib = make_library(
        tmp_path,
        {DEFINITION_FILE.name: raw_definition()},
        {TOOL_FILE.name: raw_tool(), "dara-example-v1.json": DARA_EXAMPLE},
    )
    checklist = interchange.read_file(VALID_EXAMPLE, lib)
    checklist.risk_tool_id = "dara-example"
    checklist.data["risk"]["answers"] = {"neck": {"answer": "yes", "source": "victim"}}
    definition, dara = lib.latest_definition(), lib.risk_tool("dara-example")
    problems = rules.check(checklist, definition, dara)
    assert [p.path for p in problems] == [
        "risk.answers.frightened",
        "risk.answers.worse",
        "risk.answers.isolation",
    ]
    assert problems[1].message == (
        "Answer risk question 3 (Is the abuse getting worse or more frequent?): Yes, No or "
        "Could not ask."
    )
    for qid in ("frightened", "worse"):
        checklist.set(f"risk.answers.{qid}", {"answer": "yes", "comment": "", "source": "victim"})
    checklist.set("risk.answers.isolation", {"answer": "not_asked"})
    assert rules.check(checklist, definition, dara) == []
    # the interchange format carries the tool too: a round trip reads it back
    again = interchange.from_json(interchange.to_json(checklist), lib)
    assert (again.risk_tool_id, again.data["risk"]) == ("dara-example", checklist.data["risk"])


def test_user_data_folder_risk_tool_is_found(tmp_path):
    """The per-user folder (redirected into tmp by conftest) is searched too."""
    write(paths.user_data_dir() / "risk_tools", "dara-example-v1.json", DARA_EXAMPLE)
    lib = Library(paths.checklist_definition_dirs(), paths.risk_tool_dirs())
    assert lib.risk_tool("dara-example").title.startswith("DARA-style")
    assert lib.risk_tool("dash-topics").version == 1


def test_risk_tool_from_dict_sorts_thresholds():
    tool = risk_tool_from_dict(DARA_EXAMPLE)
    assert [grade for _, grade in tool.thresholds] == list(reversed(GRADES))
    assert tool.source is None and tool.key == "dara-example@1"
