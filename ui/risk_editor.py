"""The editor for the risk tool's questions: an answer, its source and a comment for each, and
the running score."""

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

from officer_app.definition import GRADE_LABELS, RiskTool


class RiskAnswersEditor(QWidget):
    """Every question of the risk tool: an answer, the source of the answer, a comment."""

    def __init__(self, path: str, tool: RiskTool, form, parent: QWidget | None = None):
        super().__init__(parent)
        self.path, self.tool, self.form = path, tool, form
        self.setObjectName(f"risk:{path}")
        self.rows: dict[str, tuple[QButtonGroup, QComboBox, QLineEdit, QLabel]] = {}
        outer = QVBoxLayout(self)
        self.score = QLabel()
        self.score.setObjectName("riskScore")
        self.score.setWordWrap(True)
        outer.addWidget(self.score)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(3)
        outer.addLayout(grid)
        for i, question in enumerate(tool.questions):
            self._add_question(grid, i * 4, question)

    def _add_question(self, grid: QGridLayout, row: int, question) -> None:
        text = QLabel(f"{question.number}. {question.text}")
        text.setWordWrap(True)
        grid.addWidget(text, row, 0, 1, 3)
        answers = QHBoxLayout()
        answers.setSpacing(14)
        group = QButtonGroup(self)
        for j, answer in enumerate(self.tool.answers):
            button = QRadioButton(answer.label)
            button.setAccessibleName(f"Question {question.number}: {answer.label}")
            group.addButton(button, j)
            answers.addWidget(button)
        group.idClicked.connect(
            lambda j, q=question.id: self._set(q, "answer", self.tool.answers[j].value)
        )
        source = QComboBox()
        source.setAccessibleName(f"Question {question.number}: source of the answer")
        source.addItem("Source…", None)
        for s in self.tool.sources:
            source.addItem(s.label, s.value)
        source.activated.connect(
            lambda k, q=question.id, c=source: self._set(q, "source", c.itemData(k))
        )
        comment = QLineEdit()
        comment.setPlaceholderText("Comment")
        comment.setAccessibleName(f"Question {question.number}: comment")
        comment.textEdited.connect(lambda t, q=question.id: self._set(q, "comment", t))
        problem = QLabel()
        problem.setObjectName("fieldProblem")
        problem.hide()
        source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        source.setMinimumContentsLength(12)
        line = QHBoxLayout()
        line.addLayout(answers)
        line.addWidget(problem)
        line.addStretch(1)
        grid.addLayout(line, row + 1, 0, 1, 3)
        details = QHBoxLayout()  # the comment gets the room: question 3 asks for detail
        details.addWidget(source)
        details.addWidget(comment, 1)
        grid.addLayout(details, row + 2, 0, 1, 3)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.HLine)
        divider.setObjectName("riskDivider")
        grid.addWidget(divider, row + 3, 0, 1, 3)
        self.rows[question.id] = (group, source, comment, problem)

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
            if entry.get("answer") in values:
                group.button(values.index(entry["answer"])).setChecked(True)
            source.setCurrentIndex(max(source.findData(entry.get("source")), 0))
            if comment.text() != (entry.get("comment") or ""):
                comment.setText(entry.get("comment") or "")

    def show_score(self, assessment) -> None:
        """The running score, so the officer sees it while choosing a grade."""
        self.score.setText(
            f"Answered {assessment.answered} of {assessment.total} · "
            f"{assessment.yes_count} yes · the score gives "
            f"{GRADE_LABELS[assessment.score_grade]}"
        )

    def set_question_problems(self, problems: dict[str, str]) -> None:
        for qid, (_, _, _, label) in self.rows.items():
            label.setText("Answer needed" if qid in problems else "")
            label.setToolTip(problems.get(qid, ""))
            label.setVisible(qid in problems)

    def focus_question(self, qid: str) -> QWidget | None:
        row = self.rows.get(qid)
        if row is None:
            return None
        row[0].buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return row[0].buttons()[0]

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)
