"""Encrypting an unencrypted database from an earlier officer-app, once, after the user agreed.

The file is checked (quick_check, its schema version) and copied into a new encrypted file
beside it with a random key by SQLCipher's `sqlcipher_export`: SQLite's backup API copies
pages as they are and so cannot turn an unencrypted file into an encrypted one (SQLCipher
refuses it: measured, "SQL logic error"). The copy is upgraded to this version's schema, given
its key file, checked again (integrity_check, the same checklists, versions and log entries),
and only then put in the original's place. The original is then overwritten with zeros and
removed, or moved where the user said to keep it. The report says exactly what happened.

Accounts: a file with accounts is encrypted by one of its administrators (name and password
checked against the file); only that administrator has a key slot at first, the others are
listed as needing a new password. A file from before accounts gets its first administrator.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from officer_app.files import check_output
from officer_app.library import Library
from officer_app.permissions import ADMINISTRATOR, User
from officer_app.private import FILE_MODE
from officer_app.store import keyslots
from officer_app.store.driver import sqlite
from officer_app.store.errors import StoreError
from officer_app.store.opening import (
    PLAINTEXT,
    PLAINTEXT_MAGIC,
    check,
    connect,
    inspect,
    read_only,
    row_counts,
)
from officer_app.store.schema import SCHEMA_VERSION, migrate
from officer_app.store.users import active_administrator


@dataclass
class Encryption:
    """What `encrypt` did, for the user."""

    path: Path
    from_schema: int
    checklists: int
    kept: Path | None = None  # where the unencrypted original was moved, if kept
    needs_password: list[str] = field(default_factory=list)  # accounts without a key slot
    other_plaintext: list[Path] = field(default_factory=list)  # old unencrypted backups beside

    def report(self) -> str:
        upgraded = (
            f", upgraded from schema {self.from_schema} to {SCHEMA_VERSION}"
            if self.from_schema < SCHEMA_VERSION
            else ""
        )
        lines = [
            f"{self.path} is now encrypted ({self.checklists} checklists{upgraded}). Its key "
            f"file is {keyslots.key_file_of(self.path)}: keep the two files together.",
            f"The unencrypted original was moved to {self.kept}: it is NOT encrypted; keep it "
            "somewhere safe or delete it."
            if self.kept
            else "The unencrypted original was overwritten with zeros and removed.",
        ]
        if self.needs_password:
            lines.append(
                "These accounts need a new password from an administrator before they can sign "
                f"in: {', '.join(self.needs_password)} (Administration → Accounts… → Reset "
                "password, or officer-app users reset NAME)."
            )
        if self.other_plaintext:
            lines.append(
                "These older backups beside it are NOT encrypted; delete them or keep them "
                f"somewhere safe: {', '.join(str(p) for p in self.other_plaintext)}."
            )
        return "\n".join(lines)


def has_accounts(path: Path) -> bool:
    """Whether the unencrypted file at `path` has accounts (only read: nothing is written), so
    the window asks for an administrator's password or for a first administrator."""
    try:
        with read_only(Path(path), None) as db:
            tables = db.table_names()
            return "users" in tables and db.execute("SELECT count(*) FROM users").fetchone()[0] > 0
    except sqlite.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read ({exc}); it was not changed.") from None


def _shred(path: Path) -> None:
    """Overwrite the file's bytes with zeros, flush them to the disk, then remove it. (On an
    SSD or a copy-on-write file system the old blocks may survive in the device: the
    documentation says so; full-disk encryption covers that.)"""
    size = path.stat().st_size
    with open(path, "r+b", buffering=0) as handle:
        chunk = b"\x00" * (1 << 20)
        for _ in range(0, size, len(chunk)):
            handle.write(chunk)
        handle.truncate(size)
        os.fsync(handle.fileno())
    path.unlink()


def _old_plaintext_backups(path: Path) -> list[Path]:
    found = []
    for candidate in sorted(path.parent.glob(f"{path.stem}.v*-backup-*.sqlite")):
        with open(candidate, "rb") as handle:
            if handle.read(16) == PLAINTEXT_MAGIC:
                found.append(candidate)
    return found


