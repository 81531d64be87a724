"""The checklist form: section list, one generated page per section, the summary, autosave.

Nothing here is written per field: pages are built from the definition, editors from field
types. Every edit goes to the Checklist at its path, shows or hides the fields whose condition
it changes at once (before the next key is handled), starts the autosave, and after a short
pause re-runs the rules, so problems follow the officer's typing.

Focus: Tab follows the pages as drawn (ui.focus_order), set again whenever entries are added,
removed or moved; a new entry, a section change and a problem link each put the focus on a
field (ui.form_navigation).

Only its officer changes a draft or returned checklist (ui.form_saving.editing_refusal); else
it opens read-only, never saving. A returned one shows its reasons (ui.return_notes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from officer_app import risk, rules, workflow
from officer_app.checklist import Checklist, walk
from officer_app.definition import Field
from officer_app.field_path import join_path, parse_path
from officer_app.library import Library
from officer_app.store import PermissionDenied, Store, StoreError
from ui.accessibility import name_sections
from ui.field_widgets import FieldRow, make_editor
from ui.form_navigation import FormNavigation
from ui.form_saving import FormSaving, editing_refusal, state_text
from ui.repeat_editor import RepeatEditor
from ui.return_notes import ReturnNotes
from ui.risk_editor import RiskAnswersEditor
from ui.summary_page import SummaryPage, summary_title
from ui.summary_problems import unanswered_question

CHECK_DELAY_MS = 250


class ChecklistForm(QWidget):
    """Edits one checklist; saves it itself. Read-only unless it is the signed-in officer's
    draft or returned checklist."""

    checklist_saved = Signal(int)
    checklist_submitted = Signal(int)
    export_requested = Signal(int)

    def __init__(
        self,
        store: Store,
        library: Library,
        checklist: Checklist,
        parent: QWidget | None = None,
        recovered_from: Path | None = None,
    ):
        super().__init__(parent)
        self.store, self.library, self.checklist = store, library, checklist
        self.definition, self.tool = library.for_checklist(checklist)
        self.refusal = editing_refusal(store, checklist)  # why it is read-only, if it is
        self.read_only = bool(self.refusal)
        self.rows: dict[str, QWidget] = {}
        self.editors: dict[str, QWidget] = {}
        self.repeats: dict[str, RepeatEditor] = {}
        self.problems: list[rules.Problem] = []
        self.assessment = risk.assess_checklist(checklist, self.tool)
        # "Not answered yet" problems wait until the officer has typed in the field, left its
        # section or tried to submit; a reopened draft shows them all at once.
        self.touched: set[str] = set()
        self.left_sections: set[str] = (
            set() if checklist.id is None else {s.id for s in self.definition.sections}
        )
        self.current_section = self.definition.sections[0].id
        self.saving = FormSaving(self, recovered_from)
        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.refresh)
        self.navigation = FormNavigation(self)
        self.notes = ReturnNotes(self)
        self._build()
        self.show_values()
        self.refresh()
        if recovered_from is not None and not self.read_only:
            self.autosave.changed()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        outer.addWidget(self.title)
        outer.addWidget(self.notes.banner)
        body = QHBoxLayout()
        self.sections = QListWidget()
        self.sections.setObjectName("sectionList")
        self.sections.setAccessibleName("Sections")
        self.sections.setMaximumWidth(230)
        self.sections.setMinimumWidth(150)
        self.pages = QStackedWidget()
        for section in self.definition.sections:
            self.sections.addItem(QListWidgetItem(section.title))
            self.pages.addWidget(self._section_page(section))
        self.summary = SummaryPage(self)
        titles = [s.title for s in self.definition.sections] + [summary_title(self.read_only)]
        self.sections.addItem(QListWidgetItem(f"{len(titles)}. {titles[-1]}"))
        self.pages.addWidget(self._scroll(self.summary))
        name_sections(self.pages, titles)  # "Section 3 of 7: Adults" (ui.accessibility)
        self.sections.currentRowChanged.connect(self._section_changed)
        # a click or Enter in the list goes to the section's first field; the arrow keys only
        # show each section, so the list can still be read and moved through
        self.sections.itemClicked.connect(lambda _: self.navigation.enter_section())
        self.sections.itemActivated.connect(lambda _: self.navigation.enter_section())
        body.addWidget(self.sections)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        outer.addWidget(self.saving.bar)
        outer.addLayout(self._navigation())
        self._shortcuts()
        self.sections.setCurrentRow(0)
        self.navigation.update_tab_order()

    def _section_page(self, section) -> QScrollArea:
        page = QWidget()
        page.setObjectName(f"page:{section.id}")
        layout = QVBoxLayout(page)
        heading = QLabel(section.title)
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        if section.help:
            help_label = QLabel(section.help)
            help_label.setWordWrap(True)
            help_label.setObjectName("fieldHelp")
            layout.addWidget(help_label)
        if section.repeat:
            editor = RepeatEditor(section.as_field(), section.id, self, tabs=True)
            self.repeats[section.id] = self.rows[section.id] = editor
            layout.addWidget(editor)
        else:
            self.build_fields(section.fields, section.id, layout)
        layout.addStretch(1)
        return self._scroll(page)

    @staticmethod
    def _scroll(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the page
        area.setWidget(widget)
        return area

    def build_fields(self, fields_: tuple[Field, ...], prefix: str, layout) -> None:
        """Rows for `fields_` at `prefix` (a section id or a repeat entry path)."""
        for f in fields_:
            path = join_path(prefix, f.id)
            if f.type == "repeat":
                editor = RepeatEditor(f, path, self, tabs=False)
                self.repeats[path] = editor
            elif f.type == "risk_answers":
                editor = RiskAnswersEditor(path, self.tool, self)
                self.editors[path] = editor
            else:
                editor = make_editor(f, path)
                editor.edited.connect(self.on_edited)
                editor.set_read_only(self.read_only)
                self.editors[path] = editor
            row = FieldRow(editor, f)
            self.rows[path] = row
            layout.addWidget(row)
            if f.type == "risk_answers":
                editor.set_read_only(self.read_only)

    def forget_under(self, prefix: str) -> None:
        """Drop the bindings of a repeat's entries before they are rebuilt."""
        for table in (self.rows, self.editors, self.repeats):
            for path in [p for p in table if p.startswith(prefix)]:
                del table[path]

    def _navigation(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.save_button = QPushButton("Save now")
        self.back_button.clicked.connect(lambda: self.go_to_section(self.sections.currentRow() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_section(self.sections.currentRow() + 1))
        self.save_button.clicked.connect(self.save_now)
        for widget in (self.back_button, self.next_button, self.save_button):
            widget.setAutoDefault(False)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        return row

    def _section_changed(self, row: int) -> None:
        ids = [s.id for s in self.definition.sections]
        section = ids[row] if 0 <= row < len(ids) else "summary"
        if section != self.current_section:
            self.left_sections.add(self.current_section)
        self.current_section = section
        self.pages.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.sections.count() - 1)
        self._show_problems()

    def _shortcuts(self) -> None:
        for i in range(min(self.sections.count(), 9)):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.go_to_section(i))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next_button.click)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.back_button.click)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        self.back_button.setToolTip("Previous section (Ctrl+PgUp)")
        self.next_button.setToolTip("Next section (Ctrl+PgDown)")

    # ------------------------------------------------------------ values and checks

    def on_edited(self, path: str, value) -> None:
        if self.read_only:
            return
        self.checklist.set(path, value)
        self.touched.add(path)
        self.apply_conditions()
        self.autosave.changed()
        self.check_timer.start()

    def show_values(self) -> None:
        for path, editor in self.editors.items():
            editor.show_value(self.checklist.get(path))

    def refresh(self) -> None:
        """Re-evaluate conditions and rules; show each field's problem beside it."""
        self.check_timer.stop()
        self.apply_conditions()
        self.problems = rules.check(self.checklist, self.definition, self.tool)
        self.assessment = risk.assess_checklist(self.checklist, self.tool)
        self._show_problems()
        names = self.checklist.child_names()
        for editor in self.editors.values():
            if hasattr(editor, "set_children"):
                editor.set_children(names)
        for repeat in self.repeats.values():
            repeat.refresh_titles()
        self.navigation.mark_sections(self.problems)
        self.notes.update()
        self.summary.update_from(self)
        self._update_title()

    def apply_conditions(self) -> None:
        """Show the fields whose condition holds and hide the others, now: a field an answer
        opens is in place, and in the Tab order, before the next key is handled."""
        applies = {a.path: a.applies for a in walk(self.checklist, self.definition, False)}
        for path, row in self.rows.items():
            shown = applies.get(path, True)
            if row.isHidden() == shown:
                row.setVisible(shown)

    def _show_problems(self) -> None:
        first: dict[str, rules.Problem] = {}
        risk_questions: dict[str, str] = {}
        for problem in filter(self._shown_now, self.problems):
            first.setdefault(problem.path, problem)
            if problem.path.startswith("risk.answers."):
                risk_questions[problem.path.rsplit(".", 1)[1]] = problem.message
        for path, row in self.rows.items():
            problem = first.get(path)
            row.set_problem(problem.message if problem else "", problem.severity if problem else "")
        for editor in self.editors.values():
            if isinstance(editor, RiskAnswersEditor):
                editor.set_question_problems(risk_questions)
                editor.show_score(self.assessment)

    def _shown_now(self, problem: rules.Problem) -> bool:
        """'Not answered yet' (a required field, a risk question) waits until the officer has
        typed there, left the section or tried to submit: a new form is not a wall of red."""
        unanswered = problem.rule == "required" or unanswered_question(problem)
        if not unanswered or problem.path in self.touched:
            return True
        return str(parse_path(problem.path)[0]) in self.left_sections

    def _update_title(self) -> None:
        reference = self.checklist.get("incident.reference") or "New checklist"
        self.title.setText(f"{reference}  ·  {state_text(self.checklist.state)}")
        if self.read_only and self.save_button.isVisibleTo(self):  # nothing here can change
            self.saving.show_read_only(self.refusal)
        if self.window() is not self:
            return
        self.setWindowTitle(f"{reference} — officer-app")

    # ------------------------------------------------------------ repeats

    def add_entry(self, path: str) -> int:
        """Add an entry to the repeat at `path`; the focus goes to its first field."""
        if self.read_only:
            return -1
        field = self.definition.field_for_path(path)
        defaults = {f.id: f.default for f in field.fields if f.default is not None}
        index = self.checklist.add_item(path, defaults)
        self._after_structure_change(path, index, added=True)
        self.navigation.reveal(
            self.navigation.first_open_field(field, f"{path}[{index}]")
            or self.repeats[path].first_field(index)
        )
        return index

    def remove_entry(self, path: str, index: int) -> None:
        if self.read_only:
            return
        self.checklist.remove_item(path, index)
        self._after_structure_change(path, max(index - 1, 0))
        self.navigation.after_remove(path, index)

    def move_entry(self, path: str, index: int, new_index: int) -> None:
        if self.read_only:
            return
        self.checklist.move_item(path, index, new_index)
        self._after_structure_change(path, new_index)
        self.navigation.after_move(path, index, new_index)

    def _after_structure_change(self, path: str, index: int, added: bool = False) -> None:
        if added:
            self.repeats[path].append()
        else:
            self.repeats[path].rebuild()
        self.show_values()
        self.autosave.changed()
        self.refresh()
        self.repeats[path].show_entry(index)
        self.navigation.update_tab_order()

    # ------------------------------------------------------------ navigation

    def show_section(self, index: int) -> None:
        if 0 <= index < self.sections.count():
            self.sections.setCurrentRow(index)

    def go_to_section(self, index: int) -> None:
        """Show a section and put the focus on its first field (Ctrl+1..7, Back, Next)."""
        if 0 <= index < self.sections.count():
            self.sections.setCurrentRow(index)
            self.navigation.enter_section()

    def go_to(self, path: str) -> QWidget | None:
        """Show the field at `path` (its section, its child's tab) and give it the focus; for
        a path with no control shown now, the nearest one (ui.form_navigation)."""
        return self.navigation.go_to(path)

    # ------------------------------------------------------------ saving and submitting

    @property
    def autosave(self):
        return self.saving.autosave

    @property
    def status(self):
        return self.saving.status

    def save_now(self) -> None:
        self.saving.save_now()

    def keep_recovery_copy(self) -> str:
        return self.saving.keep_recovery_copy()

    def submit(self) -> bool:
        """Submit if the rules pass; otherwise the summary lists every problem."""
        if self.read_only:
            return False
        self.left_sections.update(s.id for s in self.definition.sections)
        self.refresh()
        if not self.autosave.flush():
            return False
        try:
            workflow.submit(self.store, self.checklist, self.library)
        except workflow.SubmissionRefused as refused:
            self.summary.show_refusal(refused.problems)
            return False
        except (StoreError, PermissionDenied) as exc:
            QMessageBox.warning(self, "Not submitted", f"The checklist was not submitted: {exc}")
            return False
        self.read_only = True  # the refresh below disables every entry's buttons
        self.refusal = state_text(self.checklist.state)
        for editor in self.editors.values():
            editor.set_read_only(True)
        self.notes.clear()  # answered: the reasons go with the return
        self.show_values()
        self.refresh()
        self.summary.show_submitted()
        self.checklist_submitted.emit(self.checklist.id)
        return True

    def close_form(self) -> bool:
        """Save before closing; True if it may close (nothing would be lost)."""
        return self.saving.close(self.read_only)
