"""Retention, for administrators (Administration → Retention…): the checklists past their
retention period (reference, state, last change, how long its state is kept, when it came),
how many there are and how many are chosen, one or many chosen, and "Erase…" after a
confirmation that says how many and that it cannot be undone. The confirmation names at most
ten checklists and then "and N more" (so it fits a 768-pixel screen), and speaks of one
checklist in the singular.

The core decides (officer_app.retention, store/erasure.py): the periods come from the force
settings (`retention_days`), counted from each checklist's last change; nothing is erased
until an administrator chooses it here, and each erasure is an audit entry. The dialog shows
no answers, only what identifies a checklist.

Keyboard: the list has the focus; arrows move, Shift+arrows and Ctrl+Space choose several,
Ctrl+A all; Tab leaves the list; Alt+E is Erase…, Escape closes. In the confirmation "Keep
them" ("Keep it" for one) is the default and answers Enter and Escape: erasing takes a
deliberate move to the Erase button. The dialogs are window-modal and opened, not exec'd, so
nothing waits on them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officer_app import permissions, retention
from officer_app.permissions import PermissionDenied
from officer_app.retention import Expired, Retention, days_text, due_text, parse_time
from officer_app.settings import Settings
from officer_app.states import STATES, label
from officer_app.store import Store, StoreError
from ui.dialog_fields import FieldProblem, SafeConfirmation, heading
from ui.notices import announce, show_warning
from ui.text_table import TextTableModel, item_table

HEADERS = ("Reference", "State", "Last change", "Kept for", "Past it since")
NAMED = 10  # the confirmation names this many checklists, then "and N more"
EXPLAINED = (
    "A checklist is listed here once the retention period of its state has passed since its "
    "last change (the force settings, retention_days). Nothing is erased until you choose "
    "it. Erasing removes a checklist with its kept versions and reviews from the database "
    "for good, and records who erased what, when and under which policy in the audit log."
)


def when(iso: str) -> str:
    """A stored time as dd/mm/yyyy hh:mm, the officers' format."""
    moment = parse_time(iso)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else iso


def cells(item: Expired) -> tuple[str, str, str, str, str]:
    return (
        item.reference or f"(no reference; id {item.id})",
        label(item.state),
        when(item.updated_at),
        f"{days_text(item.policy.days)} after the last change",
        due_text(item.due),
    )


def policy_line(policy: Retention) -> str:
    kept = [
        f"{label(state)} {days_text(days)}"
        for state in STATES
        if (days := policy.days.get(state)) is not None
    ]
    return "Kept after the last change: " + "; ".join(kept) + "."


