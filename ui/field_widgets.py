"""One editor per field type, each bound to a field path.

An editor shows a value (`show`) and reports what the officer changed as `edited(path,
value)`; it never touches the checklist or the store itself. Only user actions emit `edited`
(textEdited, activated, clicked), so showing a value never counts as an edit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import Field
from officer_app.text_input import normalise_text
from officer_app.typed_input import parse_typed, show_typed
from ui import accessibility
from ui.accessibility import PLACEHOLDERS
from ui.combo_box import WholeTextComboBox
from ui.growing_text import GrowingTextEdit
from ui.notices import ElidedLabel, repolish


class FieldEditor(QWidget):
    """Base of every editor: the field, its path, and the `edited` signal. Each subclass
    has `show_value(value)`, which displays a stored value without emitting `edited`."""

    edited = Signal(str, object)

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.path = path
        self.setObjectName(f"editor:{path}")

    def focus_widget(self) -> QWidget:
        """The widget that takes focus and carries the accessible name."""
        return self

    def controls(self) -> list[tuple[QWidget, str]]:
        """The controls a screen reader reaches, each with the choice it stands for ("" for a
        box): every button of a group carries the field's name, its choice and its problem."""
        return [(self.focus_widget(), "")]

    def set_name(self, label: str, owner: str = "") -> None:
        """Name every control: whose field it is, its label, the button's choice, and
        ", required" for a required field (ui.accessibility)."""
        for widget, choice in self.controls():
            name = accessibility.control_name(label, owner, self.field.required, choice)
            if widget.accessibleName() != name:
                widget.setAccessibleName(name)

    def set_description(self, text: str) -> None:
        """The description of every control: the problem shown, the format hint, the help."""
        for widget, _ in self.controls():
            if widget.accessibleDescription() != text:
                widget.setAccessibleDescription(text)

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def _emit(self, value: Any) -> None:
        if isinstance(value, str):  # a pasted "\r\n" is stored as "\n", as imports are
            value = normalise_text(value)
        self.edited.emit(self.path, value)


class TextEditor(FieldEditor):
    """Text, and typed values (dates, times, numbers) read from text."""

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(field, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText(field.placeholder or PLACEHOLDERS.get(field.type, ""))
        if field.max_length:
            self.line.setMaxLength(field.max_length)
        self.line.textEdited.connect(lambda text: self._emit(parse_typed(field.type, text)))
        layout.addWidget(self.line, 1)
        if field.type in ("datetime", "time"):
            now = QPushButton("Now")
            now.setAutoDefault(False)
            now.clicked.connect(self._set_now)
            layout.addWidget(now)
            self.now_button = now
        if field.type in ("date", "datetime", "time", "integer"):
            self.line.setMaximumWidth(220)
            layout.addStretch(0)

    def _set_now(self) -> None:
        fmt = "%d/%m/%Y %H:%M" if self.field.type == "datetime" else "%H:%M"
        text = datetime.now().strftime(fmt)
        self.line.setText(text)
        self._emit(parse_typed(self.field.type, text))

    def show_value(self, value: Any) -> None:
        text = show_typed(self.field.type, value)
        if self.line.text() != text:
            self.line.setText(text)

    def focus_widget(self) -> QWidget:
        return self.line

    def set_name(self, label: str, owner: str = "") -> None:
        super().set_name(label, owner)
        if hasattr(self, "now_button"):
            self.now_button.setAccessibleName(
                f"Set {label} to now: {owner}" if owner else f"Set {label} to now"
            )

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        if hasattr(self, "now_button"):
            self.now_button.setEnabled(not read_only)


class MultilineEditor(FieldEditor):
    """Longer text in a box that grows with it (3 lines, 6 for a child's own words, up to 12);
    Tab moves on (it does not type a tab)."""

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(field, path, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = GrowingTextEdit(min_lines=6 if field.verbatim else 3)
        self.text.setPlaceholderText(field.placeholder)
        self._showing = False
        self.text.textChanged.connect(self._changed)
        layout.addWidget(self.text)

    def _changed(self) -> None:
        if not self._showing:
            self._emit(self.text.toPlainText())

    def show_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if self.text.toPlainText() != text:
            self._showing = True
            try:
                self.text.setPlainText(text)
            finally:
                self._showing = False

    def focus_widget(self) -> QWidget:
        return self.text

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


ARROW_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down})
ROW_OF_BUTTONS_MAX_CHARS = 48  # longer labels are stacked, so nothing is cut off at 1024x768


