"""The database: an encrypted SQLite file (SQLCipher), opened with the key in an account's
key slot (`Store.open`; `keyslots`), checked and migrated forward (`opening`, `schema`). It
saves and loads checklists with conflict detection, lists and searches them (`listing`), and
keeps the audit log that DPA 2018 Part 3 s.62 asks for (who collected, altered, viewed or
disclosed what, and when).

The main tables:
- `checklists`: one row per checklist. The answers are JSON text in `data`; the summary columns
  (reference, incident_time, address, postcode, children_count, risk_grade, people; the
  children's, adults' and officers' names; each child's coverage, from the rules' verdict)
  and `search` (folded text that `list(search=...)` matches) are recomputed from the answers
  on every save, so they never disagree with them.
- `audit_log`: one row per create, update, view, export, ...; rows are only ever added. It has
  no foreign key to `checklists`: the record of an erasure must outlive the erased checklist.
- `meta`: facts about the file itself (key, value), such as that it holds demo data.

The package: `opening` opens the file (the one connection, keyed), `schema` migrates it,
`listing` lists and searches, `rows` computes the summary columns, `queries` holds the list's
SQL and filters, `errors` what can go wrong; docs/ARCHITECTURE.md lists the rest.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from officer_app import permissions, states
from officer_app.checklist import Checklist, now_iso
from officer_app.definition import Definition, DefinitionError, RiskTool
from officer_app.library import Library, default_library
from officer_app.permissions import PermissionDenied, User
from officer_app.states import EDITABLE_STATES
from officer_app.store import audit, keyslots
from officer_app.store.driver import sqlite
from officer_app.store.erasure import ErasureMixin
from officer_app.store.errors import ConflictError, DuplicateError, NotFoundError, StoreError
from officer_app.store.keyslots import AccountDisabled, KeyFileError, WrongPassword
from officer_app.store.listing import ListingMixin
from officer_app.store.opening import (
    BUSY_TIMEOUT_MS,
    NEW,
    PLAINTEXT,
    DamagedDatabase,
    PlaintextDatabase,
    backup_name,
    inspect,
    no_database,
    open_database,
    unlock,
)
from officer_app.store.queries import LOAD_SQL
from officer_app.store.reviews import Review, ReviewsMixin, checklist_of
from officer_app.store.rows import (
    AuditEntry,
    ChecklistRow,
    ChildMarks,
    columns,
)
from officer_app.store.schema import SCHEMA_VERSION, migrate, schema_version
from officer_app.store.users import AccountsMixin, LoginError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SCHEMA_VERSION",
    "AuditEntry",
    "ChecklistRow",
    "ChildMarks",
    "AccountDisabled",
    "ConflictError",
    "DamagedDatabase",
    "KeyFileError",
    "PlaintextDatabase",
    "WrongPassword",
    "DuplicateError",
    "LoginError",
    "PermissionDenied",
    "Review",
    "User",
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


class Store(AccountsMixin, ReviewsMixin, ErasureMixin, ListingMixin):
    """The checklists database: open it once, save on every change, close it at the end.

    `user` is the signed-in person (`sign_in`, or `AccountsMixin.login`): every read and
    write is checked against their role (officer_app.permissions) and written to the audit log
    under their name. A store opened without a user is the maintenance access that migrations,
    `init` and tests use; the window and the command line always sign in first. `actor`
    (default: the OS user name) names that access in the audit log. `backup` is the copy made
    before an older file was migrated, or None. `library` (default: the installed
    definitions) tells which fields of a checklist feed the summary columns.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        key: bytes,
        actor: str | None = None,
        library: Library | None = None,
        user: User | None = None,
    ):
        """Open the encrypted file at `path` with the database `key` (a new file is created
        there when nothing is). People open a store with `Store.open` (name and password,
        through their key slot) or `Store.create`; a key is handed on directly only within
        the process (a worker thread's own connection, a backup, tests)."""
        self.path = Path(path)
        self.key = key
        self._actor = actor or _os_user()
        self.user = user
        self.library = library or default_library()
        self._db, self.backup = open_database(self.path, key, create_new=True)

    @classmethod
    def open(
        cls,
        path: str | Path,
        name: str,
        password: str,
        *,
        library: Library | None = None,
        lockout: tuple[int, int] | None = None,
    ) -> Store:
        """The database at `path` opened with the key in `name`'s slot and signed in as
        them. WrongPassword (nothing opened or written) when the password does not open a
        slot; LoginError (recorded) for a disabled or locked account. `lockout`: the
        settings' (attempts, minutes)."""
        path = Path(path)
        kind = inspect(path)
        if kind == NEW:
            raise no_database(path)
        if kind == PLAINTEXT:
            raise PlaintextDatabase(path)
        _, key, stored_name = unlock(path, name, password)
        store = cls(path, key=key, library=library)
        if lockout:
            store.lockout_attempts, store.lockout_minutes = lockout
        try:
            store.login(stored_name, password, slot_opened=True)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def create(
        cls, path: str | Path, name: str, password: str, *, library: Library | None = None
    ) -> Store:
        """A new encrypted database at `path` with a random key, its first administrator
        `name` (whose slot is the key file's first), signed in as them."""
        path = Path(path)
        if inspect(path) != NEW:
            raise StoreError(f"{path} already exists; open it instead of creating it.")
        store = cls(path, key=keyslots.new_key(), library=library)
        try:
            store.sign_in(store.create_first_admin(name, password))
        except BaseException:
            store.close()
            for leftover in (path, keyslots.key_file_of(path)):
                leftover.unlink(missing_ok=True)
            raise
        return store

    @property
    def actor(self) -> str:
        """The name written to the audit log: the signed-in user's, else the maintenance
        access's."""
        return self.user.name if self.user else self._actor

    def sign_in(self, user: User | None) -> None:
        self.user = user

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

    @contextmanager
    def _writing(self, failure: str) -> Iterator[sqlite.Connection]:
        """One write transaction (BEGIN IMMEDIATE); a SQLite failure becomes a StoreError
        that starts with `failure` ("Nothing was saved") and leaves nothing written."""
        conn = self._db.conn
        try:
            with audit.write_transaction(conn):
                yield conn
        except sqlite.IntegrityError as exc:
            raise StoreError(f"{failure} ({exc}).") from None
        except sqlite.Error as exc:
            raise StoreError(f"{failure} ({exc}); try again.") from None

    # -- checklists

    def save(
        self,
        checklist: Checklist,
        *,
        action: str = "",
        detail: str = "",
        review: Review | None = None,
    ) -> None:
        """Store a new checklist or the next version of a stored one, with its audit entry.
        `action` names a change of state ("submit", "approve", ...) or "import": its audit
        entry, a kept copy of this version and `review` (if any) are written in the same
        transaction. On success `id` (when new), `version`, `updated_at` and `owner` are set
        on `checklist`. PermissionDenied when the signed-in user may not do this."""
        updated_at = now_iso()
        definition = self._definition_of(checklist)
        if checklist.id is None:
            permissions.require_create(self.user)
            if self.user is not None:
                checklist.owner = self.user.name
        elif action:
            permissions.require(self.user, action)
        values = columns(checklist, definition, self._tool_of(checklist), updated_at)
        with self._writing("Nothing was saved") as conn:
            if checklist.id is None:
                new_id = self._insert(values)
            else:
                new_id = self._update(checklist, values, action)
            content = audit.stored_content_hash(conn, new_id)
            self._audit(
                "create" if checklist.id is None else "update",
                new_id,
                f"version {values['version']}, {values['state']}",
                content=content,
            )
            if action:
                record = self._add_review(new_id, values["version"], review) if review else ""
                self._keep_version(new_id, action)
                self._audit(action, new_id, detail, content=content, record=record)
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
        return new_id

    def _update(self, checklist: Checklist, values: dict[str, Any], action: str) -> int:
        checklist_id = checklist.id
        assert checklist_id is not None  # only a stored checklist is updated
        stored = self._read("SELECT state, owner FROM checklists WHERE id = ?", [checklist_id])
        if stored:
            state, owner = stored[0]
            permissions.require_read(self.user, checklist_id, owner, state)
            if state == values["state"]:  # a change of answers, whatever action it names
                if action:
                    raise StoreError(
                        f"'{action}' changes a checklist's state; checklist {checklist_id} "
                        f"would stay {state}."
                    )
                if state not in EDITABLE_STATES:
                    raise StoreError(
                        f"Checklist {checklist_id} is {state}: it can no longer be changed."
                    )
                permissions.require_edit(self.user, checklist_id, owner)
            else:
                expected = states.action_for(state, values["state"])
                if action != expected:
                    raise StoreError(
                        f"Checklist {checklist_id} goes from {state} to {values['state']} only "
                        f"by '{expected}', not '{action or 'a save'}'."
                    )
            officer = self.user is not None and self.user.role == permissions.OFFICER
            if action == "submit" or (action == "amend" and officer):
                permissions.require_edit(self.user, checklist_id, owner)
            # the owner never changes, except that the first officer to save a checklist
            # written before accounts existed (no owner) becomes its owner
            officer = self.user is not None and self.user.role == permissions.OFFICER
            claim = not owner and officer and state in EDITABLE_STATES
            values["owner"] = self.user.name if claim and self.user else owner
        changing = {k: v for k, v in values.items() if k not in ("uid", "created_at")}
        assignments = ", ".join(f"{name} = ?" for name in changing)
        cursor = self._db.execute(
            f"UPDATE checklists SET {assignments} WHERE id = ? AND version = ?",
            [*changing.values(), checklist.id, checklist.version],
        )
        if cursor.rowcount != 1:
            raise self._refusal(checklist)
        checklist.owner = values["owner"]
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
        except sqlite.Error as exc:
            raise StoreError(f"The database {self.path} cannot be read ({exc}).") from None

    def load(self, checklist_id: int) -> Checklist:
        """The stored checklist; PermissionDenied when the signed-in user may not read it."""
        rows = self._read(LOAD_SQL, [checklist_id])
        row = rows[0] if rows else None
        if row is None:
            raise NotFoundError(checklist_id)
        permissions.require_read(self.user, checklist_id, row[12], row[6])
        return checklist_of(row, checklist_id)

    def find_uid(self, uid: str) -> int | None:
        rows = self._read("SELECT id FROM checklists WHERE uid = ?", [uid])
        return rows[0][0] if rows else None

    # -- facts about the file

    def meta(self, key: str) -> str | None:
        """A fact about the database file itself (e.g. "demo"), or None when it is not set."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing("The database was not changed"):
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
