"""Rule 7: every risk question answered; a grade lower than the score needs a rationale for
the supervisor; strong indicators under a standard grade are pointed out; and an unborn
child makes the question about pregnancy or a new baby count."""

from __future__ import annotations

from collections.abc import Iterator

from officer_app import fields as ft
from officer_app import wording
from officer_app.definition import GRADE_LABELS, GRADES, RiskTool
from officer_app.risk import RiskAssessment, assess
from officer_app.rules.problems import WARNING, Problem
from officer_app.rules.reading import Entry, Reading
from officer_app.rules.registry import rule

ANSWERS, GRADE = "risk.answers", "risk.officer_grade"
RATIONALE = "risk.downgrade_rationale"


def short_text(text: str, limit: int = 70) -> str:
    """A question's text cut to its first sentence and about `limit` characters."""
    first = text.split("?")[0].strip() + ("?" if "?" in text else "")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _answer_labels(tool: RiskTool) -> str:
    labels = [a.label for a in tool.answers]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def assessment_of(r: Reading) -> RiskAssessment:
    return assess(r.checklist.get(ANSWERS), r.checklist.get(GRADE), r.tool)


@rule("risk", reads=(ANSWERS, GRADE), optional=(RATIONALE,))
def rule_risk(r: Reading, options: dict) -> Iterator[Problem]:
    """Every risk question answered; a downgrade needs a rationale for the supervisor; strong
    indicators under a standard grade are pointed out."""
    assessment = assessment_of(r)
    for qid in assessment.unanswered:
        q = r.tool.question(qid)
        if q is None:
            continue
        text = f"Answer risk question {q.number} ({short_text(q.text)}): {_answer_labels(r.tool)}."
        yield Problem(f"{ANSWERS}.{qid}", text, "risk", short="not answered")
    yield from _downgrade_problem(r, assessment)
    yield from _strong_indicator_problem(r.tool, assessment)


def _downgrade_problem(r: Reading, assessment: RiskAssessment) -> Iterator[Problem]:
    officer_grade = assessment.officer_grade
    if not assessment.downgraded or officer_grade is None:
        return
    if not ft.is_empty(r.checklist.get(RATIONALE)):
        return
    path = RATIONALE if r.definition.field_for_path(RATIONALE) is not None else GRADE
    score, grade = GRADE_LABELS[assessment.score_grade], GRADE_LABELS[officer_grade]
    text = (
        f"The risk questions give {score} ({assessment.yes_count} answered Yes) but the "
        f"officer's grade is {grade}: explain why the grade is lower. A supervisor must "
        "approve this rationale."
    )
    yield Problem(path, text, "risk", short="downgrade not explained")


def _strong_indicator_problem(tool: RiskTool, assessment: RiskAssessment) -> Iterator[Problem]:
    if not assessment.strong_indicators or assessment.officer_grade != GRADES[0]:
        return
    names = [
        f"{q.id.replace('_', ' ')} (question {q.number})"
        for q in map(tool.question, assessment.strong_indicators)
        if q
    ]
    top = tool.thresholds[0][0]
    text = (
        f"Strong risk indicators answered Yes: {', '.join(names)}. They point to serious harm "
        f"even below {top} Yes answers: consider raising the grade above "
        f"{GRADE_LABELS[GRADES[0]]}."
    )
    yield Problem(GRADE, text, "risk", WARNING)


@rule("unborn_risk", reads=(ANSWERS, "children.status"), optional=("children.dob",))
def rule_unborn_risk(r: Reading, options: dict) -> Iterator[Problem]:
    """An unborn child, or a baby under 18 months (option `baby_months`), on the checklist:
    the risk question about pregnancy or a new baby (option `question`, a question id of the
    risk tool) is answered Yes, or its comment explains why not."""
    qid = options.get("question", "")
    question = r.tool.question(qid)
    babies = [e for e in r.entries("children") if _pregnancy_or_baby(e, r, options)]
    if not babies:
        return
    if question is None:
        text = (
            f"The risk tool {r.tool.title} has no question '{qid}' about pregnancy or a new "
            "baby, which the checklist definition names: tell the administrator."
        )
        yield Problem(ANSWERS, text, "unborn_risk", WARNING)
        return
    answers = r.checklist.get(ANSWERS)
    entry = answers.get(qid) if isinstance(answers, dict) else None
    entry = entry if isinstance(entry, dict) else {}
    answer, comment = entry.get("answer"), entry.get("comment")
    if answer in (None, "", r.tool.counted_answer):
        return  # unanswered is reported by rule risk
    if isinstance(comment, str) and comment.strip() and not wording.is_placeholder(comment):
        return
    baby = babies[0]
    what = "an unborn child" if baby.value("status") == "unborn" else "a baby under 18 months"
    text = (
        f"Risk question {question.number} ({short_text(question.text)}) is answered "
        f"'{r.tool.answer_label(answer)}' but the checklist records {what} ({baby.who}): "
        f"answer {r.tool.answer_label(r.tool.counted_answer)}, or explain in its comment why "
        "not."
    )
    yield Problem(f"{ANSWERS}.{qid}", text, "unborn_risk", short="pregnancy or baby not counted")


def _pregnancy_or_baby(e: Entry, r: Reading, options: dict) -> bool:
    if e.value("status") == "unborn":
        return True
    on = r.call_date
    try:
        born = ft.parse_date(e.value("dob")) if isinstance(e.value("dob"), str) else None
    except ValueError:
        born = None
    if born is None or on is None or born > on:
        return False
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return months < int(options.get("baby_months", 18))
