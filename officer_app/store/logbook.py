"""Store methods for the audit log (mixed into Store): add an entry, read and filter the log,
verify the chain, and disclose data only with its entry written first."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from officer_app import permissions
from officer_app.store import audit, verify
from officer_app.store.driver import sqlite
from officer_app.store.errors import StoreError
from officer_app.store.rows import AuditEntry

_ENTRY_SQL = f"SELECT {audit.ENTRY_COLUMNS} FROM audit_log"


@dataclass(frozen=True)
class Disclosure:
    """What an export wrote, once its audit entry is committed: the payload's SHA-256 and
    the entry (position and hash) that records it."""

    sha256: str
    entry: audit.Head
    witness: audit.Head


class LogMixin:
    _db: Any
    library: Any  # officer_app.library.Library: the definitions the summary columns come from
    user: permissions.User | None

    if TYPE_CHECKING:  # provided by Store; declared here for the type checker only

        @property
        def actor(self) -> str: ...

        def _writing(self, failure: str) -> AbstractContextManager[sqlite.Connection]: ...

        def _read(self, sql: str, params: list[Any]) -> list[tuple]: ...

    def _audit(
        self,
        action: str,
        checklist_id: int | None,
        detail: str = "",
        *,
        content: str = "",
        record: str = "",
        subject: str = "",
        actor: str = "",
    ) -> audit.Head:
        """One entry by this store's actor (or `actor`: the person signing in); call inside a
        write transaction."""
        return audit.append(
            self._db.conn,
            actor or self.actor,
            action,
            checklist_id,
            detail,
            content=content,
            record=record,
            subject=subject,
        )

    def record(self, action: str, checklist_id: int | None = None, detail: str = "") -> None:
        """Log an action ("view", "print", ...) by this store's actor."""
        if not action.strip():
            raise StoreError("An audit entry needs an action, e.g. 'view' or 'export'.")
        with self._writing("The audit entry was not written"):
            self._audit(action, checklist_id, detail)

    def audit_log(
        self,
        checklist_id: int | None = None,
        *,
        actor: str | None = None,
        action: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[AuditEntry]:
        """Audit entries in the order they were written, all or filtered (administrators).
        Dates are YYYY-MM-DD, inclusive."""
        permissions.require(self.user, "read the audit log")
        clauses, params = [], []
        for column, value in (("checklist_id", checklist_id), ("actor", actor)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if action:
            clauses.append("action = ?")
            params.append(action)
        if date_from:
            clauses.append("substr(at, 1, 10) >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("substr(at, 1, 10) <= ?")
            params.append(date_to)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return [AuditEntry(*row) for row in self._read(f"{_ENTRY_SQL}{where} ORDER BY id", params)]

    def verify_audit(self) -> verify.Verification:
        permissions.require(self.user, "read the audit log")
        try:
            return verify.verify(self._db.conn, self.library)
        except sqlite.Error as exc:
            raise StoreError(f"The audit log cannot be read ({exc}).") from None

    def check_witness(self, witness: audit.Head, payload_sha256: str = "") -> str | None:
        """See verify.check_witness: the chain up to an export's witness, and the export's own
        entry when its file's SHA-256 is given."""
        permissions.require(self.user, "read the audit log")
        try:
            return verify.check_witness(self._db.conn, witness, payload_sha256)
        except sqlite.Error as exc:
            raise StoreError(f"The audit log cannot be read ({exc}).") from None

    def disclose(
        self,
        checklist_id: int | None,
        what: str,
        render: Callable[[audit.Head], bytes],
        deliver: Callable[[bytes], Generator[None, None, None]],
        *,
        action: str = "export",
    ) -> Disclosure:
        """Record a disclosure before the data leaves. In one write transaction: read the
        head of the chain (the witness the export carries), `render(witness)` the payload,
        stage it with `deliver` (a generator: it writes a private temporary file and yields;
        after the yield it puts the file in place or prints), add the export entry with the
        payload's SHA-256, and commit. Only after the commit does `deliver` resume; if the
        entry cannot be written (locked, disk full) the staged file is removed and nothing is
        printed. `what` is the entry's detail ("PDF referral to ... for ...")."""
        permissions.require(self.user, "export")
        staged: Generator[None, None, None] | None = None
        try:
            with self._writing("Nothing was exported: the audit entry could not be written"):
                witness = audit.head(self._db.conn)
                payload = render(witness)
                sha = hashlib.sha256(payload).hexdigest()
                staged = deliver(payload)
                next(staged)
                entry = self._audit(action, checklist_id, what, record=sha)
        except BaseException:
            if staged is not None:
                staged.close()  # the generator's cleanup removes the staged file
            raise
        try:
            for _ in staged:  # put in place / print, after the commit
                pass
        except OSError as exc:
            self.record("export failed", checklist_id, f"{what}: not delivered ({exc})")
            raise StoreError(
                f"The export was recorded but could not be put in place ({exc.strerror or exc});"
                " nothing was left behind."
            ) from None
        return Disclosure(sha, entry, witness)
