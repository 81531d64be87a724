"""Verifying the audit chain (store/audit.py): `verify` walks the chain and compares what
is stored now (checklists, their kept versions, reviews, accounts) with what the chain last
recorded, so an entry edited, deleted, inserted or reordered, or a checklist, kept version,
review or account changed, added or deleted directly in the file, is reported; so is a
summary column (what the list shows: the risk grade, the names) that no longer matches the
answers.

An erased checklist (store/erasure.py) is gone with its kept versions and reviews, so what
the chain recorded about it can no longer be compared with the file: that is accepted only
for a checklist whose `erase` entry is in the chain. A checklist, version or review missing
without one is reported as deleted outside the app; so is anything of an erased checklist
still stored, or a change recorded for it after its erasure.

A chain kept only inside the file can be recomputed by whoever can write the file, so every
export carries the head of the chain (its position and hash) outside it: `check_witness`
tells whether a past export's head is still in the chain unchanged, and that the export's own
entry still records the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from officer_app.definition import DefinitionError
from officer_app.store.audit import (
    ACCOUNT_COLUMNS,
    CONTENT_COLUMNS,
    ENTRY_COLUMNS,
    GENESIS,
    REVIEW_COLUMNS,
    SUMMARY_COLUMNS,
    Head,
    account_hash,
    content_hash,
    entry_hash,
    review_hash,
)
from officer_app.store.driver import sqlite
from officer_app.store.rows import _summary as summary_of

if TYPE_CHECKING:
    from officer_app.library import Library


# ---------------------------------------------------------------- verification


@dataclass
class Verification:
    """What `verify` found: `problems` in the order met, the first one first."""

    entries: int = 0
    head: Head = field(default_factory=lambda: Head(0, GENESIS))
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Recorded:
    """What the chain last said about each checklist, review and account."""

    content: dict[int, str] = field(default_factory=dict)
    contents: dict[int, set[str]] = field(default_factory=dict)
    entry_of: dict[int, int] = field(default_factory=dict)
    erased: set[int] = field(default_factory=set)
    erased_by: dict[int, int] = field(default_factory=dict)  # checklist id -> erase entry
    after_erasure: list[tuple[int, int]] = field(default_factory=list)  # (entry, checklist)
    records: dict[int, set[str]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    account_names: dict[str, str] = field(default_factory=dict)
    # (entry id, checklist id, hash) of each kept version and review the chain recorded
    kept: list[tuple[int, int, str]] = field(default_factory=list)
    reviewed: list[tuple[int, int, str]] = field(default_factory=list)


# Entries with a content hash that are not a change of state (so keep no version).
_PLAIN_SAVES = ("create", "update", "seal")
ERASE = "erase"  # store.erasure.ERASE


def _walk(
    conn: sqlite.Connection, result: Verification, up_to: int | None = None
) -> Iterator[tuple[int, Sequence[Any]]]:
    """Yield each entry (id, row) in order, adding to `result` every broken link or changed
    entry met on the way."""
    expected_id, prev = 1, GENESIS
    sql = f"SELECT {ENTRY_COLUMNS} FROM audit_log"
    params: list[Any] = []
    if up_to is not None:
        sql += " WHERE id <= ?"
        params.append(up_to)
    for row in conn.execute(sql + " ORDER BY id", params):
        entry_id, fields, stored_prev, stored_hash = row[0], row[:9], row[9], row[10]
        if entry_id != expected_id:
            result.problems.append(
                f"Entry {expected_id} is missing: entry {entry_id} follows entry "
                f"{expected_id - 1} (entries were deleted or renumbered)."
            )
        elif stored_prev != prev:
            result.problems.append(
                f"Entry {entry_id} does not follow entry {entry_id - 1}: the chain is broken "
                "there (an entry was inserted, deleted or moved)."
            )
        if entry_hash(stored_prev, fields) != stored_hash:
            result.problems.append(
                f"Entry {entry_id} ({row[3]} by {row[2]} at {row[1]}) was changed after it "
                "was written."
            )
        expected_id, prev = entry_id + 1, stored_hash
        result.entries += 1
        result.head = Head(entry_id, stored_hash)
        yield entry_id, row


def verify(conn: sqlite.Connection, library: Library | None = None) -> Verification:
    """Walk the whole chain, then compare the stored checklists, versions, reviews and
    accounts with what it recorded, and (given the `library` of definitions) each
    checklist's summary columns with its answers. Never changes the file."""
    result = Verification()
    seen = _Recorded()
    for entry_id, row in _walk(conn, result):
        _note(seen, entry_id, row)
    result.problems += _compare_stored(conn, seen)
    if library is not None:
        result.problems += _summary_problems(conn, library)
    return result


