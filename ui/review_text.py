"""The words of the supervisor's screens, worked out from the core without Qt: a field path
as a person names it ("Child 1 (Kacper Łuczak) · Own words"), the fields a reason for a return
can be tied to, the whole checklist as text section by section, the risk in lines, a review
and a kept version in one line, times in local dd/mm/yyyy hh:mm.

Kept apart from the widgets so the queue, the review window and a version's viewer all say
the same thing the same way, and so the text can be read without building a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from officer_app import fields as ft
from officer_app import risk, rules, states
from officer_app.checklist import Checklist, walk
from officer_app.definition import GRADE_LABELS, Definition, RiskTool
from officer_app.field_path import build_path, parse_path
from officer_app.review.changes import risk_answer_text
from officer_app.review.items import ANSWER_LABELS, supervisor_checklist
from officer_app.store import Review
from officer_app.store.reviews import KeptVersion

WHOLE = "The checklist as a whole"
SEP = " · "
DECISIONS = {"approve": "Approved", "return": "Returned to the officer"}
ACTIONS = {
    "submit": "submitted",
    "return": "returned",
    "approve": "approved",
    "amend": "reopened for an amendment",
    "send": "sent",
    "import": "imported",
}


def local_time(text: str) -> str:
    """An ISO time as dd/mm/yyyy hh:mm in local time; the text itself when unreadable."""
    if not text:
        return ""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    return (when.astimezone() if when.tzinfo else when).strftime("%d/%m/%Y %H:%M")


# ---------------------------------------------------------------- naming a field


def path_label(path: str, checklist: Checklist, definition: Definition, tool: RiskTool) -> str:
    """'children[0].own_words' -> 'Child 1 (Kacper Łuczak) · What the child said, in their
    own words'; '' -> 'The checklist as a whole'; the path itself when it names nothing
    (an entry since removed)."""
    if not path:
        return WHOLE
    try:
        parts = parse_path(path)
    except ValueError:
        return path
    if not definition.has_section(str(parts[0])):
        return path
    section = definition.section(str(parts[0]))
    names = [] if section.repeat and len(parts) > 1 else [section.title]
    for at, part in enumerate(parts[1:], start=1):
        so_far = build_path(parts[: at + 1])
        if isinstance(part, int):
            repeat = definition.field_for_path(build_path(parts[:at]))
            names.append(_entry_name(repeat, part, checklist.get(so_far), checklist))
            continue
        holder = definition.field_for_path(build_path(parts[:at]))
        if holder is not None and holder.type == "risk_answers":
            question = tool.question(part)
            names[-1] = f"Question {question.number}: {question.text}" if question else part
            break
        field = definition.field_for_path(so_far)
        followed_by_entry = at + 1 < len(parts) and isinstance(parts[at + 1], int)
        if not followed_by_entry:  # an entry's name says which list it is in
            names.append(field.label if field is not None else part)
    return SEP.join(names) if names else section.title


def _entry_name(repeat, index: int, entry, checklist: Checklist) -> str:
    word = (repeat.item_label if repeat is not None else "") or "Entry"
    title = ""
    if repeat is not None and repeat.title_field and isinstance(entry, dict):
        sub = repeat.subfield(repeat.title_field)
        value = entry.get(repeat.title_field)
        title = ft.display_value(sub, value, checklist.child_names()) if sub else ""
    return f"{word} {index + 1}" + (f" ({title})" if title else "")


@dataclass(frozen=True)
class FieldChoice:
    path: str
    label: str


def field_choices(
    checklist: Checklist, definition: Definition, tool: RiskTool
) -> list[FieldChoice]:
    """What a reason for a return can be tied to: the checklist as a whole, then every field
    that applies, in form order (a repeat as its list, each risk question on its own)."""
    found = [FieldChoice("", WHOLE)]
    for answer in walk(checklist, definition):
        label = path_label(answer.path, checklist, definition, tool)
        if answer.field.type == "repeat":
            found.append(FieldChoice(answer.path, f"{label} (the list)"))
        elif answer.field.type == "risk_answers":
            for question in tool.questions:
                path = f"{answer.path}.{question.id}"
                found.append(FieldChoice(path, path_label(path, checklist, definition, tool)))
        else:
            found.append(FieldChoice(answer.path, label))
    return found


# ---------------------------------------------------------------- the checklist as text


def _answer_html(answer, checklist: Checklist, tool: RiskTool) -> str:
    field, value = answer.field, answer.value
    if field.type == "risk_answers":
        return risk_answers_html(value, tool)
    shown = ft.display_value(field, value, checklist.child_names())
    if not shown:
        return "<i>not recorded</i>" if field.required else ""
    text = escape(shown).replace("\n", "<br>")
    return f"“{text}”" if field.verbatim else text


def risk_answers_html(value, tool: RiskTool) -> str:
    answers = value if isinstance(value, dict) else {}
    lines = []
    for question in tool.questions:
        shown = risk_answer_text(answers.get(question.id), tool) or "not answered"
        lines.append(f"{question.number}. {escape(question.text)}: <b>{escape(shown)}</b>")
    return "<br>".join(lines)


def section_texts(
    checklist: Checklist, definition: Definition, tool: RiskTool
) -> list[tuple[str, str]]:
    """(section title, rich text) for every section: each answer that applies under the
    definition's label, entries under their own heading; every typed text escaped."""
    sections: dict[str, list[str]] = {s.id: [] for s in definition.sections}
    entries_seen: set[str] = set()
    for answer in walk(checklist, definition):
        section = answer.path.split(".", 1)[0].split("[", 1)[0]
        lines = sections[section]
        if answer.entry and answer.entry not in entries_seen:
            entries_seen.add(answer.entry)
            name = path_label(answer.entry, checklist, definition, tool).split(SEP)[-1]
            lines.append(f"<br><b><u>{escape(name)}</u></b>")
        if answer.field.type == "repeat":
            if not answer.value:
                lines.append(f"<b>{escape(answer.field.label)}:</b> none")
            continue
        shown = _answer_html(answer, checklist, tool)
        if shown:
            lines.append(f"<b>{escape(answer.field.label)}:</b> {shown}")
    return [
        (s.title, "<br>".join(sections[s.id]).removeprefix("<br>") or "<i>Nothing recorded</i>")
        for s in definition.sections
    ]


