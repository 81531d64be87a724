"""The supervisor's own checklist (DOMAIN.md): data in resources/review/, one answer per item
(yes / no / not applicable) and a note wherever an item falls short."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from officer_app import paths

YES, NO, NOT_APPLICABLE = "yes", "no", "n/a"
ANSWERS = (YES, NO, NOT_APPLICABLE)
ANSWER_LABELS = {YES: "Yes", NO: "No", NOT_APPLICABLE: "Not applicable"}


@dataclass(frozen=True)
class Item:
    id: str
    text: str


@dataclass(frozen=True)
class SupervisorChecklist:
    id: str
    version: int
    title: str
    items: tuple[Item, ...]


@cache
def supervisor_checklist() -> SupervisorChecklist:
    raw = json.loads(
        (paths.resources_dir() / "review" / "supervisor-checklist.json").read_text("utf-8")
    )
    items = tuple(Item(i["id"], i["text"]) for i in raw["items"])
    return SupervisorChecklist(raw["id"], raw["version"], raw["title"], items)


def item_problems(answers: dict[str, Any], *, complete: bool) -> list[str]:
    """What is wrong with the supervisor's answers: an unknown answer, a "no" without a
    note, and (when `complete`, for an approval) an item left unanswered."""
    problems = []
    for item in supervisor_checklist().items:
        entry = answers.get(item.id) or {}
        answer = entry.get("answer") if isinstance(entry, dict) else None
        note = (entry.get("note") or "").strip() if isinstance(entry, dict) else ""
        if answer is None or answer == "":
            if complete:
                problems.append(f"'{item.text}': answer yes, no or not applicable.")
        elif answer not in ANSWERS:
            problems.append(f"'{item.text}': '{answer}' is not yes, no or n/a.")
        elif answer == NO and not note:
            problems.append(f"'{item.text}' is answered no: add a note saying what fell short.")
    unknown = sorted(set(answers) - {i.id for i in supervisor_checklist().items})
    problems += [f"'{u}' is not an item of the supervisor's checklist." for u in unknown]
    return problems
