"""The schema history (`MIGRATIONS[n - 1]` takes a file from schema n-1 to
n; migrations spell out their DDL: no sqlite-utils `alter=True`, which does not work with
SQLCipher connections)."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlite_utils import Database

from officer_app.store.accounts_schema import v5_accounts_reviews_chain
from officer_app.store.erasure_schema import v6_erasure
from officer_app.store.rows import coverage_of_row, summary_of_row

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
    v6_erasure,
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