class ExpiredModel(TextTableModel[Expired]):
    """The checklists past their period as rows, read again by RetentionDialog.reload."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(HEADERS, cells, parent)


def _some(count: int) -> str:
    return f"{count} checklist{'s' if count != 1 else ''}"


def named(items: list[Expired]) -> str:
    """The references with their states, one a line: at most NAMED, then "and N more"."""
    lines = [f"{cells(i)[0]} ({cells(i)[1].lower()})" for i in items[:NAMED]]
    if len(items) > NAMED:
        lines.append(f"and {len(items) - NAMED} more ({len(items)} in all)")
    return "\n".join(lines)


def consequences(count: int) -> str:
    """What erasing `count` checklists does, in the singular for one."""
    if count == 1:
        removed = "It is removed from the database with its kept versions and reviews"
    else:
        removed = "They are removed from the database with their kept versions and reviews"
    return (
        f"{removed}, and cannot be opened, exported or recovered afterwards. The audit log "
        "keeps a record of the erasure (reference, state, dates, who and which policy), not "
        "the answers."
    )


def count_text(listed: int, chosen: int) -> str:
    """'3 checklists past their retention period; 2 chosen'."""
    its = "its" if listed == 1 else "their"
    return f"{_some(listed)} past {its} retention period; {chosen} chosen"


class EraseConfirmation(SafeConfirmation):
    """ "Erase N checklists? This cannot be undone." with their references; `accepted` means
    erase."""

    def __init__(self, items: list[Expired], parent: QWidget | None = None):
        one = len(items) == 1
        super().__init__(
            f"Erase {'the checklist' if one else 'checklists'}?",
            f"Erase {_some(len(items))}? This cannot be undone.",
            f"{consequences(len(items))}\n\n{named(items)}",
            "&Keep it" if one else "&Keep them",
            f"&Erase {_some(len(items))}",
            parent,
        )
        self.erase = self.act
        self.erase.setAccessibleDescription("Cannot be undone")


class RetentionDialog(QDialog):
    """The list of checklists past their period and Erase…; `erased(ids)` after an erasure
    (the main window reloads its list)."""

    erased = Signal(list)

    def __init__(
        self,
        store: Store,
        policy: Retention,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = retention.now,
    ):
        super().__init__(parent)
        self.store, self.policy, self.now = store, policy, now
        self.confirmation: EraseConfirmation | None = None
        self.setWindowTitle("Retention — officer-app")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Checklists past their retention period"))
        for text in (EXPLAINED, policy_line(policy)):
            said = QLabel(text)
            said.setTextFormat(Qt.TextFormat.PlainText)
            said.setWordWrap(True)
            layout.addWidget(said)
        self.model = ExpiredModel(self)
        self.table = self._table()
        caption = QLabel("&Past their retention period:")
        caption.setBuddy(self.table)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        self.count_line = QLabel("")
        self.count_line.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.count_line)
        self.problem = FieldProblem(self.table)
        layout.addWidget(self.problem)
        self.done_line = QLabel("")
        self.done_line.setTextFormat(Qt.TextFormat.PlainText)
        self.done_line.setWordWrap(True)
        layout.addWidget(self.done_line)
        layout.addLayout(self._buttons())
        self.reload()
        self.table.setFocus()

    def _table(self) -> QTableView:
        return item_table(
            self.model,
            "Checklists past their retention period",
            many=True,
            changed=self._update_buttons,
        )

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.erase_button = QPushButton("&Erase…")
        self.erase_button.setAutoDefault(False)
        self.erase_button.clicked.connect(self.ask_to_erase)
        self.close_button = QPushButton("&Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    def reload(self) -> None:
        try:
            self.model.set_items(self.store.past_retention(self.policy, now=self.now()))
        except (PermissionDenied, StoreError) as exc:
            self.model.set_items([])
            self.problem.show_problem(f"The list cannot be read: {exc}")
        if self.model.items:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> list[Expired]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.items[row] for row in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.erase_button.setEnabled(bool(chosen))
        self.erase_button.setAccessibleDescription(f"{_some(len(chosen))} chosen")
        self.count_line.setText(count_text(len(self.model.items), len(chosen)))
        self.table.setAccessibleDescription(self.count_line.text())
        self.count_line.setVisible(bool(self.model.items))
        if not self.model.items:
            self.done_line.setText(
                self.done_line.text() or "No checklist is past its retention period."
            )

    def ask_to_erase(self) -> EraseConfirmation | None:
        chosen = self.selected()
        if not chosen:
            return None
        self.confirmation = EraseConfirmation(chosen, self)
        self.confirmation.accepted.connect(lambda: self.erase([i.id for i in chosen]))
        self.confirmation.rejected.connect(self._kept)
        self.confirmation.open()
        return self.confirmation

    def _kept(self) -> None:
        """Nothing erased: back to the Erase button, where the keyboard was."""
        self.activateWindow()
        self.erase_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def erase(self, ids: list[int]) -> None:
        self.problem.clear()
        self.activateWindow()
        try:
            done = self.store.erase(ids, self.policy, now=self.now())
        except (PermissionDenied, StoreError) as exc:
            self.problem.show_problem(str(exc))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        references = ", ".join(cells(item)[0] for item in done.erased)
        text = (
            f"Erased {_some(len(done.erased))} ({references}) with {done.versions} kept "
            f"version(s) and {done.reviews} review(s); the erasure is in the audit log."
        )
        self.done_line.setText(text)
        self.reload()
        announce(self.done_line, text)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if done.left_behind:
            show_warning(self, "Erased, but not yet gone from the file", done.left_behind)
        self.erased.emit([item.id for item in done.erased])


_REFUSAL: Any = None


def open_retention(
    parent: QWidget | None,
    store: Store,
    settings: Settings,
    now: Callable[[], datetime] = retention.now,
) -> RetentionDialog | None:
    """The retention dialog for an administrator; anyone else is told why not (the core's
    refusal) and gets None."""
    global _REFUSAL
    try:
        permissions.require(store.user, "erase")
    except PermissionDenied as exc:
        _REFUSAL = show_warning(parent, "Retention", str(exc))  # kept alive without parent
        return None
    dialog = RetentionDialog(store, Retention.from_settings(settings), parent, now)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
