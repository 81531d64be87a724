"""The one place that opens the SQLite database.

It sets the pragmas (WAL, foreign keys, busy timeout), reads the schema version
(`PRAGMA user_version`), backs the file up and migrates it forward, saves and loads checklists
with conflict detection, lists and searches them, and keeps the audit log that DPA 2018 Part 3
s.62 asks for (who collected, altered, viewed or disclosed what, and when).

Three tables:
- `checklists`: one row per checklist. The answers are JSON text in `data`; the summary columns
  (reference, incident_time, address, postcode, children_count, risk_grade, people; the
  children's, adults' and officers' names; each child's coverage, from the rules' verdict)
  and `search` (folded text that `list(search=...)` matches) are recomputed from the answers
  on every save, so they never disagree with them.
- `audit_log`: one row per create, update, view, export, ...; rows are only ever added. It has
  no foreign key to `checklists`: the record of an erasure must outlive the erased checklist.
- `meta`: facts about the file itself (key, value), such as that it holds demo data.

The package: `schema` opens the file (the one connection) and migrates it, `rows` computes
the summary columns, `queries` holds the list's SQL and filters, `errors` what can go wrong.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from pathlib import Path
from typing import Any

from officer_app.checklist import Checklist, now_iso
from officer_app.definition import Definition, DefinitionError, RiskTool
from officer_app.library import Library, default_library
from officer_app.states import EDITABLE_STATES
from officer_app.store.errors import ConflictError, DuplicateError, NotFoundError, StoreError
from officer_app.store.queries import LOAD_SQL, ORDER_SQL, ROW_SQL, filters
from officer_app.store.rows import (
    AuditEntry,
    ChecklistRow,
    ChildMarks,
    columns,
    row_of,
    with_matches,
)
from officer_app.store.schema import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    backup_name,
    migrate,
    open_database,
    schema_version,
)
from officer_app.store.schema import connect as _connect  # noqa: F401  (tests open files raw)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SCHEMA_VERSION",
    "AuditEntry",
    "ChecklistRow",
    "ChildMarks",
    "ConflictError",
    "DuplicateError",
    "NotFoundError",
    "Store",
    "StoreError",
    "backup_name",
    "migrate",
    "schema_version",
]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown"


# ---------------------------------------------------------------- the store


class Store:
    """The checklists database: open it once, save on every change, close it at the end.

    `actor` (default: the OS user name) is written to every audit row this store adds.
    `backup` is the copy made before an older file was migrated, or None. `library` (default:
    the installed definitions) tells which fields of a checklist feed the summary columns.
    """

    def __init__(
        self, path: str | Path, *, actor: str | None = None, library: Library | None = None
    ):
        self.path = Path(path)
        self.actor = actor or _os_user()
        self.library = library or default_library()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder {self.path.parent} ({exc.strerror}); "
                "choose another location."
            ) from None
        self._db, self.backup = open_database(self.path)

    def close(self) -> None:
        self._db.close()

    def _definition_of(self, checklist: Checklist) -> Definition:
        try:
            return self.library.definition(checklist.definition_id, checklist.definition_version)
        except DefinitionError as exc:
            raise StoreError(f"The checklist cannot be saved: {exc}.") from None

    def _tool_of(self, checklist: Checklist) -> RiskTool | None:
        """The risk tool the checklist was filled with; None (its coverage is then not worked
        out) when it is not installed: that never stops a save."""
        try:
            return self.library.risk_tool(checklist.risk_tool_id, checklist.risk_tool_version)
        except DefinitionError:
            return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- checklists

    def save(self, checklist: Checklist, *, action: str = "", detail: str = "") -> None:
        """Store a new checklist or the next version of a stored one, with its audit row.
        `action` ("submit", "import"...) adds a second audit row in the same transaction.
        On success `id` (when new), `version` and `updated_at` are set on `checklist`."""
        updated_at = now_iso()
        definition = self._definition_of(checklist)
        values = columns(checklist, definition, self._tool_of(checklist), updated_at)
        try:
            with self._db.atomic():
                if checklist.id is None:
                    new_id = self._insert(values)
                else:
                    new_id = self._update(checklist, values, action)
                if action:
                    self._audit(action, new_id, detail)
        except sqlite3.Error as exc:
            raise StoreError(f"Nothing was saved ({exc}); try saving again.") from None
        checklist.id = new_id
        checklist.version = values["version"]
        checklist.updated_at = updated_at

    def _insert(self, values: dict[str, Any]) -> int:
        existing = self.find_uid(values["uid"])
        if existing is not None:
            raise DuplicateError(existing)
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = self._db.execute(
            f"INSERT INTO checklists ({names}) VALUES ({marks})", list(values.values())
        )
        new_id = cursor.lastrowid
        assert new_id is not None  # an INSERT always gives the new row's id
        self._audit("create", new_id, f"version {values['version']}, {values['state']}")
        return new_id

    def _update(self, checklist: Checklist, values: dict[str, Any], action: str) -> int:
        checklist_id = checklist.id
        assert checklist_id is not None  # only a stored checklist is updated
        stored = self._read("SELECT state FROM checklists WHERE id = ?", [checklist.id])
        if stored and stored[0][0] not in EDITABLE_STATES and not action:
            raise StoreError(
                f"Checklist {checklist.id} is {stored[0][0]}: it can no longer be changed."
            )
        changing = {k: v for k, v in values.items() if k not in ("uid", "created_at")}
        assignments = ", ".join(f"{name} = ?" for name in changing)
        cursor = self._db.execute(
            f"UPDATE checklists SET {assignments} WHERE id = ? AND version = ?",
            [*changing.values(), checklist.id, checklist.version],
        )
        if cursor.rowcount != 1:
            raise self._refusal(checklist)
        self._audit("update", checklist_id, f"version {values['version']}, {values['state']}")
        return checklist_id

    def _refusal(self, checklist: Checklist) -> StoreError:
        checklist_id = checklist.id or 0
        row = self._db.execute(
            "SELECT version FROM checklists WHERE id = ?", [checklist_id]
        ).fetchone()
        if row is None:
            return NotFoundError(checklist_id)
        return ConflictError(checklist_id, row[0], checklist.version)

    def _read(self, sql: str, params: list[Any]) -> list[tuple]:
        """Run a query; any SQLite failure (locked, closed, damaged) becomes a StoreError."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"The database {self.path} cannot be read ({exc}).") from None

    def load(self, checklist_id: int) -> Checklist:
        rows = self._read(LOAD_SQL, [checklist_id])
        row = rows[0] if rows else None
        if row is None:
            raise NotFoundError(checklist_id)
        try:
            data = json.loads(row[11])
        except ValueError:
            raise StoreError(
                f"Checklist {checklist_id} is damaged: its answers cannot be read."
            ) from None
        return Checklist(
            id=row[0],
            uid=row[1],
            definition_id=row[2],
            definition_version=row[3],
            risk_tool_id=row[4],
            risk_tool_version=row[5],
            state=row[6],
            version=row[7],
            created_at=row[8],
            updated_at=row[9],
            submitted_at=row[10],
            data=data,
        )

    def find_uid(self, uid: str) -> int | None:
        rows = self._read("SELECT id FROM checklists WHERE uid = ?", [uid])
        return rows[0][0] if rows else None

    # -- audit log

    # -- facts about the file

    def meta(self, key: str) -> str | None:
        """A fact about the database file itself (e.g. "demo"), or None when it is not set."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        try:
            with self._db.atomic():
                self._db.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"The database was not changed ({exc}); try again.") from None

    # -- audit

    def record(self, action: str, checklist_id: int | None = None, detail: str = "") -> None:
        """Log an action ("view", "export", "import", "submit", ...) by this store's actor."""
        if not action.strip():
            raise StoreError("An audit entry needs an action, e.g. 'view' or 'export'.")
        try:
            with self._db.atomic():
                self._audit(action, checklist_id, detail)
        except sqlite3.Error as exc:
            raise StoreError(f"The audit entry was not written ({exc}); try again.") from None

    def _audit(self, action: str, checklist_id: int | None, detail: str) -> None:
        self._db.execute(
            "INSERT INTO audit_log (at, actor, action, checklist_id, detail)"
            " VALUES (?, ?, ?, ?, ?)",
            [now_iso(), self.actor, action, checklist_id, detail],
        )

    def audit_log(self, checklist_id: int | None = None) -> list[AuditEntry]:
        """Audit entries in the order they were written, all or for one checklist."""
        sql = "SELECT id, at, actor, action, checklist_id, detail FROM audit_log"
        params: list[Any] = []
        if checklist_id is not None:
            sql += " WHERE checklist_id = ?"
            params.append(checklist_id)
        return [AuditEntry(*row) for row in self._read(sql + " ORDER BY id", params)]

    # -- lists (last: `list` below shadows the builtin name inside this class body)

    def count(
        self,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> int:
        where, params = filters(state, search, date_from, date_to)
        return self._read(f"SELECT count(*) FROM checklists{where}", params)[0][0]

    def list(
        self,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ChecklistRow]:
        """Checklists matching every filter, newest incident first. `search`: every term must
        appear in the reference, address, postcode or a name, ignoring case and accents (each
        row's `matched` says where); dates (YYYY-MM-DD, inclusive) filter on the incident
        call time."""
        where, params = filters(state, search, date_from, date_to)
        params += [-1 if limit is None else limit, offset]
        rows = self._read(f"{ROW_SQL}{where}{ORDER_SQL} LIMIT ? OFFSET ?", params)
        return [with_matches(row_of(row), search) for row in rows]

    def row(
        self,
        checklist_id: int,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> ChecklistRow | None:
        """One checklist's row as `list` gives it with the same filters, or None when it is
        not stored or does not match them (a list updates that one line after a save)."""
        where, params = filters(state, search, date_from, date_to, checklist_id)
        rows = self._read(f"{ROW_SQL}{where}", params)
        return with_matches(row_of(rows[0]), search) if rows else None
