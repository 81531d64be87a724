"""The editor for the risk tool's questions: an answer, its source and a comment for each, and
the running score at the bottom, right above the officer's grade (the definition's next field).

For a screen reader every control says which question it belongs to: each answer button is
named with the question ("3. Is the victim very frightened? Yes") and the question's label is
its buddy; the source drop-down and the comment box each have a label linked to them
("Question 3, source of the answer"), since on Linux a drop-down's own name is its current
value and only a linked label names it. A question's problem is the description of each of
its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import GRADE_LABELS, RiskQuestion, RiskTool
from officer_app.risk import RiskAssessment

NOT_SCORED = "Score: not scored yet (no question answered)"
ANSWER_NEEDED = "Answer needed"
NO_SOURCE = "Not chosen"


def score_text(assessment: RiskAssessment, rich: bool = False) -> str:
    """The running score in words ("not scored yet" until the first answer); `rich`: the
    grade in bold, for a rich-text label."""
    if not assessment.answered:
        return NOT_SCORED
    grade = GRADE_LABELS[assessment.score_grade]
    text = f"Score: {assessment.yes_count} Yes of {assessment.total} questions gives " + (
        f"<b>{grade}</b>" if rich else grade
    )
    if assessment.unanswered:
        text += f" so far ({assessment.answered} of {assessment.total} answered)"
    return text


class RiskAnswersEditor(QWidget):
    """Every question of the risk tool: an answer, the source of the answer, a comment."""

    def __init__(self, path: str, tool: RiskTool, form, parent: QWidget | None = None):
        super().__init__(parent)
        self.path, self.tool, self.form = path, tool, form
        self.setObjectName(f"risk:{path}")
        self.rows: dict[str, tuple[QButtonGroup, QComboBox, QLineEdit, QLabel]] = {}
        self.labels: dict[str, QLabel] = {}  # each question's text, the buddy of its first button
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(3)
        outer.addLayout(grid)
        for i, question in enumerate(tool.questions):
            self._add_question(grid, i * 4, question)
        self.score = QLabel(NOT_SCORED)
        self.score.setObjectName("riskScore")
        self.score.setWordWrap(True)
        outer.addWidget(self.score)

    def _add_question(self, grid: QGridLayout, row: int, question: RiskQuestion) -> None:
        n = question.number
        text = QLabel(f"{n}. {question.text}")
        text.setWordWrap(True)
        text.setObjectName("riskQuestion")
        grid.addWidget(text, row, 0, 1, 3)
        answers = QHBoxLayout()
        answers.setSpacing(14)
        group = QButtonGroup(self)
        for j, answer in enumerate(self.tool.answers):
            button = QRadioButton(answer.label)
            button.setAccessibleName(f"{n}. {question.text} {answer.label}")
            group.addButton(button, j)
            answers.addWidget(button)
        text.setBuddy(group.button(0))
        self.labels[question.id] = text
        group.idClicked.connect(
            lambda j, q=question.id: self._set(q, "answer", self.tool.answers[j].value)
        )
        problem = QLabel()
        problem.setObjectName("fieldProblem")
        problem.hide()
        line = QHBoxLayout()
        line.addLayout(answers)
        line.addSpacing(18)
        line.addWidget(problem)
        line.addStretch(1)
        grid.addLayout(line, row + 1, 0, 1, 3)
        source, comment = self._details(grid, row + 2, question)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.HLine)
        divider.setObjectName("riskDivider")
        grid.addWidget(divider, row + 3, 0, 1, 3)
        self.rows[question.id] = (group, source, comment, problem)

    def _details(
        self, grid: QGridLayout, row: int, question: RiskQuestion
    ) -> tuple[QComboBox, QLineEdit]:
        """The source and the comment, each with a label linked to it (its buddy)."""
        n = question.number
        source = QComboBox()
        source.addItem(NO_SOURCE, None)
        for s in self.tool.sources:
            source.addItem(s.label, s.value)
        source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        source.setMinimumContentsLength(12)
        source.activated.connect(
            lambda k, q=question.id, c=source: self._set(q, "source", c.itemData(k))
        )
        comment = QLineEdit()
        comment.textEdited.connect(lambda t, q=question.id: self._set(q, "comment", t))
        details = QHBoxLayout()  # the comment gets the room: question 3 asks for detail
        details.setSpacing(6)
        for caption, widget, name in (
            ("Source", source, f"Question {n}, source of the answer"),
            ("Comment", comment, f"Question {n}, comment"),
        ):
            label = QLabel(caption)
            label.setAccessibleName(name)  # what a screen reader says for the linked control
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            if widget is comment:
                details.addSpacing(12)
            details.addWidget(label)
            details.addWidget(widget, 1 if widget is comment else 0)
        grid.addLayout(details, row, 0, 1, 3)
        return source, comment

    def _set(self, qid: str, key: str, value) -> None:
        answers = dict(self.form.checklist.get(self.path) or {})
        entry = dict(answers.get(qid) or {})
        entry[key] = value
        answers[qid] = entry
        self.form.on_edited(self.path, answers)

    def show_value(self, value) -> None:
        answers = value if isinstance(value, dict) else {}
        values = [a.value for a in self.tool.answers]
        for qid, (group, source, comment, _) in self.rows.items():
            entry = answers.get(qid) or {}
            checked = group.checkedButton()
            if entry.get("answer") in values:
                group.buttons()[values.index(entry["answer"])].setChecked(True)
            elif checked is not None:  # cleared elsewhere: no button stays on
                group.setExclusive(False)
                checked.setChecked(False)
                group.setExclusive(True)
            source.setCurrentIndex(max(source.findData(entry.get("source")), 0))
            if comment.text() != (entry.get("comment") or ""):
                comment.setText(entry.get("comment") or "")

    def show_score(self, assessment: RiskAssessment) -> None:
        """The running score, right above the officer's grade."""
        self.score.setText(score_text(assessment))

    def set_question_problems(self, problems: dict[str, str]) -> None:
        """Show "Answer needed" beside each question in `problems` (question id -> message);
        every button of the question gets it as its description."""
        for qid, (group, _, _, label) in self.rows.items():
            needed = qid in problems
            label.setText(ANSWER_NEEDED if needed else "")
            label.setToolTip(problems.get(qid, ""))
            label.setVisible(needed)
            for button in group.buttons():
                if button.accessibleDescription() != (ANSWER_NEEDED if needed else ""):
                    button.setAccessibleDescription(ANSWER_NEEDED if needed else "")

    def focus_question(self, qid: str) -> QWidget | None:
        """Give the focus to the question's chosen answer (its first one if none)."""
        row = self.rows.get(qid)
        if row is None:
            return None
        button = row[0].checkedButton() or row[0].buttons()[0]
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        return button

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)