def _summary_problems(conn: sqlite.Connection, library: Library) -> list[str]:
    problems = []
    for checklist_id, definition_id, version, text, *stored in conn.execute(
        f"SELECT id, definition_id, definition_version, data, {', '.join(SUMMARY_COLUMNS)}"
        " FROM checklists ORDER BY id"
    ):
        try:
            data = json.loads(text)
            expected = summary_of(data, library.definition(definition_id, version))
        except (DefinitionError, ValueError, TypeError, AttributeError):
            continue  # answers that cannot be read: the content hash reports the checklist
        changed = [c for c, v in zip(SUMMARY_COLUMNS, stored, strict=True) if expected[c] != v]
        if changed:
            problems.append(
                f"Checklist {checklist_id} was changed outside the app: what the list shows "
                f"({', '.join(c.replace('_', ' ') for c in changed)}) differs from its answers."
            )
    return problems


def _note(seen: _Recorded, entry_id: int, row: Sequence[Any]) -> None:
    action, checklist_id, content, record, subject = row[3], row[4], row[6], row[7], row[8]
    if checklist_id is not None:
        if content and checklist_id in seen.erased:
            seen.after_erasure.append((entry_id, checklist_id))
        if content:
            seen.content[checklist_id] = content
            seen.contents.setdefault(checklist_id, set()).add(content)
            seen.entry_of[checklist_id] = entry_id
        if record:
            seen.records.setdefault(checklist_id, set()).add(record)
        if action == ERASE:
            seen.erased.add(checklist_id)
            seen.erased_by.setdefault(checklist_id, entry_id)
        if content and action not in _PLAIN_SAVES:  # store.save kept a version (and review)
            seen.kept.append((entry_id, checklist_id, content))
            if record:
                seen.reviewed.append((entry_id, checklist_id, record))
    if subject and record:
        seen.accounts[subject.casefold()] = record
        seen.account_names[subject.casefold()] = subject


