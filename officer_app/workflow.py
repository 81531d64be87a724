"""Changes of state that need the rules: starting a draft, submitting, importing.

The store keeps checklists and never judges them; the rules judge and never store. This module
joins the two so that the command line and the window submit in exactly the same way.
"""

from __future__ import annotations

from pathlib import Path

from officer_app import interchange, rules, states
from officer_app.checklist import Checklist, new_checklist, now_iso
from officer_app.demo_mark import is_demo
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store


class SubmissionRefused(Exception):
    """Submission (or import of a submitted checklist) refused; `problems` says why."""

    def __init__(self, problems: list[rules.Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) must be put right before submission")


def new_draft(library: Library, settings: Settings) -> Checklist:
    """An empty draft with the force's current checklist definition and risk tool."""
    definition = library.definition(settings.checklist)
    tool = library.risk_tool(settings.risk_tool)
    return new_checklist(definition, tool.id, tool.version)


def problems_of(checklist: Checklist, library: Library) -> list[rules.Problem]:
    """Every problem, judged against the definition the checklist was filled with."""
    definition, tool = library.for_checklist(checklist)
    return rules.check(checklist, definition, tool)


def submit(store: Store, checklist: Checklist, library: Library) -> None:
    """Submit a draft: refused with every blocking problem listed, otherwise saved as submitted.
    On refusal or a failed save the checklist object is left as it was."""
    action = states.action_for(checklist.state, states.SUBMITTED)  # only a draft is submitted
    blocking = rules.errors(problems_of(checklist, library))
    if blocking:
        raise SubmissionRefused(blocking)
    before = (checklist.state, checklist.submitted_at)
    checklist.state, checklist.submitted_at = states.SUBMITTED, now_iso()
    try:
        store.save(checklist, action=action)
    except Exception:
        checklist.state, checklist.submitted_at = before
        raise


def import_file(store: Store, path: Path, library: Library) -> Checklist:
    """Read and store one interchange file. A malformed file raises InterchangeError; a file
    whose state is beyond draft must pass every rule (SubmissionRefused). Nothing of a refused
    file is stored. A draft may be incomplete, as drafts are in the app. A demo file goes only
    into a demo database (interchange.DemoDataError otherwise)."""
    checklist = interchange.read_file(path, library, demo_allowed=is_demo(store))
    if checklist.state != states.DRAFT:
        blocking = rules.errors(problems_of(checklist, library))
        if blocking:
            raise SubmissionRefused(blocking)
    store.save(checklist, action="import", detail=f"from {Path(path).name}")
    return checklist
