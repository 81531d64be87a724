"""Page 1 of the referral: the title block, the risk summary, the children at a glance (the
reading of officer_app.coverage, with what a supervisor must look at for each child) and the
actions. Every label printed for a field is the definition's label for it; a field the
definition does not have is left out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from officer_app import coverage
from officer_app.checklist import Checklist
from officer_app.definition import GRADE_LABELS
from officer_app.field_path import field_ids
from officer_app.referral.blocks import (
    SHORT_TEXT,
    SUMMARY_CLIP,
    clip,
    heading,
    label_value_table,
    markup,
    para,
    table,
)
from officer_app.referral.context import Context, is_draft
from officer_app.referral.style import DRAFT_TEXT, GAP_BG, GAP_TEXT, GRADE_COLOURS, NOT_RECORDED
from officer_app.risk import grade_rank
from officer_app.states import SUBMITTED
from officer_app.states import label as state_label


class _Paths(NamedTuple):
    """Every field the summary reads, by its path in the definition."""

    reference: str = "incident.reference"
    call_time: str = "incident.call_time"
    arrival_time: str = "incident.arrival_time"
    address: str = "incident.address"
    postcode: str = "incident.postcode"
    grade_rationale: str = "risk.grade_rationale"
    downgrade_rationale: str = "risk.downgrade_rationale"
    marac_criteria: str = "risk.marac_criteria"
    mash_referral: str = "actions.mash_referral"
    encompass: str = "actions.encompass"
    marac_referral: str = "actions.marac_referral"
    consent: str = "actions.consent"
    sharing_basis: str = "actions.sharing_basis"
    children: str = "children"
    child_status: str = "children.status"
    child_dob: str = "children.dob"
    child_location: str = "children.location"


PATHS = _Paths()
TITLE_ROWS = (PATHS.reference, PATHS.call_time, PATHS.arrival_time)
ACTIONS = (PATHS.mash_referral, PATHS.encompass, PATHS.marac_referral, PATHS.consent)

CHILD_COLUMNS = ("Child", "Age", "Seen", "Spoken to alone", "Own words", "Interpreter")
CHILD_WIDTHS = [38 * mm, 25 * mm, 27 * mm, 32 * mm, 20 * mm, 32 * mm]
STATUS_STYLES = {
    coverage.DONE: "cell",
    coverage.EXPLAINED: "cell_explained",
    coverage.MISSING: "cell_gap",
    coverage.NOT_APPLICABLE: "cell_na",
}


def _value(item: dict, path: str) -> Any:
    """The raw answer of a repeat entry for the field at `path` ('children.dob')."""
    return item.get(field_ids(path)[-1])


# ---------------------------------------------------------------- title block


def title_block(ctx: Context, force_name: str, generated_at: datetime) -> list[Flowable]:
    s = ctx.styles
    flows: list[Flowable] = [
        Paragraph("Referral to the Multi-Agency Safeguarding Hub", s["title"]),
        para(ctx.definition.title, s["subtitle"]),
    ]
    if is_draft(ctx.checklist):
        flows.append(
            Paragraph(
                f"{DRAFT_TEXT}: this checklist has not been submitted and may be incomplete",
                s["draft"],
            )
        )
    rows = [("Force", force_name.strip(), "")]
    rows += [(label, ctx.show(path), "") for path in TITLE_ROWS if (label := ctx.label(path))]
    address_label = ctx.label(PATHS.address) or ctx.label(PATHS.postcode)
    if address_label:
        parts = (ctx.show(PATHS.address), ctx.show(PATHS.postcode))
        rows.append((address_label, clip(", ".join(p for p in parts if p), SHORT_TEXT), ""))
    rows += [
        ("Checklist", status_text(ctx.checklist), "gap" if is_draft(ctx.checklist) else ""),
        ("Referral generated", generated_at.strftime("%d/%m/%Y %H:%M"), ""),
    ]
    rows = [(label, value or NOT_RECORDED, kind if value else "gap") for label, value, kind in rows]
    flows.append(label_value_table(rows))
    return flows


def status_text(checklist: Checklist) -> str:
    if is_draft(checklist):
        return DRAFT_TEXT
    when = _when(checklist.submitted_at)
    if checklist.state == SUBMITTED or not when:
        return f"{state_label(checklist.state)} {when}".strip()
    # the time kept is the submission's: an approved checklist says so, not "Approved <then>"
    return f"{state_label(checklist.state)} (submitted {when})"


def _when(value: str | None) -> str:
    """An ISO date or date-time as dd/mm/yyyy HH:MM; the raw text if it does not parse."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    return parsed.strftime("%d/%m/%Y %H:%M")


