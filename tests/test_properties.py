"""Properties over generated checklists (hypothesis): the coverage the officer and the hub see
is the rules' verdict, the rules never fail on odd data, and every checklist the rules accept
renders as a referral.

Checklists are generated the way they arise: the valid example, with children added, removed
and copied, and the children's answers set to values drawn from the definition's own choices,
blanks, typical free text (including an adult's account and "no concerns"), wrong types and
odd dates."""

from __future__ import annotations

import copy
from datetime import datetime

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from officer_app import coverage, rules
from officer_app.checklist import new_uid
from officer_app.referral import write_referral

NOW = datetime(2026, 11, 22, 9, 0)
# no "explain" phase: its tracing slows every example several times over
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
TEXTS = (
    "",
    "n/a",
    "No concerns.",
    "Mum said he's fine",
    "mother didn't want him woken",
    "Anna Łuczak",
    "Language Line ID 30417",
    "PC 4521 Nowak",
    "I hid under my bed & cried <scared>",
    "He was asleep; I checked his breathing and saw no marks. Return visit 09:00.",
    "Polish",
    "English.",
    "Clean pyjamas, smiling, talked about his school.",
)
DATES = ("2019-03-14", "2026-11-21", "2026-11-30", "2099-01-01", "2008-11-21", "31/12/2019", "")


def _values_for(field) -> st.SearchStrategy:
    """Values an answer of this field might hold, right or wrong."""
    if field.type in ("choice", "yesno", "yesnounknown"):
        return st.sampled_from([*field.choice_values(), "", "bogus"])
    if field.type == "multichoice":
        return st.lists(st.sampled_from(field.choice_values()), max_size=2, unique=True)
    if field.type == "date":
        return st.sampled_from(DATES)
    if field.type == "time":
        return st.sampled_from(["23:10", "", "25:00"])
    if field.type == "integer":
        return st.sampled_from([0, 4, 9, 17, 30, "seven"])
    return st.sampled_from(TEXTS)


@st.composite
def checklists(draw, valid_checklist, definition):
    """The example with 0-4 children, each a copy of Kacper or Amelia with answers changed."""
    checklist = valid_checklist.copy()
    originals = checklist.data["children"]
    section = definition.section("children")
    editable = [f for f in section.fields if f.type not in ("repeat",)]
    children = []
    for _ in range(draw(st.integers(0, 4))):
        child = copy.deepcopy(draw(st.sampled_from(originals)))
        child["uid"] = new_uid()
        for f in draw(st.lists(st.sampled_from(editable), max_size=6, unique_by=lambda f: f.id)):
            child[f.id] = draw(_values_for(f))
        children.append(child)
    checklist.data["children"] = children
    if draw(st.booleans()):
        answers = checklist.data["risk"]["answers"]
        answers["pregnant_or_baby"]["answer"] = draw(st.sampled_from(["yes", "no", "dont_know"]))
    return checklist


def _errors_on_child(problems, index: int) -> list:
    prefix = f"children[{index}]."
    return [p for p in rules.errors(problems) if p.path.startswith(prefix)]


@settings(
    phases=PHASES,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_coverage_says_done_exactly_when_no_error_falls_on_the_child(
    data, valid_checklist, definition, tool
):
    checklist = data.draw(checklists(valid_checklist, definition))
    problems = rules.check(checklist, definition, tool, NOW)
    rows = coverage.child_coverage(checklist, definition, tool, problems, NOW)
    assert len(rows) == len(checklist.data["children"])
    for row in rows:
        blocking = _errors_on_child(problems, row.index)
        assert row.complete == (not blocking), (row, blocking)
        for item in (*row.items, row.details):
            assert item.text and item.status in (
                coverage.DONE,
                coverage.EXPLAINED,
                coverage.MISSING,
                coverage.NOT_APPLICABLE,
            )


@settings(
    phases=PHASES,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_rules_and_coverage_never_fail_on_odd_values_anywhere(
    data, valid_checklist, definition, tool
):
    checklist = valid_checklist.copy()
    odd = st.one_of(
        st.none(), st.integers(-(10**6), 10**6), st.text(max_size=30), st.booleans(),
        st.lists(st.text(max_size=5), max_size=3),
        st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    )  # fmt: skip
    for section in definition.sections:
        target = checklist.data[section.id]
        scopes = target if isinstance(target, list) else [target]
        for scope in scopes:
            for f in data.draw(st.lists(st.sampled_from(section.fields), max_size=4)):
                scope[f.id] = data.draw(odd)
    problems = rules.check(checklist, definition, tool, NOW)
    coverage.child_coverage(checklist, definition, tool, problems, NOW)
    assert all(p.severity in rules.SEVERITIES and p.message for p in problems)


@settings(
    phases=PHASES,
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_checklist_the_rules_accept_renders_as_a_referral(
    data, valid_checklist, definition, tool, tmp_path
):
    checklist = data.draw(checklists(valid_checklist, definition))
    if rules.errors(rules.check(checklist, definition, tool, NOW)):
        return
    out = write_referral(checklist, definition, tool, tmp_path / "referral.pdf")
    assert out.stat().st_size > 1000


@settings(
    phases=PHASES,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_version_1_checklists_keep_one_truth_too(data, library, tool):
    """The same property for checklists filled with definition version 1, as drafts (read
    with today's checks) and as submitted (keeping their verdict)."""
    from officer_app import interchange
    from tests.test_definition_v2 import V1_EXAMPLE

    v1_checklist = interchange.read_file(V1_EXAMPLE, library)
    v1 = library.definition("child-da-attendance", 1)
    checklist = data.draw(checklists(v1_checklist, v1))
    if data.draw(st.booleans()):
        checklist.state, checklist.submitted_at = "draft", ""
    problems = rules.check(checklist, v1, tool, NOW)
    for row in coverage.child_coverage(checklist, v1, tool, problems, NOW):
        assert row.complete == (not _errors_on_child(problems, row.index)), row
        if row.seen.status == coverage.DONE:
            assert "not recorded" not in row.seen.text.lower()
