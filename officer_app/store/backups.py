"""Backup and restore of the encrypted database.

A backup is two files: the database copied with SQLite's online backup API (a consistent
copy while the app is in use), encrypted with the same key, and its key file (`FILE.keys`,
the slots as they are at the time). The copy is read back before it is put in place: opened
with the key, `integrity_check`, and the same number of checklists, versions, reviews and log
entries as the database had when it was copied. The backup is recorded in the audit log (who,
where, the SHA-256 of the file) and in the key file (so a damaged database's message can say
where the last copy is).

Restore opens the backup with an administrator's password as it was when the backup was made,
checks it the same way, moves the current database (if any, damaged or not, with its -wal and
key file) aside under a new name, and puts a checked copy of the backup in its place. The
restore is recorded in the restored database's log.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from officer_app.checklist import now_iso
from officer_app.files import check_output, write_atomically
from officer_app.permissions import ADMINISTRATOR, PermissionDenied, User
from officer_app.store import keyslots
from officer_app.store.driver import sqlite
from officer_app.store.errors import StoreError
from officer_app.store.opening import (
    ENCRYPTED,
    PLAINTEXT,
    check,
    connect,
    copy_encrypted,
    inspect,
    row_counts,
    unlock,
)
from officer_app.store.users import active_administrator


class BackupError(StoreError):
    """A backup or restore that was not made; the message says why and what is unchanged."""


@dataclass(frozen=True)
class Restored:
    database: Path
    backup: Path
    replaced: Path | None  # where the database that was replaced now is
    checklists: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify_copy(copy: Path, key: bytes, expected: dict[str, int]) -> None:
    db = Database(connect(copy, key), execute_plugins=False)
    try:
        check(db, copy, full=True)
        found = row_counts(db.conn)
    finally:
        db.close()
    if found != expected:
        raise BackupError(
            f"The copy read back differs from the database ({found} against {expected}); "
            "no backup was written."
        )


def backup(store, target: Path, *, force: bool = False) -> Path:
    """Write an encrypted, checked backup of `store` to `target` (and `target`.keys).
    Administrators (and the maintenance access)."""
    if store.user is not None and store.user.role != ADMINISTRATOR:
        raise PermissionDenied(
            f"{store.user.label} cannot back up the database: administrators do."
        )
    target = Path(target)
    check_output(target, force=force)
    check_output(keyslots.key_file_of(target), force=force)
    if target.resolve() == store.path.resolve():
        raise BackupError(f"{target} is the database itself; choose another file.")
    temp = target.with_name(f".{target.name}.backing-up")
    temp.unlink(missing_ok=True)
    conn = store._db.conn
    try:
        conn.execute("BEGIN")  # one snapshot for the counts and the copy
        try:
            expected = row_counts(conn)
            copy_encrypted(store._db, temp, store.key)
        finally:
            conn.rollback()
        _verify_copy(temp, store.key, expected)
        # the copy's own key file: the same slots; its own SQLCipher salt; no other backups
        salt = keyslots.database_salt(temp)
        keys = replace(store.key_file(), backups=[], database_salt=salt)
        write_atomically(keyslots.key_file_of(target), keyslots.document_bytes(keys))
        os.replace(temp, target)
    except (sqlite.Error, OSError) as exc:
        raise BackupError(f"No backup was written to {target} ({exc}).") from None
    finally:
        temp.unlink(missing_ok=True)
    digest = _sha256(target)
    with store._writing("The backup was written but could not be recorded"):
        store._audit("backup", None, f"to {target} (sha256 {digest})", record=digest)
        store._write_keys(store.key_file().with_backup(target.resolve(), now_iso()))
    return target


@dataclass
class CheckedBackup:
    """A backup that `open_backup` found whole and opened for an administrator in it; `db`
    is open on it (close it, or `restore` does)."""

    source: Path
    keys: keyslots.KeyFile
    key: bytes
    user: User
    db: Database
    counts: dict[str, int]

    @property
    def checklists(self) -> int:
        return self.counts["checklists"]

    def close(self) -> None:
        self.db.close()


def open_backup(source: Path, name: str, password: str) -> CheckedBackup:
    """Everything restore checks before it changes anything, changing nothing: `source` is an
    encrypted officer-app file with its key file, `name`'s password as it was then opens it, it
    reads whole (integrity_check), and `name` is an active administrator in it."""
    source = Path(source)
    try:
        kind = inspect(source)
    except StoreError as exc:
        raise BackupError(f"{source} cannot be restored: {exc}") from None
    if kind == PLAINTEXT:
        raise BackupError(
            f"{source} is an unencrypted database of an earlier officer-app, not a backup: open "
            "it once with officer-app to encrypt it, then back it up."
        )
    if kind != ENCRYPTED:
        raise BackupError(f"{source} is not an officer-app backup: there is no file there.")
    keys, key, _ = unlock(source, name, password)
    db = Database(connect(source, key), execute_plugins=False)
    try:
        check(db, source, full=True)
        user = active_administrator(db.conn, name, password, "restores a backup")
        return CheckedBackup(source, keys, key, user, db, row_counts(db.conn))
    except BaseException:
        db.close()
        raise


def restore(database: Path, source: Path, name: str, password: str) -> Restored:
    """Replace `database` (if any) with the backup `source`, as described above."""
    database = Path(database)
    checked = open_backup(source, name, password)
    temp = database.with_name(f".{database.name}.restoring")
    try:
        temp.unlink(missing_ok=True)
        copy_encrypted(checked.db, temp, checked.key)
    finally:
        checked.close()
    try:
        _verify_copy(temp, checked.key, checked.counts)
        replaced = _move_aside(database)
        salt = keyslots.database_salt(temp)  # the restored copy has a salt of its own
        keys = replace(checked.keys, database_salt=salt)
        keyslots.write(keyslots.key_file_of(database), keys)
        os.replace(temp, database)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    from officer_app.store import Store

    with (
        Store(database, key=checked.key, user=checked.user) as store,
        store._writing("Restored, not recorded"),
    ):
        kept = f"; the replaced database is kept as {replaced}" if replaced else ""
        store._audit("restore", None, f"from {checked.source}{kept}", record=_sha256(source))
    return Restored(database, checked.source, replaced, checked.checklists)


def _move_aside(database: Path) -> Path | None:
    """The current database, its -wal and -shm and its key file, renamed
    '<stem>.replaced-<YYYYmmddTHHMMSS><suffix>' (+ the same endings); None if there was none."""
    if not (database.exists() or database.is_symlink()):
        return None
    stamp = f"{datetime.now():%Y%m%dT%H%M%S}"
    aside = database.with_name(f"{database.stem}.replaced-{stamp}{database.suffix}")
    if aside.exists():
        raise BackupError(f"{aside} already exists; wait a second and restore again.")
    for ending in ("-wal", "-shm", keyslots.SUFFIX):
        extra = Path(f"{database}{ending}")
        if extra.exists():
            os.replace(extra, Path(f"{aside}{ending}"))
    os.replace(database, aside)
    return aside
