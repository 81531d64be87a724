"""The safeguarding rules, each passing and failing, on real checklists (nothing mocked).

Every test starts from the complete valid example (Kacper Łuczak spoken to alone, Amelia
Krężołek not alone, Polish-speaking adults Anna Łuczak and Marek Krężołek), changes one thing
and checks the exact path and that the message says what is needed."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from officer_app.checklist import walk
from officer_app.definition import DefinitionError
from officer_app.rules import FLAG, RULES, Problem, check, errors, run_rule

KACPER, AMELIA = "children[0]", "children[1]"
ANNA, MAREK = "adults[0]", "adults[1]"


def at(problems: list[Problem], path: str) -> list[Problem]:
    return [p for p in problems if p.path == path]


def one(checklist, definition, tool, path: str) -> Problem:
    """The single problem at a path (and assert there is exactly one)."""
    found = at(check(checklist, definition, tool), path)
    assert len(found) == 1, found
    return found[0]


def clean(checklist, definition, tool) -> None:
    assert check(checklist, definition, tool) == []


# ---------------------------------------------------------------- the whole check


def test_valid_example_has_no_problems(valid_checklist, definition, tool):
    problems = check(valid_checklist, definition, tool)
    assert problems == []
    assert errors(problems) == []


def test_errors_keeps_only_errors():
    problems = [Problem("a", "x", "r"), Problem("b", "y", "r", "warning")]
    assert errors(problems) == [problems[0]]
    assert problems[0].severity == "error"


def test_problem_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Problem("a", "b", "c").path = "d"  # type: ignore[misc]


def test_every_rule_of_the_definition_is_known(definition):
    assert set(definition.rules) <= set(RULES)
    assert "format" in RULES


def test_unknown_rule_raises_definition_error(valid_checklist, definition, tool):
    broken = dataclasses.replace(definition, rules=(*definition.rules, "crystal_ball"))
    with pytest.raises(DefinitionError, match="crystal_ball") as exc:
        check(valid_checklist, broken, tool)
    assert "child-da-attendance-v2.json" in str(exc.value)


def test_check_does_not_change_the_checklist(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.own_words", "")
    before = copy.deepcopy(valid_checklist.data)
    check(valid_checklist, definition, tool)
    assert valid_checklist.data == before


def test_each_rule_runs_alone_with_its_options(valid_checklist, definition, tool):
    for rule_id in RULES:
        assert run_rule(rule_id, valid_checklist, definition, tool) == [], rule_id


def test_problems_come_in_form_order(valid_checklist, definition, tool):
    valid_checklist.set("officer.name", "")
    del valid_checklist.data["risk"]["answers"]["stalking"]
    valid_checklist.set(f"{AMELIA}.where_now", "")
    valid_checklist.set(f"{KACPER}.own_words", "")
    valid_checklist.set("incident.reference", "")
    paths = [p.path for p in check(valid_checklist, definition, tool)]
    assert paths == [
        "incident.reference",
        f"{KACPER}.own_words",
        f"{AMELIA}.where_now",
        "risk.answers.stalking",
        "officer.name",
    ]


def test_one_need_gives_one_problem(definition, tool, valid_checklist):
    from officer_app.checklist import new_checklist

    draft = new_checklist(definition, tool.id, tool.version)
    draft.add_item("children", {"status": "born", "location": "away", "usually_lives_here": "yes"})
    draft.add_item(
        "children",
        {
            "status": "born",
            "seen": "yes",
            "communication": "verbal",
            "spoken_to": "yes",
            "spoken_alone": "no",
        },
    )
    errs = errors(check(draft, definition, tool))
    paths = [p.path for p in errs]
    assert len(paths) == len(set(paths))
    assert "risk.answers" not in paths  # each question is reported instead
    assert "risk.answers.injury_now" in paths


def test_required_gives_way_to_the_specific_rule(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.own_words", "")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.own_words")
    assert problem.rule == "child_voice"


# ---------------------------------------------------------------- format


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (f"{KACPER}.dob", "2019-02-30", ["Kacper Łuczak", "Date of birth", "not a date"]),
        (f"{AMELIA}.sex", "boy", ["Amelia Krężołek", "Sex", "'boy' is not one of the choices"]),
        ("incident.postcode", "CV1 <5FB>", ["Postcode", "not a UK postcode"]),
        ("incident.call_time", "21/11/2026 22:47", ["Date and time of the call", "date and time"]),
        (f"{KACPER}.seen_time", "25:00", ["Kacper Łuczak", "Time seen", "not a time"]),
        (f"{ANNA}.present", "maybe", ["Anna Łuczak", "Present when police arrived"]),
        (f"{KACPER}.witnessed", ["heard", "heard"], ["What the child saw", "twice"]),
        ("incident.officers[1].collar_number", "1234567890123", ["Officer 2", "too long"]),
    ],
)
def test_format_names_the_field_and_the_fault(
    valid_checklist, definition, tool, path, value, words
):
    valid_checklist.set(path, value)
    problem = one(valid_checklist, definition, tool, path)
    assert problem.rule == "format" and problem.severity == "error"
    for word in words:
        assert word in problem.message


def test_format_integer_range(valid_checklist, definition, tool):
    del valid_checklist.data["children"][0]["dob"]
    valid_checklist.set(f"{KACPER}.estimated_age", 19)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.estimated_age")
    assert "Estimated age" in problem.message and "at most 17" in problem.message
    valid_checklist.set(f"{KACPER}.estimated_age", 7)
    clean(valid_checklist, definition, tool)


def test_child_ref_must_point_at_a_child(valid_checklist, definition, tool):
    valid_checklist.set(f"{ANNA}.relationships[0].child", "no-such-child")
    problem = one(valid_checklist, definition, tool, f"{ANNA}.relationships[0].child")
    assert problem.message.startswith("Anna Łuczak, relationship 1: Child does not name a child")


def test_removing_a_child_leaves_relationships_to_fix(valid_checklist, definition, tool):
    valid_checklist.remove_item("children", 1)
    paths = [p.path for p in check(valid_checklist, definition, tool)]
    assert paths == [f"{ANNA}.relationships[1].child", f"{MAREK}.relationships[1].child"]


def test_format_ignores_fields_that_do_not_apply(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.due_date", "not a date")  # only for an unborn child
    clean(valid_checklist, definition, tool)


# ---------------------------------------------------------------- required


def test_required_field(valid_checklist, definition, tool):
    valid_checklist.set("incident.reference", "  ")
    problem = one(valid_checklist, definition, tool, "incident.reference")
    assert problem.message == "Fill in 'Force incident / log reference'."
    assert problem.rule == "required"


def test_required_field_inside_an_entry_names_the_child(valid_checklist, definition, tool):
    valid_checklist.set(f"{AMELIA}.first_language", "")
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.first_language")
    assert problem.message == "Amelia Krężołek: fill in 'Child's first language'."


def test_required_choice_says_choose(valid_checklist, definition, tool):
    valid_checklist.set(f"{MAREK}.intoxicated", None)
    problem = one(valid_checklist, definition, tool, f"{MAREK}.intoxicated")
    assert problem.message == "Marek Krężołek: answer 'Appeared intoxicated (alcohol or drugs)'."


def test_unnamed_child_is_called_by_number(valid_checklist, definition, tool):
    valid_checklist.set(f"{AMELIA}.name", "")
    valid_checklist.set(f"{AMELIA}.own_words", "")
    problems = check(valid_checklist, definition, tool)
    assert at(problems, f"{AMELIA}.name")[0].message == "Child 2: fill in 'Full name'."
    own = at(problems, f"{AMELIA}.own_words")[0].message
    assert own == "Child 2: record what this child said, verbatim, in their own words."


def test_no_children_recorded(valid_checklist, definition, tool):
    valid_checklist.data["children"] = []
    valid_checklist.data["adults"][0]["relationships"] = []
    valid_checklist.data["adults"][1]["relationships"] = []
    problem = one(valid_checklist, definition, tool, "children")
    assert problem.message.startswith("Record at least one child in 'Children'.")
    assert "usually live here but were away" in problem.message


def test_repeat_field_needs_an_entry(valid_checklist, definition, tool):
    valid_checklist.set("incident.officers", [])
    problem = one(valid_checklist, definition, tool, "incident.officers")
    assert problem.message == "Record at least one officer in 'Attending officers'."


def test_officer_entry_field(valid_checklist, definition, tool):
    valid_checklist.set("incident.officers[1].name", "")
    problem = one(valid_checklist, definition, tool, "incident.officers[1].name")
    assert problem.message == "Officer 2: fill in 'Name'."


def test_condition_makes_a_field_required(valid_checklist, definition, tool):
    valid_checklist.set("incident.bwv", "no")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == ["incident.bwv_not_recorded_reason"]
    valid_checklist.set("incident.bwv_not_recorded_reason", "Camera battery flat <2%> & no spare.")
    clean(valid_checklist, definition, tool)


def test_suspect_not_arrested_needs_a_reason(valid_checklist, definition, tool):
    valid_checklist.set(f"{MAREK}.arrested", "no")
    problem = one(valid_checklist, definition, tool, f"{MAREK}.not_arrested_reason")
    assert problem.message == "Marek Krężołek: fill in 'Why not arrested'."


# ---------------------------------------------------------------- rule 1: child present


@pytest.mark.parametrize("location", ["same_room", "other_room", "asleep", "elsewhere_on_property"])
def test_child_in_the_property_is_present(valid_checklist, definition, tool, location):
    valid_checklist.set(f"{KACPER}.location", location)
    valid_checklist.set(f"{KACPER}.present", "no")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.present")
    assert problem.rule == "child_present" and problem.severity == "error"
    assert problem.message.startswith("Kacper Łuczak: a child anywhere in the property is present")
    assert "even asleep upstairs" in problem.message
    assert "must be Yes" in problem.message


def test_child_asleep_and_present_is_fine(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.location", "asleep")
    clean(valid_checklist, definition, tool)


def _away(checklist, path: str, usually: str = "yes") -> None:
    """Make a child one who was not at the property, with the welfare check done."""
    checklist.set(f"{path}.location", "away")
    checklist.set(f"{path}.present", "no")
    checklist.set(f"{path}.usually_lives_here", usually)
    checklist.set(f"{path}.welfare_where", "At her grandmother's, 3 Ash & Elm Close")
    checklist.set(f"{path}.welfare_verified_by", "PC Tomasz Wiśniewski")
    checklist.set(f"{path}.welfare_how", "seen_by_officer")


def test_child_away_cannot_be_present(valid_checklist, definition, tool):
    _away(valid_checklist, AMELIA)
    clean(valid_checklist, definition, tool)
    valid_checklist.set(f"{AMELIA}.present", "yes")
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.present")
    assert "Not at the property" in problem.message
    assert "correct one of them" in problem.message


# ---------------------------------------------------------------- rule 2: child seen


def test_seen_unanswered(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.seen", "")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.seen")
    assert problem.rule == "child_seen"
    assert problem.message.startswith("Kacper Łuczak: say whether an officer saw Kacper.")
    assert "give the reason and explain" in problem.message


def test_not_seen_needs_a_coded_reason_and_an_explanation(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.seen", "no")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [
        f"{KACPER}.not_seen_reason",
        f"{KACPER}.not_seen_explanation",
    ]
    assert problems[0].message == "Kacper Łuczak: choose the reason Kacper was not seen."
    assert "explain why Kacper was not seen and what is planned" in problems[1].message
    valid_checklist.set(f"{KACPER}.not_seen_reason", "officer_safety")
    valid_checklist.set(
        f"{KACPER}.not_seen_explanation", "Marek blocked the stairs; CSC to visit 09:00."
    )
    clean(valid_checklist, definition, tool)


@pytest.mark.parametrize("code", ["access_refused", "asleep_not_woken"])
def test_access_refused_or_not_woken_is_flagged_to_the_supervisor(
    valid_checklist, definition, tool, code
):
    valid_checklist.set(f"{KACPER}.seen", "no")
    valid_checklist.set(f"{KACPER}.not_seen_reason", code)
    valid_checklist.set(
        f"{KACPER}.not_seen_explanation", "Marek blocked the stairs; CSC to visit 09:00."
    )
    problems = check(valid_checklist, definition, tool)
    assert errors(problems) == []
    (flag,) = problems
    assert (flag.path, flag.severity) == (f"{KACPER}.not_seen_reason", FLAG)
    assert flag.message.startswith("Kacper Łuczak: flagged for the supervisor: ")
    assert flag.short.startswith("Reason not seen: ")
    assert "supervisor" in flag.message


def test_child_usually_living_here_but_away_needs_a_welfare_check(
    valid_checklist, definition, tool
):
    _away(valid_checklist, AMELIA)
    for name in ("welfare_where", "welfare_verified_by", "welfare_how"):
        valid_checklist.set(f"{AMELIA}.{name}", "")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [
        f"{AMELIA}.welfare_where",
        f"{AMELIA}.welfare_verified_by",
        f"{AMELIA}.welfare_how",
    ]
    assert all(p.rule == "child_seen" for p in problems)
    assert problems[0].message == (
        "Amelia Krężołek: Amelia usually lives here but was not at the property, so a welfare "
        "check is needed: record where Amelia is now."
    )
    assert "who confirmed that Amelia is safe" in problems[1].message
    assert "how Amelia's welfare was confirmed" in problems[2].message


def test_child_away_not_living_here(valid_checklist, definition, tool):
    _away(valid_checklist, KACPER, usually="no")
    valid_checklist.set(f"{KACPER}.welfare_how", None)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.welfare_how")
    assert "usually lives here" not in problem.message
    assert "Kacper was not at the property" in problem.message


def _make_baby(checklist, path: str, dob: str) -> None:
    checklist.set(f"{path}.dob", dob)
    checklist.set(f"{path}.communication", "pre_verbal")


def test_pre_verbal_infant_is_seen_not_asked_to_speak(valid_checklist, definition, tool):
    _make_baby(valid_checklist, AMELIA, "2026-05-01")
    # the answers from before (spoken to, not alone, no reason) stay in the data, hidden
    valid_checklist.set(f"{AMELIA}.own_words", "")
    valid_checklist.set(f"{AMELIA}.spoken_alone_reason", "")
    valid_checklist.set(f"{AMELIA}.others_present", "")
    valid_checklist.data["risk"]["answers"]["pregnant_or_baby"]["answer"] = "yes"  # a baby
    clean(valid_checklist, definition, tool)


def test_pre_verbal_infant_still_needs_observations(valid_checklist, definition, tool):
    _make_baby(valid_checklist, AMELIA, "2026-05-01")
    valid_checklist.set(f"{AMELIA}.appearance", "")
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.appearance")
    assert problem.message == "Amelia Krężołek: fill in 'Appearance, clothing and hygiene'."


def test_pre_verbal_at_four_is_refused_so_no_child_loses_their_voice(
    valid_checklist, definition, tool
):
    # marking an older child "pre-verbal" would hide spoken-to, the reason and the words
    _make_baby(valid_checklist, AMELIA, "2022-11-21")  # four on the day of the call
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.communication")
    assert problem.severity == "error" and problem.rule == "child_seen"
    assert "aged 4" in problem.message
    assert "Non-verbal or limited speech" in problem.message


def test_pre_verbal_age_counts_from_the_call_date(valid_checklist, definition, tool):
    _make_baby(valid_checklist, AMELIA, "2022-11-22")  # four the day after the call
    clean(valid_checklist, definition, tool)


def test_pre_verbal_age_from_estimated_age(valid_checklist, definition, tool):
    _make_baby(valid_checklist, AMELIA, "")
    valid_checklist.set(f"{AMELIA}.estimated_age", 6)
    assert "aged 6" in one(valid_checklist, definition, tool, f"{AMELIA}.communication").message
    valid_checklist.set(f"{AMELIA}.estimated_age", 1)
    clean(valid_checklist, definition, tool)


def test_unborn_child_is_not_asked_to_be_seen(valid_checklist, definition, tool):
    index = valid_checklist.add_item(
        "children",
        {"status": "unborn", "name": "Unborn child of Anna Łuczak", "due_date": "2027-03-01"},
    )
    assert index == 2
    valid_checklist.data["risk"]["answers"]["pregnant_or_baby"]["answer"] = "yes"
    clean(valid_checklist, definition, tool)


# ---------------------------------------------------------------- rule 3: spoken to alone


def test_not_alone_needs_a_reason_and_who_was_there(valid_checklist, definition, tool):
    valid_checklist.set(f"{AMELIA}.spoken_alone_reason", "")
    valid_checklist.set(f"{AMELIA}.others_present", "")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [
        f"{AMELIA}.spoken_alone_reason",
        f"{AMELIA}.others_present",
    ]
    assert all(p.rule == "spoken_alone" for p in problems)
    assert problems[0].message.startswith("Amelia Krężołek: say why Amelia was not spoken to alone")
    assert "your own reason" in problems[0].message
    assert problems[1].message.startswith(
        "Amelia Krężołek: record who else was present when Amelia was spoken to"
    )


def test_spoken_alone_unanswered(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.spoken_alone", None)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.spoken_alone")
    assert "say whether Kacper was spoken to alone" in problem.message


@pytest.mark.parametrize(
    "reason",
    [
        "mother said he is fine",
        "Mum says she's OK.",
        "Father stated the child was asleep and fine",
        "dad told us she didn't see anything",
        "According to mum she is shy with strangers",
        "Anna Łuczak said Amelia was fine.",
        "anna luczak has confirmed the children were asleep",
        "The victim informed officers that the children were asleep",
        "Mum & dad said she is fine, so not spoken to alone",
        "Mother said she was fine. Not spoken to alone.",
        "Because her mother assured us that she is OK",
        "Stepdad claims she was asleep the whole time; mum says so too",
    ],
)
def test_reason_that_only_repeats_an_adult_is_refused(valid_checklist, definition, tool, reason):
    valid_checklist.set(f"{AMELIA}.spoken_alone_reason", reason)
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.spoken_alone_reason")
    assert problem.rule == "spoken_alone" and problem.severity == "error"
    assert problem.message.startswith(
        "Amelia Krężołek: what an adult said is not a reason on its own."
    )
    assert "your own reason why Amelia was not spoken to alone" in problem.message


@pytest.mark.parametrize(
    "reason",
    [
        "Amelia (4) clung to her mother and screamed when I tried to take her to another room; "
        "mother said she is shy",
        "Mum said she is shy, but I saw her flinch whenever Marek spoke and decided to see her "
        "at nursery with the social worker",
        "Amelia would not leave her grandmother's side and was sobbing",
        "03:00, Amelia exhausted & the suspect still shouting in the hall <kitchen door open>",
        "Only one room in the flat; mother said Amelia is fine",
        "Mum said she is fine - I judged a 4-year-old could not be separated without distress",
    ],
)
def test_reason_with_the_officers_own_reasoning_is_accepted(
    valid_checklist, definition, tool, reason
):
    valid_checklist.set(f"{AMELIA}.spoken_alone_reason", reason)
    clean(valid_checklist, definition, tool)


def test_an_adults_refusal_is_accepted_only_under_its_own_code(valid_checklist, definition, tool):
    valid_checklist.set(
        f"{AMELIA}.spoken_alone_reason", "Mother refused to let officers speak to her alone"
    )
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.spoken_alone_reason")
    assert "choose 'An adult refused to let officers speak to the child alone'" in problem.message
    valid_checklist.set(f"{AMELIA}.not_alone_reason", "access_refused")
    problems = check(valid_checklist, definition, tool)
    assert errors(problems) == []
    assert [(p.path, p.severity) for p in problems] == [(f"{AMELIA}.not_alone_reason", FLAG)]


@pytest.mark.parametrize(
    ("code_path", "code", "path", "text"),
    [
        ("not_seen_reason", "other", "not_seen_explanation", "mum said he was asleep and fine"),
        (
            "not_seen_reason",
            "asleep_not_woken",
            "not_seen_explanation",
            "Dad states baby asleep, all ok",
        ),
        ("not_spoken_reason", "other", "not_spoken_explanation", "per mother child is shy"),
        (
            "not_seen_reason",
            "other",
            "not_seen_explanation",
            "parent did not want to wake the baby",
        ),
    ],
)
def test_an_adults_word_is_never_the_reason_for_not_seeing_or_not_speaking(
    valid_checklist, definition, tool, code_path, code, path, text
):
    if code_path == "not_seen_reason":
        valid_checklist.set(f"{KACPER}.seen", "no")
    else:
        valid_checklist.set(f"{KACPER}.spoken_to", "no")
    valid_checklist.set(f"{KACPER}.{code_path}", code)
    valid_checklist.set(f"{KACPER}.{path}", text)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.{path}")
    assert problem.message.startswith("Kacper Łuczak: ")
    assert "not a reason on its own" in problem.message


# ---------------------------------------------------------------- rule 4: the child's voice


def test_spoken_to_needs_own_words(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.own_words", " ")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.own_words")
    assert problem.rule == "child_voice"
    assert (
        problem.message == "Kacper Łuczak: record what Kacper said, verbatim, in their own words."
    )


def test_parent_account_never_counts_as_the_childs_voice(valid_checklist, definition, tool):
    valid_checklist.set(
        f"{AMELIA}.own_words",
        "  mother said AMELIA is fine and was only upset\nbecause of the police.",
    )
    problem = one(valid_checklist, definition, tool, f"{AMELIA}.own_words")
    assert problem.severity == "error"
    assert "A parent's account never counts as the child's voice" in problem.message
    assert "record what Amelia said, verbatim" in problem.message


def test_same_words_in_both_fields_is_refused_even_when_they_sound_like_a_child(
    valid_checklist, definition, tool
):
    valid_checklist.set(f"{KACPER}.parent_account", "I was asleep.")
    valid_checklist.set(f"{KACPER}.own_words", "i was ASLEEP")
    assert "never counts" in one(valid_checklist, definition, tool, f"{KACPER}.own_words").message


@pytest.mark.parametrize(
    "words",
    [
        "Mum said he's fine",
        "Mother says he was asleep all night",
        "According to dad he saw nothing",
        "Father stated the boy did not hear anything",
        "The victim said Kacper was in bed",
        "Mummy says Kacper was asleep",
    ],
)
def test_own_words_that_are_an_adults_report_are_refused(valid_checklist, definition, tool, words):
    valid_checklist.set(f"{KACPER}.own_words", words)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.own_words")
    assert problem.severity == "error" and problem.rule == "child_voice"
    assert "reads as what an adult said, not Kacper's own words" in problem.message
    assert "'What a parent or carer said about the child'" in problem.message


@pytest.mark.parametrize(
    ("words", "severity"),
    [
        ("He said he was fine", "warning"),  # may be the child quoting someone
        ("she told us she was ok", "warning"),
        ("Child stated all ok", "error"),  # the officer's summary, never the child's words
        ("Kacper said he was in bed", "error"),
        ("kacper łuczak told officers nothing happened", "error"),
        ("The boy denied seeing anything", "error"),
    ],
)
def test_own_words_as_a_summary_are_refused_or_warned(
    valid_checklist, definition, tool, words, severity
):
    valid_checklist.set(f"{KACPER}.own_words", words)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.own_words")
    assert problem.severity == severity
    assert "summary of what Kacper said" in problem.message
    assert "verbatim" in problem.message


@pytest.mark.parametrize(
    "words",
    [
        "Mummy said don't tell the police. Daddy hit mama.",
        "Daddy said he will hurt mama if I tell",
        "I was under the bed <with my tablet> & I heard a bang",
        "Marek was shouting at mama",
    ],
)
def test_a_child_quoting_an_adult_is_kept(valid_checklist, definition, tool, words):
    valid_checklist.set(f"{KACPER}.own_words", words)
    clean(valid_checklist, definition, tool)


def test_not_spoken_to_needs_no_words(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.spoken_to", "no")
    valid_checklist.set(f"{KACPER}.own_words", "")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [
        f"{KACPER}.not_spoken_reason",
        f"{KACPER}.not_spoken_explanation",
    ]


# ---------------------------------------------------------------- rule 5: interpreter


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("family_member", "Family member"),
        ("household_member", "Someone else in the household"),
        ("friend_neighbour", "Friend or neighbour"),
        ("suspect", "The suspect"),
        ("another_child", "Another child"),
    ],
)
def test_refused_interpreters_for_a_child(valid_checklist, definition, tool, value, label):
    valid_checklist.set(f"{KACPER}.interpreter_type", value)
    valid_checklist.set(f"{KACPER}.interpreter_name", "")  # asked only for a suitable one
    problem = one(valid_checklist, definition, tool, f"{KACPER}.interpreter_type")
    assert problem.rule == "interpreter" and problem.severity == "error"
    assert problem.message.startswith(f"Kacper Łuczak: '{label}' cannot act as interpreter.")
    assert "professional interpreter (in person, or by telephone or video)" in problem.message
    assert "officer fluent in the language" in problem.message


def test_refused_interpreter_for_an_adult(valid_checklist, definition, tool):
    valid_checklist.set(f"{ANNA}.interpreter_type", "family_member")
    valid_checklist.set(f"{ANNA}.interpreter_name", "")
    problem = one(valid_checklist, definition, tool, f"{ANNA}.interpreter_type")
    assert problem.message.startswith("Anna Łuczak: 'Family member' cannot act as interpreter.")


@pytest.mark.parametrize("choice", ["professional_in_person", "professional_remote", "officer"])
def test_suitable_interpreters_are_accepted(valid_checklist, definition, tool, choice):
    valid_checklist.set(f"{KACPER}.interpreter_type", choice)
    clean(valid_checklist, definition, tool)


def test_spoken_to_in_polish_without_an_interpreter(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.interpreter_type", "not_needed")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.interpreter_type")
    assert "Kacper was spoken to in Polish but no interpreter is recorded" in problem.message


@pytest.mark.parametrize("language", ["English", " english ", "EN", "eng", "English."])
def test_spoken_to_in_english_needs_no_interpreter(valid_checklist, definition, tool, language):
    valid_checklist.set(f"{KACPER}.interpreter_type", "not_needed")
    valid_checklist.set(f"{KACPER}.language_used", language)
    clean(valid_checklist, definition, tool)


def test_adult_interpreter_needed_offers_no_not_needed(valid_checklist, definition, tool):
    valid_checklist.set(f"{ANNA}.interpreter_type", "not_needed")
    problem = one(valid_checklist, definition, tool, f"{ANNA}.interpreter_type")
    assert "'not_needed' is not one of the choices" in problem.message


@pytest.mark.parametrize(
    ("path", "name", "who"),
    [
        (f"{KACPER}.interpreter_name", "Anna Łuczak", "Anna Łuczak, an adult"),
        (f"{KACPER}.interpreter_name", "ANNA LUCZAK (mother)", "Anna Łuczak, an adult"),
        (f"{AMELIA}.interpreter_name", "kacper luczak", "Kacper Łuczak, a child"),
        (f"{ANNA}.interpreter_name", "Krezolek, Marek", "Marek Krężołek, an adult"),
    ],
)
def test_household_member_cannot_interpret(valid_checklist, definition, tool, path, name, who):
    valid_checklist.set(path, name)
    problem = one(valid_checklist, definition, tool, path)
    assert problem.rule == "interpreter"
    assert f"is {who} on this checklist" in problem.message
    assert "cannot interpret" in problem.message


def test_interpreter_sharing_only_a_first_name_is_accepted(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.interpreter_name", "Anna Kowalska, Language Line 30417")
    clean(valid_checklist, definition, tool)


# ---------------------------------------------------------------- rule 7: risk


def test_unanswered_risk_question(valid_checklist, definition, tool):
    del valid_checklist.data["risk"]["answers"]["stalking"]
    problem = one(valid_checklist, definition, tool, "risk.answers.stalking")
    assert problem.rule == "risk"
    assert problem.message.startswith("Answer risk question 8 (Does the abuser keep contacting")
    assert problem.message.endswith("Yes, No or Don't know.")


def test_an_answer_without_a_value_is_unanswered(valid_checklist, definition, tool):
    valid_checklist.set("risk.answers.weapons", {"answer": "", "comment": "", "source": ""})
    assert "question 16" in one(valid_checklist, definition, tool, "risk.answers.weapons").message


def test_no_risk_answers_gives_one_problem_per_question(valid_checklist, definition, tool):
    valid_checklist.set("risk.answers", {})
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [f"risk.answers.{q.id}" for q in tool.questions]


def test_dont_know_is_an_answer(valid_checklist, definition, tool):
    for qid in ("weapons", "hurt_others", "financial"):
        valid_checklist.set(f"risk.answers.{qid}.answer", "dont_know")
    clean(valid_checklist, definition, tool)


def test_downgrade_needs_a_rationale(valid_checklist, definition, tool):
    valid_checklist.set("risk.officer_grade", "medium")
    problem = one(valid_checklist, definition, tool, "risk.downgrade_rationale")
    assert problem.rule == "risk" and problem.severity == "error"
    assert "give High (14 answered Yes)" in problem.message
    assert "officer's grade is Medium" in problem.message
    assert "A supervisor must approve" in problem.message
    valid_checklist.set("risk.downgrade_rationale", "Marek remanded & leaving the UK <confirmed>.")
    clean(valid_checklist, definition, tool)


def test_raising_a_grade_needs_no_rationale(valid_checklist, definition, tool):
    for qid in ("injury_now", "very_frightened", "fears_what", "isolated", "more_often"):
        valid_checklist.set(f"risk.answers.{qid}.answer", "no")
    assert errors(check(valid_checklist, definition, tool)) == []  # score 9 standard, officer high


def test_strong_indicators_under_standard_grade_warn(valid_checklist, definition, tool):
    for entry in valid_checklist.data["risk"]["answers"].values():
        entry["answer"] = "no"
    valid_checklist.set("risk.answers.strangulation.answer", "yes")
    valid_checklist.set("risk.answers.threats_to_kill.answer", "yes")
    valid_checklist.set("risk.officer_grade", "standard")
    valid_checklist.set("risk.marac_criteria", "no")
    problem = one(valid_checklist, definition, tool, "risk.officer_grade")
    assert problem.severity == "warning" and problem.rule == "risk"
    assert "threats to kill (question 17)" in problem.message
    assert "strangulation (question 18)" in problem.message
    assert "even below 14" in problem.message
    assert errors(check(valid_checklist, definition, tool)) == []
    valid_checklist.set("risk.officer_grade", "medium")
    clean(valid_checklist, definition, tool)


# ---------------------------------------------------------------- rule 8: intelligence checks


def test_history_check_unanswered(valid_checklist, definition, tool):
    valid_checklist.set("incident.history_check", None)
    problem = one(valid_checklist, definition, tool, "incident.history_check")
    assert problem.rule == "intelligence_checks"
    assert problem.message.startswith("Record whether the call handler's history check")


def test_history_check_done_needs_its_result(valid_checklist, definition, tool):
    valid_checklist.set("incident.history_check_result", "")
    problem = one(valid_checklist, definition, tool, "incident.history_check_result")
    assert problem.message.startswith("Record what the history check showed")


def test_history_check_not_done_needs_a_reason(valid_checklist, definition, tool):
    valid_checklist.set("incident.history_check", "no")
    problem = one(valid_checklist, definition, tool, "incident.history_check_not_done_reason")
    assert problem.message == "Say why the call handler's history check was not done."


def test_intelligence_checks_needed(valid_checklist, definition, tool):
    valid_checklist.set("incident.intel_checks", [])
    problem = one(valid_checklist, definition, tool, "incident.intel_checks")
    assert problem.rule == "intelligence_checks"
    assert problem.message == (
        "Record the intelligence checks made: which system, the result and the time."
    )


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("result", "Check 2 (Local intelligence system): record the result of the check"),
        ("checked_at", "Check 2 (Local intelligence system): record the date and time"),
        ("system", "Check 2: record which system was checked."),
    ],
)
def test_each_intelligence_check_is_complete(valid_checklist, definition, tool, field, expected):
    valid_checklist.set(f"incident.intel_checks[1].{field}", "")
    problem = one(valid_checklist, definition, tool, f"incident.intel_checks[1].{field}")
    assert problem.message.startswith(expected)


def test_other_system_must_be_named(valid_checklist, definition, tool):
    valid_checklist.set("incident.intel_checks[0].system", "other")
    problem = one(valid_checklist, definition, tool, "incident.intel_checks[0].system_other")
    assert problem.message == "Check 1 (Other): name the other system that was checked."
    valid_checklist.set("incident.intel_checks[0].system_other", "Niche RMS <nominal & address>")
    clean(valid_checklist, definition, tool)


# ---------------------------------------------------------------- rule 11: observed facts


@pytest.mark.parametrize(
    "text",
    [
        "Fine, no concerns.",
        "NFA - no concerns",
        "no concerns",
        "N/A",
        "Fine and well",
        "All OK; happy.",
        "Nothing to note / as above",
        "  OK  ",
    ],
)
def test_no_concerns_alone_is_refused(valid_checklist, definition, tool, text):
    valid_checklist.set(f"{KACPER}.demeanour", text)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.demeanour")
    assert problem.rule == "observed_facts" and problem.severity == "error"
    assert problem.message == (
        "Kacper Łuczak: Child's demeanour: state the facts you observed (what you saw and "
        "heard), not only 'no concerns'."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Clean clothes, ate a sandwich, chatted about school; no concerns",
        "Fine, but kept asking for food",
        "Calm & smiling; showed me <his> drawings",
        "Well-kept room with a bed and toys",
    ],
)
def test_facts_are_accepted(valid_checklist, definition, tool, text):
    valid_checklist.set(f"{KACPER}.demeanour", text)
    clean(valid_checklist, definition, tool)


def test_opinion_and_adult_observation_fields_are_checked(valid_checklist, definition, tool):
    valid_checklist.set(f"{AMELIA}.officer_view", "No concerns noted.")
    valid_checklist.set(f"{MAREK}.demeanour", "fine")
    problems = check(valid_checklist, definition, tool)
    assert [p.path for p in problems] == [f"{AMELIA}.officer_view", f"{MAREK}.demeanour"]
    assert problems[0].message.startswith("Amelia Krężołek: Officer's view (opinion): state")
    assert problems[1].message.startswith("Marek Krężołek: Demeanour: state the facts")


def test_plain_fields_may_say_none(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.injuries", "None")  # not an observation field
    clean(valid_checklist, definition, tool)


def test_vacuous_phrases_come_from_the_definition(valid_checklist, definition, tool):
    options = {"observed_facts": {"vacuous_phrases": ["grand"]}}
    custom = dataclasses.replace(definition, rule_options=options)
    valid_checklist.set(f"{KACPER}.hunger", "Grand.")
    assert [p.path for p in check(valid_checklist, custom, tool)] == [f"{KACPER}.hunger"]
    # the definition adds phrases; it cannot take away the built-in reading
    valid_checklist.set(f"{KACPER}.hunger", "no concerns")
    assert [p.path for p in check(valid_checklist, custom, tool)] == [f"{KACPER}.hunger"]


# ---------------------------------------------------------------- markup and names


def test_markup_in_names_is_kept_as_typed(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.name", "Kacper <b>Łuczak</b> & Co")
    valid_checklist.set(f"{KACPER}.first_language", "")
    problem = one(valid_checklist, definition, tool, f"{KACPER}.first_language")
    assert problem.message == "Kacper <b>Łuczak</b> & Co: fill in 'Child's first language'."


def test_walk_and_rules_agree_on_paths(valid_checklist, definition, tool):
    valid_checklist.set(f"{AMELIA}.seen", "")
    problems = check(valid_checklist, definition, tool)
    walked = {a.path for a in walk(valid_checklist, definition, only_applicable=False)}
    assert problems and all(p.path in walked for p in problems)


@pytest.mark.parametrize("words_", ["n/a", "...", "-", "No concerns", "fine", "  NFA. "])
def test_placeholders_are_not_a_childs_own_words(valid_checklist, definition, tool, words_):
    valid_checklist.set(f"{KACPER}.own_words", words_)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.own_words")
    assert problem.severity == "error" and "own words" in problem.message


def test_a_child_saying_nothing_may_be_recorded_as_it_happened(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.own_words", "(Did not answer; looked at the floor & cried.)")
    clean(valid_checklist, definition, tool)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (f"{AMELIA}.spoken_alone_reason", "n/a"),
        (f"{AMELIA}.others_present", "-"),
        ("risk.grade_rationale", "..."),
        ("risk.grade_rationale", "See above"),
    ],
)
def test_a_reason_must_say_something(valid_checklist, definition, tool, path, text):
    valid_checklist.set(path, text)
    problem = one(valid_checklist, definition, tool, path)
    assert problem.rule == "stated_reasons" and "actual reason" in problem.message


def test_a_downgrade_rationale_of_n_a_is_refused(valid_checklist, definition, tool):
    valid_checklist.set("risk.officer_grade", "standard")
    valid_checklist.set("risk.downgrade_rationale", "N/A")
    assert "risk.downgrade_rationale" in {
        p.path for p in errors(check(valid_checklist, definition, tool))
    }


@pytest.mark.parametrize("name", ["Mother", "the child's mum", "Anna", "Łuczak"])
def test_a_relative_or_one_name_of_an_adult_cannot_interpret(
    valid_checklist, definition, tool, name
):
    valid_checklist.set(f"{KACPER}.interpreter_name", name)
    problem = one(valid_checklist, definition, tool, f"{KACPER}.interpreter_name")
    assert problem.rule == "interpreter" and "cannot interpret" in problem.message


@pytest.mark.parametrize(
    "text", ["No concerns observed.", "Nothing of note", "No concerns at this time"]
)
def test_longer_no_concerns_phrases_are_refused(valid_checklist, definition, tool, text):
    valid_checklist.set(f"{KACPER}.demeanour", text)
    assert one(valid_checklist, definition, tool, f"{KACPER}.demeanour").rule == "observed_facts"
