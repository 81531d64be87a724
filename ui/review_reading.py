"""What a supervisor reads before deciding, top to bottom: every child at a glance (the
summary page's table), each child in detail with their words quoted in full and the reasons
where something was not done, the rules' flags, the risk, the reviews so far, what changed
since the last return, the whole checklist section by section, and the kept versions.

Nothing here can be edited. Every text is a label that Tab reaches (so a keyboard or screen
reader user reads it as a sighted one does) and that can be selected and copied; typed text
is shown as plain text or escaped, so '<' and '&' in a name are shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officer_app import coverage, rules
from officer_app import fields as ft
from officer_app.checklist import Checklist, walk
from officer_app.definition import Definition, RiskTool
from officer_app.review.changes import Change
from officer_app.store import Review
from officer_app.store.reviews import KeptVersion
from ui.notices import marking_banner
from ui.review_text import flag_lines, review_lines, risk_lines, section_texts, version_line
from ui.summary_children import FLAG_MARK, MARKS, ChildrenTable, age_words
from ui.summary_table_fit import FittingTable

DETAIL_PARTS = ("seen", "spoken", "interpreter")  # the coverage parts whose answers explain
DETAIL_TYPES = ("choice", "multichoice", "text", "multiline")  # yes/no and times: in the marks
NOT_THE_CHILD = "parent_account"
# the interpreter is in each child's words below: five columns do not fit a narrow window
TABLE_COLUMNS = (
    "seen",
    "spoken_alone",
    "own_words",
    "details",
)  # shown, and said not to be the child's voice (DOMAIN rule 4)


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("caption")
    label.setWordWrap(True)
    return label


def reading_label(text: str, rich: bool = False, name: str = "") -> QLabel:
    """A read-only text that Tab reaches and a person can select and copy."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keyboard-selectable labels only click
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if name:
        label.setAccessibleDescription(name)
    return label


def child_detail(row: coverage.ChildCoverage, checklist: Checklist, definition: Definition) -> str:
    """One child in words: the marks, the words in full, what explains anything not done."""
    lines = [f"Child {row.index + 1}: {row.name} ({age_words(row.age)})"]
    for name, item in (
        ("Seen", row.seen),
        ("Spoken to alone", row.spoken_alone),
        ("Own words", row.own_words),
        ("Interpreter", row.interpreter),
    ):
        lines.append(
            f"{name}: {MARKS[item.status]} {coverage.MARK_WORDS[item.status]} — {item.text}"
        )
    entry = f"children[{row.index}]"
    words = ""
    for answer in walk(checklist, definition):
        if answer.entry != entry or ft.is_empty(answer.value):
            continue
        field = answer.field
        shown = ft.display_value(field, answer.value, checklist.child_names())
        if field.verbatim:
            words = shown
        elif field.id == NOT_THE_CHILD:
            lines.append(f"{field.label} (an adult's account, not the child's voice): {shown}")
        elif field.coverage in DETAIL_PARTS and field.type in DETAIL_TYPES:
            lines.append(f"{field.label}: {shown}")
    lines.append(
        f"In the child's own words: “{words}”" if words else "No words of the child recorded."
    )
    lines += [f"{FLAG_MARK} For the supervisor: {flag}" for flag in row.flags]
    return "\n".join(lines)


