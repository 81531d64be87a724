"""The summary's list of what still needs doing: each entry a link to its field.

The risk tool's unanswered questions are one entry ("Risk: 27 questions not answered yet")
that goes to the first of them, not one line a question. Texts wrap: the list never scrolls
sideways. Activating an entry (Enter, a click) emits `go_to(path)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from officer_app import rules
from officer_app.definition import Definition, RiskTool
from officer_app.field_path import parse_path
from ui.summary_children import FLAG_MARK

RISK_ANSWERS = "risk.answers."
LISTED_NUMBERS = 6  # up to this many unanswered questions are named by number
MIN_ROWS_HEIGHT = 160  # at most this much is kept for the list: a short list keeps less


@dataclass(frozen=True)
class Entry:
    """One line of the list: what it says, the field it goes to, how serious it is."""

    text: str
    path: str
    severity: str


def entries(problems: list[rules.Problem], definition: Definition, tool: RiskTool) -> list[Entry]:
    """The list's lines in the problems' order; unanswered risk questions make one line, in
    the place of the first of them."""
    titles = {s.id: s.title for s in definition.sections}
    unanswered = [p for p in problems if unanswered_question(p)]
    result: list[Entry] = []
    for problem in problems:
        if unanswered_question(problem) and len(unanswered) > 1:
            if problem is unanswered[0]:
                result.append(_risk_entry(unanswered, titles, tool))
            continue
        section = titles.get(str(parse_path(problem.path)[0]), "")
        text = f"{_mark(problem)} {section}: {problem.message}"
        result.append(Entry(text, problem.path, problem.severity))
    return result


def unanswered_question(problem: rules.Problem) -> bool:
    """A risk question not answered yet (the form holds these back like a required field)."""
    return (
        problem.rule == "risk"
        and problem.severity == rules.ERROR
        and problem.path.startswith(RISK_ANSWERS)
    )


def _risk_entry(unanswered: list[rules.Problem], titles: dict[str, str], tool: RiskTool) -> Entry:
    numbers = []
    for problem in unanswered:
        question = tool.question(problem.path[len(RISK_ANSWERS) :])
        numbers.append(str(question.number) if question else "?")
    if len(numbers) <= LISTED_NUMBERS:
        which = f"questions {', '.join(numbers[:-1])} and {numbers[-1]}"
    else:
        which = f"the first is question {numbers[0]}"
    section = titles.get("risk", "Risk")
    text = f"✗ {section}: {len(unanswered)} questions not answered yet ({which})"
    return Entry(text, unanswered[0].path, rules.ERROR)


def _mark(problem: rules.Problem) -> str:
    return {rules.ERROR: "✗", rules.FLAG: FLAG_MARK}.get(problem.severity, "!")


class ProblemList(QListWidget):
    """The entries as links; `go_to(path)` when one is activated."""

    go_to = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemList")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMinimumHeight(MIN_ROWS_HEIGHT)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_entries(self, shown: list[Entry]) -> None:
        self.clear()
        for entry in shown:
            item = QListWidgetItem(entry.text)
            item.setData(Qt.ItemDataRole.UserRole, entry.path)
            item.setToolTip("Go to this answer (Enter)")
            self.addItem(item)
        self.setAccessibleName(
            f"What still needs doing, {len(shown)} entries: Enter on one goes to its answer"
        )
        # a list of one or two notes keeps only their room, so Submit stays on screen
        rows = sum(max(self.sizeHintForRow(i), 20) for i in range(self.count()))
        self.setMinimumHeight(min(MIN_ROWS_HEIGHT, rows + 2 * self.frameWidth() + 4))

    def paths(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.go_to.emit(path)
