"""What every part of the referral reads: the checklist, its definition and risk tool, the
risk assessment, and the definition's own label for each field it prints."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle

from officer_app import fields as ft
from officer_app.checklist import Checklist
from officer_app.definition import Definition, RiskTool
from officer_app.field_path import field_ids
from officer_app.referral.style import styles
from officer_app.risk import RiskAssessment, assess_checklist
from officer_app.states import is_submitted


def is_draft(checklist: Checklist) -> bool:
    """Not yet submitted (or approved): the referral says so on every page."""
    return not is_submitted(checklist.state)


@dataclass(frozen=True)
class Approval:
    """The supervisor's approval a referral reports: who, when, the agreed grade and why."""

    reviewer: str
    at: str
    grade: str
    rationale: str = ""


@dataclass(frozen=True)
class Context:
    """The checklist and how to show its answers."""

    checklist: Checklist
    definition: Definition
    tool: RiskTool
    assessment: RiskAssessment
    child_names: dict[str, str]
    styles: dict[str, ParagraphStyle]
    approval: Approval | None = None

    def label(self, path: str) -> str | None:
        """The definition's label of the field at `path`; None if it has no such field."""
        field = self.definition.field_for_path(path)
        return field.label if field is not None else None

    def show(self, path: str) -> str:
        """The answer at `path` as a person reads it ('' when unanswered)."""
        value = self.checklist.get(path)
        field = self.definition.field_for_path(path)
        if field is None:
            return "" if ft.is_empty(value) else str(value)
        return ft.display_value(field, value, self.child_names)

    def shown(self, path: str, item: dict) -> str:
        """The answer inside a repeat entry (e.g. a child), named by its field's path
        ('children.location'), as a person reads it."""
        field = self.definition.field_for_path(path)
        value = item.get(field_ids(path)[-1])
        if field is None:
            return "" if ft.is_empty(value) else str(value)
        return ft.display_value(field, value, self.child_names)


def make_context(
    checklist: Checklist, definition: Definition, tool: RiskTool, approval: Approval | None = None
) -> Context:
    return Context(
        checklist=checklist,
        definition=definition,
        tool=tool,
        assessment=assess_checklist(checklist, tool),
        child_names=checklist.child_names(),
        styles=styles(),
        approval=approval,
    )
