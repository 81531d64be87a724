"""Opening the database file: the one connection, the checks that it is ours, the backup
before an upgrade, and the schema history (`MIGRATIONS[n - 1]` takes a file from schema n-1 to
n; migrations spell out their DDL: no sqlite-utils `alter=True`, which does not work with
SQLCipher connections)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from officer_app.store.accounts_schema import v5_accounts_reviews_chain
from officer_app.store.errors import StoreError
from officer_app.store.rows import coverage_of_row, summary_of_row

BUSY_TIMEOUT_MS = 5000


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
        summary = summary_of_row(json.loads(text), definition_id, version)
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


def _v3_meta(db: Database) -> None:
    """Schema 3: facts about the file itself (key, value), e.g. that it holds demo data."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v4_people_and_coverage(db: Database) -> None:
    """Schema 4: the children's, adults' and officers' names apart (JSON lists), each child's
    coverage (JSON, as `rows.coverage_text` writes it) and the search text refilled with the
    same parts, for every stored row; the list shows them without reading the answers. The
    fill uses today's `_summary` and rules, as schema 2's does."""
    for name in ("children", "adults", "officers"):
        db.execute(f"ALTER TABLE checklists ADD COLUMN {name} TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE checklists ADD COLUMN coverage TEXT NOT NULL DEFAULT 'null'")
    filled = []
    rows = db.execute(
        "SELECT id, data, definition_id, definition_version, risk_tool_id, risk_tool_version"
        " FROM checklists"
    )
    for row_id, text, definition_id, version, tool_id, tool_version in rows.fetchall():
        data = json.loads(text)
        summary = summary_of_row(data, definition_id, version)
        coverage = coverage_of_row(data, definition_id, version, tool_id, tool_version)
        names = (summary["children"], summary["adults"], summary["officers"])
        filled.append((*names, coverage, summary["search"], row_id))
    db.conn.executemany(
        "UPDATE checklists SET children = ?, adults = ?, officers = ?, coverage = ?, search = ?"
        " WHERE id = ?",
        filled,
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_checklists,
    _v2_search_and_audit,
    _v3_meta,
    _v4_people_and_coverage,
    v5_accounts_reviews_chain,
]
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


def connect(path: Path) -> sqlite3.Connection:
    """Open a connection to the file: the only place one is made, so encryption (sqlcipher3
    and `PRAGMA key`) changes this function alone."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def open_database(path: Path) -> tuple[Database, Path | None]:
    """Open, check, back up if old, set the pragmas and migrate; returns the database and the
    backup made (if any)."""
    try:
        db = Database(connect(path), execute_plugins=False)
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
        dest = connect(target)
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
