"""The question before a checklist is submitted: submission cannot be undone, so the officer
sees every child once more (seen, spoken to alone, own words: officer_app.coverage, the same
reading as the summary) and chooses to submit.

Keyboard-safe: "Go back" has the focus and is the default button (Enter), Escape goes back
too; submitting takes a deliberate move to "Submit checklist". The dialog is window-modal and
opened, not exec'd: nothing waits on it; `accepted` means submit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officer_app import coverage
from ui.summary_children import FLAG_MARK, ChildrenTable

COLUMNS = ("seen", "spoken_alone", "own_words")
TITLE = "Submit this checklist?"
WARNING = (
    "Submitting sends this checklist to your supervisor for review. It cannot be undone: "
    "once submitted, you can change it only if your supervisor returns it to you."
)


class SubmitConfirmation(QDialog):
    def __init__(
        self,
        rows: list[coverage.ChildCoverage],
        risk_line: str,
        parent: QWidget | None = None,
        which: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("submitConfirmation")
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.which = QLabel(which)  # the reference and address: several windows may be open
        self.which.setObjectName("caption")
        self.which.setTextFormat(Qt.TextFormat.PlainText)
        self.which.setWordWrap(True)
        self.which.setVisible(bool(which))
        layout.addWidget(self.which)
        warning = QLabel(WARNING)
        warning.setObjectName("confirmWarning")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        caption = QLabel(f"Check every child before you submit ({len(rows)}):")
        caption.setObjectName("caption")
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.table = ChildrenTable(COLUMNS)
        self.table.setAccessibleName("Every child before submission")
        self.table.fill(rows)
        caption.setBuddy(self.table)
        layout.addWidget(self.table)
        flags = [f"{FLAG_MARK} {row.name}: {flag}" for row in rows for flag in row.flags]
        if flags:  # what the supervisor will be asked to look at
            noted = QLabel("For the supervisor:\n" + "\n".join(flags))
            noted.setTextFormat(Qt.TextFormat.PlainText)
            noted.setWordWrap(True)
            layout.addWidget(noted)
        risk = QLabel(risk_line)
        risk.setTextFormat(Qt.TextFormat.PlainText)
        risk.setWordWrap(True)
        layout.addWidget(risk)
        layout.addStretch(1)
        layout.addWidget(self._buttons())
        # what a screen reader says as the dialog opens
        self.setAccessibleDescription(" ".join(filter(None, (which, WARNING, risk_line))))

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.go_back = QPushButton("Go back")
        self.go_back.setObjectName("goBackButton")
        self.submit = QPushButton("Submit checklist")
        self.submit.setObjectName("confirmSubmitButton")
        self.submit.setAccessibleDescription("Cannot be undone")
        box.addButton(self.go_back, QDialogButtonBox.ButtonRole.RejectRole)
        box.addButton(self.submit, QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.go_back.setDefault(True)
        self.go_back.setFocus(Qt.FocusReason.OtherFocusReason)
        return box

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.go_back.setDefault(True)
        self.go_back.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
