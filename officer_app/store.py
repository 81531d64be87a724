"""The one place that opens the SQLite database.

It sets the pragmas (WAL, foreign keys, busy timeout), reads the schema version
(`PRAGMA user_version`), backs the file up and migrates it forward, saves and loads checklists
with conflict detection, lists and searches them, and keeps the audit log that DPA 2018 Part 3
s.62 asks for (who collected, altered, viewed or disclosed what, and when).

Two tables:
- `checklists`: one row per checklist. The answers are JSON text in `data`; the summary columns
  (reference, incident_time, address, postcode, children_count, risk_grade, people) and
  `search` (folded text that `list(search=...)` matches) are recomputed from the answers on
  every save, so they never disagree with them.
- `audit_log`: one row per create, update, view, export, ...; rows are only ever added. It has
  no foreign key to `checklists`: the record of an erasure must outlive the erased checklist.

`MIGRATIONS[n - 1]` takes a file from schema n-1 to n. Migrations spell out their DDL (no
sqlite-utils `alter=True`, which does not work with SQLCipher connections).
"""

from __future__ import annotations

import getpass
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from officer_app.checklist import Checklist, indexed_values, now_iso
from officer_app.definition import Definition, DefinitionError
from officer_app.library import Library, default_library
from officer_app.states import EDITABLE_STATES, STATES
from officer_app.text_search import LIKE_ESCAPE, like_pattern, query_terms, search_text

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database problem; the message is one sentence a user can act on."""


class ConflictError(StoreError):
    """A save refused because the stored checklist is newer than the copy being saved."""

    def __init__(self, checklist_id: int, saved_version: int, your_version: int):
        self.checklist_id = checklist_id
        self.saved_version = saved_version
        self.your_version = your_version
        super().__init__(
            f"Checklist {checklist_id} was changed elsewhere (saved version {saved_version}); "
            f"your copy is version {your_version}. Reopen it to see the newer version."
        )


class NotFoundError(StoreError):
    """No checklist with the id asked for."""

    def __init__(self, checklist_id: int):
        self.checklist_id = checklist_id
        super().__init__(f"No checklist with id {checklist_id}")


class DuplicateError(StoreError):
    """A checklist with the same uid is already stored (e.g. the same file imported twice)."""

    def __init__(self, existing_id: int):
        self.existing_id = existing_id
        super().__init__(
            f"This checklist is already stored as checklist {existing_id}; open that one instead."
        )


@dataclass(frozen=True)
class ChecklistRow:
    """One line of a checklist list: the summary columns, never the answers themselves."""

    id: int
    uid: str
    reference: str
    incident_time: str
    address: str
    postcode: str
    children_count: int
    risk_grade: str
    state: str
    version: int
    created_at: str
    updated_at: str
    definition: str  # "id@version"
    people: str  # children's and adults' names (in form order), comma-separated


@dataclass(frozen=True)
class AuditEntry:
    """One audit log row: who (actor) did what (action) to which checklist, and when."""

    id: int
    at: str
    actor: str
    action: str
    checklist_id: int | None
    detail: str


# ---------------------------------------------------------------- schema history


def _v1_checklists(db: Database) -> None:
    """Schema 1: the checklists table with the answers and their summary columns."""
    db.execute(
        """CREATE TABLE checklists (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            definition_id TEXT NOT NULL,
            definition_version INTEGER NOT NULL,
            risk_tool_id TEXT NOT NULL,
            risk_tool_version INTEGER NOT NULL,
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT NOT NULL DEFAULT '',
            reference TEXT NOT NULL DEFAULT '',
            incident_time TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            children_count INTEGER NOT NULL DEFAULT 0,
            risk_grade TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL
        )"""
    )


def _v2_search_and_audit(db: Database) -> None:
    """Schema 2: folded search text and people's names (filled in from every stored row),
    the audit log, and indexes for the list filters. The fill uses today's `_summary`: a later
    change to what is searchable needs its own migration to refill the column."""
    db.execute("ALTER TABLE checklists ADD COLUMN people TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE checklists ADD COLUMN search TEXT NOT NULL DEFAULT ''")
    filled = []
    rows = db.execute("SELECT id, data, definition_id, definition_version FROM checklists")
    for row_id, text, definition_id, version in rows.fetchall():
        summary = _summary_of_row(json.loads(text), definition_id, version)
        filled.append((summary["people"], summary["search"], row_id))
    db.conn.executemany("UPDATE checklists SET people = ?, search = ? WHERE id = ?", filled)
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            checklist_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX checklists_state ON checklists (state)")
    db.execute("CREATE INDEX checklists_incident_time ON checklists (incident_time)")
    db.execute("CREATE INDEX audit_log_checklist ON audit_log (checklist_id)")


MIGRATIONS: list[Callable[[Database], None]] = [_v1_checklists, _v2_search_and_audit]
SCHEMA_VERSION: int = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    """Bring the file forward to schema `target`, each step in its own transaction together
    with its `user_version`; returns the version reached."""
    current = schema_version(db)
    for version in range(current + 1, target + 1):
        with db.atomic():
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
    return max(current, target)


# ---------------------------------------------------------------- opening


def _connect(path: Path) -> sqlite3.Connection:
    """Open a connection to the file: the only place one is made, so encryption (sqlcipher3
    and `PRAGMA key`) changes this function alone."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _open(path: Path) -> tuple[Database, Path | None]:
    """Open, check, back up if old, set the pragmas and migrate; returns the database and the
    backup made (if any)."""
    try:
        db = Database(_connect(path), execute_plugins=False)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path} ({exc}); check the file can be reached.") from None
    try:
        found = _check_file(db, path)
        backup = _backup(db, path, found) if 0 < found < SCHEMA_VERSION else None
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        _migrate_file(db, path, found, backup)
    except sqlite3.OperationalError as exc:  # locked, read-only, disk full, ...
        db.close()
        raise StoreError(
            f"Cannot open {path} ({exc}); close other programs using it and try again."
        ) from None
    except BaseException:
        db.close()
        raise
    return db, backup


