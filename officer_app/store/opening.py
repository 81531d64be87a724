"""Opening the database file: the one place a connection is made (SQLCipher, keyed with the
database key), the checks before anything is written, the encrypted copy before an upgrade,
and the upgrade itself.

Before a byte is written the file is looked at as it is: not there (a new database is made,
private to the user), not a regular file, empty, cut short, an unencrypted file of an earlier
version, or encrypted. An encrypted file is then read with the key, checked with SQLite's
`quick_check` and its schema version compared with this version's. A file that fails any of
these is refused with a message naming the problem and where a copy is; it is never
initialised, written to or "repaired".
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from officer_app.private import private_folder, private_new_file
from officer_app.store import keyslots
from officer_app.store.driver import sqlite
from officer_app.store.errors import StoreError
from officer_app.store.schema import SCHEMA_VERSION, migrate, schema_version

BUSY_TIMEOUT_MS = 5000
PLAINTEXT_MAGIC = b"SQLite format 3\x00"
CIPHER_PAGE_SIZE = 4096  # SQLCipher 4's default page size

NEW, PLAINTEXT, ENCRYPTED = "new", "plaintext", "encrypted"


class DamagedDatabase(StoreError):
    """The file is damaged, cut short or empty; it was not changed."""


class PlaintextDatabase(StoreError):
    """An unencrypted database from an earlier officer-app: it must be encrypted first."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} is not encrypted: it was written by an earlier officer-app. Encrypt it "
            "once before using it (the window offers to; on the command line: "
            f"officer-app --db {path} encrypt --admin NAME)."
        )


def last_backup(path: Path) -> dict[str, str] | None:
    """The last backup of `path` its key file names that is still there ({"path", "at"}),
    or None (none named, or the key file unreadable)."""
    try:
        backups = keyslots.read(keyslots.key_file_of(path)).backups
    except StoreError:
        return None
    present = [b for b in backups if Path(b["path"]).is_file()]
    return present[-1] if present else None


def where_copies_are(path: Path) -> str:
    """A sentence on where the last backup of `path` is, from its key file."""
    last = last_backup(path)
    if last is None:
        return (
            "No officer-app backup of it is known: ask IT support for a copy of the file from "
            "the PC's own backups."
        )
    copy, made = last["path"], last["at"][:16].replace("T", " ")
    return (
        f"The last backup is {copy} (made {made}); restore it with: "
        f'officer-app --db "{path}" restore "{copy}"'
    )


def _damaged(path: Path, problem: str) -> DamagedDatabase:
    return DamagedDatabase(f"{path} {problem}. It was not changed. {where_copies_are(path)}")


def inspect(path: Path) -> str:
    """NEW, PLAINTEXT or ENCRYPTED from the file's size and first bytes, before it is opened;
    StoreError (DamagedDatabase) for anything that cannot be a database."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return NEW
    except OSError as exc:
        raise StoreError(
            f"Cannot read {path} ({exc.strerror}); check the file can be reached."
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder; name the database file inside it.")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path} is not a regular file (a device or a pipe); choose a file.")
    if info.st_size == 0:
        raise _damaged(path, "is empty (0 bytes): it holds no checklists")
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise StoreError(
            f"Cannot read {path} ({exc.strerror}); check the file can be reached."
        ) from None
    if head.startswith(PLAINTEXT_MAGIC):
        page = int.from_bytes(head[16:18], "big")
        page = 65536 if page == 1 else page
        if len(head) < 100 or page < 512 or info.st_size % page:
            raise _damaged(path, "is cut short (truncated): it ends in the middle of a page")
        return PLAINTEXT
    if _is_text(head):
        raise StoreError(
            f"{path} is not an officer-app database (it holds text); choose another file."
        )
    if info.st_size % CIPHER_PAGE_SIZE:
        raise _damaged(
            path,
            f"is cut short or damaged: its size ({info.st_size} bytes) is not a whole number of "
            "pages",
        )
    return ENCRYPTED


def _is_text(head: bytes) -> bool:
    """A file that starts with readable text (a note, a CSV, JSON) rather than the random
    bytes an encrypted database starts with."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def connect(path: Path, key: bytes | None) -> sqlite.Connection:
    """A connection to the file, keyed with the raw 256-bit `key` (no key: an unencrypted
    file, read only to encrypt it). secure_delete overwrites deleted content; temporary
    tables and indexes stay in memory, never in an unencrypted temporary file."""
    conn = sqlite.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA cipher_log_level = NONE")  # failures are reported as StoreErrors
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def create(path: Path, key: bytes) -> Database:
    """A new encrypted database at `path` (nothing there yet), private to the user, at the
    current schema."""
    private_folder(path.parent)
    keys = keyslots.key_file_of(path)
    if keys.exists() or keys.is_symlink():
        raise StoreError(
            f"{keys} already exists, but {path} does not: it belongs to a database that is no "
            "longer there. Move it away (or put its database back) first."
        )
    try:
        private_new_file(path)
    except FileExistsError:
        raise StoreError(f"{path} already exists; open it instead of creating it.") from None
    db = Database(connect(path, key), execute_plugins=False)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    return db


