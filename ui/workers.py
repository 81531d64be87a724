"""Long work off the GUI thread: exporting a PDF referral.

The worker opens its own connection to the database (a SQLite connection belongs to the
thread that made it) as the signed-in user, and exports through officer_app.disclosure: the
audit entry is committed before the file is put in place, so a referral never leaves without
its entry. Results must reach the window through @Slot methods of objects that live in the GUI
thread: a lambda connected to a worker's signal would run in the worker's thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from officer_app.disclosure import export_referral
from officer_app.library import Library
from officer_app.permissions import PermissionDenied
from officer_app.settings import Settings
from officer_app.store import Store, StoreError


class ReferralWorker(QObject):
    """Exports one referral; emits finished(checklist id, path) or failed(message)."""

    finished = Signal(int, str)
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        checklist_id: int,
        out_path: Path,
        library: Library,
        settings: Settings,
        *,
        recipient: str = "",
        force: bool = False,
    ):
        """`store`: the window's; the worker opens its own connection to the same file with
        the same key, signed in as the same person (a connection stays on its thread)."""
        super().__init__()
        self.db_path, self.key, self.user = store.path, store.key, store.user
        self.checklist_id = checklist_id
        self.out_path, self.library, self.settings = Path(out_path), library, settings
        self.recipient = recipient
        self.force = force  # replace an existing file at out_path: the save dialog asked

    @Slot()
    def run(self) -> None:
        try:
            with Store(
                self.db_path, key=self.key, user=self.user, library=self.library
            ) as store:
                export_referral(
                    store,
                    self.checklist_id,
                    self.out_path,
                    self.library,
                    self.settings,
                    recipient=self.recipient,
                    force=self.force,
                )
        except (StoreError, PermissionDenied, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker must always report back
            self.failed.emit(f"unexpected error ({type(exc).__name__}): {exc}")
        else:
            self.finished.emit(self.checklist_id, str(self.out_path))


class Jobs(QObject):
    """Runs workers in their own threads and keeps both referenced until the thread ends."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.running: list[tuple[QThread, QObject]] = []

    def start(self, worker: QObject) -> QThread:
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._collect)
        self.running.append((thread, worker))
        thread.start()
        return thread

    @Slot()
    def _collect(self) -> None:
        """Queued to the GUI thread after a thread ends: now it is safe to let go of it."""
        self.running = [(t, w) for t, w in self.running if not t.isFinished()]

    def wait_all(self, milliseconds: int) -> None:
        for thread, _ in list(self.running):
            thread.wait(milliseconds)
