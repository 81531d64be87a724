"""Kept versions and supervisors' reviews.

Every change of state (submit, return, approve, amend, send) and every import keeps a full
copy of the checklist as it then was in `checklist_versions`, so each version a supervisor saw
or approved can be read again. A review (a decision by a supervisor) is one row of `reviews`,
written in the same transaction as the change of state it makes. Both tables are
append-only (schema 5's triggers) and covered by the audit chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from officer_app import permissions
from officer_app.checklist import Checklist, now_iso
from officer_app.store import audit
from officer_app.store.errors import NotFoundError, StoreError
from officer_app.store.queries import filters

_VERSION_COLUMNS = ", ".join(audit.CONTENT_COLUMNS)


@dataclass(frozen=True)
class Review:
    """A supervisor's decision on one version of a checklist.

    `items`: the supervisor's own checklist, {item id: {"answer": "yes"|"no"|"n/a",
    "note": text}}; `reasons`: for a return, [{"path": field path or "", "reason": text}];
    `agreed_grade` and `grade_rationale`: the risk grade the supervisor agrees (approval)."""

    decision: str
    reviewer: str = ""
    at: str = ""
    checklist_version: int = 0
    agreed_grade: str = ""
    grade_rationale: str = ""
    items: dict[str, Any] = field(default_factory=dict)
    reasons: tuple[dict[str, str], ...] = ()
    note: str = ""
    id: int | None = None
    checklist_id: int | None = None


@dataclass(frozen=True)
class KeptVersion:
    checklist_id: int
    version: int
    at: str
    actor: str
    action: str
    state: str


def checklist_of(row: tuple, checklist_id: int) -> Checklist:
    """A Checklist from LOAD_SQL's columns."""
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
        owner=row[12],
    )


class ReviewsMixin:
    """Store methods for kept versions and reviews (mixed into Store)."""

    _db: Any
    user: permissions.User | None

    if TYPE_CHECKING:  # provided by Store; declared here for the type checker only

        @property
        def actor(self) -> str: ...

        def _read(self, sql: str, params: list[Any]) -> list[tuple]: ...

    def _keep_version(self, checklist_id: int, action: str) -> None:
        self._db.execute(
            f"INSERT INTO checklist_versions (checklist_id, version, at, actor, action,"
            f" {_VERSION_COLUMNS}) SELECT id, version, ?, ?, ?, {_VERSION_COLUMNS}"
            " FROM checklists WHERE id = ?",
            [now_iso(), self.actor, action, checklist_id],
        )

    def _add_review(self, checklist_id: int, version: int, review: Review) -> str:
        """Insert the review of `version`; returns its hash for the audit entry."""
        cursor = self._db.execute(
            "INSERT INTO reviews (checklist_id, checklist_version, reviewer, at, decision,"
            " agreed_grade, grade_rationale, items, reasons, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                checklist_id,
                version,
                self.actor,
                now_iso(),
                review.decision,
                review.agreed_grade,
                review.grade_rationale,
                json.dumps(review.items, ensure_ascii=False, sort_keys=True),
                json.dumps(list(review.reasons), ensure_ascii=False),
                review.note,
            ],
        )
        return audit.stored_review_hash(self._db.conn, cursor.lastrowid)

    def _readable(self, checklist_id: int) -> None:
        rows = self._read("SELECT owner, state FROM checklists WHERE id = ?", [checklist_id])
        if not rows:
            raise NotFoundError(checklist_id)
        permissions.require_read(self.user, checklist_id, rows[0][0], rows[0][1])

    def reviews(self, checklist_id: int) -> list[Review]:
        """Every review of the checklist, oldest first."""
        self._readable(checklist_id)
        rows = self._read(
            "SELECT id, checklist_id, checklist_version, reviewer, at, decision, agreed_grade,"
            " grade_rationale, items, reasons, note FROM reviews WHERE checklist_id = ?"
            " ORDER BY id",
            [checklist_id],
        )
        return [
            Review(
                id=r[0],
                checklist_id=r[1],
                checklist_version=r[2],
                reviewer=r[3],
                at=r[4],
                decision=r[5],
                agreed_grade=r[6],
                grade_rationale=r[7],
                items=_json(r[8], {}),
                reasons=tuple(_json(r[9], [])),
                note=r[10],
            )
            for r in rows
        ]

    def returned_ids(self) -> set[int]:
        """The checklists a supervisor has returned at least once, of those the signed-in
        user may read."""
        where, params = filters(None, None, None, None, user=self.user)
        rows = self._read(
            "SELECT DISTINCT checklist_id FROM reviews WHERE decision = 'return'"
            f" AND checklist_id IN (SELECT id FROM checklists{where})",
            params,
        )
        return {r[0] for r in rows}

    def versions(self, checklist_id: int) -> list[KeptVersion]:
        """The kept versions (one per change of state or import), oldest first."""
        self._readable(checklist_id)
        rows = self._read(
            "SELECT checklist_id, version, at, actor, action, state FROM checklist_versions"
            " WHERE checklist_id = ? ORDER BY version",
            [checklist_id],
        )
        return [KeptVersion(*r) for r in rows]

    def load_version(self, checklist_id: int, version: int) -> Checklist:
        """A kept version as it was stored (id set; `updated_at` is when it was kept)."""
        self._readable(checklist_id)
        rows = self._read(
            "SELECT checklist_id, uid, definition_id, definition_version, risk_tool_id,"
            " risk_tool_version, state, version, created_at, at, submitted_at, data, owner"
            " FROM checklist_versions WHERE checklist_id = ? AND version = ?",
            [checklist_id, version],
        )
        if not rows:
            raise StoreError(f"Checklist {checklist_id} has no kept version {version}.")
        return checklist_of(rows[0], checklist_id)


def _json(text: str, default: Any) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return default
