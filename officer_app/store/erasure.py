"""Store methods for retention and erasure (mixed into Store): list the checklists past their
retention period, erase the ones an administrator chose, and take what was erased out of the
file.

An erasure is never automatic: `erase` takes the ids someone chose, and refuses them all
(erasing nothing) when any of them is not stored or not past its period. In one write
transaction, for each checklist: an `erase` audit entry (what: id, reference, state, version
and dates, never the answers; who: the signed-in administrator; when; under which policy:
the state's setting and its days; its `record_hash` is the content hash of the checklist as
it was erased), then its reviews, kept versions and row are deleted. The database's triggers
(schema 6, store/erasure_schema.py) allow those deletes only for a checklist whose erasure
entry exists, and `verify` accepts the missing rows only for such a checklist.

After the commit the file is rewritten without the deleted pages: `secure_delete` (set on
every connection) overwrites them as they are freed, VACUUM rebuilds the file from the rows
that remain, and a TRUNCATE checkpoint writes the -wal into the file and empties it, so the
answers are in neither file nor in any backup made afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from officer_app import permissions, retention
from officer_app.retention import Expired, Retention
from officer_app.store import audit
from officer_app.store.driver import sqlite
from officer_app.store.errors import NotFoundError, StoreError
from officer_app.store.logbook import LogMixin

ERASE = "erase"  # the audit log's action; store/verify.py and the schema 6 triggers read it
_ROW_SQL = (
    "SELECT id, reference, state, version, created_at, updated_at, submitted_at FROM checklists"
)


@dataclass(frozen=True)
class Erasure:
    """What `erase` did: the checklists erased (in the order given), how many kept versions
    and reviews went with them, and `left_behind`: empty when the file was rewritten
    without them, else why it could not be yet (the erasure itself is committed)."""

    erased: tuple[Expired, ...]
    versions: int = 0
    reviews: int = 0
    left_behind: str = ""
    entries: tuple[int, ...] = field(default=())


class ErasureMixin(LogMixin):
    path: Any  # pathlib.Path of the database file

    def past_retention(self, policy: Retention, *, now: datetime | None = None) -> list[Expired]:
        """Every checklist, in any state, past its retention period at `now` (default: now),
        longest overdue first. Administrators only (`erase`): they see the reference, state
        and dates, never the answers, of checklists they may not otherwise open."""
        permissions.require(self.user, ERASE)
        when = now or retention.now()
        found = [
            item
            for row in self._read(f"{_ROW_SQL} ORDER BY id", [])
            if (item := retention.expired(policy, _row(row), when)) is not None
        ]
        return sorted(found, key=lambda item: (item.due, item.id))

    def erasable(
        self, ids: Iterable[int], policy: Retention, *, now: datetime | None = None
    ) -> list[Expired]:
        """The chosen checklists as `erase` would erase them at `now`, to show before asking;
        the StoreError `erase` would give when any of them may not be erased. Erases
        nothing."""
        permissions.require(self.user, ERASE)
        chosen = _chosen(ids)
        try:
            return _erasable(self._db.conn, chosen, policy, now or retention.now())
        except sqlite.Error as exc:
            raise StoreError(f"The database {self.path} cannot be read ({exc}).") from None

    def erase(
        self, ids: Iterable[int], policy: Retention, *, now: datetime | None = None
    ) -> Erasure:
        """Erase the chosen checklists, each past its retention period at `now`, with their
        kept versions and reviews, recording each erasure first; then rewrite the file
        without them (`purge`). All or nothing: a checklist not stored or not past its
        period refuses them all with a StoreError naming it."""
        permissions.require(self.user, ERASE)
        chosen = _chosen(ids)
        when = now or retention.now()
        entries: list[int] = []
        versions = reviews = 0
        with self._writing("Nothing was erased") as conn:
            conn.execute("PRAGMA secure_delete = ON")  # set on connecting too; never off here
            erased = _erasable(conn, chosen, policy, when)
            for item in erased:
                kept = _count(conn, "checklist_versions", item.id)
                decided = _count(conn, "reviews", item.id)
                content = audit.stored_content_hash(conn, item.id)
                head = self._audit(ERASE, item.id, item.record(kept, decided), record=content)
                for table, column in (
                    ("reviews", "checklist_id"),
                    ("checklist_versions", "checklist_id"),
                    ("checklists", "id"),
                ):
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [item.id])
                entries.append(head.position)
                versions, reviews = versions + kept, reviews + decided
        return Erasure(tuple(erased), versions, reviews, self.purge(), tuple(entries))

    def purge(self) -> str:
        """Rewrite the file from the rows that remain (VACUUM) and empty the -wal into it (a
        TRUNCATE checkpoint), so deleted rows leave no trace in either. Returns "" when done,
        else one sentence on what is left and what to do (another connection busy)."""
        permissions.require(self.user, ERASE)
        conn = self._db.conn
        try:
            conn.execute("PRAGMA temp_store = MEMORY")  # VACUUM's copy never goes to a file
            conn.execute("VACUUM")
            busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite.Error as exc:
            return _left_behind(f"the file could not be rewritten ({exc})")
        if busy:
            return _left_behind("another window or program was reading the database")
        return ""


def _left_behind(why: str) -> str:
    return (
        f"The erasure is recorded and the checklists are gone from the app, but {why}, so "
        "their old pages may still be in the database file: close every other officer-app "
        "window on this PC, then run `officer-app retention purge` before any backup is made."
    )


def _chosen(ids: Iterable[int]) -> list[int]:
    chosen = list(dict.fromkeys(ids))
    if not chosen:
        raise StoreError("Choose at least one checklist to erase; nothing was erased.")
    return chosen


def _erasable(
    conn: sqlite.Connection, chosen: list[int], policy: Retention, when: datetime
) -> list[Expired]:
    """Each chosen checklist past its period at `when`; else StoreError naming the first
    that is not stored or not past it."""
    found = []
    for checklist_id in chosen:
        rows = conn.execute(f"{_ROW_SQL} WHERE id = ?", [checklist_id]).fetchall()
        if not rows:
            raise StoreError(f"{NotFoundError(checklist_id)}; nothing was erased.")
        item = retention.expired(policy, _row(rows[0]), when)
        if item is None:
            refusal = retention.not_expired_text(policy, _row(rows[0]), when)
            raise StoreError(f"{refusal} Nothing was erased.")
        found.append(item)
    return found


def _row(row: tuple) -> tuple[int, str, str, int, str, str, str]:
    checklist_id, reference, state, version, created_at, updated_at, submitted_at = row
    return (checklist_id, reference, state, version, created_at, updated_at, submitted_at)


def _count(conn: sqlite.Connection, table: str, checklist_id: int) -> int:
    return conn.execute(
        f"SELECT count(*) FROM {table} WHERE checklist_id = ?", [checklist_id]
    ).fetchone()[0]
