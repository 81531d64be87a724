"""Drives a ChecklistForm through its real widgets, as an officer would: clicks radio buttons
and check boxes, types into boxes key by key, picks from drop-downs, presses Add buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from officer_app.field_path import join_path
from officer_app.typed_input import show_typed
from tests.ui.conftest import type_text
from ui.field_widgets import ChoiceButtons, ChoiceCombo, MultiChoice, MultilineEditor, TextEditor

SECTION_ORDER = ("incident", "children", "adults", "risk", "actions", "officer")
TYPED_LIMIT = 120  # longer texts are pasted, as officers often do


def press_space(button) -> None:
    """Choose a radio button or tick a box from the keyboard, as a keyboard-only user does."""
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)


class FormDriver:
    def __init__(self, qtbot, form):
        self.qtbot, self.form = qtbot, form

    def set(self, path: str, value) -> None:
        self.form.go_to(path)
        editor = self.form.editors[path]
        if isinstance(editor, TextEditor):
            editor.line.selectAll()
            QTest.keyClick(editor.line, Qt.Key.Key_Delete)
            type_text(editor.line, show_typed(editor.field.type, value))
        elif isinstance(editor, MultilineEditor):
            editor.text.selectAll()
            if len(value) <= TYPED_LIMIT:
                QTest.keyClick(editor.text, Qt.Key.Key_Delete)
                type_text(editor.text, value)
            else:
                editor.text.insertPlainText(value)
        elif isinstance(editor, ChoiceButtons):
            press_space(editor.group.button(editor.values.index(value)))
        elif isinstance(editor, ChoiceCombo):
            index = editor.combo.findData(value)
            assert index >= 0, (path, value)
            editor.combo.setCurrentIndex(index)
            editor.combo.activated.emit(index)
        elif isinstance(editor, MultiChoice):
            for key, box in editor.boxes.items():
                if (key in value) != box.isChecked():
                    press_space(box)
        else:
            raise AssertionError(f"no driver for {type(editor).__name__} at {path}")
        self.form.refresh()  # as the check timer would, a moment later

    def add(self, repeat_path: str) -> int:
        before = len(self.form.checklist.items(repeat_path))
        self.qtbot.mouseClick(self.form.repeats[repeat_path].add_button, Qt.MouseButton.LeftButton)
        assert len(self.form.checklist.items(repeat_path)) == before + 1
        return before

    def answer_risk(self, answers: dict) -> None:
        self.form.go_to("risk.answers")
        editor = self.form.editors["risk.answers"]
        values = [a.value for a in editor.tool.answers]
        for qid, entry in answers.items():
            group, source, comment, _ = editor.rows[qid]
            press_space(group.button(values.index(entry["answer"])))
            index = source.findData(entry["source"])
            source.setCurrentIndex(index)
            source.activated.emit(index)
            if entry.get("comment"):
                type_text(comment, entry["comment"])

    def fill(self, data: dict, definition, skip: set[str] = frozenset()) -> None:
        """Fill the whole form from interchange-shaped data (uids are the form's own)."""
        self.child_uids: dict[str, int] = {
            c["uid"]: i for i, c in enumerate(data.get("children", []))
        }
        for section_id in SECTION_ORDER:
            section = definition.section(section_id)
            if section.repeat:
                for i, entry in enumerate(data[section_id]):
                    self.add(section_id)
                    self._fill_scope(section.fields, f"{section_id}[{i}]", entry, skip)
            else:
                self._fill_scope(section.fields, section_id, data[section_id], skip)

    def _fill_scope(self, fields, prefix: str, scope: dict, skip) -> None:
        for f in fields:
            path = join_path(prefix, f.id)
            if f.id not in scope or path in skip:
                continue
            value = scope[f.id]
            if f.type == "repeat":
                for j, item in enumerate(value):
                    self.add(path)
                    self._fill_scope(f.fields, f"{path}[{j}]", item, skip)
            elif f.type == "risk_answers":
                self.answer_risk(value)
            elif f.type == "child_ref":
                self.set(path, self.form.checklist.items("children")[self.child_uids[value]]["uid"])
            else:
                self.set(path, value)


def without_uids(data, child_order: list[str] | None = None):
    """Answers with every uid and empty text removed, child references replaced by the
    child's position: what two equal checklists share whatever their uids."""
    if isinstance(data, dict):
        children = child_order or [c.get("uid") for c in data.get("children", [])]
        out = {}
        for key, value in data.items():
            if key == "uid" or value == "":
                continue
            if key == "child" and isinstance(value, str) and value in children:
                out[key] = children.index(value)
            else:
                out[key] = without_uids(value, children)
        return out
    if isinstance(data, list):
        return [without_uids(item, child_order) for item in data]
    return data
