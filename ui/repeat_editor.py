"""Editors for repeats (children, adults, officers, checks) and for the risk questions.

A repeat editor lays out one block of fields per entry. Children and adults get a tab per
entry, titled with the person's name; smaller repeats (officers, intelligence checks,
relationships) are stacked boxes. Adding, removing or reordering entries asks the form to
change the checklist and rebuild this editor, so field paths always match the entries.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import GRADE_LABELS, Field, RiskTool
from officer_app.field_path import join_path

TITLE_CHARS = 36


class RepeatEditor(QWidget):
    """All entries of one repeat at `path`; `form` builds the fields of each entry."""

    def __init__(self, field: Field, path: str, form, tabs: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.field, self.path, self.form, self.use_tabs = field, path, form, tabs
        self.item_label = field.item_label or "Entry"
        self.setObjectName(f"repeat:{path}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.body = QTabWidget() if tabs else QWidget()
        if not tabs:
            QVBoxLayout(self.body).setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        self.add_button = QPushButton(f"Add {self.item_label.lower()}")
        self.add_button.setAccessibleName(f"Add {self.item_label.lower()} to {field.label}")
        self.add_button.clicked.connect(lambda: self.form.add_entry(self.path))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.rebuild()

    def entries(self) -> list[dict]:
        return self.form.checklist.items(self.path)

    def rebuild(self) -> None:
        """Build one block per entry from the checklist as it is now."""
        self.form.forget_under(self.path + "[")
        current = self.body.currentIndex() if self.use_tabs else 0
        if self.use_tabs:
            pages = [self.body.widget(i) for i in range(self.body.count())]
            self.body.clear()  # removes the tabs but does not delete their pages
            for page in pages:
                page.deleteLater()
        else:
            while self.body.layout().count():
                self.body.layout().takeAt(0).widget().deleteLater()
        for index in range(len(self.entries())):
            self._add_block(index)
        if self.use_tabs and self.body.count():
            self.body.setCurrentIndex(min(max(current, 0), self.body.count() - 1))
        self.body.setVisible(bool(self.entries()))
        self.refresh_titles()

    def _add_block(self, index: int) -> None:
        entry_path = join_path(self.path, index)
        block = QGroupBox() if not self.use_tabs else QFrame()
        layout = QVBoxLayout(block)
        self.form.build_fields(self.field.fields, entry_path, layout)
        layout.addLayout(self._entry_buttons(index))  # below the fields: removing is not first
        layout.addStretch(1)
        if self.use_tabs:
            self.body.addTab(block, "")
        else:
            self.body.layout().addWidget(block)

    def _entry_buttons(self, index: int) -> QHBoxLayout:
        row = QHBoxLayout()
        name = self.entry_title(index)
        last = len(self.entries()) - 1
        for text, spoken, handler, enabled in (
            ("Earlier", "Move earlier", lambda: self.form.move_entry(self.path, index, index - 1),
             index > 0),
            ("Later", "Move later", lambda: self.form.move_entry(self.path, index, index + 1),
             index < last),
            ("Remove", f"Remove this {self.item_label.lower()}",
             lambda: self._confirm_remove(index), True),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setAccessibleName(f"{spoken}: {name}")
            button.setToolTip(f"{spoken}: {name}")
            button.setEnabled(enabled and not self.form.read_only)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _confirm_remove(self, index: int) -> None:
        name = self.entry_title(index)
        answer = QMessageBox.question(
            self,
            f"Remove {self.item_label.lower()}",
            f"Remove {name} and everything recorded about them from this checklist?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.form.remove_entry(self.path, index)

    def entry_title(self, index: int) -> str:
        """The entry's name (or 'Child 2'), shortened: a group box title does not wrap."""
        title = self._full_title(index)
        return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"

    def _full_title(self, index: int) -> str:
        entry = self.entries()[index] if index < len(self.entries()) else {}
        title = entry.get(self.field.title_field) if self.field.title_field else None
        if self.field.title_field == "child" and title:
            title = self.form.checklist.child_names().get(title)
        if title and self.field.title_field == "system":
            title = self.field.subfield("system").choice_label(title)
        return (
            str(title).strip() if title and str(title).strip() else f"{self.item_label} {index + 1}"
        )

    def refresh_titles(self) -> None:
        for index in range(len(self.entries())):
            title = self.entry_title(index)
            if self.use_tabs:
                self.body.setTabText(index, title)
                self.body.setTabToolTip(index, self._full_title(index))
            else:
                block = self.body.layout().itemAt(index).widget()
                block.setToolTip(self._full_title(index))
                block.setTitle(
                    f"{self.item_label} {index + 1}: {title}"
                    if not title.startswith(self.item_label)
                    else title
                )
        self.add_button.setEnabled(not self.form.read_only)

    def show_entry(self, index: int) -> None:
        if self.use_tabs and 0 <= index < self.body.count():
            self.body.setCurrentIndex(index)

    def set_problem(self, message: str, severity: str = "error") -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)


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
