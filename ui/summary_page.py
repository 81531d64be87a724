"""The page before submission: every child's coverage, the risk grade, every problem.

Each child is a row (seen, spoken to alone, own words, interpreter), each cell either done or
the missing item in words — the same reading as the referral's summary (officer_app.coverage).
Each remaining problem is an entry that jumps to its field.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app import coverage, risk, rules, states
from officer_app.definition import GRADE_LABELS
from officer_app.field_path import parse_path

HEADERS = ("Child (age)", "Seen", "Spoken to alone", "Own words", "Interpreter")
FLAG_MARK = "⚑"  # shown to the supervisor; does not block submission
MARKS = {coverage.DONE: "✓", coverage.MISSING: "✗", coverage.NOT_APPLICABLE: "–"}


class SummaryPage(QWidget):
    """Per-child coverage, risk, problems as links, and the Submit button."""

    def __init__(self, form, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.setObjectName("page:summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        heading = QLabel("Summary and submit")
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        layout.addWidget(_caption("Every child"))
        self.children_grid = QGridLayout()
        self.children_grid.setHorizontalSpacing(6)
        for column in range(1, len(HEADERS)):
            self.children_grid.setColumnStretch(column, 1)
        layout.addLayout(self.children_grid)
        layout.addWidget(_caption("Risk"))
        self.risk_label = QLabel()
        self.risk_label.setWordWrap(True)
        self.risk_label.setObjectName("riskSummary")
        layout.addWidget(self.risk_label)
        layout.addWidget(_caption("What still needs doing"))
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.setAccessibleName("Problems: press Enter to go to the field")
        self.problem_list.itemActivated.connect(self._jump)
        self.problem_list.itemClicked.connect(self._jump)
        self.problem_list.setMinimumHeight(160)
        layout.addWidget(self.problem_list, 1)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.submit_button = QPushButton("Submit checklist")
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip("Submit for supervisor review (Ctrl+Enter on this page)")
        self.submit_button.clicked.connect(self.form.submit)
        # only from the summary page: not while typing in a field of another section
        submit_key = QShortcut(QKeySequence("Ctrl+Return"), self, self.submit_button.click)
        submit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_button = QPushButton("Export referral (PDF)")
        self.export_button.clicked.connect(
            lambda: self.form.export_requested.emit(self.form.checklist.id)
        )
        row.addStretch(1)
        row.addWidget(self.export_button)
        row.addWidget(self.submit_button)
        return row

    def update_from(self, form) -> None:
        self._fill_children(
            coverage.child_coverage(form.checklist, form.definition, form.tool, form.problems)
        )
        self._fill_risk(form.assessment)
        self._fill_problems(form.problems)
        draft = states.is_editable(form.checklist.state)
        self.submit_button.setVisible(draft)
        self.export_button.setVisible(not draft and form.checklist.id is not None)

    def _fill_children(self, rows: list[coverage.ChildCoverage]) -> None:
        while self.children_grid.count():
            self.children_grid.takeAt(0).widget().deleteLater()
        for column, text in enumerate(HEADERS):
            label = QLabel(f"<b>{text}</b>")
            label.setWordWrap(True)
            self.children_grid.addWidget(label, 0, column)
        if not rows:
            self.children_grid.addWidget(QLabel("✗ No child recorded yet"), 1, 0, 1, len(HEADERS))
        for r, row in enumerate(rows, start=1):
            name = f"{row.name} ({row.age})"
            if row.details.status == coverage.MISSING:
                name += f"\n{MARKS[coverage.MISSING]}\u00a0{row.details.text}"
            for flag in row.flags:
                name += f"\n{FLAG_MARK}\u00a0For the supervisor: {flag}"
            self.children_grid.addWidget(_plain(name), r, 0, Qt.AlignmentFlag.AlignTop)
            for c, item in enumerate(row.items, start=1):
                cell = _plain(
                    f"{MARKS[item.status]}\u00a0{item.text}"
                )  # the mark stays with its words
                cell.setProperty("status", item.status)
                self.children_grid.addWidget(cell, r, c, Qt.AlignmentFlag.AlignTop)

    def _fill_risk(self, assessment: risk.RiskAssessment) -> None:
        """One fact a line, grades in bold (names and rationale escaped: they are typed)."""
        tool = self.form.tool
        lines = [
            f"Score: {assessment.yes_count} of {assessment.total} answered yes, which gives "
            f"<b>{GRADE_LABELS[assessment.score_grade]}</b>"
        ]
        if assessment.unanswered:
            lines.append(f"{len(assessment.unanswered)} question(s) not answered yet")
        if assessment.officer_grade:
            lines.append(f"Officer's grade: <b>{GRADE_LABELS[assessment.officer_grade]}</b>")
        if assessment.downgraded:
            lines.append("Lower than the score: the rationale goes to the supervisor")
        for qid in assessment.strong_indicators:
            question = tool.question(qid)
            lines.append(f"Strong indicator: {escape(question.text)} <b>Yes</b>")
        rationale = self.form.checklist.get("risk.grade_rationale")
        if rationale:
            lines.append(f"Rationale: {escape(rationale)}")
        self.risk_label.setText("<br>".join(lines))

    def _fill_problems(self, problems: list[rules.Problem]) -> None:
        self.problem_list.clear()
        titles = {s.id: s.title for s in self.form.definition.sections}
        for problem in problems:
            section = titles.get(str(parse_path(problem.path)[0]), "")
            mark = {rules.ERROR: "✗", rules.FLAG: FLAG_MARK}.get(problem.severity, "!")
            item = QListWidgetItem(f"{mark} {section}: {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.path)
            item.setToolTip(f"Go to {problem.path}")
            self.problem_list.addItem(item)
        if not rules.errors(problems):
            self.problem_list.addItem(
                QListWidgetItem("✓ Nothing left: the checklist can be submitted.")
            )

    def _jump(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.form.go_to(path)

    def show_refusal(self, problems: list[rules.Problem]) -> None:
        self.outcome.setText(
            f"Not submitted: {len(problems)} problem(s) must be put right first. "
            "Each one above takes you to its field."
        )
        self.outcome.setProperty("severity", "error")
        self._repolish()

    def show_submitted(self) -> None:
        self.outcome.setText("Submitted for supervisor review. The checklist is now read-only.")
        self.outcome.setProperty("severity", "")
        self._repolish()

    def _repolish(self) -> None:
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.show()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("caption")
    return label


def _plain(text: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # names may hold < and &
    label.setText(text)
    label.setWordWrap(True)
    return label
