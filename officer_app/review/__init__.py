"""Supervisor review: the supervisor's own checklist (items), decisions (approve, return,
amend), the queue of submitted checklists and what changed since the last review."""

from officer_app.review.decisions import (
    ReviewRefused,
    amend,
    approve,
    grade_problems,
    last_decision,
    return_for_changes,
    return_reasons,
)

__all__ = [
    "ReviewRefused",
    "amend",
    "approve",
    "grade_problems",
    "last_decision",
    "return_for_changes",
    "return_reasons",
]
