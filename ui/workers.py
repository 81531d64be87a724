"""Long work off the GUI thread: writing a PDF referral.

The worker is given plain data (a copy of the checklist, its definition and risk tool) and
never touches the database; the window records the export in the audit log when it ends.
Results must reach the window through @Slot methods of objects that live in the GUI thread:
a lambda connected to a worker's signal would run in the worker's thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from officer_app.referral import ReferralError, write_referral


class ReferralWorker(QObject):
    """Writes one referral; emits finished(checklist id, path) or failed(message)."""

    finished = Signal(int, str)
    failed = Signal(str)

    def __init__(
        self,
        checklist,
        definition,
        tool,
        out_path: Path,
        marking: str,
        force_name: str,
        *,
        demo: bool = False,
    ):
        super().__init__()
        self.demo = demo  # a demo database's referral says DEMO on every page
        self.checklist_id = checklist.id
        self.args = (checklist.copy(), definition, tool, Path(out_path))
        self.marking, self.force_name = marking, force_name

    @Slot()
    def run(self) -> None:
        checklist, definition, tool, out_path = self.args
        try:
            write_referral(
                checklist,
                definition,
                tool,
                out_path,
                marking=self.marking,
                force_name=self.force_name,
                demo=self.demo,
            )
        except (ReferralError, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker must always report back
            self.failed.emit(f"unexpected error ({type(exc).__name__}): {exc}")
        else:
            self.finished.emit(self.checklist_id, str(out_path))


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