def no_database(path: Path) -> StoreError:
    """Nothing at `path`: how to make a database there."""
    return StoreError(
        f"There is no database at {path}; create one with: officer-app --db {path} init "
        "--admin NAME (the window asks for its first administrator when it starts)."
    )


def open_database(
    path: Path, key: bytes, *, create_new: bool = False
) -> tuple[Database, Path | None]:
    """Open and check the encrypted file, make an encrypted copy if it is to be upgraded, set
    the pragmas and upgrade it; returns the database and the copy made (if any). Nothing at
    `path`: a new database with `create_new`, else a StoreError saying how to make one."""
    kind = inspect(path)
    if kind == NEW and create_new:
        try:
            return create(path, key), None
        except OSError as exc:
            raise StoreError(
                f"Cannot create {path} ({exc.strerror or exc}); choose another location."
            ) from None
    if kind == NEW:
        raise no_database(path)
    if kind == PLAINTEXT:
        raise PlaintextDatabase(path)
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        check_read_only(path, key)
    try:
        db = Database(connect(path, key), execute_plugins=False)
    except sqlite.Error as exc:
        raise StoreError(f"Cannot open {path} ({exc}); check the file can be reached.") from None
    try:
        found = check(db, path)
        backup = _backup(db, path, found, key) if found < SCHEMA_VERSION else None
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        _upgrade(db, path, found, backup)
    except sqlite.OperationalError as exc:  # locked, read-only, disk full, ...
        db.close()
        raise StoreError(
            f"Cannot open {path} ({exc}); close other programs using it and try again."
        ) from None
    except BaseException:
        db.close()
        raise
    return db, backup


@contextmanager
def read_only(path: Path, key: bytes | None) -> Iterator[Database]:
    """A read-only connection to the file: nothing it does writes to the file, not even the
    checkpoint a closing read-write connection makes, which would copy a -wal left by a crash
    into a file that is then refused as damaged. The -shm (and empty -wal) it needs are removed
    again if they were not there before."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    had_shm, had_wal = shm.exists(), wal.exists()
    try:
        conn = sqlite.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite.Error as exc:
        raise StoreError(f"Cannot open {path} ({exc}); check the file can be reached.") from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        yield Database(conn, execute_plugins=False)
    finally:
        conn.close()
        if not had_wal and wal.exists() and not wal.stat().st_size:
            wal.unlink()
        if not had_shm:
            shm.unlink(missing_ok=True)


def check_read_only(path: Path, key: bytes | None) -> int:
    """`check` without writing anything to the file."""
    with read_only(path, key) as db:
        return check(db, path)


def decrypts(path: Path, key: bytes) -> bool:
    """Whether `key` reads the file's table list (read-only: nothing is written): the test of
    a key file whose recorded salt is not this file's (a backup's key file put back)."""
    try:
        check_read_only(path, key)
    except StoreError:
        return False
    return True


def unlock(path: Path, name: str, password: str) -> tuple[keyslots.KeyFile, bytes, str]:
    """The key file beside `path`, the database key from `name`'s slot and the slot's account
    name. A key file whose recorded salt is not the file's (another backup's of the same
    database, put back) is taken if its key reads the file; else KeyFileError."""
    keys = keyslots.read(keyslots.key_file_of(path))
    key, stored_name = keyslots.unlock(keys, name, password)
    if keys.database_salt != keyslots.database_salt(path) and not decrypts(path, key):
        raise keyslots.KeyFileError(
            f"The key file {keyslots.key_file_of(path)} belongs to another database, not "
            f"{path}; neither was changed. Put the right key file beside it."
        )
    return keys, key, stored_name


def check(db: Database, path: Path, *, full: bool = False) -> int:
    """Read the file with the key and check it (quick_check; integrity_check when `full`);
    returns its schema version. Refuses a file that cannot be decrypted, is damaged, is not
    ours or is newer, naming the problem."""
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite.OperationalError:
        raise  # the file is ours or not, but cannot be read now (locked): the caller says so
    except sqlite.DatabaseError:
        raise _damaged(
            path,
            "cannot be decrypted: a page holding its list of tables is damaged, or its key "
            "file belongs to another database",
        ) from None
    pragma = "integrity_check" if full else "quick_check(20)"
    try:
        problems = [r[0] for r in db.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite.OperationalError:
        raise
    except sqlite.DatabaseError as exc:
        raise _damaged(path, f"is damaged ({exc})") from None
    if problems != ["ok"]:
        shown = "; ".join(problems[:3])
        count = len(problems)
        raise _damaged(path, f"is damaged: SQLite's check found {count} problem(s): {shown}")
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer officer-app (schema {found}); this version "
            f"understands up to schema {SCHEMA_VERSION}, so install the newer officer-app to "
            "open it. It was not changed."
        )
    if found == 0:
        if db.table_names():
            raise StoreError(f"{path} is not an officer-app database; choose another file.")
        raise _damaged(path, "holds no officer-app tables (it was never set up)")
    return found


# what a copy of the database must hold as many rows of as its original
RECORD_TABLES = ("checklists", "checklist_versions", "reviews", "audit_log", "users")


def row_counts(conn: sqlite.Connection) -> dict[str, int]:
    """The number of rows in each of RECORD_TABLES the file has (an older schema lacks some):
    what a copy is compared with."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in RECORD_TABLES
        if table in tables
    }


