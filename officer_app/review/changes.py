"""What changed between two versions of a checklist, field by field: what a supervisor reads
when a returned checklist comes back."""

from __future__ import annotations

from dataclasses import dataclass

from officer_app import fields as ft
from officer_app.checklist import Checklist, walk
from officer_app.definition import Definition, RiskTool


@dataclass(frozen=True)
class Change:
    path: str
    label: str  # "Children 2 (Amelia Krężołek) · Own words"
    before: str  # as a person reads it; "" when there was no answer
    after: str


def _entry_names(checklist: Checklist) -> dict[str, str]:
    """ "children[1]" -> "Child 2 (Amelia Krężołek)", for the labels of repeat entries."""
    names: dict[str, str] = {}
    for section, word in (("children", "Child"), ("adults", "Adult")):
        entries = checklist.data.get(section)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            name = (entry.get("name") or "").strip() if isinstance(entry, dict) else ""
            names[f"{section}[{i}]"] = f"{word} {i + 1}" + (f" ({name})" if name else "")
    return names


def risk_answer_text(entry: object, tool: RiskTool) -> str:
    """ "Yes (victim; he said he would kill her)": the answer, its source and comment."""
    if not isinstance(entry, dict) or not entry.get("answer"):
        return ""
    extra = [tool.source_label(entry["source"])] if entry.get("source") else []
    extra += [entry["comment"]] if entry.get("comment") else []
    return tool.answer_label(entry["answer"]) + (f" ({'; '.join(extra)})" if extra else "")


def _answers(
    checklist: Checklist, definition: Definition, tool: RiskTool | None
) -> dict[str, tuple[str, str]]:
    child_names = checklist.child_names()
    entries = _entry_names(checklist)
    found: dict[str, tuple[str, str]] = {}
    for answer in walk(checklist, definition, only_applicable=False):
        if answer.field.type == "repeat":
            continue
        if answer.field.type == "risk_answers" and tool is not None:
            given = answer.value if isinstance(answer.value, dict) else {}
            for question in tool.questions:
                shown = risk_answer_text(given.get(question.id), tool)
                if shown:
                    label = f"Risk · Question {question.number}: {question.text}"
                    found[f"{answer.path}.{question.id}"] = (label, shown)
            continue
        shown = ft.display_value(answer.field, answer.value, child_names)
        if not shown:
            continue
        owner = entries.get(answer.entry, answer.entry)
        label = f"{owner} · {answer.field.label}" if owner else answer.field.label
        found[answer.path] = (label, shown)
    return found


def changes(
    before: Checklist, after: Checklist, definition: Definition, tool: RiskTool | None = None
) -> list[Change]:
    """Every answer added, removed or changed, in form order (the newer version's order,
    then answers only the older one had); with the risk `tool`, the risk answers question
    by question."""
    old, new = _answers(before, definition, tool), _answers(after, definition, tool)
    found = []
    for path, (label, shown) in new.items():
        previous = old.get(path, ("", ""))[1]
        if previous != shown:
            found.append(Change(path, label, previous, shown))
    for path, (label, shown) in old.items():
        if path not in new:
            found.append(Change(path, label, shown, ""))
    return found