class ChoiceButtons(FieldEditor):
    """Yes/No and other short lists as radio buttons: one click, arrow keys. In a row when the
    labels are short, stacked when they are long."""

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(field, path, parent)
        labels = sum(len(label) + 4 for _, label in field.choice_pairs())
        row = labels <= ROW_OF_BUTTONS_MAX_CHARS
        layout = QHBoxLayout(self) if row else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.values = field.choice_values()
        for i, (_, label) in enumerate(field.choice_pairs()):
            button = QRadioButton(label)
            button.installEventFilter(self)
            self.group.addButton(button, i)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda i: self._emit(self.values[i]))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Tab or Shift+Tab into the group lands on the chosen answer (else the first), never
        on its neighbour, where one Space would change the answer. Arrow keys move within the
        group (Qt gives that focus move the Tab reason too, so it is told apart by the key)."""
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self._arrowing = kind == QEvent.Type.KeyPress and event.key() in ARROW_KEYS
            return False
        if kind == QEvent.Type.FocusIn and getattr(self, "_arrowing", False):
            self._arrowing = False
            return False
        if kind == QEvent.Type.FocusIn and event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
        ):
            wanted = self.group.checkedButton() or self.group.buttons()[0]
            if watched is not wanted:
                wanted.setFocus(event.reason())
                return True
        return False

    def show_value(self, value: Any) -> None:
        index = self.values.index(value) if value in self.values else -1
        if index >= 0:
            self.group.button(index).setChecked(True)
        elif self.group.checkedButton() is not None:
            self.group.setExclusive(False)
            self.group.checkedButton().setChecked(False)
            self.group.setExclusive(True)

    def focus_widget(self) -> QWidget:
        return self.group.buttons()[0]

    def controls(self) -> list[tuple[QWidget, str]]:
        return [(button, button.text()) for button in self.group.buttons()]


class ChoiceCombo(FieldEditor):
    """A longer list of choices as a drop-down, with an empty first entry."""

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(field, path, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # as wide as its longest choice when there is room, narrower (eliding, with a
        # tooltip) when not: nothing forces a sideways scrollbar at 150% of 1024x768
        self.combo = WholeTextComboBox()
        self.combo.addItem("— choose —", None)
        for value, label in field.choice_pairs():
            self.combo.addItem(label, value)
        self.combo.activated.connect(lambda i: self._emit(self.combo.itemData(i)))
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def show_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class ChildChoice(ChoiceCombo):
    """Which child (an adult's relationship): the choices are the children on the checklist,
    which may arrive after the value is shown, so the value is kept and shown again."""

    value = None

    def show_value(self, value: Any) -> None:
        self.value = value
        super().show_value(value)

    def set_children(self, names: dict[str, str]) -> None:
        self.combo.clear()
        self.combo.addItem("— choose a child —", None)
        for uid, name in names.items():
            self.combo.addItem(name, uid)
        super().show_value(self.value)

    def _emit(self, value: Any) -> None:
        self.value = value
        super()._emit(value)


class MultiChoice(FieldEditor):
    """Several choices as check boxes."""

    def __init__(self, field: Field, path: str, parent: QWidget | None = None):
        super().__init__(field, path, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for value, label in field.choice_pairs():
            box = QCheckBox(label)
            box.clicked.connect(self._changed)
            layout.addWidget(box)
            self.boxes[value] = box

    def _changed(self) -> None:
        self._emit([value for value, box in self.boxes.items() if box.isChecked()])

    def show_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else []
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def controls(self) -> list[tuple[QWidget, str]]:
        return [(box, box.text()) for box in self.boxes.values()]


def make_editor(field: Field, path: str) -> FieldEditor:
    """The editor for a scalar field type (repeats and risk answers have their own)."""
    if field.type == "multiline":
        return MultilineEditor(field, path)
    if field.type in ("yesno", "yesnounknown") or (
        field.type == "choice" and len(field.choices) <= 3
    ):
        return ChoiceButtons(field, path)
    if field.type == "choice":
        return ChoiceCombo(field, path)
    if field.type == "multichoice":
        return MultiChoice(field, path)
    if field.type == "child_ref":
        return ChildChoice(field, path)
    return TextEditor(field, path)


class ProblemLine(ElidedLabel):
    """The line under a field for its problem. It is always there, empty or not, and one line
    high, so a problem appearing or going never moves the fields below while the officer types
    or clicks; a longer message ends in "…" with the whole of it in the tooltip (and in the
    field's accessible description, and on the summary page)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setObjectName("fieldProblem")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def show_problem(self, message: str, severity: str = "error") -> None:
        self.setText(message)
        if self.property("severity") != severity:
            self.setProperty("severity", severity)
            repolish(self)


# a reason stands apart by its words ("Supervisor: ...") and a bar, not by colour alone
REASON_STYLE = "QLabel#returnReason { border-left: 4px solid palette(text); padding-left: 6px; }"


class FieldRow(QWidget):
    """A label (the editor's buddy), the editor, its help and the problem beside it; while a
    returned checklist names the field, the supervisor's reason above the editor.

    For a screen reader (ui.accessibility) the label is linked to the editor's first control
    and named like it ("Child 2, Zofia Łuczak: Full name, required", not "Full name *"); every
    control's description is the problem shown, if any, then the format hint and the help."""

    def __init__(self, editor: QWidget, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)  # the problem line below is the gap to the next
        layout.setSpacing(2)
        marker = " *" if field.required else ""
        self.label = QLabel(f"{field.label}{marker}")
        self.label.setWordWrap(True)
        self.label.setObjectName("fieldLabel")
        layout.addWidget(self.label)
        if field.help:
            help_label = QLabel(field.help)
            help_label.setWordWrap(True)
            help_label.setObjectName("fieldHelp")
            layout.addWidget(help_label)
        self.reason = QLabel()  # the supervisor's reason(s) naming this field, while returned
        self.reason.setObjectName("returnReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # typed text: < and & as written
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(REASON_STYLE)
        self.reason.hide()
        layout.addWidget(self.reason)
        layout.addWidget(editor)
        self.problem = ProblemLine()
        layout.addWidget(self.problem)
        self.owner = ""
        self.shown: tuple[str, str] = ("", "")  # the problem shown and its severity
        if isinstance(editor, FieldEditor):
            self.label.setBuddy(editor.focus_widget())
        self._name()
        self._describe("", "")

    def set_owner(self, owner: str) -> None:
        """Whose field this is in a repeat ("Child 2, Zofia Łuczak"): a screen reader says it
        with the label, since a tab's title is not read with each field."""
        if owner != self.owner:
            self.owner = owner
            self._name()

    def _name(self) -> None:
        field = self.field
        self.label.setAccessibleName(
            accessibility.control_name(field.label, self.owner, field.required)
        )
        if isinstance(self.editor, FieldEditor):
            self.editor.set_name(field.label, self.owner)

    def set_problem(self, message: str, severity: str = "error") -> None:
        self.problem.show_problem(message, severity)
        self.shown = (message, severity)
        self._describe(message, severity)

    def set_reason(self, text: str) -> None:
        """The supervisor's reasons for returning the checklist that name this field, one a
        line ("Supervisor: ..."), above the editor and in its description; "" hides them."""
        if text != self.reason.text():
            self.reason.setText(text)
            self.reason.setVisible(bool(text))
            self._describe(*self.shown)

    def _describe(self, message: str, severity: str) -> None:
        if hasattr(self.editor, "set_description"):  # a field's controls, a repeat's Add
            said = accessibility.description(self.field, message, severity, self.reason.text())
            self.editor.set_description(said)
