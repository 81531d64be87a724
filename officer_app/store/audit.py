"""The audit log as a hash chain (DPA 2018 Part 3 s.62 logging that cannot be rewritten unseen).

Every entry carries `prev_hash` (the hash of the entry before it; the first follows GENESIS)
and `hash` = SHA-256 over the previous hash and the entry's own fields. An entry about a
checklist also carries `content_hash`, the hash of the checklist as stored after the action,
and an entry about a review, an export or an account carries `record_hash`, the hash of that
review row, exported file or account. Checking the chain and what
it recorded against the file, and exports' witnesses, is store/verify.py.

The database's triggers (schema 5) refuse UPDATE and DELETE on the log and on kept versions
and reviews; verification catches what is done by removing the triggers first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from officer_app.checklist import now_iso
from officer_app.store.driver import sqlite

if TYPE_CHECKING:
    pass

GENESIS = "0" * 64

# The columns of a stored checklist that its content hash covers (what a reader relies on).
CONTENT_COLUMNS = (
    "uid",
    "owner",
    "state",
    "version",
    "definition_id",
    "definition_version",
    "risk_tool_id",
    "risk_tool_version",
    "created_at",
    "submitted_at",
    "data",
)
REVIEW_COLUMNS = (
    "id",
    "checklist_id",
    "checklist_version",
    "reviewer",
    "at",
    "decision",
    "agreed_grade",
    "grade_rationale",
    "items",
    "reasons",
    "note",
)
ACCOUNT_COLUMNS = ("name", "role", "disabled", "password_hash")
# What the list, the queue and a search show (store.rows works them out from the answers on
# every save). Kept versions have no such columns, so the content hash leaves them out; they
# are checked against the answers instead. The coverage column is left out: the rules that
# give it read the time of the check.
SUMMARY_COLUMNS = ("reference", "incident_time", "address", "postcode", "children_count",
                   "risk_grade", "people", "children", "adults", "officers", "search")  # fmt: skip
ENTRY_COLUMNS = (
    "id, at, actor, action, checklist_id, detail, content_hash, record_hash, subject,"
    " prev_hash, hash"
)


def sha256_text(*parts: Any) -> str:
    text = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(values: Sequence[Any]) -> str:
    """The hash of a checklist's CONTENT_COLUMNS values, in that order."""
    return sha256_text("checklist", *values)


def review_hash(values: Sequence[Any]) -> str:
    return sha256_text("review", *values)


def account_hash(values: Sequence[Any]) -> str:
    name, *rest = values
    return sha256_text("account", str(name).casefold(), *rest)


def entry_hash(prev_hash: str, fields: Sequence[Any]) -> str:
    """fields: id, at, actor, action, checklist_id, detail, content_hash, record_hash, subject."""
    return sha256_text(prev_hash, *fields)


@contextmanager
def write_transaction(conn: sqlite.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock first (waiting up to the busy timeout)
    so the head of the chain read inside cannot change before the entry is added."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def stored_content_hash(conn: sqlite.Connection, checklist_id: int) -> str:
    row = conn.execute(
        f"SELECT {', '.join(CONTENT_COLUMNS)} FROM checklists WHERE id = ?", [checklist_id]
    ).fetchone()
    return content_hash(row) if row else ""


def stored_review_hash(conn: sqlite.Connection, review_id: int) -> str:
    row = conn.execute(
        f"SELECT {', '.join(REVIEW_COLUMNS)} FROM reviews WHERE id = ?", [review_id]
    ).fetchone()
    return review_hash(row) if row else ""


def stored_account_hash(conn: sqlite.Connection, name: str) -> str:
    row = conn.execute(
        f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM users WHERE name = ?", [name]
    ).fetchone()
    return account_hash(row) if row else ""


@dataclass(frozen=True)
class Head:
    """The last entry of the chain: its position (id) and hash. An empty log is (0, GENESIS)."""

    position: int
    hash: str

    def text(self) -> str:
        return f"officer-app-audit position={self.position} head={self.hash}"


def head(conn: sqlite.Connection) -> Head:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return Head(row[0], row[1]) if row else Head(0, GENESIS)


def append(
    conn: sqlite.Connection,
    actor: str,
    action: str,
    checklist_id: int | None = None,
    detail: str = "",
    *,
    content: str = "",
    record: str = "",
    subject: str = "",
) -> Head:
    """Add one entry after the current head; run it inside a write transaction."""
    last = head(conn)
    new_id = last.position + 1
    fields = (new_id, now_iso(), actor, action, checklist_id, detail, content, record, subject)
    digest = entry_hash(last.hash, fields)
    conn.execute(
        f"INSERT INTO audit_log ({ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*fields, last.hash, digest],
    )
    return Head(new_id, digest)
