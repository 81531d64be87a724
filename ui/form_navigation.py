"""Where a path leads in the form: its section, its entry's tab, and the control to focus.

Every problem the rules report names a path, and each one must lead the officer to a control
they can use. A path may name a field, an entry ("children[0]"), a whole repeat ("children"),
a risk question ("risk.answers.weapons"), or a field that is hidden now because its condition
does not hold: then the nearest control that is shown, first the field whose answer would
show it ("why not spoken to alone" leads to "spoken to alone").
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from officer_app import rules
from officer_app.checklist import compiled
from officer_app.definition import Field
from officer_app.field_path import build_path, join_path, parse_path
from ui.field_widgets import FieldEditor, FieldRow
from ui.focus_order import chain, first_field, reachable, tab_stops
from ui.notices import announce

RISK_ANSWERS = "risk.answers"


def settle_layouts() -> None:
    """Lay out now what is waiting to be laid out (rows just shown or hidden, a tab just
    opened), so positions are true before a page scrolls to a widget."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _show_whole(area: QScrollArea, widget: QWidget, margin: int = 20) -> None:
    """Scroll so all of `widget` is in view if it fits (QScrollArea.ensureWidgetVisible shows
    only a text box's cursor); if it does not fit, its top."""
    rect = QRect(widget.mapTo(area.widget(), QPoint(0, 0)), widget.size())
    if rect.height() + 2 * margin <= area.viewport().height():
        area.ensureVisible(rect.left(), rect.center().y(), 0, rect.height() // 2 + margin)
    else:
        area.ensureVisible(rect.left(), rect.top(), 0, margin)


class FormNavigation(QObject):
    """Moves the focus around one ChecklistForm, and keeps the focused control in view."""

    def __init__(self, form) -> None:
        super().__init__(form)
        self.form = form
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Once the page is laid out again (a field just shown grows the page only then),
        make sure the control Tab reached is wholly in view."""
        pages = getattr(self.form, "pages", None)  # none yet while the form is built
        if new is None or pages is None or not shiboken6.isValid(pages):
            return
        if pages.currentWidget().isAncestorOf(new):
            QTimer.singleShot(0, self, lambda: self._keep_in_view(new))

    def _keep_in_view(self, widget: QWidget) -> None:
        if shiboken6.isValid(widget) and widget.hasFocus():
            self._scroll_to(widget, with_row=False)

    def update_tab_order(self) -> None:
        """Tab: a returned checklist's reasons, the section list, then every page's fields as
        drawn, then Back, Next, Save. Called after every build and rebuild of entries."""
        form = self.form
        stops: list[QWidget] = [*form.notes.tab_stops(), form.sections]  # a return's reasons
        for index in range(form.pages.count()):
            stops.extend(tab_stops(form.pages.widget(index)))
        chain([*stops, form.back_button, form.next_button, form.save_button])

    def mark_sections(self, problems: list[rules.Problem]) -> None:
        """Each section's line in the list says what is left in it: "3. Adults — 2 to do"
        ("Adults: 2 problems" to a screen reader), or "✓" when nothing blocks submission."""
        form = self.form
        counts = {s.id: 0 for s in form.definition.sections}
        for problem in rules.errors(problems):
            counts[str(parse_path(problem.path)[0])] += 1
        for i, section in enumerate(form.definition.sections):
            n = counts[section.id]
            mark = "✓" if n == 0 else f"{n} to do"
            said = "complete" if n == 0 else "1 problem" if n == 1 else f"{n} problems"
            item = form.sections.item(i)
            item.setText(f"{i + 1}. {section.title}  —  {mark}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{section.title}: {said}")

    def focus_first_field(self) -> QWidget | None:
        """Put the focus on the current section's first field (or its Add button)."""
        target = first_field(self.form.pages.currentWidget())
        self.reveal(target)
        return target

    def enter_section(self) -> QWidget | None:
        """Ctrl+1..7, Back, Next, a click or Enter in the list: the focus to the section's
        first field, and a screen reader told which section it is ("Section 3 of 7: Adults",
        the page's name), which the field's own name does not say."""
        target = self.focus_first_field()
        page = self.form.pages.currentWidget()
        announce(target or page, page.accessibleName())
        return target

    def first_open_field(self, field: Field, entry: str) -> QWidget | None:
        """The first field of a new entry still to answer: one already answered by its default
        (a child is 'Born') is passed over, so a name typed at once lands in the name. The
        entry's name (the field its tab is titled by) comes first when it is still empty: an
        officer adding an adult types the name, whatever the definition asks first."""
        named = [f for f in field.fields if f.id == field.title_field]
        for f in [*named, *field.fields]:
            row = self.form.rows.get(join_path(entry, f.id))
            editor = getattr(row, "editor", None)
            if f.default is None and isinstance(editor, FieldEditor) and not row.isHidden():
                return editor.focus_widget()
        return None

    def after_remove(self, path: str, index: int) -> None:
        """After entry `index` went: the previous entry's first field (the first entry's, if
        it was the first), or the Add button when none is left; never off the page."""
        repeat = self.form.repeats[path]
        self.reveal(repeat.first_field(max(index - 1, 0)) or repeat.add_button)

    def after_move(self, path: str, index: int, new_index: int) -> None:
        """The focus follows the entry: the button pressed again (to move it further), or
        its first field once it has reached the end."""
        repeat = self.form.repeats[path]
        button = repeat.entry_button(new_index, "Earlier" if new_index < index else "Later")
        usable = button is not None and button.isEnabled()
        self.reveal(button if usable else repeat.first_field(new_index))

    def go_to(self, path: str) -> QWidget | None:
        """Show the field at `path` (its section, its entry's tab) and give a control of it,
        or the nearest shown control, the focus; returns that control."""
        try:
            parts = parse_path(path)
        except ValueError:
            return None
        section_ids = [s.id for s in self.form.definition.sections]
        if not parts or parts[0] not in section_ids:
            return None
        self.form.show_section(section_ids.index(str(parts[0])))
        for depth in range(1, len(parts)):
            prefix = build_path(parts[:depth])
            index = parts[depth]
            if isinstance(index, int) and prefix in self.form.repeats:
                self.form.repeats[prefix].show_entry(index)
        settle_layouts()
        target = self.control_for(path) or first_field(self.form.pages.currentWidget())
        self.reveal(target)
        return target

    def reveal(self, target: QWidget | None) -> None:
        """Scroll the page to `target` (with its label and problem) and give it the focus."""
        if target is None:
            return
        self._scroll_to(target, with_row=True)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scroll_to(self, target: QWidget, with_row: bool) -> None:
        settle_layouts()
        area = self.form.pages.currentWidget()
        if not isinstance(area, QScrollArea) or not area.isAncestorOf(target):
            return
        row = target.parentWidget()
        while row is not None and not isinstance(row, FieldRow) and row is not area:
            row = row.parentWidget()
        if with_row and isinstance(row, FieldRow):  # its label, help and problem too
            _show_whole(area, row)
        _show_whole(area, target)

    def control_for(self, path: str) -> QWidget | None:
        """A shown control for `path`, or for the nearest path that has one."""
        form = self.form
        if path.startswith(RISK_ANSWERS + "."):
            risk = form.editors.get(RISK_ANSWERS)
            found = risk.focus_question(path[len(RISK_ANSWERS) + 1 :]) if risk else None
            if found is not None and reachable(found):
                return found
            return self.control_for(RISK_ANSWERS)
        parts = parse_path(path)
        row = form.rows.get(path)
        if row is not None:
            found = self._control_in(row)
            if found is not None:
                return found
            for condition in self._conditions(path):
                found = self.control_for(condition)
                if found is not None:
                    return found
        elif isinstance(parts[-1], int):  # an entry: its first field
            repeat = form.repeats.get(build_path(parts[:-1]))
            found = repeat.first_field(parts[-1]) if repeat is not None else None
            if found is not None:
                return found
        if len(parts) == 1:
            return None  # a section: the caller falls back to its first field
        return self.control_for(build_path(parts[:-1]))

    @staticmethod
    def _control_in(row: QWidget) -> QWidget | None:
        if not reachable(row):
            return None
        editor = getattr(row, "editor", None)
        if isinstance(editor, FieldEditor) and reachable(editor.focus_widget()):
            return editor.focus_widget()
        return first_field(row)

    def _conditions(self, path: str) -> list[str]:
        """The paths of the answers that decide whether the field at `path` is shown: first
        those whose part of the condition does not hold now, then the rest, the most specific
        (last named) first."""
        field = self.form.definition.field_for_path(path)
        if field is None or not field.when:
            return []
        scope_path = build_path(parse_path(path)[:-1])
        scope = self.form.checklist.get(scope_path)
        scope, root = (scope if isinstance(scope, dict) else {}), self.form.checklist.data
        leaves = list(_leaves(field.when))
        failing = [ref for ref, cond, negated in leaves if compiled(cond)(scope, root) == negated]
        refs = dict.fromkeys([*failing, *(ref for ref, _, _ in reversed(leaves))])
        return [ref[1:] if ref.startswith("/") else join_path(scope_path, ref) for ref in refs]


def _leaves(cond: dict, negated: bool = False):
    """Each single test of a condition: (the field it reads, the test, whether it is negated)."""
    for key in ("all", "any"):
        for part in cond.get(key, ()):
            yield from _leaves(part, negated)
    if "not" in cond:
        yield from _leaves(cond["not"], not negated)
    elif "field" in cond:
        yield cond["field"], cond, negated
