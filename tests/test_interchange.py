"""The interchange format: round trip, examples, JSON Schema, and refusal of bad documents."""

from __future__ import annotations

import json

import jsonschema
import pytest

from officer_app import interchange, rules
from officer_app.store import Store
from tests.conftest import EXAMPLES, ROOT, VALID_EXAMPLE

INVALID_EXAMPLE = EXAMPLES / "invalid-several-rules.json"


def _doc() -> dict:
    return json.loads(VALID_EXAMPLE.read_text(encoding="utf-8"))


def test_round_trip_store_json_store_loses_nothing(tmp_path, library, valid_checklist):
    valid_checklist.data["children"][0]["own_words"] = "I said <stop> & he laughed.\nThen quiet."
    with Store(tmp_path / "a.sqlite") as first:
        first.save(valid_checklist)
        text = interchange.to_json(first.load(valid_checklist.id))
    back = interchange.from_json(text, library)
    with Store(tmp_path / "b.sqlite") as second:
        second.save(back)
        again = second.load(back.id)
    assert again.data == valid_checklist.data
    for attribute in (
        "uid",
        "state",
        "created_at",
        "submitted_at",
        "definition_id",
        "definition_version",
        "risk_tool_id",
        "risk_tool_version",
    ):
        assert getattr(again, attribute) == getattr(valid_checklist, attribute)
    assert again.data["children"][0]["own_words"] == "I said <stop> & he laughed.\nThen quiet."


def test_valid_example_has_two_children_one_alone_one_not(valid_checklist, definition, tool):
    kacper, amelia = valid_checklist.data["children"]
    assert kacper["spoken_alone"] == "yes" and kacper["own_words"]
    assert amelia["spoken_alone"] == "no" and amelia["spoken_alone_reason"]
    assert amelia["others_present"]
    assert rules.errors(rules.check(valid_checklist, definition, tool)) == []


def test_invalid_example_fails_several_rules_with_exact_paths(library, definition, tool):
    checklist = interchange.read_file(INVALID_EXAMPLE, library)
    problems = rules.errors(rules.check(checklist, definition, tool))
    paths = {p.path for p in problems}
    rules_failing = {p.rule for p in problems}
    assert "children[0].spoken_alone_reason" in paths  # only the mother's word
    assert "children[0].others_present" in paths
    assert "children[0].interpreter_type" in paths  # a family member interpreted
    assert "children[1].present" in paths  # asleep in the property is present
    assert "children[1].seen" in paths
    assert "risk.answers.weapons" in paths
    assert "risk.downgrade_rationale" in paths
    assert "incident.intel_checks" in paths
    assert "children[0].demeanour" in paths  # "No concerns." only
    assert len(rules_failing) >= 6


def test_examples_match_the_shipped_json_schema(definition, tool):
    schema_file = ROOT / "resources" / "schema" / interchange.schema_file_name(definition)
    shipped = json.loads(schema_file.read_text(encoding="utf-8"))
    assert shipped == interchange.json_schema(definition, tool), (
        "resources/schema is stale: regenerate it with `officer-app schema --out ...`"
    )
    jsonschema.Draft202012Validator.check_schema(shipped)
    for example in EXAMPLES.glob("*.json"):
        jsonschema.validate(json.loads(example.read_text(encoding="utf-8")), shipped)


def test_schema_refuses_what_the_reader_refuses(definition, tool):
    schema = interchange.json_schema(definition, tool)
    doc = _doc()
    doc["data"]["children"][0]["favourite_colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d["data"]["children"][0].update(dob="14/03/2019"), "children[0].dob", "date"),
        (
            lambda d: d["data"]["children"][1].update(favourite="x"),
            "children[1].favourite",
            "not a field",
        ),
        (lambda d: d["data"]["incident"].update(bwv="maybe"), "incident.bwv", "not one of"),
        (lambda d: d.update(state="lost"), "state", "one of"),
        (lambda d: d["data"].update(extra={}), "extra", "not a section"),
        (
            lambda d: d["data"]["risk"]["answers"].update(made_up={"answer": "yes"}),
            "risk.answers.made_up",
            "not a question",
        ),
        (
            lambda d: d["data"]["risk"]["answers"]["stalking"].update(answer=["yes"]),
            "risk.answers.stalking.answer",
            "must be text",
        ),
        (
            lambda d: d["data"]["children"][1].update(uid=d["data"]["children"][0]["uid"]),
            "children[1]",
            "same uid",
        ),
    ],
)
def test_malformed_documents_are_refused_naming_the_field(library, change, path, words):
    doc = _doc()
    change(doc)
    with pytest.raises(interchange.InterchangeError) as refused:
        interchange.from_dict(doc, library, "bad.json")
    assert any(p == path and words in m for p, m in refused.value.problems), refused.value.problems


def test_not_json_and_unknown_definition_are_refused(tmp_path, library):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "officer-app/checklist", ', encoding="utf-8")
    with pytest.raises(interchange.InterchangeError, match="not valid JSON"):
        interchange.read_file(broken, library)
    doc = _doc()
    doc["definition"]["version"] = 99
    with pytest.raises(interchange.InterchangeError, match="version 99 is not installed"):
        interchange.from_dict(doc, library)
    with pytest.raises(interchange.InterchangeError, match="file not found"):
        interchange.read_file(tmp_path / "missing.json", library)
