"""A supervisor's decisions on a submitted checklist, and amendments of approved ones.

Each decision is one store.save with its action, so the change of state, the kept version,
the review row and the audit entries are written together or not at all.
- approve: every item of the supervisor's checklist answered (a note where "no"); the agreed
  risk grade recorded. A grade below what the score gives, or different from the officer's,
  needs the supervisor's rationale: a downgrade is approved only that way (DOMAIN.md rule 7).
- return: at least one reason, each tied to a field (its path) or to the checklist as a whole.
- amend: an approved or sent checklist goes back to draft with a reason; the approved
  version stays kept and viewable, and the checklist goes through review again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from officer_app import risk, states
from officer_app.checklist import Checklist
from officer_app.definition import GRADE_LABELS, GRADES
from officer_app.library import Library
from officer_app.review.items import item_problems
from officer_app.store import Review, Store


class ReviewRefused(ValueError):
    """A decision that cannot be recorded as given; `problems` says what to put right."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def _check_state(checklist: Checklist, target: str) -> None:
    try:
        states.action_for(checklist.state, target)
    except states.TransitionError as exc:
        raise ReviewRefused([f"Checklist {checklist.id}: {exc}"]) from None


def grade_problems(
    checklist: Checklist, library: Library, agreed_grade: str, rationale: str
) -> list[str]:
    """What an approval's grade needs: a known grade, and a rationale when it is below the
    score's grade or differs from the officer's."""
    if agreed_grade not in GRADES:
        return [f"Choose the agreed risk grade ({', '.join(GRADES)})."]
    _definition, tool = library.for_checklist(checklist)
    assessment = risk.assess_checklist(checklist, tool)
    below = risk.grade_rank(agreed_grade) < risk.grade_rank(assessment.score_grade)
    officer = assessment.officer_grade or assessment.score_grade
    if (below or agreed_grade != officer) and not rationale.strip():
        if below:
            return [
                f"The agreed grade {GRADE_LABELS[agreed_grade]} is below "
                f"{GRADE_LABELS[assessment.score_grade]}, which the score "
                f"({assessment.yes_count} yes) gives: a downgrade needs your rationale."
            ]
        return [
            f"The agreed grade {GRADE_LABELS[agreed_grade]} differs from the officer's "
            f"({GRADE_LABELS.get(officer, officer)}): give your rationale."
        ]
    return []


def approve(
    store: Store,
    checklist: Checklist,
    library: Library,
    *,
    agreed_grade: str,
    grade_rationale: str = "",
    items: dict[str, Any] | None = None,
    note: str = "",
) -> Review:
    _check_state(checklist, states.APPROVED)
    items = items or {}
    problems = item_problems(items, complete=True)
    problems += grade_problems(checklist, library, agreed_grade, grade_rationale)
    if problems:
        raise ReviewRefused(problems)
    review = Review(
        "approve",
        agreed_grade=agreed_grade,
        grade_rationale=grade_rationale.strip(),
        items=items,
        note=note.strip(),
    )
    _decide(store, checklist, states.APPROVED, review, f"agreed grade {agreed_grade}")
    return review


def return_for_changes(
    store: Store,
    checklist: Checklist,
    reasons: Iterable[tuple[str, str]],
    *,
    items: dict[str, Any] | None = None,
    note: str = "",
) -> Review:
    """`reasons`: (field path or "" for the whole checklist, what to put right)."""
    _check_state(checklist, states.RETURNED)
    given = tuple(
        {"path": path.strip(), "reason": reason.strip()}
        for path, reason in reasons
        if reason and reason.strip()
    )
    problems = item_problems(items or {}, complete=False)
    if not given:
        problems.insert(0, "A returned checklist needs at least one reason for the officer.")
    if problems:
        raise ReviewRefused(problems)
    review = Review("return", items=items or {}, reasons=given, note=note.strip())
    _decide(store, checklist, states.RETURNED, review, f"{len(given)} reason(s)")
    return review


def amend(store: Store, checklist: Checklist, reason: str) -> None:
    """Reopen an approved or sent checklist as a draft for an amendment."""
    _check_state(checklist, states.DRAFT)
    if not reason.strip():
        raise ReviewRefused(["An amendment needs a reason (what is to be changed and why)."])
    _decide(store, checklist, states.DRAFT, None, reason.strip())


def _decide(
    store: Store, checklist: Checklist, target: str, review: Review | None, detail: str
) -> None:
    action = states.action_for(checklist.state, target)
    before = checklist.state
    checklist.state = target
    try:
        store.save(checklist, action=action, detail=detail, review=review)
    except BaseException:
        checklist.state = before
        raise


def last_decision(store: Store, checklist_id: int) -> Review | None:
    reviews = store.reviews(checklist_id)
    return reviews[-1] if reviews else None


def return_reasons(store: Store, checklist: Checklist) -> list[dict[str, str]]:
    """The reasons of the last return, while the checklist is returned (shown to the
    officer beside the fields)."""
    if checklist.id is None or checklist.state != states.RETURNED:
        return []
    last = last_decision(store, checklist.id)
    return list(last.reasons) if last and last.decision == "return" else []
