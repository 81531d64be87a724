"""The editor for repeats (children, adults, officers, checks, relationships).

A repeat editor lays out one block of fields per entry. Children and adults get a tab per
entry, titled with the person's name; smaller repeats (officers, intelligence checks,
relationships) are stacked boxes. Adding, removing or reordering entries asks the form to
change the checklist and rebuild this editor, so field paths always match the entries.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import Field
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