def _check_file(db: Database, path: Path) -> int:
    """The file's schema version, refusing a file that is not ours or is too new."""
    try:
        found = schema_version(db)
        tables = db.table_names()
    except sqlite3.OperationalError:
        raise  # the file is ours or not, but cannot be read now: _open says so
    except sqlite3.DatabaseError:
        raise StoreError(f"{path} is not an officer-app database; choose another file.") from None
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer officer-app (schema {found}); this version "
            f"understands up to {SCHEMA_VERSION}, so install the newer officer-app to open it."
        )
    if found == 0 and tables:
        raise StoreError(f"{path} is not an officer-app database; choose another file.")
    return found


def backup_name(path: Path, old_version: int, when: datetime) -> Path:
    """'<stem>.v<old>-backup-<YYYYmmddTHHMMSS>.sqlite' beside the database."""
    return path.with_name(f"{path.stem}.v{old_version}-backup-{when:%Y%m%dT%H%M%S}.sqlite")


def _backup(db: Database, path: Path, old_version: int) -> Path:
    """Copy the file with SQLite's backup API before it is migrated."""
    target = backup_name(path, old_version, datetime.now())
    if target.exists():
        raise StoreError(f"{target} already exists; wait a second and open {path} again.")
    try:
        dest = _connect(target)
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"Could not back up {path} before upgrading it ({exc}); free some disk space "
            "and open it again."
        ) from None
    return target


def _migrate_file(db: Database, path: Path, found: int, backup: Path | None) -> None:
    try:
        migrate(db)
    except (sqlite3.Error, ValueError) as exc:
        kept = f"; the backup {backup} is unchanged" if backup else ""
        raise StoreError(
            f"Could not upgrade {path} from schema {found} to {SCHEMA_VERSION} ({exc}){kept}."
        ) from None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown"


# ---------------------------------------------------------------- summaries


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _summary(data: dict, definition: Definition) -> dict[str, Any]:
    """The summary columns, from the fields the definition marks with `index`."""
    marked = indexed_values(data, definition)

    def first(mark: str) -> str:
        return next(iter(marked.get(mark, [])), "")

    postcode, names = first("postcode"), marked.get("name", [])
    parts = [first("reference"), first("address"), postcode, postcode.replace(" ", "")]
    return {
        "reference": first("reference"),
        "incident_time": first("incident_time"),
        "address": first("address"),
        "postcode": postcode,
        "children_count": len(_as_list(data.get("children"))),
        "risk_grade": first("risk_grade"),
        "people": ", ".join(names),
        "search": search_text([*parts, *names, *marked.get("officer", [])]),
    }


