"""Data at rest (issue 9): the database is encrypted with a random key that only the accounts'
key slots open; nothing personal is left in plain text in any file the app writes; files are
private; damaged, empty, truncated, foreign and newer files are refused byte for byte
unchanged; backups round-trip; an unencrypted file from an earlier version is encrypted once.
Real files in tmp_path throughout."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from officer_app.cli import main
from officer_app.permissions import PermissionDenied
from officer_app.store import (
    AccountDisabled,
    DamagedDatabase,
    KeyFileError,
    PlaintextDatabase,
    Store,
    StoreError,
    WrongPassword,
    keyslots,
)
from officer_app.store.backups import BackupError, backup, restore
from officer_app.store.driver import sqlite
from officer_app.store.opening import where_copies_are
from officer_app.store.plaintext import encrypt
from tests.conftest import (
    ACCOUNT_NAMES,
    KEY,
    PASSWORD,
    add_accounts,
    approve,
    open_store,
    raw_connection,
)

CHILD = "Łuczak".encode()  # the child's name, as UTF-8 bytes, must be in no file but exports
ADMIN, OFFICER = ACCOUNT_NAMES["administrator"], ACCOUNT_NAMES["officer"]


@pytest.fixture
def filled(tmp_path, valid_checklist, library):
    """An encrypted database with accounts and an approved checklist whose child is Łuczak
    and whose words hold markup."""
    path = tmp_path / "Krężołek & <co>" / "officer-app.sqlite"
    with Store.create(path, ADMIN, PASSWORD, library=library) as store:
        store.sign_in(None)
        users = add_accounts_after_admin(store)
        store.sign_in(users["officer"])
        store.save(valid_checklist)
        store.sign_in(users["supervisor"])
        approve(store, valid_checklist, library)
    return path


def add_accounts_after_admin(store):
    """The conftest accounts, but the administrator already exists (Store.create made it)."""
    from officer_app.permissions import User

    admin = User(ADMIN, "administrator")
    store.sign_in(admin)
    users = {"administrator": admin}
    for key in ("officer", "officer2", "supervisor"):
        role = "officer" if key.startswith("officer") else key
        users[key] = store.add_user(ACCOUNT_NAMES[key], role, PASSWORD)
    return users


def files_in(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# ---------------------------------------------------------------- encrypted, private


def test_plain_sqlite_cannot_read_the_database_and_no_file_holds_the_childs_name(filled):
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(filled).execute("SELECT count(*) FROM sqlite_master").fetchone()
    with Store.open(filled, ADMIN, PASSWORD) as store:  # open: -wal and -shm exist now
        assert store.count() == 1
        backup(store, filled.with_name("copy.sqlite"))
        written = files_in(filled.parent)
        assert {"officer-app.sqlite-wal", "officer-app.sqlite.keys", "copy.sqlite.keys"} <= set(
            written
        )
    for name, content in written.items():
        assert CHILD not in content, name
    assert filled.read_bytes()[:16] != b"SQLite format 3\x00"


@pytest.fixture
def permissive_umask():
    """A usual umask (022: files 0644), whatever an earlier test's command line set, so the
    modes below come from the store's own care."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_files_and_folders_the_app_creates_are_private(tmp_path, library, permissive_umask):
    path = tmp_path / "new" / "deeper" / "officer-app.sqlite"
    with Store.create(path, ADMIN, PASSWORD, library=library) as store:
        backup(store, tmp_path / "new" / "backup.sqlite")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
    assert modes["officer-app.sqlite"] == 0o600
    assert modes["officer-app.sqlite.keys"] == 0o600
    assert modes.get("officer-app.sqlite-wal", 0o600) == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("backup.sqlite", "backup.sqlite.keys"):
        assert stat.S_IMODE((tmp_path / "new" / name).stat().st_mode) == 0o600
    with sqlite.connect(str(path)) as conn:
        conn.execute(f"PRAGMA key = \"x'{Store.open(path, ADMIN, PASSWORD).key.hex()}'\"")
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_the_command_line_makes_the_process_umask_private(tmp_path, permissive_umask, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite"), "list"]) == 2  # no database: refused
    assert os.umask(0o022) == 0o077


def test_the_store_turns_on_secure_delete_and_keeps_temporary_data_in_memory(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        assert store._db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert store._db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


# ---------------------------------------------------------------- key slots


def test_a_wrong_password_opens_nothing_and_changes_no_file(filled):
    before = files_in(filled.parent)
    for name, password in ((OFFICER, "wrong <&> hasło"), ("nobody.here", PASSWORD), ("", "")):
        with pytest.raises(WrongPassword, match="The name or the password is wrong."):
            Store.open(filled, name, password)
    assert files_in(filled.parent) == before


def test_a_password_change_rewraps_one_slot_and_everyone_still_opens_the_file(filled):
    before = keyslots.read(keyslots.key_file_of(filled))
    with Store.open(filled, ADMIN, PASSWORD) as store:
        store.reset_password(OFFICER, "Nowe <hasło> & 2026")
    after = keyslots.read(keyslots.key_file_of(filled))
    assert {s.name for s in after.slots if s not in before.slots} == {OFFICER}
    assert {s.name for s in before.slots} == {s.name for s in after.slots}
    with pytest.raises(WrongPassword):
        Store.open(filled, OFFICER, PASSWORD)
    keys = set()
    for name in ACCOUNT_NAMES.values():
        password = "Nowe <hasło> & 2026" if name == OFFICER else PASSWORD
        with Store.open(filled, name.upper(), password) as store:  # names ignore case
            assert store.user.name == name
            keys.add(store.key)
    assert len(keys) == 1  # one database key, four slots


def test_a_disabled_account_loses_its_slot_and_is_told_so(filled):
    with Store.open(filled, ADMIN, PASSWORD) as store:
        store.set_disabled(OFFICER)
        statuses = {a.name: a.status for a in store.accounts()}
    assert statuses[OFFICER] == "disabled"
    assert keyslots.read(keyslots.key_file_of(filled)).slot(OFFICER) is None
    with pytest.raises(AccountDisabled, match=f"The account {OFFICER} is disabled"):
        Store.open(filled, OFFICER, PASSWORD)


def test_the_key_file_missing_damaged_newer_or_of_another_database(filled, tmp_path, library):
    keys = keyslots.key_file_of(filled)
    original = keys.read_bytes()
    keys.rename(tmp_path / "aside.keys")
    with pytest.raises(KeyFileError, match="key file .* is missing"):
        Store.open(filled, ADMIN, PASSWORD)
    keys.write_bytes(b"{ not json")
    with pytest.raises(KeyFileError, match="is damaged"):
        Store.open(filled, ADMIN, PASSWORD)
    newer = json.loads(original)
    newer["version"] = 7
    keys.write_text(json.dumps(newer))
    with pytest.raises(KeyFileError, match=r"newer officer-app \(key file version 7\)"):
        Store.open(filled, ADMIN, PASSWORD)
    other = tmp_path / "other.sqlite"
    Store.create(other, ADMIN, PASSWORD, library=library).close()
    keys.write_bytes(keyslots.key_file_of(other).read_bytes())
    before = filled.read_bytes()
    with pytest.raises(KeyFileError, match="belongs to another database"):
        Store.open(filled, ADMIN, PASSWORD)
    assert filled.read_bytes() == before


# ---------------------------------------------------------------- damaged and odd files


def _refused_unchanged(path, match, error=StoreError):
    before = path.read_bytes()
    with pytest.raises(error, match=match) as caught:
        Store.open(path, ADMIN, PASSWORD)
    assert path.read_bytes() == before
    return str(caught.value)


def test_an_empty_file_is_refused_never_initialised(filled):
    filled.write_bytes(b"")
    message = _refused_unchanged(filled, r"is empty \(0 bytes\)", DamagedDatabase)
    assert "It was not changed" in message and "No officer-app backup" in message
    assert filled.stat().st_size == 0


def test_a_truncated_file_is_named_as_cut_short_and_the_last_backup_is_named(filled):
    with Store.open(filled, ADMIN, PASSWORD) as store:
        copy = backup(store, filled.with_name("nightly <1>.sqlite"))
    content = filled.read_bytes()
    filled.write_bytes(content[: len(content) - 1000])
    message = _refused_unchanged(filled, "is cut short", DamagedDatabase)
    assert f"The last backup is {copy.resolve()}" in message
    assert f'officer-app --db "{filled}" restore "{copy.resolve()}"' in message


def test_a_damaged_page_is_found_by_the_check_on_opening_and_nothing_is_written(filled):
    content = bytearray(filled.read_bytes())
    assert len(content) >= 3 * 4096
    content[2 * 4096 + 100 : 2 * 4096 + 140] = os.urandom(40)  # one page, inside
    filled.write_bytes(bytes(content))
    _refused_unchanged(filled, "is damaged", DamagedDatabase)


def test_a_damaged_first_page_is_named_too(filled):
    content = bytearray(filled.read_bytes())
    content[200:260] = bytes(60)
    filled.write_bytes(bytes(content))
    _refused_unchanged(
        filled, "cannot be decrypted: a page holding its list of tables", DamagedDatabase
    )


def test_a_file_from_a_newer_officer_app_is_refused_with_both_versions(tmp_path):
    path = tmp_path / "newer.sqlite"
    with open_store(path) as store:
        add_accounts(store)
        store._db.execute("PRAGMA user_version = 42")
    message = _refused_unchanged(path, "newer officer-app")
    assert "(schema 42)" in message and "up to schema" in message


def test_other_files_are_refused_with_what_they_are(tmp_path):
    folder = tmp_path / "a folder.sqlite"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(folder, ADMIN, PASSWORD)
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Łuczak: notes typed in Notepad\n")
    _refused_unchanged(notes, "not an officer-app database")
    noise = tmp_path / "noise.sqlite"
    noise.write_bytes(os.urandom(5000))
    _refused_unchanged(noise, "cut short or damaged")
    with pytest.raises(StoreError, match="is not a regular file"):
        Store.open("/dev/null", ADMIN, PASSWORD)


def test_the_full_check_on_demand_from_the_command_line(filled, capsys, monkeypatch):
    monkeypatch.setenv("OFFICER_APP_USER", ADMIN)
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    assert main(["--db", str(filled), "check", "--full"]) == 0
    assert "integrity_check found no problem" in capsys.readouterr().err
    filled.write_bytes(filled.read_bytes()[:-10])
    assert main(["--db", str(filled), "check"]) == 2
    assert "is cut short" in capsys.readouterr().err


# ---------------------------------------------------------------- backup and restore


def test_backup_and_restore_round_trip_keeping_the_replaced_file(filled, tmp_path, library):
    copy = tmp_path / "backups" / "Łuczak <nightly>.sqlite"
    copy.parent.mkdir()
    with Store.open(filled, ADMIN, PASSWORD, library=library) as store:
        backup(store, copy)
        assert store.audit_log()[-1].action == "backup"
        with pytest.raises(OSError, match="already exists"):
            backup(store, copy)
        store.sign_in(None)
        store.set_meta("after the backup", "<&>")
    assert CHILD not in copy.read_bytes()
    replaced = restore(filled, copy, ADMIN, PASSWORD)
    assert replaced.checklists == 1
    assert replaced.replaced is not None and replaced.replaced.is_file()
    assert keyslots.key_file_of(replaced.replaced).is_file()
    with Store.open(filled, OFFICER, PASSWORD, library=library) as store:
        assert store.count() == 1
        store.sign_in(None)
        assert store.meta("after the backup") is None
        assert [e.action for e in store.audit_log()][-2:] == ["restore", "login"]


def test_restore_needs_an_administrators_password_in_the_backup(filled, tmp_path):
    copy = tmp_path / "b.sqlite"
    with Store.open(filled, ADMIN, PASSWORD) as store:
        backup(store, copy)
    before = files_in(filled.parent)
    with pytest.raises(WrongPassword):
        restore(filled, copy, ADMIN, "wrong")
    with pytest.raises(Exception, match="not an active administrator"):
        restore(filled, copy, OFFICER, PASSWORD)
    assert files_in(filled.parent) == before


def test_restore_replaces_a_damaged_database(filled, tmp_path):
    copy = tmp_path / "b.sqlite"
    with Store.open(filled, ADMIN, PASSWORD) as store:
        backup(store, copy)
    filled.write_bytes(b"")
    done = restore(filled, copy, ADMIN, PASSWORD)
    assert done.replaced.stat().st_size == 0  # the damaged file is kept, as it was
    with Store.open(filled, ADMIN, PASSWORD) as store:
        assert store.count() == 1


def test_an_officer_cannot_back_up(filled, tmp_path):
    with Store.open(filled, OFFICER, PASSWORD) as store, pytest.raises(PermissionDenied):
        backup(store, tmp_path / "mine.sqlite")
    assert not (tmp_path / "mine.sqlite").exists()


def test_backup_and_restore_from_the_command_line(filled, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OFFICER_APP_USER", ADMIN)
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    copy = tmp_path / "cli backup.sqlite"
    assert main(["--db", str(filled), "backup", str(copy)]) == 0
    assert "checked by reading it back" in capsys.readouterr().err
    assert main(["--db", str(filled), "backup", str(copy)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["--db", str(filled), "backup", str(copy), "--force"]) == 0
    capsys.readouterr()
    assert main(["--db", str(filled), "restore", str(copy)]) == 2  # no terminal, no --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(filled), "restore", str(copy), "--yes"]) == 0
    assert "kept as" in capsys.readouterr().err


# ---------------------------------------------------------------- an unencrypted file


def plaintext_copy(encrypted, key, target):
    """The encrypted database decrypted into an unencrypted file at `target`: a file as an
    earlier officer-app left it (same schema, accounts, checklists)."""
    conn = sqlite.connect(str(encrypted))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(target)])
    conn.execute("SELECT sqlcipher_export('plain')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA plain.user_version = {version}")
    conn.execute("DETACH DATABASE plain")
    conn.close()


@pytest.fixture
def unencrypted(filled, tmp_path):
    with Store.open(filled, ADMIN, PASSWORD) as store:
        key = store.key
    path = tmp_path / "old" / "officer-app.sqlite"
    path.parent.mkdir()
    plaintext_copy(filled, key, path)
    assert CHILD in path.read_bytes()  # an earlier version's file: the name in plain text
    return path


def test_an_unencrypted_file_is_refused_until_it_is_encrypted(unencrypted):
    before = unencrypted.read_bytes()
    with pytest.raises(PlaintextDatabase, match="is not encrypted"):
        Store.open(unencrypted, ADMIN, PASSWORD)
    with pytest.raises(WrongPassword):
        encrypt(unencrypted, ADMIN, "wrong")
    with pytest.raises(PermissionDenied, match="not an active administrator"):
        encrypt(unencrypted, OFFICER, PASSWORD)
    assert unencrypted.read_bytes() == before
    assert sorted(p.name for p in unencrypted.parent.iterdir()) == ["officer-app.sqlite"]


def test_encrypting_removes_the_plaintext_and_keeps_every_record(unencrypted):
    done = encrypt(unencrypted, ADMIN, PASSWORD)
    assert done.checklists == 1 and done.kept is None
    assert sorted(done.needs_password) == sorted(
        n for k, n in ACCOUNT_NAMES.items() if k != "administrator"
    )
    assert "overwritten with zeros and removed" in done.report()
    assert "upgraded" not in done.report()  # it was at this version's schema already
    assert "Administration → Accounts…" in done.report()
    for name, content in files_in(unencrypted.parent).items():
        assert CHILD not in content, name
    assert sorted(p.name for p in unencrypted.parent.iterdir()) == [
        "officer-app.sqlite",
        "officer-app.sqlite.keys",
    ]
    with Store.open(unencrypted, ADMIN, PASSWORD) as store:
        assert store.count() == 1
        assert store.audit_log()[-2].action == "database encrypt"
        assert store.verify_audit().ok
        statuses = {a.name: a.status for a in store.accounts()}
        store.reset_password(OFFICER, PASSWORD)
    assert statuses[OFFICER] == "needs a new password"
    with Store.open(unencrypted, OFFICER, PASSWORD) as store:
        assert store.count() == 1


def test_encrypting_can_keep_the_original_where_the_user_says(unencrypted, tmp_path):
    keep = tmp_path / "kept <plain>.sqlite"
    done = encrypt(unencrypted, ADMIN, PASSWORD, keep=keep)
    assert done.kept == keep and CHILD in keep.read_bytes()
    assert stat.S_IMODE(keep.stat().st_mode) == 0o600
    assert f"moved to {keep}" in done.report()
    assert CHILD not in unencrypted.read_bytes()


def test_encrypt_from_the_command_line_asks_first(unencrypted, capsys, monkeypatch):
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    monkeypatch.setenv("OFFICER_APP_USER", ADMIN)
    assert main(["--db", str(unencrypted), "list"]) == 2
    assert "is not encrypted" in capsys.readouterr().err
    args = ["--db", str(unencrypted), "encrypt", "--admin", ADMIN]
    assert main(args) == 2  # no terminal to ask on
    assert "--yes" in capsys.readouterr().err
    assert main([*args, "--yes"]) == 0
    assert "is now encrypted (1 checklists" in capsys.readouterr().err
    assert main(["--db", str(unencrypted), "list"]) == 0


def test_the_tests_key_is_not_the_key_of_a_created_database(filled):
    with Store.open(filled, ADMIN, PASSWORD) as store:
        assert store.key != KEY and len(store.key) == 32


def test_a_backup_of_something_else_is_refused(tmp_path, filled):
    contacts = tmp_path / "contacts.sqlite"
    with sqlite3.connect(contacts) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = files_in(filled.parent)
    with pytest.raises(BackupError, match="unencrypted database of an earlier officer-app"):
        restore(filled, contacts, ADMIN, PASSWORD)
    with pytest.raises(BackupError, match="not an officer-app backup: there is no file"):
        restore(filled, tmp_path / "missing.sqlite", ADMIN, PASSWORD)
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(contacts.read_bytes()[:1000])
    with pytest.raises(BackupError, match="cannot be restored: .* is cut short"):
        restore(filled, cut, ADMIN, PASSWORD)
    assert files_in(filled.parent) == before


# ---------------------------------------------------------------- crashes and odd key files


def test_a_crash_after_the_key_slot_but_before_the_commit_does_not_lock_anyone_out(filled):
    """reset_password writes the new slot, then the process dies before its transaction
    commits: the new password opens the slot, and the stored hash is brought in line."""
    with Store.open(filled, ADMIN, PASSWORD) as store:
        key = store.key
    keys = keyslots.read(keyslots.key_file_of(filled))
    slot = keyslots.wrap(key, ADMIN, "Nowe <hasło> & 2026")
    keyslots.write(keyslots.key_file_of(filled), keys.with_slot(slot))  # and no commit
    with Store.open(filled, ADMIN, "Nowe <hasło> & 2026") as store:
        assert store.user.name == ADMIN
        last = [(e.action, e.detail) for e in store.audit_log()][-2:]
        assert ("account password", "brought in line with its key slot") in last
        assert store.check_password(ADMIN, "Nowe <hasło> & 2026").name == ADMIN


def test_a_damaged_file_left_with_a_wal_is_refused_without_a_checkpoint(filled):
    store = Store.open(filled, ADMIN, PASSWORD)  # kept open: its -wal stays, as after a crash
    store.sign_in(None)
    store.set_meta("last words", "<&> Łuczak")
    wal = filled.with_name(filled.name + "-wal")
    copies = {p: p.read_bytes() for p in (filled, wal)}
    store._db.conn.close()  # without the store's own close, as a crash would
    for path, content in copies.items():  # the crash: the files as they were, -wal and all
        path.write_bytes(content)
    damaged_db = bytearray(copies[filled])
    damaged_db[2 * 4096 + 50 : 2 * 4096 + 90] = bytes(40)
    filled.write_bytes(bytes(damaged_db))
    with pytest.raises(DamagedDatabase):
        Store.open(filled, ADMIN, PASSWORD)
    assert filled.read_bytes() == bytes(damaged_db)
    assert wal.read_bytes() == copies[wal]  # not copied into the damaged file, not deleted


def test_hostile_values_in_a_key_file_are_refused_not_obeyed(filled):
    path = keyslots.key_file_of(filled)
    good = json.loads(path.read_text(encoding="utf-8"))
    for field, value in (
        ("memory_kib", 0),
        ("memory_kib", 1 << 40),
        ("time_cost", -1),
        ("time_cost", 10**6),
        ("parallelism", 0),
        ("salt", "AAAA"),
    ):
        document = json.loads(json.dumps(good))
        for slot in document["slots"]:
            slot["kdf"][field] = value
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(KeyFileError, match="is damaged"):
            Store.open(filled, ADMIN, PASSWORD)
    document = json.loads(json.dumps(good))
    document["slots"][0]["nonce"] = "AAAA"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KeyFileError, match="is damaged"):
        Store.open(filled, ADMIN, PASSWORD)


def test_a_new_database_is_not_made_beside_a_key_file_of_another(tmp_path, library):
    path = tmp_path / "officer-app.sqlite"
    Store.create(path, ADMIN, PASSWORD, library=library).close()
    path.unlink()  # the database lost, its key file left behind
    before = keyslots.key_file_of(path).read_bytes()
    with pytest.raises(StoreError, match="belongs to a database that is no longer there"):
        Store.create(path, ADMIN, PASSWORD, library=library)
    assert not path.exists() and keyslots.key_file_of(path).read_bytes() == before


def test_a_backups_key_file_put_back_opens_the_database(filled, tmp_path):
    copy = tmp_path / "nightly.sqlite"
    with Store.open(filled, ADMIN, PASSWORD) as store:
        backup(store, copy)
    keys = keyslots.key_file_of(filled)
    keys.unlink()  # lost; the backup's key file (another salt, the same key) put back
    keys.write_bytes(keyslots.key_file_of(copy).read_bytes())
    with Store.open(filled, OFFICER, PASSWORD) as store:
        assert store.count() == 1
        store.reset_password(OFFICER, PASSWORD)  # any key file write records this file's salt
    assert keyslots.read(keys).database_salt == keyslots.database_salt(filled)


def test_the_copy_made_before_an_upgrade_has_its_own_key_file(tmp_path):
    """A file of the previous schema (5) with a key file: the encrypted copy made before the
    upgrade gets a key file of its own (its own salt), so it opens like any backup, and the
    database's key file names it for a damaged-file message."""
    from sqlite_utils import Database

    from officer_app.store.opening import decrypts
    from officer_app.store.schema import migrate

    path = tmp_path / "schema 5.sqlite"
    conn = raw_connection(path)
    migrate(Database(conn), target=5)
    conn.close()
    keys = keyslots.KeyFile(keyslots.database_salt(path)).with_slot(
        keyslots.wrap(KEY, ADMIN, PASSWORD)
    )
    keyslots.write(keyslots.key_file_of(path), keys)
    with open_store(path) as store:
        copy = store.backup
    assert copy is not None and keyslots.key_file_of(copy).is_file()
    own = keyslots.read(keyslots.key_file_of(copy))
    assert own.database_salt == keyslots.database_salt(copy)
    key, _ = keyslots.unlock(own, ADMIN, PASSWORD)
    assert decrypts(copy, key)
    assert f"The last backup is {copy.resolve()}" in where_copies_are(path)


def test_encrypt_refuses_a_keep_path_it_cannot_use_before_doing_anything(unencrypted, tmp_path):
    before = files_in(unencrypted.parent)
    for keep, said in (
        ("", "No file name"),
        (tmp_path / "no folder" / "x.sqlite", "does not exist"),
        (tmp_path, "folder"),
    ):
        with pytest.raises(OSError, match=said):
            encrypt(unencrypted, ADMIN, PASSWORD, keep=keep)
        assert files_in(unencrypted.parent) == before


def test_an_interrupted_encryption_is_finished_by_the_next_attempt(unencrypted):
    """A crash after the key file and the second name were written, before the encrypted
    copy took the original's place: the original is still there and unencrypted."""
    aside = unencrypted.with_name(f".{unencrypted.name}.unencrypted")
    os.link(unencrypted, aside)
    keyslots.key_file_of(unencrypted).write_text("{}", encoding="utf-8")
    done = encrypt(unencrypted, ADMIN, PASSWORD)
    assert done.checklists == 1
    assert sorted(p.name for p in unencrypted.parent.iterdir()) == [
        "officer-app.sqlite",
        "officer-app.sqlite.keys",
    ]
    with Store.open(unencrypted, ADMIN, PASSWORD) as store:
        assert store.count() == 1
