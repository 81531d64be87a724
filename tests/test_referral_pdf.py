"""The MASH referral PDF, read back with pypdf and checked the way a hub reader would."""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from officer_app import paths, referral_pdf
from officer_app.checklist import Checklist, new_checklist, new_uid
from officer_app.definition import Library
from officer_app.referral_pdf import ReferralError, write_referral

MARKING = "OFFICIAL-SENSITIVE"
REFERENCE = "CV-0412-221126"
WHEN = datetime(2026, 11, 22, 9, 15)


def render(checklist: Checklist, definition, tool, out: Path, **options) -> list[str]:
    """Write the referral and return the extracted text of each page."""
    options.setdefault("generated_at", WHEN)
    options.setdefault("force_name", "Example Constabulary")
    result = write_referral(checklist, definition, tool, out, **options)
    assert result == out
    return [page.extract_text() for page in PdfReader(out).pages]


def flat(text: str) -> str:
    """Text with every run of whitespace (line ends from wrapping) as one space."""
    return " ".join(text.split())


def assert_every_page_marked_and_numbered(pages: list[str], marking: str = MARKING) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert text.count(marking) >= 2, f"page {number} lacks the marking top and bottom"
        assert REFERENCE in text, f"page {number} lacks the incident reference"
        assert f"Page {number} of {total}" in text, f"page {number} lacks its page number"


def marking_heights(path: Path, marking: str = MARKING) -> list[list[float]]:
    """For each page, the heights (points from the bottom) at which the marking is drawn."""
    heights: list[list[float]] = []
    for page in PdfReader(path).pages:
        found: list[float] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip() == marking:
                found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        heights.append(found)
    return heights


