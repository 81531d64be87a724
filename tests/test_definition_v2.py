"""Definition version 2 and its binding to the rules: coded reasons, flags for the
supervisor, the one reading of "English", and loading that fails when a rule's field is
missing. Version 1 checklists keep validating against version 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from officer_app import coverage, interchange, rules
from officer_app.checklist import condition_holds
from officer_app.definition import DefinitionError
from officer_app.library import Library
from officer_app.states import STATES, TransitionError, action_for

ROOT = Path(__file__).resolve().parent.parent
CHECKLISTS = ROOT / "resources" / "checklists"
TOOLS = ROOT / "resources" / "risk_tools"
V1_EXAMPLE = ROOT / "resources" / "examples" / "valid-two-children-v1.json"


def library_with(tmp_path: Path, raw: dict) -> Library:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "changed-v2.json").write_text(json.dumps(raw), encoding="utf-8")
    return Library([folder], [TOOLS])


def raw_v2() -> dict:
    return json.loads((CHECKLISTS / "child-da-attendance-v2.json").read_text("utf-8"))


def test_a_definition_without_a_field_a_rule_reads_does_not_load(tmp_path):
    raw = raw_v2()
    children = next(s for s in raw["sections"] if s["id"] == "children")
    children["fields"] = [f for f in children["fields"] if f["id"] != "others_present"]
    with pytest.raises(DefinitionError) as exc:
        library_with(tmp_path, raw)
    assert "changed-v2.json" in str(exc.value)
    assert "children.others_present (read by rule spoken_alone)" in str(exc.value)


def test_a_definition_naming_an_unknown_rule_does_not_load(tmp_path):
    raw = raw_v2()
    raw["rules"].append("crystal_ball")
    with pytest.raises(DefinitionError, match="unknown rule crystal_ball"):
        library_with(tmp_path, raw)


def test_a_definition_without_a_rule_needs_none_of_its_fields(tmp_path):
    raw = raw_v2()
    raw["rules"] = [r for r in raw["rules"] if r != "intelligence_checks"]
    incident = next(s for s in raw["sections"] if s["id"] == "incident")
    incident["fields"] = [f for f in incident["fields"] if f["id"] != "intel_checks"]
    assert library_with(tmp_path, raw).definition("child-da-attendance", 2).version == 2


def test_every_rule_declares_fields_the_bundled_definitions_have(library):
    for definition in library.definitions.values():
        rules.check_definition(definition)  # raises if not


def test_new_checklists_use_version_2_and_old_ones_keep_version_1(library, tool):
    old = interchange.read_file(V1_EXAMPLE, library)
    v1, old_tool = library.for_checklist(old)
    assert v1.version == 1 and library.definition("child-da-attendance").version == 2
    assert rules.check(old, v1, old_tool) == []
    with pytest.raises(interchange.InterchangeError, match="not_alone_reason"):
        bad = json.loads(V1_EXAMPLE.read_text("utf-8"))
        bad["data"]["children"][1]["not_alone_reason"] = "child_declined"  # a v2 field
        interchange.from_dict(bad, library)


@pytest.mark.parametrize(
    ("language", "english"),
    [("English", True), ("English.", True), ("ENG", True), ("british english", True),
     ("Polish", False), ("English and Polish", False)],
)  # fmt: skip
def test_one_reading_of_english_for_conditions_and_rules(definition, language, english):
    from officer_app import wording

    condition = definition.section("children").field("interpreter_type").when
    scope = {"spoken_to": "yes", "first_language": language}
    assert wording.is_english(language) is english
    assert condition_holds(condition, scope, {}) is (not english)


def test_an_unanswered_language_opens_no_interpreter_question(definition):
    condition = definition.section("adults").field("interpreter_needed").when
    assert not condition_holds(condition, {"first_language": ""}, {})


def test_the_codes_that_go_to_the_supervisor_are_marked_in_the_definition(definition):
    children = definition.section("children")
    flagged = {c.value for c in children.field("not_seen_reason").choices if c.flag("supervisor")}
    assert flagged == {"asleep_not_woken", "access_refused"}
    codes = {c.value for c in children.field("not_seen_reason").choices}
    assert "adult_said_fine" not in codes and "other" in codes


def test_flags_reach_the_coverage_the_pdf_prints(valid_checklist, definition, tool):
    kacper = valid_checklist.data["children"][0]
    kacper.update(seen="no", not_seen_reason="asleep_not_woken")
    kacper["not_seen_explanation"] = "Asleep in a cot at 03:10; I saw him breathing, no marks."
    row = coverage.child_coverage(valid_checklist, definition, tool)[0]
    assert row.complete
    assert row.flags == ("Reason not seen: Asleep and not woken",)
    assert row.seen.text == "Not seen: Asleep and not woken"


def test_an_unborn_child_makes_the_pregnancy_question_count(valid_checklist, definition, tool):
    valid_checklist.add_item(
        "children", {"status": "unborn", "name": "Baby Krężołek", "due_date": "2027-02-01"}
    )
    answer = valid_checklist.data["risk"]["answers"]["pregnant_or_baby"]
    answer.update(answer="no", comment="")
    found = [p for p in rules.check(valid_checklist, definition, tool) if p.rule == "unborn_risk"]
    assert [p.path for p in found] == ["risk.answers.pregnant_or_baby"]
    assert (
        "but the checklist records an unborn child (Baby Krężołek): answer Yes" in found[0].message
    )
    answer["comment"] = "n/a"
    assert any(p.rule == "unborn_risk" for p in rules.check(valid_checklist, definition, tool))
    answer["comment"] = (
        "Victim says the pregnancy is not hers: the unborn child is her sister's <&>."
    )
    assert not any(p.rule == "unborn_risk" for p in rules.check(valid_checklist, definition, tool))


def test_states_and_their_changes_live_in_one_place():
    assert STATES == ("draft", "submitted", "returned", "approved", "sent")
    assert action_for("draft", "submitted") == "submit"
    assert action_for("returned", "submitted") == "submit"
    assert action_for("submitted", "approved") == "approve"
    assert action_for("approved", "draft") == "amend"
    with pytest.raises(TransitionError, match="cannot go from submitted to draft"):
        action_for("submitted", "draft")
    with pytest.raises(TransitionError, match="cannot go from draft to approved"):
        action_for("draft", "approved")


def test_a_definition_without_a_field_the_coverage_quotes_does_not_load(tmp_path):
    raw = raw_v2()
    children = next(s for s in raw["sections"] if s["id"] == "children")
    children["fields"] = [f for f in children["fields"] if f["id"] != "seen_time"]
    with pytest.raises(DefinitionError, match="no field seen_time \\(read by the coverage"):
        library_with(tmp_path, raw)