def _summary_of_row(data: dict, definition_id: str, version: int) -> dict[str, Any]:
    """The summary of a stored row, with the definition it was filled with (migrations); a
    row whose definition is no longer installed is summarised with the newest installed one
    (its marked fields are the usual reference, address, postcode and names), never refused."""
    library = default_library()
    try:
        definition = library.definition(definition_id, version)
    except DefinitionError:
        definition = library.latest_definition()
    return _summary(data, definition)


def _columns(checklist: Checklist, definition: Definition, updated_at: str) -> dict[str, Any]:
    """The stored values of a checklist about to be saved (as its next version)."""
    if checklist.state not in STATES:
        raise StoreError(f"'{checklist.state}' is not a checklist state ({', '.join(STATES)}).")
    try:
        data = json.dumps(checklist.data, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"The checklist cannot be saved: an answer is not plain data ({exc})."
        ) from None
    return {
        "uid": checklist.uid,
        "definition_id": checklist.definition_id,
        "definition_version": checklist.definition_version,
        "risk_tool_id": checklist.risk_tool_id,
        "risk_tool_version": checklist.risk_tool_version,
        "state": checklist.state,
        "version": checklist.version + 1,
        "created_at": checklist.created_at,
        "updated_at": updated_at,
        "submitted_at": checklist.submitted_at,
        **_summary(checklist.data, definition),
        "data": data,
    }


# ---------------------------------------------------------------- queries

_ROW_SQL = (
    "SELECT id, uid, reference, incident_time, address, postcode, children_count, risk_grade,"
    " state, version, created_at, updated_at, definition_id || '@' || definition_version, people"
    " FROM checklists"
)
_LOAD_SQL = (
    "SELECT id, uid, definition_id, definition_version, risk_tool_id, risk_tool_version, state,"
    " version, created_at, updated_at, submitted_at, data FROM checklists WHERE id = ?"
)
# A checklist with no call time yet (a fresh draft) comes first, then newest incident first.
_ORDER_SQL = " ORDER BY incident_time = '' DESC, incident_time DESC, id DESC"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: str) -> date:
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise StoreError(f"'{value}' is not a date written as YYYY-MM-DD.") from None


def _where(
    state: str | None, search: str | None, date_from: str | None, date_to: str | None
) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for the list filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if state is not None:
        if state not in STATES:
            raise StoreError(f"'{state}' is not a checklist state ({', '.join(STATES)}).")
        clauses.append("state = ?")
        params.append(state)
    for term in query_terms(search or ""):
        clauses.append(f"search LIKE ? ESCAPE '{LIKE_ESCAPE}'")
        params.append(like_pattern(term))
    if date_from:
        clauses.append("incident_time >= ?")
        params.append(_day(date_from).isoformat())
    if date_to:  # inclusive: before the next day starts
        clauses.append("incident_time < ?")
        params.append((_day(date_to) + timedelta(days=1)).isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


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
        self._db, self.backup = _open(self.path)

    def close(self) -> None:
        self._db.close()

    def _definition_of(self, checklist: Checklist) -> Definition:
        try:
            return self.library.definition(checklist.definition_id, checklist.definition_version)
        except DefinitionError as exc:
            raise StoreError(f"The checklist cannot be saved: {exc}.") from None

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
        values = _columns(checklist, self._definition_of(checklist), updated_at)
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
        rows = self._read(_LOAD_SQL, [checklist_id])
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
        where, params = _where(state, search, date_from, date_to)
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
        appear in the reference, address, postcode or a name, ignoring case and accents;
        dates (YYYY-MM-DD, inclusive) filter on the incident call time."""
        where, params = _where(state, search, date_from, date_to)
        params += [-1 if limit is None else limit, offset]
        rows = self._read(f"{_ROW_SQL}{where}{_ORDER_SQL} LIMIT ? OFFSET ?", params)
        return [ChecklistRow(*row) for row in rows]