# ---------------------------------------------------------------- risk, flags, reviews


def risk_lines(checklist: Checklist, tool: RiskTool) -> list[str]:
    """Score, the grade it gives, the officer's grade, a downgrade and its rationale."""
    assessment = risk.assess_checklist(checklist, tool)
    score = GRADE_LABELS.get(assessment.score_grade, assessment.score_grade)
    lines = [
        f"Score: {assessment.yes_count} Yes of {assessment.total} questions "
        f"({assessment.answered} answered) gives {score}.",
    ]
    grade = assessment.officer_grade
    lines.append(f"Officer's grade: {GRADE_LABELS.get(grade or '', 'not chosen')}.")
    if assessment.downgraded:
        lines.append("DOWNGRADE: the officer's grade is below what the score gives; it stands "
                     "only with your approval and your rationale.")  # fmt: skip
    for qid in assessment.strong_indicators:
        question = tool.question(qid)
        if question is not None:
            lines.append(f"Strong indicator answered Yes: {question.text}")
    for path, name in (
        ("risk.grade_rationale", "Rationale for the grade"),
        ("risk.downgrade_rationale", "Why the grade is lower than the score gives"),
    ):
        text = (checklist.get(path) or "").strip() if isinstance(checklist.get(path), str) else ""
        if text:
            lines.append(f"{name}: {text}")
    return lines


def flag_lines(
    problems: list[rules.Problem], checklist: Checklist, definition: Definition, tool: RiskTool
) -> list[str]:
    """The rules' flags for the supervisor, each with whose field it is."""
    return [
        f"{path_label(p.path, checklist, definition, tool)}: {p.message}"
        for p in problems
        if p.severity == rules.FLAG
    ]


def review_lines(
    review: Review, checklist: Checklist, definition: Definition, tool: RiskTool
) -> list[str]:
    """One review: who, when, decision, grade, the reasons and answers that fell short."""
    head = (
        f"{DECISIONS.get(review.decision, review.decision)} by {review.reviewer} on "
        f"{local_time(review.at)} (version {review.checklist_version})"
    )
    lines = [head]
    if review.agreed_grade:
        lines.append(
            f"Agreed risk grade: {GRADE_LABELS.get(review.agreed_grade, review.agreed_grade)}"
        )
    if review.grade_rationale:
        lines.append(f"Rationale: {review.grade_rationale}")
    for reason in review.reasons:
        where = path_label(reason.get("path", ""), checklist, definition, tool)
        lines.append(f"Reason — {where}: {reason.get('reason', '')}")
    texts = {item.id: item.text for item in supervisor_checklist().items}
    for item_id, entry in review.items.items():
        if isinstance(entry, dict) and (entry.get("answer") == "no" or entry.get("note")):
            answer = ANSWER_LABELS.get(entry.get("answer", ""), "not answered")
            note = f": {entry['note']}" if entry.get("note") else ""
            lines.append(f"{texts.get(item_id, item_id)} — {answer}{note}")
    if review.note:
        lines.append(f"Note: {review.note}")
    return lines


def version_line(kept: KeptVersion) -> str:
    return (
        f"Version {kept.version}: {ACTIONS.get(kept.action, kept.action)} by {kept.actor} "
        f"on {local_time(kept.at)} ({states.label(kept.state).lower()})"
    )
