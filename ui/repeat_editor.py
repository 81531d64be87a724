"""The editor for repeats (children, adults, officers, checks, relationships).

A repeat editor lays out one block of fields per entry. Children and adults get a tab per
entry, titled with the person's name; smaller repeats (officers, intelligence checks,
relationships) are stacked boxes. Adding, removing or reordering entries asks the form to
change the checklist and rebuild this editor, so field paths always match the entries; the
form then sets the Tab order again and puts the focus in the right entry.

Each entry's fields and buttons say whose they are ("Child 2, Zofia Łuczak") to a screen
reader, and say it again after a rename.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import Field
from officer_app.field_path import build_path, join_path, parse_path
from ui import accessibility
from ui.field_widgets import FieldRow, ProblemLine
from ui.focus_order import first_field

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
        self.problem = ProblemLine()  # always one line high: nothing below it moves
        layout.addWidget(self.problem)
        self.blocks: list[QWidget] = []
        self.entry_buttons: list[list[tuple[QPushButton, str]]] = []
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
            self.body.clear()  # removes the tabs but does not delete their pages
        else:
            while self.body.layout().count():
                self.body.layout().takeAt(0)
        for block in self.blocks:
            block.hide()  # out of the Tab order at once, not when deleted later
            block.deleteLater()
        self.blocks, self.entry_buttons = [], []
        for index in range(len(self.entries())):
            self._add_block(index)
        if self.use_tabs and self.body.count():
            self.body.setCurrentIndex(min(max(current, 0), self.body.count() - 1))
        self.body.setVisible(bool(self.entries()))
        self._show_now()
        self.refresh_titles()

    def append(self) -> None:
        """Build the block of an entry just added at the end (the others keep their paths)."""
        self._add_block(len(self.blocks))
        self.body.setVisible(True)
        self._show_now()
        self.refresh_titles()

    def _show_now(self) -> None:
        """Show the new blocks at once: a layout shows a widget added to a shown parent only
        when the event loop next runs, and the focus must go to a new entry before that."""
        shown = [self.body.currentWidget()] if self.use_tabs else self.blocks
        for block in shown:
            if block is not None:
                block.show()

    def _add_block(self, index: int) -> None:
        entry_path = join_path(self.path, index)
        block = QGroupBox() if not self.use_tabs else QFrame()
        layout = QVBoxLayout(block)
        self.form.build_fields(self.field.fields, entry_path, layout)
        layout.addLayout(self._entry_buttons(index))  # below the fields: removing is not first
        layout.addStretch(1)
        self.blocks.append(block)
        if self.use_tabs:
            self.body.addTab(block, "")
        else:
            self.body.layout().addWidget(block)

    def _entry_buttons(self, index: int) -> QHBoxLayout:
        row = QHBoxLayout()
        buttons = []
        for text, spoken, handler in (
            ("Earlier", "Move earlier", lambda: self.form.move_entry(self.path, index, index - 1)),
            ("Later", "Move later", lambda: self.form.move_entry(self.path, index, index + 1)),
            ("Remove", f"Remove this {self.item_label.lower()}",
             lambda: self._confirm_remove(index)),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(handler)
            row.addWidget(button)
            buttons.append((button, spoken))
        self.entry_buttons.append(buttons)
        row.addStretch(1)
        return row

    def entry_button(self, index: int, text: str) -> QPushButton | None:
        """The entry's Earlier, Later or Remove button."""
        if not 0 <= index < len(self.entry_buttons):
            return None
        return next((b for b, _ in self.entry_buttons[index] if b.text() == text), None)

    def _confirm_remove(self, index: int) -> None:
        name = self.entry_title(index)
        answer = QMessageBox.question(
            self,
            f"Remove {self.item_label.lower()}",
            f"Remove {name} and everything recorded about them from this checklist?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # Enter keeps them: removing takes a choice
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

    def owner(self, index: int) -> str:
        """Whose an entry's fields are, for a screen reader: "Child 2, Zofia Łuczak"; inside
        another entry, that entry's owner first ("Adult 1, Anna Łuczak, Relationship 2")."""
        numbered = f"{self.item_label} {index + 1}"
        title = self._full_title(index)
        own = numbered if title == numbered else f"{numbered}, {title}"
        parts = parse_path(self.path)
        if len(parts) >= 3 and isinstance(parts[-2], int):
            parent = self.form.repeats.get(build_path(parts[:-2]))
            if parent is not None:
                return f"{parent.owner(parts[-2])}, {own}"
        return own

    def refresh_titles(self) -> None:
        for index in range(len(self.entries())):
            title = self.entry_title(index)
            if self.use_tabs:
                self.body.setTabText(index, title)
                self.body.setTabToolTip(index, self._full_title(index))
            else:
                block = self.blocks[index]
                block.setToolTip(self._full_title(index))
                block.setTitle(
                    f"{self.item_label} {index + 1}: {title}"
                    if not title.startswith(self.item_label)
                    else title
                )
            self._update_entry(index)
        self.add_button.setEnabled(not self.form.read_only)

    def _update_entry(self, index: int) -> None:
        """Give the entry's fields and buttons its current owner (after a rename too), and
        enable the buttons that can act (none once the checklist is read-only)."""
        editable, last = not self.form.read_only, len(self.entries()) - 1
        usable = {"Earlier": index > 0, "Later": index < last, "Remove": True}
        for button, _ in self.entry_buttons[index]:
            button.setEnabled(editable and usable[button.text()])
        owner = self.owner(index)
        entry_path = join_path(self.path, index)
        for f in self.field.fields:
            row = self.form.rows.get(join_path(entry_path, f.id))
            if isinstance(row, FieldRow):
                row.set_owner(owner)
        for button, spoken in self.entry_buttons[index]:
            if button.accessibleName() != f"{spoken}: {owner}":
                button.setAccessibleName(f"{spoken}: {owner}")
                button.setToolTip(f"{spoken}: {owner}")

    def first_field(self, index: int) -> QWidget | None:
        """The first control of entry `index` an officer can use now."""
        return first_field(self.blocks[index]) if 0 <= index < len(self.blocks) else None

    def show_entry(self, index: int) -> None:
        if self.use_tabs and 0 <= index < self.body.count():
            self.body.setCurrentIndex(index)
            self._show_now()

    def set_problem(self, message: str, severity: str = "error") -> None:
        """A section's repeat ("record at least one child"): shown above the entries, and the
        description of the Add button, the control that solves it."""
        self.problem.show_problem(message, severity)
        self.set_description(accessibility.description(self.field, message, severity))

    def set_description(self, text: str) -> None:
        if self.add_button.accessibleDescription() != text:
            self.add_button.setAccessibleDescription(text)

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
