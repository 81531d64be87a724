"""The administrators' audit log window: read, filter, verify and export the log.

`open_audit_log(parent, store)` refuses anyone the core refuses ("read the audit log":
administrators) with the core's own sentence, and opens no window for them.

Size: the whole log is read once (Store.audit_log) into a list and shown through a
QAbstractTableModel whose cells are formatted only when drawn; rows have a fixed height and
columns start at widths from sample texts, so the view never measures every row. Measured
with 50,004 entries (offscreen, on a shared 2-core machine): opening the window 0.4-0.5 s,
most of it the store reading the rows; a filter 0.05-0.2 s; clearing the filters 0.4 s;
Verify 0.5 s and Export CSV 0.6-0.9 s (7.9 MB), both under a busy cursor. Filters the store
knows (action, checklist, dates; who when the text names one person) are asked of the
store; a part of a name matching several people is filtered here.

Verify says in words whether the chain is intact and, when it is not, the first problem,
how many more, and selects the entry the problem names. Export CSV writes what is shown (the
filtered log) through officer_app.audit_export: a disclosure, recorded before the file is
put in place, and never left behind when its entry cannot be written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from officer_app import permissions
from officer_app.audit_export import entries_words, export_audit_csv, local_time
from officer_app.permissions import PermissionDenied
from officer_app.store import AuditEntry, Store, StoreError
from officer_app.store.verify import Verification
from ui.audit_filters import AuditFilter, AuditFilters, matching_names
from ui.audit_table_model import COLUMNS, AuditTableModel, checklist, detail
from ui.checklist_list import ChecklistTable
from ui.notices import announce, show_warning
from ui.referral_export import chosen_output, export_folder, remember_folder
from ui.screen_fit import fit_to_screen

TITLE = "Audit log — officer-app"
PREFERRED = QSize(1100, 700)
_ENTRY_NAMED = re.compile(r"\bentry (\d+)", re.IGNORECASE)


def open_audit_log(parent: QWidget | None, store: Store) -> AuditLogWindow | None:
    """The audit log window for an administrator; for anyone else the core's refusal in a
    message, and None."""
    try:
        permissions.require(store.user, "read the audit log")
    except PermissionDenied as exc:
        show_warning(parent, "The audit log cannot be opened", str(exc))
        return None
    window = AuditLogWindow(store, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


@contextmanager
def busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def verdict(result: Verification) -> str:
    """The verification in words."""
    if result.ok:
        return (
            f"The log is intact: {entries_words(result.entries)}, head "
            f"{result.head.hash[:12]}… (entry {result.head.position})."
        )
    more = len(result.problems) - 1
    tail = f" {more} more problem{'' if more == 1 else 's'} found." if more else ""
    return f"The log is NOT intact. {result.problems[0]}{tail}"


def entry_words(entry: AuditEntry) -> str:
    """One entry whole, for the line under the table (a cut-off detail is read there)."""
    about = f", checklist {checklist(entry)}" if entry.checklist_id is not None else ""
    said = detail(entry)
    return (
        f"Entry {entry.id}: {local_time(entry.at)}, {entry.actor}, {entry.action}{about}"
        + (f" — {said}" if said else "")
        + f". Hash {entry.hash[:12]}…"
    )


class AuditLogWindow(QDialog):
    """Not modal: the administrator may keep it open beside the main window. Escape or
    Close closes it."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.total = 0  # entries in the whole log when last read
        self.names: list[str] = []  # who appears in the log
        self._applied: AuditFilter | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(TITLE)
        self.model = AuditTableModel(self)
        self._build()
        fit_to_screen(self, PREFERRED)
        self.refresh()
        self.filters.who.setFocus()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.filters = AuditFilters()
        self.filters.changed.connect(self.apply_filters)
        layout.addWidget(self.filters)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.entry_line = self._line("Selected entry")
        self.count_line = self._line("Entries shown")
        self.verdict_line = self._line("Verification")
        self.verdict_line.setObjectName("auditVerdict")
        self.message_line = self._line("Last action")
        for label in (self.entry_line, self.count_line, self.verdict_line, self.message_line):
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.verify_button = self._button("&Verify", "Check the whole chain of entries")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = self._button("&Export CSV…", "Write the entries shown to a file")
        self.export_button.clicked.connect(self.export_csv)
        self.refresh_button = self._button("&Refresh", "Read the log again (F5)")
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = self._button("Close", "Close the audit log (Esc)")
        self.close_button.clicked.connect(self.reject)
        for button in (self.verify_button, self.export_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        chain = (
            self.filters.date_to,
            self.table,
            self.verify_button,
            self.export_button,
            self.refresh_button,
            self.close_button,
        )
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _line(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(1)
        label.setProperty("lineName", name)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.setAutoDefault(False)  # Enter in a filter box applies it, never a button
        button.setDefault(False)
        return button

    def _table(self) -> ChecklistTable:
        table = ChecklistTable()  # Tab leaves the table; coming in selects a line
        table.setObjectName("auditTable")
        table.setAccessibleName("Audit log entries")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row is ever measured
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.ensurePolished()  # the style sheet's font, before measuring
        metrics = table.fontMetrics()
        for number, column in enumerate(COLUMNS):
            if column.sample:
                width = max(metrics.horizontalAdvance(t) for t in (column.sample, column.header))
                table.setColumnWidth(number, width + 24)
        table.selectionModel().selectionChanged.connect(lambda *_: self._show_entry())
        return table

    # ------------------------------------------------------------ reading

    @Slot()
    def refresh(self) -> None:
        """Read the whole log again (the names and actions offered come from it), then show
        it through the filters."""
        try:
            with busy():
                everything = self.store.audit_log()
        except (StoreError, PermissionDenied) as exc:
            self._say(self.count_line, f"The audit log cannot be read: {exc}")
            return
        self.total = len(everything)
        self.names = sorted({entry.actor for entry in everything})
        self.filters.set_choices(self.names, (entry.action for entry in everything))
        found = self.filters.current()
        if found is None:  # a box cannot be read: the whole log, the problem named
            found = AuditFilter()
        self._show(everything if found.empty else self._fetch(found), found)

    @Slot()
    def apply_filters(self) -> None:
        found = self.filters.current()
        if found is None or found == self._applied:
            return
        try:
            with busy():
                entries = self._fetch(found)
        except (StoreError, PermissionDenied) as exc:
            self._say(self.count_line, f"The audit log cannot be read: {exc}")
            return
        self._show(entries, found)
        announce(self.table, self.count_line.text())

    def _fetch(self, found: AuditFilter) -> list[AuditEntry]:
        """The entries the filter asks for: the store filters, who is matched here when the
        text names more than one person."""
        asked = found.store_filters()
        if not found.who:
            return self.store.audit_log(**asked)
        names = matching_names(found.who, self.names)
        if len(names) == 1:
            return self.store.audit_log(actor=names[0], **asked)
        wanted = set(names)
        return [e for e in self.store.audit_log(**asked) if e.actor in wanted] if names else []

    def _show(self, entries: list[AuditEntry], found: AuditFilter) -> None:
        selected = self.selected_entry()
        self._applied = found
        self.model.set_entries(entries)
        self.total = max(self.total, len(entries))
        if found.empty:
            text = f"{entries_words(len(entries))} in the log."
        elif entries:
            text = f"{len(entries)} of {entries_words(self.total)} shown (filtered)."
        else:
            text = f"No entry matches these filters (the log has {entries_words(self.total)})."
        self._say(self.count_line, text)
        if selected is not None:
            self.select_entry(selected.id, focus=False)
        self._show_entry()

    # ------------------------------------------------------------ selection

    def selected_entry(self) -> AuditEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int, *, focus: bool = True) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _show_entry(self) -> None:
        entry = self.selected_entry()
        self._say(self.entry_line, entry_words(entry) if entry else "")

    # ------------------------------------------------------------ verify

    @Slot()
    def verify(self) -> None:
        try:
            with busy():
                result = self.store.verify_audit()
        except (StoreError, PermissionDenied) as exc:
            self._say(self.verdict_line, f"The log could not be verified: {exc}")
            announce(self.verdict_line, self.verdict_line.text(), assertive=True)
            return
        self.refresh()  # show what the file holds now, an edited entry as edited
        text = verdict(result)
        self.verdict_line.setToolTip("\n".join(result.problems[:20]))
        self.verdict_line.setAccessibleDescription(" ".join(result.problems[1:20]))
        self._say(self.verdict_line, text)
        if not result.ok:
            self._select_named(result.problems[0])
        announce(self.verdict_line, text, assertive=not result.ok)

    def _select_named(self, problem: str) -> None:
        """Select the first entry the problem names that is in the log ("Entry 7 is
        missing: entry 9 follows entry 6" selects 9), clearing filters that hide it."""
        present = self._ids_in_log()
        for number in (int(n) for n in _ENTRY_NAMED.findall(problem)):
            if number not in present:
                continue
            if self.model.row_of(number) is None:
                self.filters.clear()
                self.refresh()
            self.select_entry(number)
            return

    def _ids_in_log(self) -> set[int]:
        if self._applied is not None and self._applied.empty:
            return {entry.id for entry in self.model.entries}
        try:
            return {entry.id for entry in self.store.audit_log()}
        except (StoreError, PermissionDenied):
            return set()

    # ------------------------------------------------------------ export

    @Slot()
    def export_csv(self) -> None:
        entries = list(self.model.entries)
        if not entries:
            show_warning(
                self,
                "Nothing to export",
                "No entry is shown: change or clear the filters, then export again.",
            )
            return
        proposed = export_folder() / f"audit-log-{date.today():%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the audit log", str(proposed), "CSV files (*.csv)"
        )
        if not path:
            return
        out = chosen_output(self, path, "The audit log was not exported")
        if out is None:
            return
        try:
            with busy():
                # the dialog asked before returning an existing file (ui.referral_export)
                done = export_audit_csv(self.store, entries, out, force=True)
        except (StoreError, PermissionDenied, OSError) as exc:
            why = str(exc) or type(exc).__name__
            self._say(self.message_line, f"The audit log was not exported: {why}")
            show_warning(self, "The audit log was not exported", why)
            return
        remember_folder(out)
        self.refresh()
        text = (
            f"Exported {entries_words(len(entries))} to {out}; the export is entry "
            f"{done.entry.position} of the log."
        )
        self._say(self.message_line, text)
        announce(self.message_line, text)

    # ------------------------------------------------------------ lines

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(text)
        name = label.property("lineName")
        label.setAccessibleName(f"{name}: {text}" if text else name)
        label.setVisible(bool(text))
