"""Schema 5: accounts, owners, kept versions, reviews, the hash-chained audit log and the
triggers that keep submitted checklists and the log from being changed in place."""

from __future__ import annotations

import json

from sqlite_utils import Database

from officer_app.states import LOCKED_STATES, TRANSITIONS
from officer_app.store import audit
from officer_app.store.driver import sqlite
from officer_app.store.rows import summary_of_row

LOCKED_MESSAGE = (
    "a submitted, approved or sent checklist cannot be changed in place; only a review "
    "decision or an amendment changes it"
)


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def locked_trigger_sql() -> str:
    """A checklist in a locked state keeps its answers and owner, and leaves that state only
    by a transition of `states.TRANSITIONS`."""
    pairs = ", ".join(f"('{a}', '{b}')" for a, b in TRANSITIONS)
    same = " OR ".join(
        f"NEW.{c} IS NOT OLD.{c}" for c in audit.CONTENT_COLUMNS if c not in ("state", "version")
    )
    return f"""CREATE TRIGGER checklists_locked BEFORE UPDATE ON checklists
        WHEN OLD.state IN ({_quoted(LOCKED_STATES)}) AND (
            {same}
            OR (NEW.state IS NOT OLD.state AND (OLD.state, NEW.state) NOT IN (VALUES {pairs}))
        )
        BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"""


def _refuse(table: str, verb: str, why: str) -> str:
    return (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
        f" BEGIN SELECT RAISE(ABORT, '{why}'); END"
    )


def v5_accounts_reviews_chain(db: Database) -> None:
    db.execute("ALTER TABLE checklists ADD COLUMN owner TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX checklists_owner ON checklists (owner)")
    db.execute(
        """CREATE TABLE users (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            last_login TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """CREATE TABLE checklist_versions (
            checklist_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            uid TEXT NOT NULL,
            owner TEXT NOT NULL,
            state TEXT NOT NULL,
            definition_id TEXT NOT NULL,
            definition_version INTEGER NOT NULL,
            risk_tool_id TEXT NOT NULL,
            risk_tool_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (checklist_id, version)
        )"""
    )
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            checklist_id INTEGER NOT NULL,
            checklist_version INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            decision TEXT NOT NULL,
            agreed_grade TEXT NOT NULL DEFAULT '',
            grade_rationale TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '{}',
            reasons TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX reviews_checklist ON reviews (checklist_id)")
    for name in ("content_hash", "record_hash", "subject", "prev_hash", "hash"):
        db.execute(f"ALTER TABLE audit_log ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")
    _chain_existing(db)
    db.execute(locked_trigger_sql())
    db.execute(
        _refuse(
            "checklists",
            "DELETE",
            "checklists are never deleted in place; erasure is a recorded action",
        )
    )
    for table in ("audit_log", "checklist_versions", "reviews"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(_refuse(table, verb, f"{table} is append-only"))


def _chain_existing(db: Database) -> None:
    """Chain the entries an older file already has, then seal each stored checklist with an
    entry recording its content as it is at the upgrade."""
    conn = db.conn
    prev = audit.GENESIS
    rows = conn.execute(
        "SELECT id, at, actor, action, checklist_id, detail FROM audit_log ORDER BY id"
    ).fetchall()
    conn.execute("DELETE FROM audit_log")  # renumbered 1..n so that the chain has no gaps
    for position, (_old_id, at, actor, action, checklist_id, detail) in enumerate(rows, 1):
        fields = (position, at, actor, action, checklist_id, detail, "", "", "")
        digest = audit.entry_hash(prev, fields)
        conn.execute(
            f"INSERT INTO audit_log ({audit.ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [*fields, prev, digest],
        )
        prev = digest
    _refill_summaries(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM checklists ORDER BY id")]
    for checklist_id in ids:
        audit.append(
            conn,
            "officer-app",
            "seal",
            checklist_id,
            "content as found at the upgrade to schema 5",
            content=audit.stored_content_hash(conn, checklist_id),
        )


def _refill_summaries(conn: sqlite.Connection) -> None:
    """From schema 5 `verify` checks each checklist's summary columns against its answers:
    fill them once more with today's summary (as schemas 2 and 4 did), so that a column an
    older version filled in its own way is not taken for a change made outside the app."""
    columns = audit.SUMMARY_COLUMNS
    filled = []
    rows = conn.execute("SELECT id, data, definition_id, definition_version FROM checklists")
    for row_id, text, definition_id, version in rows.fetchall():
        summary = summary_of_row(json.loads(text), definition_id, version)
        filled.append([*(summary[c] for c in columns), row_id])
    conn.executemany(
        f"UPDATE checklists SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?", filled
    )