def _compare_stored(conn: sqlite.Connection, seen: _Recorded) -> list[str]:
    problems: list[str] = []
    stored_ids = set()
    columns = ", ".join(CONTENT_COLUMNS)
    for checklist_id, reference, *values in conn.execute(
        f"SELECT id, reference, {columns} FROM checklists ORDER BY id"
    ):
        stored_ids.add(checklist_id)
        name = f"Checklist {checklist_id}" + (f" ({reference})" if reference else "")
        recorded = seen.content.get(checklist_id)
        if checklist_id in seen.erased:
            problems.append(
                f"{name} is still in the file, although entry {seen.erased_by[checklist_id]} "
                "records its erasure."
            )
        elif recorded is None:
            problems.append(f"{name} has no audit entry: it was put into the file directly.")
        elif content_hash(values) != recorded:
            problems.append(
                f"{name} was changed outside the app: its answers or state differ from what "
                f"entry {seen.entry_of[checklist_id]} recorded."
            )
    for checklist_id in sorted(set(seen.content) - stored_ids - seen.erased):
        problems.append(f"Checklist {checklist_id} was deleted outside the app.")
    problems += [
        f"Entry {entry_id} records a change to checklist {checklist_id} after entry "
        f"{seen.erased_by[checklist_id]} recorded its erasure."
        for entry_id, checklist_id in seen.after_erasure
    ]
    problems += _kept_after_erasure(conn, seen)
    kept_now: set[tuple[int, str]] = set()
    for checklist_id, version, *values in conn.execute(
        f"SELECT checklist_id, version, {columns} FROM checklist_versions"
        " ORDER BY checklist_id, version"
    ):
        kept_now.add((checklist_id, content_hash(values)))
        if content_hash(values) not in seen.contents.get(checklist_id, set()):
            problems.append(
                f"Kept version {version} of checklist {checklist_id} was changed or added "
                "outside the app."
            )
    problems += _missing(seen.kept, kept_now, seen.erased, "version of", "kept")
    reviewed_now: set[tuple[int, str]] = set()
    for values in conn.execute(f"SELECT {', '.join(REVIEW_COLUMNS)} FROM reviews ORDER BY id"):
        reviewed_now.add((values[1], review_hash(values)))
        if review_hash(values) not in seen.records.get(values[1], set()):
            problems.append(
                f"Review {values[0]} of checklist {values[1]} was changed or added outside the app."
            )
    problems += _missing(seen.reviewed, reviewed_now, seen.erased, "review of", "recorded")
    accounts_now: set[str] = set()
    for values in conn.execute(f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM users ORDER BY name"):
        accounts_now.add(str(values[0]).casefold())
        if seen.accounts.get(str(values[0]).casefold()) != account_hash(values):
            problems.append(
                f"The account {values[0]} was changed or added outside the app (its role, "
                "password or status differ from the last account entry)."
            )
    problems += [
        f"The account {seen.account_names[key]} was deleted outside the app."
        for key in sorted(set(seen.accounts) - accounts_now)
    ]
    return problems


def _kept_after_erasure(conn: sqlite.Connection, seen: _Recorded) -> list[str]:
    """Kept versions and reviews of an erased checklist still in the file."""
    problems = []
    for table, what in (("checklist_versions", "kept version"), ("reviews", "review")):
        for checklist_id, count in conn.execute(
            f"SELECT checklist_id, count(*) FROM {table} GROUP BY checklist_id ORDER BY 1"
        ):
            if checklist_id in seen.erased:
                problems.append(
                    f"{count} {what}(s) of checklist {checklist_id} are still in the file, "
                    f"although entry {seen.erased_by[checklist_id]} records its erasure."
                )
    return problems


def _missing(
    recorded: list[tuple[int, int, str]],
    stored: set[tuple[int, str]],
    erased: set[int],
    what: str,
    verb: str,
) -> list[str]:
    """The recorded rows no longer stored, for each checklist that now has fewer rows than
    the chain recorded (an edited row keeps the count and is reported as changed)."""
    counts: dict[int, int] = {}
    for checklist_id, _digest in stored:
        counts[checklist_id] = counts.get(checklist_id, 0) + 1
    expected: dict[int, int] = {}
    for _entry, checklist_id, _digest in recorded:
        expected[checklist_id] = expected.get(checklist_id, 0) + 1
    return [
        f"The {what} checklist {checklist_id} {verb} by entry {entry_id} is missing: it was "
        "deleted outside the app."
        for entry_id, checklist_id, digest in recorded
        if checklist_id not in erased
        and counts.get(checklist_id, 0) < expected[checklist_id]
        and (checklist_id, digest) not in stored
    ]


def check_witness(conn: sqlite.Connection, witness: Head, payload_sha256: str = "") -> str | None:
    """None when the entry at the witness's position still has the witnessed hash and the
    chain up to it is intact, and (given the exported file's SHA-256) the export's own entry,
    the one right after the witnessed head, still records that file; otherwise what is
    wrong, in one sentence."""
    problem = _witnessed_chain(conn, witness)
    if problem or not payload_sha256:
        return problem
    own = witness.position + 1  # an export's entry follows the head it carries
    row = conn.execute("SELECT record_hash FROM audit_log WHERE id = ?", [own]).fetchone()
    if row is None:
        return f"Entry {own}, which records this export, is no longer in the log."
    if row[0] != payload_sha256:
        return (
            f"Entry {own} does not record this file (its SHA-256 differs): the file or the "
            "entry was changed."
        )
    return None


def _witnessed_chain(conn: sqlite.Connection, witness: Head) -> str | None:
    result = Verification()
    for _ in _walk(conn, result, up_to=witness.position):
        pass
    if witness.position and result.head.position != witness.position:
        return f"Entry {witness.position}, witnessed by the export, is no longer in the log."
    if result.head.hash != witness.hash:
        return (
            f"Entry {witness.position} is not the one the export witnessed: the log was "
            "rewritten after the export."
        )
    return result.problems[0] if result.problems else None
