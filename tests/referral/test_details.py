"""The checklist section by section: generated from the definition, the child's words
verbatim, facts apart from opinion, every risk question."""

from __future__ import annotations

import json

from officer_app.definition import definition_from_dict
from officer_app.referral import details
from tests.referral.pdf import flat, render


def test_the_childs_own_words_are_verbatim_in_quotation_marks(
    valid_checklist, definition, tool, tmp_path
):
    text = flat("\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf")))
    assert "In the child's own words" in text
    assert "“Daddy pushed mama. Mama cried. I'm scared of the loud.”" in text
    assert "“Marek was shouting at mama and I heard a bang on the wall." in text
    assert "When Marek shouts I go under the bed.”" in text
    # the parent's account is labelled on its own, never as the child's words
    assert "What a parent or carer said about the child Mother said Kacper was asleep" in text


def test_observations_and_opinion_are_kept_apart(valid_checklist, definition, tool, tmp_path):
    text = flat("\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf")))
    facts = text.index("What the officer observed (facts)")
    opinion = text.index("Officer's opinion (kept apart from the facts)")
    assert facts < text.index("Thin; wearing a school jumper") < opinion
    assert opinion < text.index("Kacper's account differs from his mother's")


def test_every_risk_question_is_in_the_table(valid_checklist, definition, tool, tmp_path):
    text = flat("\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf")))
    for question in tool.questions:
        assert flat(question.text) in text
    assert "Calls her phone >20 times a day; waits outside the nursery." in text


def test_markup_characters_print_as_typed(valid_checklist, definition, tool, tmp_path):
    valid_checklist.set("children[0].own_words", "I said <stop> & he laughed\nThen <b>nothing</b>")
    valid_checklist.set("children[1].name", "Amelia <Ann> & Krężołek")
    text = "\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf"))
    assert "“I said <stop> & he laughed\nThen <b>nothing</b>”" in text  # line break kept
    assert "Amelia <Ann> & Krężołek" in text


def test_an_unanswered_required_field_prints_not_recorded(
    valid_checklist, definition, tool, tmp_path
):
    del valid_checklist.data["children"][0]["demeanour"]
    text = flat("\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf")))
    assert "Child's demeanour Not recorded" in text


def test_a_field_added_in_a_new_definition_version_appears(
    valid_checklist, definition, tool, tmp_path
):
    raw = json.loads(definition.source.read_text(encoding="utf-8"))
    raw["version"] = definition.version + 1
    children = next(s for s in raw["sections"] if s["id"] == "children")
    children["fields"].append(
        {"id": "safe_place", "type": "text", "label": "Where the child feels safe"}
    )
    incident = next(s for s in raw["sections"] if s["id"] == "incident")
    incident["fields"].append(
        {"id": "lighting", "type": "text", "required": True, "label": "Lighting at the scene"}
    )
    newer = definition_from_dict(raw)
    valid_checklist.definition_version = newer.version
    valid_checklist.set("children[0].safe_place", "Under the stairs with Miś & <Bear>")

    text = flat("\n".join(render(valid_checklist, newer, tool, tmp_path / "r.pdf")))
    assert "Where the child feels safe Under the stairs with Miś & <Bear>" in text
    assert "Lighting at the scene Not recorded" in text


def test_a_label_changed_in_the_definition_changes_the_pdf(
    valid_checklist, definition, tool, tmp_path
):
    raw = json.loads(definition.source.read_text(encoding="utf-8"))
    children = next(s for s in raw["sections"] if s["id"] == "children")
    school = next(f for f in children["fields"] if f["id"] == "school")
    old, school["label"] = school["label"], "Nursery / school (Łódź & <area>)"
    valid_checklist.set("children[0].school", "Długa Street Primary")
    text = flat(
        "\n".join(render(valid_checklist, definition_from_dict(raw), tool, tmp_path / "r.pdf"))
    )
    assert "Nursery / school (Łódź & <area>) Długa Street Primary" in text
    assert old not in text


def test_a_long_value_is_a_block_and_a_short_one_a_row(valid_checklist, definition, tool, tmp_path):
    label = definition.field_for_path("children.school").label
    valid_checklist.set("children[0].school", "Line\r" * 8)  # eight lines: a block
    valid_checklist.set("children[1].school", "Ząbki\r\nNursery")  # two lines: a row
    text = "\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf"))
    assert f"{label}\nLine\nLine" in text  # the label above, the lines below
    assert "Ząbki\nNursery" in text


def test_the_paths_this_module_names_are_in_the_bundled_definition(definition):
    for path in details.PATHS:
        assert definition.has_section(path), path
