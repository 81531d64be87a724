"""Saving a form: whether it saves at all, the autosave, the status line, the failure bar, the
recovery copy, conflicts.

Whether the form may save is decided when it opens, from the checklist's state and the
signed-in person (officer_app.permissions: an officer changes only their own draft or returned
checklist): anything else opens read-only, with the state in words instead of "Save now",
so a supervisor reading an officer's draft never sees an autosave fail. Should the store
refuse all the same (PermissionDenied), saving stops at once, without retrying, and what was
typed is kept in the recovery copy.

A failed save never takes the focus from typing: it shows in a bar above the buttons (no
dialog), is announced to a screen reader, and from then on every change is written to the
recovery copy at once, so nothing typed is ever in neither the database nor the copy. A
conflict (a newer version stored elsewhere) needs the officer's decision, so it asks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QSizePolicy

from officer_app import files, interchange, permissions, sealed, states
from officer_app.checklist import Checklist, new_uid
from officer_app.permissions import PermissionDenied
from officer_app.private import private_folder
from officer_app.store import Store, StoreError
from ui.autosave import Autosaver, OpenChecklists, recovery_file
from ui.notices import ElidedLabel, announce, repolish

READY = "Saved automatically as you type"
READ_ONLY = "Read-only"
STATE_TEXTS = {
    states.DRAFT: "Draft",
    states.SUBMITTED: "Submitted — waiting for review",
    states.RETURNED: "Returned for changes",
    states.APPROVED: "Approved",
    states.SENT: "Sent",
}


def state_text(state: str) -> str:
    """The state in words for the form's title, the window's title and the status line."""
    return STATE_TEXTS.get(state, states.label(state))


def editing_refusal(store: Store, checklist: Checklist) -> str:
    """Why the signed-in person cannot change `checklist` in the form, in a few words, or ""
    when they can: its officer, with a draft or returned checklist (or anyone, as a new
    checklist, who may start one). The store asks the same (officer_app.permissions)."""
    if not states.is_editable(checklist.state):
        return state_text(checklist.state)
    try:
        if checklist.id is None:
            permissions.require_create(store.user)
        else:
            permissions.require_edit(store.user, checklist.id, checklist.owner)
    except PermissionDenied as refused:
        if checklist.id is None:
            return str(refused)
        owner = f"{checklist.owner}'s" if checklist.owner else "Another officer's"
        return f"{owner} {states.label(checklist.state).lower()} checklist: only they can change it"
    return ""


class FailureBar(QFrame):
    """A red bar with the whole message, wrapped: it never widens the window or takes focus."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("saveFailure")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # a long path is one word: without this it would set the window's minimum width
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(1)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()


class FormSaving(QObject):
    """Everything about getting one form's checklist into the database."""

    def __init__(self, form, recovered_from=None):
        super().__init__(form)
        self.form = form
        self.recovered_from = recovered_from  # a recovery copy, deleted once this is saved
        self.open_checklists = OpenChecklists(form.store.path)
        self.autosave = Autosaver(self._save, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self._on_failed)
        self.autosave.conflicted.connect(self._on_conflict)
        self.autosave.unsaved_change.connect(self.keep_recovery_copy)
        self.status = ElidedLabel(READY)
        self.status.setObjectName("saveStatus")
        self.bar = FailureBar()
        self.refused = ""  # the store refused a save (PermissionDenied): why
        checklist = form.checklist
        if checklist.id is not None and not form.read_only:
            self.open_checklists.add(checklist.id)  # offered again if the app dies now

    @property
    def checklist(self):
        return self.form.checklist

    def _save(self) -> None:
        first = self.checklist.id is None
        try:
            self.form.store.save(self.checklist)
        except PermissionDenied as exc:  # not expected: the form opened read-only if so
            self.refused = str(exc)
            raise StoreError(self.refused) from None
        if first:
            self.open_checklists.add(self.checklist.id)
        recovery_file(self.checklist.uid).unlink(missing_ok=True)
        if self.recovered_from is not None:
            self.recovered_from.unlink(missing_ok=True)
            self.recovered_from = None
        self.form.checklist_saved.emit(self.checklist.id)

    def _set_status(self, text: str, severity: str = "") -> None:
        self.status.setText(text)
        self.status.setProperty("severity", severity)
        repolish(self.status)

    def _on_saved(self, when: str) -> None:
        was_failing = self.bar.isVisible()
        self._set_status(f"Saved at {when}")
        self.bar.hide()
        if was_failing:
            announce(self.status, f"Saved again at {when}.")

    def _on_failed(self, why: str) -> None:
        kept = self.keep_recovery_copy()
        where = f" in {kept}" if kept else " on screen"
        message = f"NOT SAVED: {why}. Retrying every few seconds; what you typed is kept{where}."
        if self.refused:  # trying again cannot help: stop, and keep every change in the copy
            self.autosave.blocked = True
            message = f"NOT SAVED: {why} What you typed is kept{where}."
        first = not self.bar.isVisible()
        self._set_status("NOT SAVED: retrying; see the message above", "error")
        self.bar.show_message(message)
        if first:
            announce(self.bar, message, assertive=True)

    def keep_recovery_copy(self) -> str:
        """Write what is on screen to the recovery copy; its path, or "" if that failed too."""
        target = recovery_file(self.checklist.uid)
        payload = interchange.to_json(self.checklist).encode("utf-8")
        try:
            private_folder(target.parent)
            files.write_atomically(target, sealed.seal(self.form.store.key, payload))
        except OSError:
            return ""
        return str(target)

    def _on_conflict(self, why: str) -> None:
        """A newer version is stored: keep the officer's version safe, then let them choose."""
        kept = self.keep_recovery_copy()
        message = (
            "NOT SAVED: changed elsewhere. Your version is kept"
            + (f" in {kept}" if kept else " on screen")
            + "; press Save now to keep it as a new draft."
        )
        self._set_status("NOT SAVED: changed elsewhere; see the message above", "error")
        self.bar.show_message(message)
        answer = QMessageBox.warning(
            self.form,
            "Changed elsewhere",
            f"{why}\n\nSave what you typed here as a new draft? (No keeps it on screen and in "
            "a recovery copy; nothing is saved over the newer version.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save_as_new_draft()

    def show_read_only(self, why: str) -> None:
        """A form that cannot change: no Save now, and the status line says why instead of
        "Saved automatically as you type"."""
        self.form.save_button.hide()
        self._set_status(f"{READ_ONLY}: {why}")

    def save_now(self) -> None:
        if self.form.read_only:
            return
        if self.autosave.blocked and self.refused:
            self._on_failed(self.refused)
        elif self.autosave.blocked:
            self._on_conflict(f"Checklist {self.checklist.id} was changed elsewhere.")
        else:
            self.autosave.flush()

    def save_as_new_draft(self) -> None:
        """After a conflict: keep the officer's version as a separate draft, nothing lost."""
        checklist = self.checklist
        if checklist.id is not None:
            self.open_checklists.remove(checklist.id)
        recovery_file(checklist.uid).unlink(missing_ok=True)
        checklist.id, checklist.uid, checklist.version = None, new_uid(), 0
        checklist.state = states.DRAFT
        self.autosave.blocked = False
        self.autosave.dirty = True
        self.autosave.flush()

    def close(self, read_only: bool) -> bool:
        """Save before closing; True if it may close (nothing would be lost)."""
        if read_only or self.autosave.flush():
            self.autosave.stop()
            if self.checklist.id is not None:
                self.open_checklists.remove(self.checklist.id)
            return True
        return False
