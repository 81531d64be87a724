"""Page 1: the title block, the risk summary, the children at a glance with what the
supervisor must look at, and the actions, with every field label taken from the definition."""

from __future__ import annotations

import dataclasses
import json

from reportlab.platypus import Paragraph

from officer_app import coverage
from officer_app.checklist import new_checklist, new_uid
from officer_app.coverage import DONE, ChildCoverage, Item
from officer_app.definition import definition_from_dict
from officer_app.referral import summary
from officer_app.referral.context import make_context
from officer_app.referral.style import register_fonts
from tests.referral.pdf import flat, fonts_of, render


def edited(definition, change):
    """A copy of `definition` (same id and version) with change(raw_sections) applied."""
    raw = json.loads(definition.source.read_text(encoding="utf-8"))
    change({s["id"]: s for s in raw["sections"]})
    return definition_from_dict(raw, definition.source)


def field(sections: dict, path: str) -> dict:
    section_id, field_id = path.split(".")
    return next(f for f in sections[section_id]["fields"] if f["id"] == field_id)


def label(definition, path: str) -> str:
    return definition.field_for_path(path).label


# ---------------------------------------------------------------- the example


def test_the_valid_example_renders_with_the_summary_on_page_one(
    valid_checklist, definition, tool, tmp_path
):
    pages = render(valid_checklist, definition, tool, tmp_path / "referral.pdf")
    first = flat(pages[0])
    assert "Referral to the Multi-Agency Safeguarding Hub" in first
    assert "Kacper Łuczak" in first and "Amelia Krężołek" in first  # exact Polish letters
    assert "Risk grade: HIGH" in first
    assert "14 of 27 yes" in first
    assert "Not alone: with Anna Łuczak (mother) and PC Okafor" in first
    assert "Seen at 23:12" in first
    assert f"{label(definition, 'actions.mash_referral')}: Yes" in first
    assert "Flat 2, Łąkowa Court, 14 Smith & Dawes Road" in first
    assert f"Page 1 of {len(pages)}" in first
    assert "DRAFT" not in "".join(pages)
    assert "For the supervisor" not in first  # nothing flagged, no line


def test_the_summary_says_why_a_childs_voice_is_missing(
    valid_checklist, definition, tool, tmp_path
):
    children = valid_checklist.data["children"]
    children.append(
        {
            "uid": new_uid(),
            "status": "born",
            "name": "Baby Łucja",
            "dob": "2026-05-02",
            "location": "asleep",
            "seen": "yes",
            "seen_time": "23:30",
            "communication": "pre_verbal",
        }
    )
    children.append(
        {
            "uid": new_uid(),
            "status": "unborn",
            "name": "Unborn child of Anna Łuczak",
            "due_date": "2027-02-03",
        }
    )
    children.append(
        {
            "uid": new_uid(),
            "status": "born",
            "name": "Oskar Nowak",
            "estimated_age": 9,
            "location": "asleep",
            "seen": "yes",
            "seen_time": "23:40",
            "communication": "verbal",
            "spoken_to": "no",
            "not_spoken_reason": "asleep_not_woken",
        }
    )
    first = flat(render(valid_checklist, definition, tool, tmp_path / "r.pdf")[0])
    assert "Pre-verbal infant: seen, not spoken to" in first
    assert "6 months" in first  # age at the incident, from the date of birth
    assert "7 years" in first and "DOB 14/03/2019" in first
    assert "Unborn, due 03/02/2027" in first
    assert "About 9" in first
    assert "Not spoken to: Asleep" in first


