"""Risk scoring: thresholds, Don't know, downgrade and raise, strong indicators."""

from __future__ import annotations

import pytest

from officer_app.risk import assess, assess_checklist, grade_for_score, grade_rank


def answers(tool, yes: int = 0, dont_know: int = 0, skip: int = 0) -> dict:
    """The first `yes` questions Yes, the next `dont_know` Don't know, the next `skip` left
    unanswered, the rest No. Strong indicators are avoided unless there is no room."""
    ordered = [q.id for q in tool.questions if q.id not in tool.strong_indicators]
    ordered += list(tool.strong_indicators)
    result = {}
    for i, qid in enumerate(ordered):
        if i < yes:
            result[qid] = {"answer": "yes", "comment": "", "source": "victim"}
        elif i < yes + dont_know:
            result[qid] = {"answer": "dont_know", "comment": "", "source": "declined"}
        elif i >= yes + dont_know + skip:
            result[qid] = {"answer": "no", "comment": "", "source": "victim"}
    return result


@pytest.mark.parametrize(
    ("yes", "grade"),
    [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (27, "high")],
)
def test_thresholds(tool, yes, grade):
    result = assess(answers(tool, yes=yes), None, tool)
    assert (result.yes_count, result.score_grade) == (yes, grade)
    assert grade_for_score(yes, tool) == grade


def test_dont_know_is_answered_but_not_counted(tool):
    result = assess(answers(tool, yes=13, dont_know=14), None, tool)
    assert result.yes_count == 13 and result.score_grade == "medium"
    assert result.complete and result.answered == result.total == 27


def test_unanswered_questions(tool):
    result = assess(answers(tool, yes=2, skip=3), None, tool)
    assert len(result.unanswered) == 3 and not result.complete
    assert result.answered == 24
    assert result.unanswered == tuple(q.id for q in tool.questions if q.id in result.unanswered)


def test_answers_that_are_not_answers(tool):
    weird = {"stalking": {"answer": "maybe"}, "weapons": "yes", "injury_now": {"answer": "yes"}}
    result = assess(weird, None, tool)
    assert "stalking" in result.unanswered and "weapons" in result.unanswered
    assert result.yes_count == 1
    assert assess(None, None, tool).unanswered == tuple(q.id for q in tool.questions)


def test_downgrade(tool):
    result = assess(answers(tool, yes=14), "medium", tool)
    assert result.downgraded and result.final_grade == "medium"


def test_raise_is_not_a_downgrade(tool):
    result = assess(answers(tool, yes=3), "high", tool)
    assert not result.downgraded
    assert (result.score_grade, result.final_grade) == ("standard", "high")


def test_same_grade_and_no_grade(tool):
    assert not assess(answers(tool, yes=10), "medium", tool).downgraded
    result = assess(answers(tool, yes=10), "", tool)
    assert result.officer_grade is None and not result.downgraded
    assert result.final_grade == "medium"
    assert not assess(answers(tool, yes=14), "severe", tool).downgraded


def test_strong_indicators_count_only_when_yes(tool):
    given = answers(tool)
    given["strangulation"]["answer"] = "yes"
    given["stalking"]["answer"] = "dont_know"
    given["separation"]["answer"] = "yes"
    result = assess(given, "standard", tool)
    assert result.strong_indicators == ("strangulation", "separation")
    assert result.score_grade == "standard"  # strong, but only 2 yes


def test_grade_rank():
    assert grade_rank("standard") < grade_rank("medium") < grade_rank("high")


def test_assess_checklist(valid_checklist, tool):
    result = assess_checklist(valid_checklist, tool)
    assert (result.yes_count, result.score_grade, result.officer_grade) == (14, "high", "high")
    assert result.complete and not result.downgraded
    assert set(result.strong_indicators) == {
        "strangulation",
        "threats_to_kill",
        "stalking",
        "separation",
    }
