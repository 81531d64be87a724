"""The pieces every account dialog is made of: a field with its problem in words under it
(`FieldProblem`, `add_row`), name and password boxes, a new password typed twice
(`PasswordPair`), the dialog's buttons (Enter accepts, Escape rejects), a heading, a dialog
that grows to fit a message, and a wait cursor while a password's key is derived. Used by
the sign-in, accounts, encryption, backup and retention dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app.accounts.passwords import PasswordError, check_new
from ui.notices import announce


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while the password's key is derived (argon2id: a fraction of a second)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def grow_to_fit(window: QWidget) -> None:
    """A dialog grows taller when a wrapped message appears in it (Qt does not grow a window
    for the extra lines of a word-wrapped label), never narrower or shorter."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if needed > window.height():
        window.resize(width, needed)


class FieldProblem(QLabel):
    """What is wrong with the field above it, in words (red and bold as well, never colour
    alone); hidden while there is nothing to say. The field's accessible description says the
    same, so a screen reader reads it with the field."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName("fieldProblem")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        grow_to_fit(self.window())
        self.field.setAccessibleDescription(f"Invalid: {message}" if message else "")
        if message:
            announce(self.field, message, assertive=True)

    def clear(self) -> None:
        self.show_problem("")


def name_box(accessible: str) -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(accessible)
    box.setMaxLength(64)
    box.setPlaceholderText("for example j.smith")
    return box


def password_box(accessible: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(accessible)
    return box


def add_row(form: QFormLayout, label: str, field: QWidget) -> FieldProblem:
    """A labelled field (the label is its buddy: Alt+letter goes to it) with its problem
    line right under it."""
    caption = QLabel(label)
    caption.setBuddy(field)
    problem = FieldProblem(field)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(problem)
    form.addRow(caption, column)
    return problem


class PasswordPair:
    """A new password typed twice: "Password" and "Password again", each with its problem.
    `checked()` is the password once both agree and it is long enough, else None with the
    reason shown beside the box at fault and the focus there."""

    def __init__(self, form: QFormLayout, whose: str = ""):
        suffix = f" for {whose}" if whose else ""
        self.first = password_box(f"New password{suffix}")
        self.second = password_box(f"New password again{suffix}")
        self.first_problem = add_row(form, "&Password:", self.first)
        self.second_problem = add_row(form, "Password a&gain:", self.second)
        hint = QLabel("At least 8 characters. Never written down or sent to anyone.")
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        form.addRow("", hint)

    def clear_problems(self) -> None:
        self.first_problem.clear()
        self.second_problem.clear()

    def checked(self) -> str | None:
        self.clear_problems()
        password = self.first.text()
        try:
            check_new(password)
        except PasswordError as exc:
            self.refuse(str(exc))
            return None
        if self.second.text() != password:
            self.second.clear()
            self.second_problem.show_problem(
                "The two passwords differ; type the same password in both boxes."
            )
            self.second.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return password

    def refuse(self, message: str) -> None:
        """The password was refused (too short, or by the store): both boxes cleared, the
        reason beside the first, the focus there."""
        self.first.clear()
        self.second.clear()
        self.first_problem.show_problem(message)
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)


def dialog_buttons(dialog: QDialog, accept_text: str, reject_text: str) -> QDialogButtonBox:
    """The accept button is the default (Enter), the reject one answers Escape too. The box
    is the dialog's child from the start: a default button set outside its dialog is lost as
    soon as Tab passes another button."""
    dialog.accept_button = QPushButton(accept_text)
    dialog.reject_button = QPushButton(reject_text)
    box = button_box(dialog, dialog.accept_button, dialog.reject_button)
    dialog.accept_button.setDefault(True)
    return box


def button_box(dialog: QDialog, accept: QPushButton, reject: QPushButton) -> QDialogButtonBox:
    """`accept` and `reject` in a box that is the dialog's child from the start, wired to
    the dialog's accept and reject (Escape rejects)."""
    box = QDialogButtonBox(dialog)
    box.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(reject, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("formTitle")
    label.setWordWrap(True)
    return label


class SafeConfirmation(QDialog):
    """A question about something that cannot be undone: a heading (`question`), what it
    does in words (`said`), and two buttons: `keep` (the default: Enter and Escape both keep
    things as they are) and `act`. `accepted` means act. Sized to its text when shown, at
    150% too."""

    def __init__(
        self,
        title: str,
        question: str,
        said: str,
        keep_label: str,
        act_label: str,
        parent: QWidget | None = None,
        *,
        width: int = 480,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"{title} — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(width)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(question))
        self.said = QLabel(said)
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        self.keep = QPushButton(keep_label)
        self.act = QPushButton(act_label)
        layout.addWidget(button_box(self, self.act, self.keep))
        self.setAccessibleDescription(f"{question} {said}")
        self.keep.setDefault(True)
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802
        from ui.screen_fit import fit_to_content

        super().showEvent(event)
        fit_to_content(self)
        self.keep.setDefault(True)
        self.keep.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
