"""The page before submission: every child's coverage, the risk grade, every problem.

Every child is a row of a table (ui.summary_children), each cell done or the missing item in
words: the same reading as the referral's summary (officer_app.coverage). Each remaining
problem is a link to its field (ui.summary_problems), and so is each of a returned
checklist's reasons (ui.return_notes), listed first. The outcome line is worked out afresh on
every change, so it always agrees with the problems shown. Submitting asks first
(ui.submit_dialog) when the rules allow it; a refused or a successful submission is announced
to screen readers.

"Summary and submit" only while the form can submit (the signed-in officer's draft or
returned checklist); otherwise it is "Summary", with no Submit button and no question.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from officer_app import coverage, permissions, risk, rules, states
from officer_app.definition import GRADE_LABELS
from ui.accessibility import section_name
from ui.notices import announce, repolish
from ui.return_notes import ReasonList
from ui.risk_editor import score_text
from ui.submit_dialog import SubmitConfirmation
from ui.summary_children import ChildrenTable
from ui.summary_problems import ProblemList, entries

NOTHING_LEFT = "✓ Nothing left: the checklist can be submitted."
NOTES_ONLY = "✓ Nothing blocks submission. Read the notes above before you submit."
SUBMITTED = "Submitted for supervisor review. The checklist is now read-only."
EDITABLE_TITLE, READ_ONLY_TITLE = "Summary and submit", "Summary"


def summary_title(read_only: bool) -> str:
    return READ_ONLY_TITLE if read_only else EDITABLE_TITLE


class SummaryPage(QWidget):
    """Per-child coverage, risk, problems as links, the outcome and the Submit button."""

    def __init__(self, form, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.refused = False  # the last submission was refused and errors remain
        self.errors_listed = 0  # the list's error lines (unanswered risk questions are one)
        self.confirmation: SubmitConfirmation | None = None
        self.setObjectName("page:summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel(summary_title(form.read_only))
        self.heading.setObjectName("sectionHeading")
        layout.addWidget(self.heading)
        self.reasons_caption = _caption("Returned by the supervisor: put these right")
        layout.addWidget(self.reasons_caption)
        self.reasons = ReasonList("The supervisor's reasons for returning it")
        self.reasons.go_to.connect(self.form.go_to)
        self.reasons_caption.setBuddy(self.reasons)
        layout.addWidget(self.reasons)
        children_caption = _caption("Every child")
        layout.addWidget(children_caption)
        self.no_children = QLabel("✗ No child recorded yet")
        layout.addWidget(self.no_children)
        self.children_table = ChildrenTable()
        children_caption.setBuddy(self.children_table)
        layout.addWidget(self.children_table)
        layout.addWidget(_caption("Risk"))
        self.risk_label = QLabel()
        self.risk_label.setWordWrap(True)
        self.risk_label.setObjectName("riskSummary")
        layout.addWidget(self.risk_label)
        problems_caption = _caption("What still needs doing")
        layout.addWidget(problems_caption)
        self.problem_list = ProblemList()
        self.problem_list.go_to.connect(self.form.go_to)
        problems_caption.setBuddy(self.problem_list)
        layout.addWidget(self.problem_list, 1000)  # the list takes the room while it shows
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.outcome)
        layout.addStretch(1)  # and this space when it is hidden
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.submit_button = QPushButton("Submit checklist")
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip("Submit for supervisor review (Ctrl+Enter on this page)")
        self.submit_button.clicked.connect(self.request_submit)
        # only from the summary page: not while typing in a field of another section
        submit_key = QShortcut(QKeySequence("Ctrl+Return"), self, self.request_submit)
        submit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_button = QPushButton("Export referral (PDF)")
        self.export_button.clicked.connect(
            lambda: self.form.export_requested.emit(self.form.checklist.id)
        )
        row.addStretch(1)
        row.addWidget(self.export_button)
        row.addWidget(self.submit_button)
        return row

    # ---------------------------------------------------------------- showing

    def update_from(self, form) -> None:
        self._retitle()
        if self.reasons.texts() != [r.text for r in form.notes.reasons]:
            self.reasons.show_reasons(form.notes.reasons)
        for widget in (self.reasons_caption, self.reasons):
            widget.setVisible(bool(form.notes.reasons))
        rows = coverage.child_coverage(form.checklist, form.definition, form.tool, form.problems)
        self.children_table.fill(rows)
        self.children_table.setVisible(bool(rows))
        self.no_children.setVisible(not rows)
        self.risk_label.setText(self._risk_text(form.assessment))
        shown = entries(form.problems, form.definition, form.tool)
        self.errors_listed = sum(1 for e in shown if e.severity == rules.ERROR)
        self.problem_list.show_entries(shown)
        self.problem_list.setVisible(bool(shown))
        self.submit_button.setVisible(not form.read_only)
        # only what the core would export: approved, by someone who exports (an administrator)
        approved = states.is_approved(form.checklist.state) and form.checklist.id is not None
        self.export_button.setVisible(approved and permissions.may(form.store.user, "export"))
        self._show_outcome()

    def _retitle(self) -> None:
        """The page's heading, its line in the section list and its name for a screen reader:
        "Summary" once nothing can be submitted here."""
        title, form = summary_title(self.form.read_only), self.form
        if self.heading.text() != title:
            self.heading.setText(title)
            count = form.sections.count()
            form.sections.item(count - 1).setText(f"{count}. {title}")
            form.pages.widget(count - 1).setAccessibleName(section_name(count, count, title))

    def _risk_text(self, assessment: risk.RiskAssessment) -> str:
        """One fact a line, the score beside the officer's grade (typed text escaped)."""
        score = score_text(assessment, rich=True)
        grade = assessment.officer_grade
        officer = f"<b>{GRADE_LABELS[grade]}</b>" if grade in GRADE_LABELS else "not chosen yet"
        lines = [f"{score}  ·  Officer's grade: {officer}"]
        if assessment.downgraded:
            lines.append("Lower than the score: the rationale goes to the supervisor")
        for qid in assessment.strong_indicators:
            question = self.form.tool.question(qid)
            if question:
                lines.append(f"Strong indicator: {escape(question.text)} <b>Yes</b>")
        rationale = self.form.checklist.get("risk.grade_rationale")
        if rationale:
            lines.append(f"Rationale: {escape(rationale)}")
        return "<br>".join(lines)

    def _show_outcome(self) -> None:
        """The outcome line from the present state and problems, never an old verdict."""
        errors = rules.errors(self.form.problems)
        if not errors:
            self.refused = False
        if self.form.read_only:  # just submitted, or read-only: the state or why, in words
            state = self.form.checklist.state
            text = SUBMITTED if state == states.SUBMITTED else f"Read-only: {self.form.refusal}"
            severity = ""
        elif errors and self.refused:  # counted as the list shows them (risk gaps as one)
            text, severity = _refusal(self.errors_listed or len(errors)), "error"
        elif errors:
            text, severity = "", ""  # the list says what to do; no verdict before a try
        else:
            text, severity = (NOTES_ONLY if self.form.problems else NOTHING_LEFT), ""
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))
        if self.outcome.property("severity") != severity:
            self.outcome.setProperty("severity", severity)
            repolish(self.outcome)

    # ---------------------------------------------------------------- submitting

    def request_submit(self) -> None:
        """Submit after the officer confirms. A submission the rules refuse undoes nothing, so
        it is refused at once, without the question."""
        if self.form.read_only or self.confirmation is not None:
            return
        self.form.refresh()
        if rules.errors(self.form.problems):
            self.form.submit()
            return
        rows = coverage.child_coverage(
            self.form.checklist, self.form.definition, self.form.tool, self.form.problems
        )
        assessment = self.form.assessment
        risk_line = f"Risk grade: {GRADE_LABELS[assessment.final_grade]}. {score_text(assessment)}."
        checklist = self.form.checklist
        parts = (checklist.get("incident.reference"), checklist.get("incident.address"))
        which = " · ".join(" ".join(str(p).split()) for p in parts if p)  # one line each
        self.confirmation = SubmitConfirmation(rows, risk_line, self.window(), which=which)
        self.confirmation.accepted.connect(self._confirmed)
        self.confirmation.finished.connect(self._confirmation_closed)
        self.confirmation.open()

    def _confirmation_closed(self) -> None:
        self.confirmation = None

    def _confirmed(self) -> None:
        self.form.submit()

    def show_refusal(self, problems: list[rules.Problem]) -> None:
        """Called by the form when the rules refused the submission."""
        self.refused = True
        self._show_outcome()
        self._bring_into_view(self.submit_button, self.outcome)
        if self.problem_list.count():
            self.problem_list.setCurrentRow(0)
            self.problem_list.setFocus(Qt.FocusReason.OtherFocusReason)
        errors = self.errors_listed or len(rules.errors(problems)) or len(problems)
        announce(self.outcome, _refusal(errors) + " The list of problems has the focus.", True)

    def show_submitted(self) -> None:
        """Called by the form once the checklist is submitted."""
        self._show_outcome()
        if self.export_button.isVisible():
            self.export_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # Submit went with the focus: the section list, not a button picked by Qt
            self.form.sections.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.outcome, SUBMITTED)

    def _bring_into_view(self, *widgets: QWidget) -> None:
        """Scroll the page (the form's scroll area) so `widgets` show, the last one surely."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            # lay out what the refresh changed first, so the positions are true
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            for widget in widgets:
                parent.ensureWidgetVisible(widget, 10, 10)


def _refusal(count: int) -> str:
    things = "1 problem" if count == 1 else f"{count} problems"
    return f"Not submitted: {things} must be put right first. Each one above goes to its answer."


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("caption")
    return label