class ReadingView(QWidget):
    """The reading, built once from a checklist; `version_requested(version)` asks the
    window to show a kept version (the window records that view first)."""

    version_requested = Signal(int)

    def __init__(
        self,
        checklist: Checklist,
        definition: Definition,
        tool: RiskTool,
        reviews: list[Review],
        versions: list[KeptVersion],
        changed: tuple[Review, list[Change]] | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("reviewReading")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        problems = rules.check(checklist, definition, tool)
        rows = coverage.child_coverage(checklist, definition, tool, problems)
        self._children(rows, checklist, definition)
        flags = flag_lines(problems, checklist, definition, tool)
        flagged = "\n".join(f"{FLAG_MARK} Flag: {line}" for line in flags)
        self.flags = self._add(
            "For the supervisor: the rules' flags",
            flagged or "No flag: nothing the rules ask you to look at.",
        )
        self.risk = self._add("Risk", "\n".join(risk_lines(checklist, tool)))
        said = ["\n".join(review_lines(r, checklist, definition, tool)) for r in reviews]
        self.reviews = self._add("Reviews so far", "\n\n".join(said) or "No review yet.")
        self.changes_table: FittingTable | None = None
        if changed is not None:
            self._changes(*changed)
        self.layout_.addWidget(caption("The whole checklist"))
        self.sections: dict[str, QLabel] = {}
        for title, text in section_texts(checklist, definition, tool):
            sub = QLabel(title)
            sub.setObjectName("fieldLabel")
            self.layout_.addWidget(sub)
            self.sections[title] = reading_label(text, rich=True, name=f"Section {title}")
            self.layout_.addWidget(self.sections[title])
        self._versions(versions)
        self.layout_.addStretch(1)

    def _add(self, title: str, text: str) -> QLabel:
        self.layout_.addWidget(caption(title))
        label = reading_label(text, name=title)
        self.layout_.addWidget(label)
        return label

    def _children(self, rows, checklist: Checklist, definition: Definition) -> None:
        self.layout_.addWidget(caption(f"Every child ({len(rows)})"))
        self.children_table = ChildrenTable(TABLE_COLUMNS)
        self.children_table.fill(rows)
        self.children_table.setVisible(bool(rows))
        self.layout_.addWidget(self.children_table)
        self.child_texts = [
            reading_label(child_detail(row, checklist, definition), name=f"Child {row.index + 1}")
            for row in rows
        ]
        for label in self.child_texts:
            self.layout_.addWidget(label)
        if not rows:
            self.layout_.addWidget(reading_label("No child recorded."))

    def _changes(self, returned: Review, changes: list[Change]) -> None:
        self.layout_.addWidget(caption("Changed since your last review"))
        when = f"Returned by {returned.reviewer} (version {returned.checklist_version}); "
        summary = (
            f"{len(changes)} answer(s) changed since." if changes else "nothing changed since."
        )
        self.changes_summary = reading_label(when + summary)
        self.layout_.addWidget(self.changes_summary)
        if not changes:
            return
        table = FittingTable(len(changes), 2)
        table.setObjectName("changesTable")
        table.setAccessibleName("Changed since your last review")
        table.setHorizontalHeaderLabels(["Before", "After"])
        for r, change in enumerate(changes):
            header = QTableWidgetItem(change.label)
            header.setToolTip(change.label)
            table.setVerticalHeaderItem(r, header)
            for c, (word, text) in enumerate((("Before", change.before), ("After", change.after))):
                cell = QTableWidgetItem(text or "(no answer)")
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                said = f"{change.label}, {word.lower()}: {text or 'no answer'}"
                cell.setData(Qt.ItemDataRole.AccessibleTextRole, said)
                table.setItem(r, c, cell)
        table.refit()
        self.changes_table = table
        self.layout_.addWidget(table)

    def _versions(self, versions: list[KeptVersion]) -> None:
        title = caption("&Kept versions")
        self.layout_.addWidget(title)
        self.version_list = QListWidget()
        self.version_list.setAccessibleName("Kept versions")
        for kept in versions:
            self.version_list.addItem(version_line(kept))
            self.version_list.item(self.version_list.count() - 1).setData(
                Qt.ItemDataRole.UserRole, kept.version
            )
        self.version_list.setMaximumHeight(self.version_list.sizeHintForRow(0) * 5 + 8)
        title.setBuddy(self.version_list)
        self.version_list.itemActivated.connect(self._ask_version)
        self.layout_.addWidget(self.version_list)
        row = QHBoxLayout()
        self.view_version = QPushButton("&View this version")
        self.view_version.setAutoDefault(True)
        self.view_version.clicked.connect(self._ask_version)
        self.view_version.setEnabled(bool(versions))
        row.addWidget(self.view_version)
        row.addStretch(1)
        self.layout_.addLayout(row)
        if versions:
            self.version_list.setCurrentRow(len(versions) - 1)

    def _ask_version(self, *_) -> None:
        item = self.version_list.currentItem()
        if item is not None:
            self.version_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class VersionViewer(QDialog):
    """One kept version, read-only, in its own window (not modal: the review stays usable);
    Esc or Close closes it."""

    def __init__(
        self,
        title: str,
        checklist: Checklist,
        definition: Definition,
        tool: RiskTool,
        marking: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("versionViewer")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(marking_banner(marking))
        heading = QLabel(title)
        heading.setObjectName("caption")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        body = QWidget()
        inner = QVBoxLayout(body)
        self.sections: dict[str, QLabel] = {}
        for name, text in section_texts(checklist, definition, tool):
            sub = QLabel(name)
            sub.setObjectName("fieldLabel")
            inner.addWidget(sub)
            self.sections[name] = reading_label(text, rich=True, name=f"Section {name}")
            inner.addWidget(self.sections[name])
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        close = QPushButton("&Close")
        close.setAutoDefault(True)
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(marking_banner(marking))
        self.setAccessibleDescription(title)