def test_a_downgrade_shows_the_grade_it_was_lowered_from(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.set("risk.officer_grade", "medium")
    valid_checklist.set("risk.downgrade_rationale", "Suspect remanded & victim moved to refuge.")
    first = flat(render(valid_checklist, definition, tool, tmp_path / "r.pdf")[0])
    assert "Risk grade: MEDIUM" in first
    assert "Lowered from High: Suspect remanded & victim moved to refuge." in first


def test_an_empty_new_checklist_renders_with_every_gap_shown(definition, tool, tmp_path):
    empty = new_checklist(definition, tool.id, tool.version)
    pages = render(empty, definition, tool, tmp_path / "r.pdf")
    text = flat("\n".join(pages))
    assert "DRAFT – not submitted" in text
    assert "Force incident / log reference Not recorded" in text
    assert "Risk grade: not recorded by the officer" in text
    assert "No children recorded" in text


# ---------------------------------------------------------------- flags for the supervisor


def _with_flags(flags_by_name: dict[str, tuple[str, ...]]):
    real = coverage.child_coverage

    def child_coverage(*args, **kwargs):
        return [
            dataclasses.replace(c, flags=flags_by_name.get(c.name, ()))
            for c in real(*args, **kwargs)
        ]

    return child_coverage


def test_supervisor_flags_are_printed_on_page_one_under_the_children_table(
    valid_checklist, definition, tool, tmp_path, monkeypatch
):
    valid_checklist.set("children[1].name", "Amelia <Ann> & Krężołek")
    flags = ("Not seen: an adult refused access", "Asleep & <not> woken")
    monkeypatch.setattr(coverage, "child_coverage", _with_flags({"Amelia <Ann> & Krężołek": flags}))
    out = tmp_path / "r.pdf"
    first = flat(render(valid_checklist, definition, tool, out)[0])
    line = (
        "For the supervisor: Amelia <Ann> & Krężołek: Not seen: an adult refused access; "
        "Asleep & <not> woken"
    )
    assert line in first
    assert first.count("For the supervisor") == 1  # Kacper has no flags: no line
    assert first.index("Interpreter") < first.index(line)  # below the table's head ...
    assert first.index(line) < first.index(label(definition, "actions.mash_referral"))
    assert any("Bold" in font for font in fonts_of(out, 0, "For the supervisor"))


def test_supervisor_flags_one_paragraph_per_flagged_child(valid_checklist, definition, tool):
    register_fonts()
    ctx = make_context(valid_checklist, definition, tool)
    done = Item(DONE, "Done")
    covers = [
        ChildCoverage(0, "Kacper Łuczak", "7", done, done, done, done),
        ChildCoverage(1, "Zoë", "3", done, done, done, done, flags=("Not seen: asleep",)),
        ChildCoverage(2, "Ola", "1", done, done, done, done, flags=("A", "B")),
    ]
    flows = summary.supervisor_flags(ctx, covers)
    flows = [f for f in flows if isinstance(f, Paragraph)]  # (after a little space)
    texts = [flat(" ".join(frag.text for frag in f.frags)) for f in flows]
    assert texts == ["For the supervisor: Zoë: Not seen: asleep", "For the supervisor: Ola: A; B"]
    assert all(f.style.name == "gap" for f in flows)  # bold, in the gap colour


# ---------------------------------------------------------------- labels from the definition


def test_labels_on_page_one_follow_the_definition(valid_checklist, definition, tool, tmp_path):
    new_labels = {
        "incident.reference": "Storm log number",
        "incident.call_time": "Call logged at",
        "incident.address": "Where it happened",
        "actions.mash_referral": "Hub referral made",
        "actions.consent": "Victim agreed to sharing",
        "risk.marac_criteria": "Meets the MARAC threshold",
        "risk.grade_rationale": "Why this grade",
    }

    def relabel(sections):
        for path, text in new_labels.items():
            field(sections, path)["label"] = text

    changed = edited(definition, relabel)
    before = flat(render(valid_checklist, definition, tool, tmp_path / "a.pdf")[0])
    after = flat(render(valid_checklist, changed, tool, tmp_path / "b.pdf")[0])
    for path, text in new_labels.items():
        old = label(definition, path)
        assert old in before and text not in before, path
        assert text in after and old not in after, path
    assert "Storm log number CV-0412-221126" in after
    assert "Hub referral made: Yes" in after
    assert "Meets the MARAC threshold: Yes" in after
    assert "Why this grade: 14 questions answered yes" in after


def test_a_field_the_definition_does_not_have_is_left_out(
    valid_checklist, definition, tool, tmp_path
):
    gone = ("incident.reference", "actions.marac_referral", "risk.marac_criteria")

    def remove(sections):
        for path in gone:
            section_id = path.split(".")[0]
            sections[section_id]["fields"].remove(field(sections, path))

    without = edited(definition, remove)
    first = flat(render(valid_checklist, without, tool, tmp_path / "r.pdf")[0])
    for path in gone:
        assert label(definition, path) not in first, path
    assert f"{label(definition, 'actions.mash_referral')}: Yes" in first
    assert "Not recorded" not in first  # a missing field is not a gap in the record


def test_every_path_the_summary_reads_is_in_the_bundled_definition(definition):
    for path in summary.PATHS:
        assert definition.field_for_path(path) is not None or definition.has_section(path), path