def encrypt(
    path: Path,
    name: str,
    password: str,
    *,
    keep: Path | str | None = None,
    library: Library | None = None,
) -> Encryption:
    """Encrypt the unencrypted database at `path` as described above. `keep`: where to move
    the unencrypted original (a new file), else it is overwritten and removed."""
    path = Path(path)
    if inspect(path) != PLAINTEXT:
        raise StoreError(f"{path} is not an unencrypted officer-app database; nothing was done.")
    kept = None if keep is None else check_output(keep)  # no folder, link, device, file, ""
    work = path.with_name(f".{path.name}.encrypting")
    aside = path.with_name(f".{path.name}.unencrypted")
    interrupted = work.exists() or aside.exists()
    for leftover in (work, keyslots.key_file_of(work), aside):
        leftover.unlink(missing_ok=True)  # an interrupted attempt's: its key is gone
    if keyslots.key_file_of(path).exists():
        if not interrupted:
            raise StoreError(
                f"{keyslots.key_file_of(path)} already exists beside the unencrypted {path}; "
                "move it away first (it belongs to another database)."
            )
        keyslots.key_file_of(path).unlink()  # the interrupted attempt's key file
    with read_only(path, None) as reading:  # a wrong password writes nothing, not even a -wal
        found = check(reading, path)
        has_accounts = "users" in reading.table_names() and bool(
            reading.execute("SELECT count(*) FROM users").fetchone()[0]
        )
        admin = (
            active_administrator(reading.conn, name, password, "encrypts it").name
            if has_accounts
            else name
        )
    source = Database(connect(path, None), execute_plugins=False)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = row_counts(source.conn)
        key = keyslots.new_key()
        fd = os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", [str(work)])
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {found}")
        source.execute("DETACH DATABASE encrypted")
    except BaseException:
        source.close()
        work.unlink(missing_ok=True)
        raise
    source.close()
    try:
        result = _finish(work, key, found, before, admin, password, has_accounts, library)
    except BaseException:
        for leftover in (work, keyslots.key_file_of(work)):
            leftover.unlink(missing_ok=True)
        raise
    result.path = path
    _swap(path, work, aside)
    try:
        if kept is None:
            _shred(aside)
        else:
            shutil.move(aside, kept)
            os.chmod(kept, FILE_MODE)
    except OSError as exc:
        raise StoreError(
            f"{path} is now encrypted, but its unencrypted original is still at {aside} "
            f"({exc}): delete that file or move it somewhere safe."
        ) from None
    result.kept = kept
    result.other_plaintext = _old_plaintext_backups(path)
    return result


def _finish(
    work: Path,
    key: bytes,
    found: int,
    before: dict[str, int],
    admin: str,
    password: str,
    has_accounts: bool,
    library: Library | None,
) -> Encryption:
    """Upgrade the encrypted copy, give it its first key slot, record the encryption in its
    audit log and check it against the original's counts."""
    from officer_app.store import Store

    db = Database(connect(work, key), execute_plugins=False)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        migrate(db)
        db.conn.commit()
    finally:
        db.close()
    with Store(work, key=key, library=library) as store:
        if has_accounts:
            store.sign_in(User(admin, ADMINISTRATOR))
            with store._writing("The database was not encrypted"):
                store._set_slot(admin, password)
                store._audit("database encrypt", None, f"from an unencrypted file (schema {found})")
        else:
            store.sign_in(store.create_first_admin(admin, password))
            with store._writing("The database was not encrypted"):
                store._audit("database encrypt", None, f"from an unencrypted file (schema {found})")
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        check(store._db, work, full=True)
        after = row_counts(store._db.conn)
        names = [r[0] for r in store._db.execute("SELECT name FROM users ORDER BY name").fetchall()]
        slots = store.key_file()
    for table, count in before.items():
        grown = table in ("audit_log", "users") and after.get(table, 0) >= count
        if after.get(table) != count and not grown:
            raise StoreError(
                f"The encrypted copy differs from the original ({table}: {count} before, "
                f"{after.get(table)} after); the original was not changed."
            )
    missing = [n for n in names if slots.slot(n) is None]
    return Encryption(work, found, before.get("checklists", 0), needs_password=missing)


def _swap(path: Path, work: Path, aside: Path) -> None:
    """The key file first, then the original also named `aside` (a second name for the same
    file, so `path` never goes missing), then the encrypted copy in `path`'s place: at every
    moment a file at `path` holds every checklist. An interrupted swap is finished or undone by
    the next attempt (see `encrypt`)."""
    os.replace(keyslots.key_file_of(work), keyslots.key_file_of(path))
    try:
        os.link(path, aside)
    except OSError:  # a file system without hard links: a private copy instead
        shutil.copyfile(path, aside)
    os.chmod(aside, FILE_MODE)
    os.replace(work, path)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # the original's, emptied by the checkpoint
