"""The checklist itself, section by section: walk() output turned into flowables. A heading
per section and entry, short answers in label | value tables, long text as full-width blocks,
the child's own words as a quotation, the risk answers as a table. Labels are the
definition's, so a field added to a definition appears here with no code change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Indenter, Paragraph, Spacer

from officer_app import fields as ft
from officer_app.checklist import Answer
from officer_app.field_path import join_path, parse_path
from officer_app.referral.blocks import (
    SUMMARY_CLIP,
    QuoteParagraph,
    cell_text,
    clip,
    fits_in_cell,
    heading,
    label_value_table,
    para,
    table,
    text_block,
)
from officer_app.referral.context import Context
from officer_app.referral.style import CONTENT_WIDTH, GAP_BG, INDENT, NOT_RECORDED, STRONG_BG


class _Paths(NamedTuple):
    """The one field path this module names (the rest come from walking the definition)."""

    children: str = "children"  # verbatim answers here are 'In the child's own words'


PATHS = _Paths()

GROUP_TITLES = {
    "observation": "What the officer observed (facts)",
    "opinion": "Officer's opinion (kept apart from the facts)",
    "other": "Further details",  # ordinary fields after observations or opinion
}

RISK_COLUMNS = ("No.", "Question", "Answer", "Source", "Comment")
RISK_WIDTHS = [9 * mm, 57 * mm, 19 * mm, 25 * mm, CONTENT_WIDTH - 110 * mm]
COMMENT_CLIP = 400  # longer risk comments are printed in full below the table
QUESTION_CLIP = 600  # a risk tool's question text in its cell (a force's file, kept sane)


@dataclass(frozen=True)
class _Entry:
    """One repeat entry that holds an answer: 'children[0]', 'adults[1].relationships[0]'."""

    path: str
    repeat_path: str
    index: int
    nested: bool  # a repeat inside a section or entry (indented), not a repeat section


def _entry_chain(parts: list[str | int]) -> list[_Entry]:
    chain, path = [], ""
    for position, part in enumerate(parts):
        if isinstance(part, int):
            chain.append(_Entry(join_path(path, part), path, part, nested=position > 1))
        path = join_path(path, part)
    return chain


class Details:
    """Turns walk() output into flowables: add() each answer in order, then finish()."""

    def __init__(self, ctx: Context):
        self.ctx, self.s = ctx, ctx.styles
        self.story: list[Flowable] = []
        self.rows: list[tuple[str, str, str]] = []
        self.section: str | None = None
        self.entries: set[str] = set()
        self.indent = 0.0
        self.group: tuple[str, str] | None = None

    def add(self, answer: Answer) -> None:
        parts = parse_path(answer.path)
        if parts[0] != self.section:
            self._start_section(str(parts[0]))
        chain = _entry_chain(parts)
        for position, entry in enumerate(chain):
            if entry.path not in self.entries:
                self._start_entry(entry, sum(e.nested for e in chain[: position + 1]))
        self._set_indent(sum(e.nested for e in chain))
        self._field(answer, parts)

    def finish(self) -> list[Flowable]:
        self._set_indent(0)
        self._flush()
        return self.story

    # -- structure

    def _start_section(self, section_id: str) -> None:
        self._set_indent(0)
        self._flush()
        self.section, self.group = section_id, None
        title = self.ctx.definition.section(section_id).title
        self.story += heading(title, self.s["h1"], 45 * mm)

    def _start_entry(self, entry: _Entry, depth: int) -> None:
        self.entries.add(entry.path)
        self.group = None
        field = self.ctx.definition.field_for_path(entry.repeat_path)
        title = f"{(field.item_label if field else '') or 'Entry'} {entry.index + 1}"
        item = self.ctx.checklist.get(entry.path)
        sub = field.subfield(field.title_field) if field and field.title_field else None
        if sub is not None and isinstance(item, dict):
            shown = ft.display_value(sub, item.get(sub.id), self.ctx.child_names)
            title += f": {clip(shown, SUMMARY_CLIP)}" if shown else ""
        self._set_indent(depth)
        self._flush()
        if entry.nested:
            self.story += heading(title, self.s["h3"])
        else:
            self.story += heading(title, self.s["h2"], 40 * mm)

    def _set_indent(self, depth: int) -> None:
        target = depth * INDENT
        if target != self.indent:
            self._flush()
            self.story.append(Indenter(left=target - self.indent))
            self.indent = target

    def _flush(self) -> None:
        if self.rows:
            self.story.append(label_value_table(self.rows, self.indent))
            self.story.append(Spacer(1, 3))
            self.rows = []

    # -- fields

    def _field(self, answer: Answer, parts: list[str | int]) -> None:
        field, value = answer.field, answer.value
        if field.type == "repeat":
            self._repeat(answer, top_level=len(parts) == 1)
            return
        if field.type == "risk_answers":
            self._flush()
            self.story += risk_table(self.ctx, field.label, value)
            return
        if ft.is_empty(value) and not field.required:
            return
        self._group_heading(answer)
        if ft.is_empty(value):
            self.rows.append((field.label, NOT_RECORDED, "gap"))
            return
        text = ft.display_value(field, value, self.ctx.child_names)
        if field.verbatim:
            self._quote(answer, text)
        elif not fits_in_cell(text):
            self._block(field.label, text, "opinion" if field.opinion else "body")
        else:
            self.rows.append((field.label, text, "opinion" if field.opinion else ""))

    def _repeat(self, answer: Answer, top_level: bool) -> None:
        field = answer.field
        items = answer.value if isinstance(answer.value, list) else []
        if items and not top_level:
            self._flush()
            self.story += heading(field.label, self.s["group"], 45 * mm)  # + the first entry
        elif not items and top_level:
            self._flush()
            self.story.append(Paragraph(NOT_RECORDED if field.min_items else "None", self.s["gap"]))
        elif not items and (field.required or field.min_items):
            self.rows.append((field.label, NOT_RECORDED, "gap"))

    def _group_heading(self, answer: Answer) -> None:
        """'What the officer observed (facts)' / 'Officer's opinion' above those fields."""
        field = answer.field
        kind = "observation" if field.observation else "opinion" if field.opinion else "other"
        key = (answer.path.rpartition(".")[0], kind)
        if key != self.group and (kind != "other" or self.group is not None):
            self._flush()
            self.story += heading(GROUP_TITLES[kind], self.s["group"])
        self.group = key

    def _block(self, label: str, text: str, style: str) -> None:
        self._flush()
        self.story += heading(label, self.s["label"], 20 * mm)
        self.story += text_block(text, self.s[style])

    def _quote(self, answer: Answer, text: str) -> None:
        self._flush()
        in_child = str(parse_path(answer.path)[0]) == PATHS.children
        label = "In the child's own words" if in_child else f"{answer.field.label} (verbatim)"
        self.story += heading(label, self.s["quote_label"])
        self.story += text_block(text, self.s["quote"], "“", "”", QuoteParagraph)