def lengthen(entry: dict, key: str, tag: str, words: int = 1500) -> list[str]:
    """Fill entry[key] with numbered sentences (with line breaks) and return their markers."""
    markers = [f"mk{tag}{key[:3]}n{i:03d}" for i in range(words // 10)]
    lines = [f"Sentence {m} says the child was frightened and hungry that night." for m in markers]
    entry[key] = "\n".join(" ".join(lines[i : i + 8]) for i in range(0, len(lines), 8))
    return markers


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
    assert "MASH referral: Yes" in first
    assert "Flat 2, Łąkowa Court, 14 Smith & Dawes Road" in first
    assert f"Page 1 of {len(pages)}" in first
    assert "DRAFT" not in "".join(pages)


def test_every_page_is_marked_top_and_bottom_and_numbered(
    valid_checklist, definition, tool, tmp_path
):
    out = tmp_path / "referral.pdf"
    pages = render(valid_checklist, definition, tool, out)
    assert len(pages) >= 2
    assert_every_page_marked_and_numbered(pages)
    for heights in marking_heights(out):
        assert max(heights) > 800 and min(heights) < 40  # A4 is 842 points high


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


def test_the_font_is_embedded_dejavu_not_helvetica(valid_checklist, definition, tool, tmp_path):
    out = tmp_path / "r.pdf"
    render(valid_checklist, definition, tool, out)
    names = set()
    for page in PdfReader(out).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType subset is embedded
    assert names and all("DejaVuSans" in name for name in names), names
    assert not any("Helvetica" in name for name in names)


# ---------------------------------------------------------------- a long referral


def test_a_long_referral_flows_across_pages_with_nothing_cut_off(
    valid_checklist, definition, tool, tmp_path
):
    children = valid_checklist.data["children"]
    for i in range(4):
        extra = copy.deepcopy(children[i % 2])
        extra.update(uid=new_uid(), name=f"Zofia Żółć-{i} Ślęzak")
        children.append(extra)
    markers = []
    for n, child in enumerate(children):
        markers += lengthen(child, "own_words", f"c{n}")
        markers += lengthen(child, "demeanour", f"c{n}")
        markers += lengthen(child, "officer_view", f"c{n}", 400)
        markers += lengthen(child, "school", f"c{n}", 300)  # a one-line text field typed long
    risk = valid_checklist.data["risk"]["answers"]["stalking"]
    markers += lengthen(risk, "comment", "risk", 1200)  # longer than a table cell may hold
    out = tmp_path / "long.pdf"
    pages = render(valid_checklist, definition, tool, out)

    assert len(pages) > 20
    assert_every_page_marked_and_numbered(pages)
    text = "\n".join(pages)
    missing = [m for m in markers if m not in text]
    assert not missing, f"{len(missing)} sentences missing, e.g. {missing[:3]}"
    opening = flat(pages[0] + pages[1])
    summary = opening[: opening.index("MASH referral:")]  # the summary may run onto page 2
    names = ["Kacper Łuczak", "Amelia Krężołek"] + [f"Zofia Żółć-{i} Ślęzak" for i in range(4)]
    assert all(name in summary for name in names)


# ---------------------------------------------------------------- the children at a glance


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
            "not_spoken_reason": "asleep_welfare",
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


def test_an_unanswered_required_field_prints_not_recorded(
    valid_checklist, definition, tool, tmp_path
):
    del valid_checklist.data["children"][0]["demeanour"]
    text = flat("\n".join(render(valid_checklist, definition, tool, tmp_path / "r.pdf")))
    assert "Child's demeanour Not recorded" in text


def test_an_empty_new_checklist_renders_with_every_gap_shown(definition, tool, tmp_path):
    empty = new_checklist(definition, tool.id, tool.version)
    pages = render(empty, definition, tool, tmp_path / "r.pdf")
    text = flat("\n".join(pages))
    assert "DRAFT – not submitted" in text
    assert "Force incident / log reference Not recorded" in text
    assert "Risk grade: not recorded by the officer" in text
    assert "No children recorded" in text


# ---------------------------------------------------------------- marking and drafts


def test_a_custom_marking_is_on_every_page(valid_checklist, definition, tool, tmp_path):
    marking = "OFFICIAL – SENSITIVE: PERSONAL"
    out = tmp_path / "r.pdf"
    pages = render(valid_checklist, definition, tool, out, marking=marking)
    assert_every_page_marked_and_numbered(pages, marking)
    assert all(MARKING not in page for page in pages)
    assert all(len(heights) >= 2 for heights in marking_heights(out, marking))


def test_a_draft_is_marked_as_draft_on_every_page(valid_checklist, definition, tool, tmp_path):
    valid_checklist.state = "draft"
    pages = render(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert "DRAFT – not submitted" in flat(pages[0])
    assert all("DRAFT – not submitted" in page for page in pages)


# ---------------------------------------------------------------- generated from the definition


def test_a_field_added_in_a_new_definition_version_appears(valid_checklist, tool, tmp_path):
    bundled = paths.resources_dir() / "checklists" / "child-da-attendance-v1.json"
    raw = json.loads(bundled.read_text(encoding="utf-8"))
    raw["version"] = 2
    children = next(s for s in raw["sections"] if s["id"] == "children")
    children["fields"].append(
        {"id": "safe_place", "type": "text", "label": "Where the child feels safe"}
    )
    incident = next(s for s in raw["sections"] if s["id"] == "incident")
    incident["fields"].append(
        {"id": "lighting", "type": "text", "required": True, "label": "Lighting at the scene"}
    )
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "child-da-attendance-v2.json").write_text(json.dumps(raw), encoding="utf-8")
    library = Library([folder], [paths.resources_dir() / "risk_tools"])
    definition_v2 = library.definition("child-da-attendance", 2)
    valid_checklist.definition_version = 2
    valid_checklist.set("children[0].safe_place", "Under the stairs with Miś & <Bear>")

    text = flat("\n".join(render(valid_checklist, definition_v2, tool, tmp_path / "r.pdf")))
    assert "Where the child feels safe Under the stairs with Miś & <Bear>" in text
    assert "Lighting at the scene Not recorded" in text


def test_a_definition_other_than_the_checklists_is_refused(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.definition_version = 7
    with pytest.raises(ReferralError, match="version 7"):
        write_referral(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- atomic writing


def test_a_folder_that_does_not_exist_is_refused(valid_checklist, definition, tool, tmp_path):
    out = tmp_path / "missing" / "referral.pdf"
    with pytest.raises(ReferralError, match=r"the folder .*missing does not exist"):
        write_referral(valid_checklist, definition, tool, out)
    assert list(tmp_path.iterdir()) == []


def test_writing_again_replaces_the_file_and_leaves_no_temporary_file(
    valid_checklist, definition, tool, tmp_path
):
    out = tmp_path / "referral.pdf"
    out.write_bytes(b"an older referral")
    render(valid_checklist, definition, tool, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["referral.pdf"]


def _fail_on_page_two(canv, furniture, number, total):
    if number == 2:
        raise RuntimeError("simulated failure while drawing page 2")
    return ORIGINAL_FURNITURE(canv, furniture, number, total)


ORIGINAL_FURNITURE = referral_pdf.draw_furniture


def _write_partly_then_fail(canvas):
    Path(canvas._filename).write_bytes(b"%PDF-1.4 half a referral")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("target", "name", "replacement", "message"),
    [
        (referral_pdf, "draw_furniture", _fail_on_page_two, "simulated failure"),
        (referral_pdf.Canvas, "save", _write_partly_then_fail, "No space left on device"),
    ],
    ids=["fails-midway", "disk-full-while-saving"],
)
def test_a_failure_during_the_build_leaves_the_old_file_and_no_temporary_file(
    valid_checklist, definition, tool, tmp_path, monkeypatch, target, name, replacement, message
):
    out = tmp_path / "referral.pdf"
    out.write_bytes(b"the referral sent yesterday")
    monkeypatch.setattr(target, name, replacement)
    with pytest.raises(ReferralError, match=re.escape(message)) as caught:
        write_referral(valid_checklist, definition, tool, out)
    assert str(caught.value).startswith("Cannot write the referral")
    assert out.read_bytes() == b"the referral sent yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["referral.pdf"]
