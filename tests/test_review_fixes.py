"""What a second read found, each pinned by a test: an unborn child due in the past, a welfare
check confirmed by the suspect, a child spoken to in Polish though English is the first
language, dates before the call, a baby under 18 months, version 1 checklists read with
today's wording checks, flags counted apart from warnings, and the referral showing the rest
of a record."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from officer_app import coverage, interchange, rules
from officer_app.cli import main
from officer_app.referral import write_referral

NOW = datetime(2026, 11, 22, 9, 0)
KACPER, AMELIA = "children[0]", "children[1]"
V1_EXAMPLE = (
    Path(__file__).resolve().parent.parent / "resources/examples/valid-two-children-v1.json"
)


def errors_at(checklist, definition, tool) -> dict[str, str]:
    return {p.path: p.message for p in rules.errors(rules.check(checklist, definition, tool, NOW))}


@pytest.mark.parametrize(
    ("due", "words"), [("2025-01-01", "If the child has been born"), ("2027-12-01", "ten months")]
)
def test_an_expected_date_of_birth_is_after_the_incident_and_within_ten_months(
    valid_checklist, definition, tool, due, words
):
    valid_checklist.add_item(
        "children", {"status": "unborn", "name": "Baby Łuczak", "due_date": due}
    )
    valid_checklist.data["risk"]["answers"]["pregnant_or_baby"]["answer"] = "yes"
    found = errors_at(valid_checklist, definition, tool)
    assert list(found) == ["children[2].due_date"]
    assert words in found["children[2].due_date"] and "21/11/2026" in found["children[2].due_date"]


def _away(checklist, verified_by: str) -> None:
    checklist.data["children"][0].update(
        location="away", present="no", welfare_where="Nan's flat, 5 Albany Road",
        welfare_verified_by=verified_by, welfare_how="phone_responsible_adult",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("verified_by", "words"),
    [
        ("Marek Krężołek", "Marek Krężołek, an adult on this checklist"),
        ("Mum (Anna Łuczak) on the phone", "Anna Łuczak, an adult on this checklist"),
        ("mum said she's fine at nan's", "what an adult said is not a welfare check"),
    ],
)
def test_a_welfare_check_is_not_confirmed_by_the_household_or_an_adults_word(
    valid_checklist, definition, tool, verified_by, words
):
    _away(valid_checklist, verified_by)
    found = errors_at(valid_checklist, definition, tool)
    assert words in found[f"{KACPER}.welfare_verified_by"]


@pytest.mark.parametrize(
    "verified_by", ["mum", "Mother, by phone", "IP", "mum's boyfriend", "the victim"]
)
def test_a_welfare_check_by_a_parent_or_the_victim_is_refused(
    valid_checklist, definition, tool, verified_by
):
    _away(valid_checklist, verified_by)
    found = errors_at(valid_checklist, definition, tool)
    assert "not an adult of this household" in found[f"{KACPER}.welfare_verified_by"]


@pytest.mark.parametrize("where", ["n/k", "unknown - mum thinks at a friend's", "Not known"])
def test_a_child_whose_whereabouts_are_unknown_is_not_done(
    valid_checklist, definition, tool, where
):
    _away(valid_checklist, "PC 2210 Ahmed, saw the child at the address")
    valid_checklist.set(f"{KACPER}.welfare_where", where)
    found = errors_at(valid_checklist, definition, tool)
    assert "needs an urgent welfare check" in found[f"{KACPER}.welfare_where"]
    row = coverage.child_coverage(valid_checklist, definition, tool, now=NOW)[0]
    assert row.seen.status == coverage.MISSING


def test_a_welfare_check_by_the_adult_with_the_child_is_accepted_and_flagged(
    valid_checklist, definition, tool
):
    _away(valid_checklist, "Mrs Halina Nowak (grandmother, child staying with her) by phone")
    problems = rules.check(valid_checklist, definition, tool, NOW)
    assert rules.errors(problems) == []
    assert [(p.path, p.severity) for p in problems] == [(f"{KACPER}.welfare_how", rules.FLAG)]


def test_spoken_to_in_polish_needs_an_interpreter_whatever_the_first_language(
    valid_checklist, definition, tool
):
    kacper = valid_checklist.data["children"][0]
    kacper.update(first_language="English", language_used="Polish")
    del kacper["interpreter_type"], kacper["interpreter_name"]
    found = errors_at(valid_checklist, definition, tool)
    assert list(found) == [f"{KACPER}.interpreter_type"]
    row = coverage.child_coverage(valid_checklist, definition, tool, now=NOW)[0]
    assert row.interpreter.status == coverage.MISSING


@pytest.mark.parametrize(
    "path", ["officer.completed_at", "incident.intel_checks[0].checked_at", "incident.arrival_time"]
)
def test_nothing_that_follows_the_call_may_come_before_it(valid_checklist, definition, tool, path):
    valid_checklist.set(path, "2025-11-21T22:47")
    found = errors_at(valid_checklist, definition, tool)
    assert list(found) == [path]
    assert "is before the call (21/11/2026 22:47)" in found[path]


def test_a_baby_under_18_months_makes_the_new_baby_question_count(
    valid_checklist, definition, tool
):
    valid_checklist.set(f"{AMELIA}.dob", "2026-05-01")
    valid_checklist.data["risk"]["answers"]["pregnant_or_baby"].update(answer="no", comment="")
    found = errors_at(valid_checklist, definition, tool)
    assert "records a baby under 18 months (Amelia" in found["risk.answers.pregnant_or_baby"]


def test_a_v1_checklist_is_read_with_todays_wording_checks(library):
    raw = json.loads(V1_EXAMPLE.read_text("utf-8"))
    raw["data"]["children"][0]["demeanour"] = "nothing of note, child appeared happy and well"
    checklist = interchange.from_dict(raw, library)
    v1, tool = library.for_checklist(checklist)
    assert [p.path for p in rules.errors(rules.check(checklist, v1, tool, NOW))] == [
        f"{KACPER}.demeanour"
    ]


def test_a_v1_wish_is_a_reason_only_under_the_refusal_code(library):
    raw = json.loads(V1_EXAMPLE.read_text("utf-8"))
    raw["data"]["children"][0].update(
        seen="no",
        not_seen_reason="other",
        not_seen_explanation="parent did not want to wake the baby",
    )
    checklist = interchange.from_dict(raw, library)
    v1, tool = library.for_checklist(checklist)
    found = {p.path: p.message for p in rules.errors(rules.check(checklist, v1, tool, NOW))}
    assert "choose 'Access to the child refused'" in found[f"{KACPER}.not_seen_explanation"]
    checklist.data["children"][0]["not_seen_reason"] = "access_refused"
    assert rules.errors(rules.check(checklist, v1, tool, NOW)) == []


def test_validate_counts_flags_apart_from_warnings(valid_checklist, tmp_path, capsys):
    valid_checklist.data["children"][0].update(
        seen="no", not_seen_reason="access_refused",
        not_seen_explanation="Marek blocked the stairs & shouted <go away>; CSC visit 09:00.",
    )  # fmt: skip
    path = tmp_path / "flagged.json"
    path.write_text(interchange.to_json(valid_checklist), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert "flag children[0].not_seen_reason: Kacper Łuczak: flagged for the supervisor" in out.out
    assert "0 error(s), 0 warning(s), 1 flag(s) for the supervisor" in out.err


def test_a_date_in_a_file_is_described_in_the_files_form(library):
    raw = json.loads(V1_EXAMPLE.read_text("utf-8"))
    raw["data"]["children"][1]["dob"] = "30/01/2022"
    with pytest.raises(interchange.InterchangeError) as refused:
        interchange.from_dict(raw, library)
    assert ("children[1].dob", "'30/01/2022' is not a date written YYYY-MM-DD") in (
        refused.value.problems
    )


def test_the_referral_marks_a_child_whose_other_details_are_missing(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    valid_checklist.set(f"{AMELIA}.sex", "")
    valid_checklist.set(f"{AMELIA}.where_now", "")
    out = write_referral(valid_checklist, definition, tool, tmp_path / "r.pdf")
    first = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Amelia Krężołek" in first and "2 other answer(s) needed" in first