# ---------------------------------------------------------------- the risk answers


def risk_table(ctx: Context, label: str, answers: Any) -> list[Flowable]:
    """All questions of the tool, answered or not; long comments printed in full below."""
    s, tool = ctx.styles, ctx.tool
    answers = answers if isinstance(answers, dict) else {}
    rows: list[list] = [[Paragraph(h, s["cell_head"]) for h in RISK_COLUMNS]]
    commands: list[tuple] = []
    long_comments: list[tuple[int, str]] = []
    for r, question in enumerate(tool.questions, start=1):
        entry = answers.get(question.id)
        entry = entry if isinstance(entry, dict) else {}
        answer, comment = entry.get("answer"), str(entry.get("comment") or "")
        counted = answer == tool.counted_answer
        shown = clip(comment, COMMENT_CLIP)
        if shown != clip(comment, len(comment)):
            long_comments.append((question.number, comment))
            shown += " (in full below the table)"
        source = tool.source_label(entry["source"]) if entry.get("source") else ""
        rows.append(
            [
                Paragraph(str(question.number), s["cell"]),
                para(cell_text(question.text, QUESTION_CLIP), s["cell"]),
                para(
                    clip(tool.answer_label(answer), SUMMARY_CLIP),
                    s["cell_bold"] if counted else s["cell"],
                )
                if answer
                else Paragraph("Not<br/>recorded", s["cell_gap"]),
                para(clip(source, SUMMARY_CLIP), s["cell"]),
                para(shown, s["cell"]),
            ]
        )
        if counted and question.id in tool.strong_indicators:
            commands.append(("BACKGROUND", (0, r), (-1, r), STRONG_BG))
        elif not answer:
            commands.append(("BACKGROUND", (2, r), (2, r), GAP_BG))
    a = ctx.assessment
    note = (
        f"{tool.title}. {a.yes_count} of {a.total} answered yes. Shaded rows: strong "
        "indicators answered yes."
    )
    flows = heading(label, s["h3"], 40 * mm) + [para(note, s["note"]), Spacer(1, 3)]
    flows.append(table(rows, RISK_WIDTHS, commands, True))
    for number, comment in long_comments:
        flows += heading(f"Comment on question {number}, in full", s["label"], 20 * mm)
        flows += text_block(comment, s["body"])
    flows.append(Spacer(1, 6))
    return flows
