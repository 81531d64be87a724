"""Risk score and grade from a risk tool's answers.

The score is the number of questions answered with the tool's counted answer ("yes"); the
tool's thresholds turn it into a grade (DASH topics: 14+ high, 10-13 medium, else standard).
An officer may raise the grade on professional judgement; a lower grade than the score gives
is a downgrade and needs a rationale that a supervisor approves.
"""

from __future__ import annotations

from dataclasses import dataclass

from officer_app.definition import GRADES, RiskTool


@dataclass(frozen=True)
class RiskAssessment:
    yes_count: int
    answered: int
    total: int
    unanswered: tuple[str, ...]  # question ids with no answer
    score_grade: str  # the grade the score alone gives
    strong_indicators: tuple[str, ...]  # strong-indicator question ids answered yes
    officer_grade: str | None

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def downgraded(self) -> bool:
        """The officer's grade is below what the score gives."""
        return self.officer_grade in GRADES and grade_rank(self.officer_grade) < grade_rank(
            self.score_grade
        )

    @property
    def final_grade(self) -> str:
        return self.officer_grade if self.officer_grade in GRADES else self.score_grade


def grade_rank(grade: str) -> int:
    return GRADES.index(grade)


def grade_for_score(yes_count: int, tool: RiskTool) -> str:
    for minimum, grade in tool.thresholds:  # highest first
        if yes_count >= minimum:
            return grade
    return GRADES[0]


def assess(answers: dict | None, officer_grade: str | None, tool: RiskTool) -> RiskAssessment:
    answers = answers if isinstance(answers, dict) else {}

    def answer_of(qid: str) -> str | None:
        entry = answers.get(qid)
        return entry.get("answer") if isinstance(entry, dict) else None

    valid_answers = {a.value for a in tool.answers}
    unanswered = tuple(q.id for q in tool.questions if answer_of(q.id) not in valid_answers)
    yes = [q.id for q in tool.questions if answer_of(q.id) == tool.counted_answer]
    return RiskAssessment(
        yes_count=len(yes),
        answered=len(tool.questions) - len(unanswered),
        total=len(tool.questions),
        unanswered=unanswered,
        score_grade=grade_for_score(len(yes), tool),
        strong_indicators=tuple(q for q in tool.strong_indicators if q in yes),
        officer_grade=officer_grade or None,
    )


def assess_checklist(checklist, tool: RiskTool) -> RiskAssessment:
    """The assessment of a checklist's risk section (answers and the officer's grade)."""
    return assess(checklist.get("risk.answers"), checklist.get("risk.officer_grade"), tool)