def _day(value: Any) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if isinstance(value, str) else None
    except ValueError:
        return None


# ---------------------------------------------------------------- summary


def summary_section(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    children = ctx.checklist.items(PATHS.children)
    flows: list[Flowable] = [Paragraph("Summary", s["h1"])]
    flows += risk_summary(ctx)
    flows += heading(f"Children ({len(children)})", s["h3"])
    if children and ctx.definition.has_section(PATHS.children):
        covers = coverage.child_coverage(ctx.checklist, ctx.definition, ctx.tool)
        flows.append(children_table(ctx, covers, children))
        flows += supervisor_flags(ctx, covers)
    else:
        flows.append(Paragraph("No children recorded", s["gap"]))
    actions = actions_line(ctx)
    if actions:
        flows += heading("Actions", s["h3"], 15 * mm) + [para(actions, s["body"])]
    return flows


def risk_summary(ctx: Context) -> list[Flowable]:
    s, a = ctx.styles, ctx.assessment
    score = GRADE_LABELS[a.score_grade]
    approval = ctx.approval
    if approval is not None and approval.grade in GRADE_LABELS:
        grade = GRADE_LABELS[approval.grade]
        colour = GRADE_COLOURS[approval.grade].hexval()[2:]
        head = (
            f'Risk grade: <font color="#{colour}">{grade.upper()}</font> (agreed by the supervisor)'
        )
    elif a.officer_grade in GRADE_LABELS:
        grade = GRADE_LABELS[a.officer_grade]
        colour = GRADE_COLOURS[a.officer_grade].hexval()[2:]
        head = f'Risk grade: <font color="#{colour}">{grade.upper()}</font> (officer\'s grade)'
    else:
        head = f"Risk grade: not recorded by the officer (the score gives {score})"
    lines = [f"Score: {a.yes_count} of {a.total} yes – the score gives {score}."]
    if a.unanswered:
        lines[0] += f" {len(a.unanswered)} of {a.total} questions not answered."
    if a.downgraded:
        if ctx.label(PATHS.downgrade_rationale):
            why = ctx.show(PATHS.downgrade_rationale) or "no rationale recorded"
            lines.append(f"Lowered from {score}: {clip(why, 600)}")
        else:
            lines.append(f"Lowered from {score}.")
    elif a.officer_grade in GRADE_LABELS and grade_rank(a.officer_grade) > grade_rank(
        a.score_grade
    ):
        lines.append(f"Raised from {score} on professional judgement.")
    rationale, label = ctx.show(PATHS.grade_rationale), ctx.label(PATHS.grade_rationale)
    if rationale and label:
        lines.append(f"{label}: {clip(rationale, 500)}")
    if approval is not None:
        officer = GRADE_LABELS.get(a.officer_grade or "", "not recorded")
        agreed = f"Approved by {approval.reviewer} {_when(approval.at)}; officer's grade {officer}"
        if approval.rationale:
            agreed += f"; supervisor's rationale: {clip(approval.rationale, 500).rstrip('.')}"
        lines.append(agreed + ".")
    flows: list[Flowable] = [Paragraph(head, s["grade"])]
    flows += [para(line, s["body"]) for line in lines]
    flows.append(_strong_indicators(ctx))
    label = ctx.label(PATHS.marac_criteria)
    if label:
        marac = ctx.show(PATHS.marac_criteria) or NOT_RECORDED
        flows.append(Paragraph(f"<b>{markup(label)}:</b> {markup(marac)}", s["body"]))
    return flows


def _strong_indicators(ctx: Context) -> Paragraph:
    s = ctx.styles
    found = [q for q in ctx.tool.questions if q.id in ctx.assessment.strong_indicators]
    if not found:
        return Paragraph("<b>Strong indicators answered yes:</b> none", s["body"])
    items = "<br/>".join(f"• Q{q.number} {markup(q.text)}" for q in found)
    head = f"<b>Strong indicators answered yes ({len(found)}):</b>"
    return Paragraph(f"{head}<br/>{items}", s["body"])


def actions_line(ctx: Context) -> str:
    """'<label>: <answer>' for each action the definition has, joined by ' · '."""
    parts = []
    for path in ACTIONS:
        label = ctx.label(path)
        if label is None:
            continue
        part = f"{label}: {ctx.show(path) or NOT_RECORDED}"
        basis, basis_label = ctx.show(PATHS.sharing_basis), ctx.label(PATHS.sharing_basis)
        consented = ctx.checklist.get(PATHS.consent) in (None, "given")
        if path == PATHS.consent and not consented and basis and basis_label:
            part += f" ({basis_label}: {clip(basis, 150)})"
        parts.append(part)
    return " · ".join(parts)


# ---------------------------------------------------------------- the children at a glance


def children_table(
    ctx: Context, covers: list[coverage.ChildCoverage], children: list[dict]
) -> Table:
    """One row per child, read by officer_app.coverage (the officer's summary page reads
    the same): each cell done, or what is missing in words, shaded."""
    s = ctx.styles
    rows: list[list] = [[Paragraph(h, s["cell_head"]) for h in CHILD_COLUMNS]]
    commands: list[tuple] = []
    for r, cover in enumerate(covers, start=1):
        child = children[cover.index]
        row = [_name_cell(ctx, cover, child), _age_cell(ctx, cover.age, child)]
        if cover.details.status == coverage.MISSING:  # the rest of the record is not done
            commands.append(("BACKGROUND", (0, r), (0, r), GAP_BG))
        for c, item in enumerate(cover.items, start=2):
            style = s[STATUS_STYLES.get(item.status, "cell")]
            row.append(para(clip(item.text, SUMMARY_CLIP), style))
            if item.status == coverage.MISSING:
                commands.append(("BACKGROUND", (c, r), (c, r), GAP_BG))
        rows.append(row)
    return table(rows, CHILD_WIDTHS, commands, True)


def supervisor_flags(ctx: Context, covers: list[coverage.ChildCoverage]) -> list[Flowable]:
    """'For the supervisor: <name>: <flag>; <flag>', one line per flagged child."""
    lines: list[Flowable] = [
        para(
            f"For the supervisor: {clip(c.name, SUMMARY_CLIP)}: {'; '.join(c.flags)}",
            ctx.styles["gap"],
        )
        for c in covers
        if c.flags
    ]
    return [Spacer(1, 4), *lines] if lines else []


def _small_note(text: str) -> str:
    """A second line in a summary cell, in small grey type."""
    return f'<br/><font size="7.5" color="#555555">{markup(text)}</font>' if text else ""


def _name_cell(ctx: Context, cover: coverage.ChildCoverage, child: dict) -> Paragraph:
    """The name, where the child was, and what else of the child's record is missing."""
    where = clip(ctx.shown(PATHS.child_location, child), SUMMARY_CLIP)
    name = f"<b>{markup(clip(cover.name, SUMMARY_CLIP))}</b>{_small_note(where)}"
    if cover.details.status == coverage.MISSING:
        gap = markup(clip(cover.details.text, SUMMARY_CLIP))
        name += f'<br/><font color="#{GAP_TEXT.hexval()[2:]}"><b>{gap}</b></font>'
    return Paragraph(name, ctx.styles["cell"])


def _age_cell(ctx: Context, age: str, child: dict) -> Paragraph:
    """'7 years' with the date of birth below; 'Unborn, due …', 'About 9' as coverage reads it."""
    s = ctx.styles
    if age == "not known":
        return Paragraph("Not known", s["cell_gap"])
    if age.isdigit():
        age = f"{age} year{'' if age == '1' else 's'}"
    unborn = _value(child, PATHS.child_status) == "unborn"
    born = None if unborn else _day(_value(child, PATHS.child_dob))
    note = f"DOB\u00a0{born:%d/%m/%Y}" if born else ""  # a no-break space: one line
    return Paragraph(markup(age[:1].upper() + age[1:]) + _small_note(note), s["cell"])
