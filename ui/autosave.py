"""Autosave and crash recovery.

Autosaver: the first change after a save starts a short timer; when it fires the checklist is
saved (a few milliseconds, on the GUI thread where the database lives), so at most about a
second of typing is ever unsaved. Typing never waits for it. If a save fails (disk full,
database locked) it says so and retries every few seconds; meanwhile every change asks for the
recovery copy to be rewritten (`unsaved_change`), so nothing typed waits for the retry.

OpenChecklists: which checklists are open in a form, kept in QSettings per database. A clean
close removes the entry, so anything left at the next start was open when the app died.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from officer_app import paths
from officer_app.store import ConflictError, StoreError

SAVE_DELAY_MS = 800
RETRY_DELAY_MS = 5000


class Autosaver(QObject):
    """Saves through `save` shortly after the first unsaved change."""

    saved = Signal(str)  # time of the save, HH:MM:SS
    failed = Signal(str)  # why; a retry is scheduled
    conflicted = Signal(str)  # a newer version is stored: the form must ask the officer
    unsaved_change = Signal()  # a change while saving fails or is blocked: keep a copy now

    def __init__(self, save: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._save_callable = save
        self.dirty = False
        self.blocked = False  # after a conflict: no saving (or asking) until the officer chooses
        self.failing = False  # the last save failed; a retry is scheduled
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)

    def changed(self) -> None:
        self.dirty = True
        if self.failing or self.blocked:
            self.unsaved_change.emit()  # the retry stays on its own schedule
        elif not self.timer.isActive():
            self.timer.start(SAVE_DELAY_MS)

    def flush(self) -> bool:
        """Save now if anything is unsaved; True when nothing is left unsaved."""
        self.timer.stop()
        if not self.dirty:
            return True
        if self.blocked:
            return False
        try:
            self._save_callable()
        except ConflictError as exc:
            self.blocked = True
            self.conflicted.emit(str(exc))
            return not self.dirty  # the officer may have saved their version as a new draft
        except (StoreError, OSError, sqlite3.Error) as exc:
            self.failing = True
            self.failed.emit(str(exc))
            self.timer.start(RETRY_DELAY_MS)
            return False
        self.dirty = self.failing = False
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        return True

    def stop(self) -> None:
        self.timer.stop()


def app_settings() -> QSettings:
    """The one QSettings of the app (window layout, open checklists): an INI file per user."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "officer-app", "officer-app"
    )


class OpenChecklists:
    """The ids of checklists open in a form, per database file."""

    def __init__(self, db_path: Path):
        digest = hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:12]
        self.key = f"open_checklists/{digest}"

    def ids(self) -> list[int]:
        raw = app_settings().value(self.key, [])
        values = raw if isinstance(raw, list) else [raw]
        return [int(v) for v in values if str(v).isdigit()]

    def add(self, checklist_id: int) -> None:
        ids = self.ids()
        if checklist_id not in ids:
            self._write([*ids, checklist_id])

    def remove(self, checklist_id: int) -> None:
        self._write([i for i in self.ids() if i != checklist_id])

    def _write(self, ids: list[int]) -> None:
        settings = app_settings()
        settings.setValue(self.key, [str(i) for i in ids])
        settings.sync()


RECOVERY_SUFFIX = ".sealed"


def recovery_file(uid: str) -> Path:
    """Where a checklist that could not be saved is kept until it can be: its JSON sealed
    with the database key (officer_app.sealed), in a folder private to the user."""
    return paths.user_data_dir() / "recovery" / f"{uid}{RECOVERY_SUFFIX}"