def backup_name(path: Path, old_version: int, when: datetime) -> Path:
    """'<stem>.v<old>-backup-<YYYYmmddTHHMMSS>.sqlite' beside the database."""
    return path.with_name(f"{path.stem}.v{old_version}-backup-{when:%Y%m%dT%H%M%S}.sqlite")


def copy_encrypted(db: Database, target: Path, key: bytes) -> None:
    """Copy the open database to the new file `target` with SQLite's online backup API,
    encrypted with the same key and private to the user; no partial file is left on failure.
    (The backup API copies pages, so source and copy must share the key and page format: it
    cannot encrypt an unencrypted file, which `plaintext.encrypt` does with sqlcipher_export.)"""
    private_new_file(target)
    try:
        dest = connect(target, key)
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _backup(db: Database, path: Path, old_version: int, key: bytes) -> Path:
    target = backup_name(path, old_version, datetime.now())
    if target.exists():
        raise StoreError(f"{target} already exists; wait a second and open {path} again.")
    try:
        copy_encrypted(db, target, key)
        _key_file_for_copy(path, target)
    except (sqlite.Error, OSError, StoreError) as exc:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"Could not back up {path} before upgrading it ({exc}); free some disk space "
            "and open it again."
        ) from None
    return target


def _key_file_for_copy(path: Path, copy: Path) -> None:
    """The copy's own key file: the database's slots, the copy's SQLCipher salt (a copy has a
    salt of its own), so the copy can be restored like any backup."""
    source = keyslots.key_file_of(path)
    if not source.exists():
        return  # a database opened with its key alone (tests, workers) has no slots to copy
    keys = keyslots.read(source)
    own = replace(keys, database_salt=keyslots.database_salt(copy), backups=[])
    keyslots.write(keyslots.key_file_of(copy), own)
    when = datetime.now().astimezone().isoformat(timespec="seconds")
    keyslots.write(source, keys.with_backup(copy.resolve(), when))  # named if it is damaged


def _upgrade(db: Database, path: Path, found: int, backup: Path | None) -> None:
    """All the steps in one transaction: a failure leaves the file as it was, so this
    attempt's copy is removed rather than left behind (one copy per failed attempt)."""
    if found >= SCHEMA_VERSION:
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            migrate(db)
        except BaseException:
            db.conn.rollback()
            raise
        db.conn.commit()
    except (sqlite.Error, ValueError) as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)
            keyslots.key_file_of(backup).unlink(missing_ok=True)
        raise StoreError(
            f"Could not upgrade {path} from schema {found} to {SCHEMA_VERSION} ({exc}); it "
            "was not changed."
        ) from None
