"""Accounts (mixed into Store): the first administrator, adding users, resetting passwords,
disabling accounts, signing in with a lockout after repeated failures.

Each account also has a key slot (officer_app.store.keyslots): the database key wrapped with
its password. Creating an account or setting its password writes its slot; disabling it
removes the slot, so a disabled account's password no longer decrypts the file even outside
the app, and enabling it again needs a new password first. Accounts carried over from an
unencrypted file have no slot until an administrator sets a new password.

Every change is an audit entry whose `record_hash` is the hash of the account as it now is
(name, role, disabled, password hash) and whose `subject` is the account's name, so a role or
password changed directly in the file is found by `audit verify`. Passwords: see
officer_app.accounts.passwords (argon2id).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from officer_app import permissions
from officer_app.accounts import passwords
from officer_app.checklist import now_iso
from officer_app.permissions import ADMINISTRATOR, ROLES, PermissionDenied, User
from officer_app.store import audit, keyslots
from officer_app.store.errors import StoreError
from officer_app.store.logbook import LogMixin

LOCKOUT_ATTEMPTS = 5
LOCKOUT_MINUTES = 15


class AccountError(StoreError):
    """An account change that cannot be made; the message names the account and the reason."""


class LoginError(StoreError):
    """Signing in refused: wrong name or password, a disabled or locked account."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    disabled: bool
    failed_logins: int
    locked_until: str
    created_at: str
    last_login: str
    has_key: bool = True  # a key slot: the password opens the encrypted file

    @property
    def status(self) -> str:
        if self.disabled:
            return "disabled"
        if not self.has_key:
            return "needs a new password"
        if self.locked_until and self.locked_until > now_iso():
            return f"locked until {self.locked_until[11:16]}"
        return "active"


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise AccountError("The account name is empty; type a name such as j.smith.")
    if len(name) > 64 or any(c.isspace() or not c.isprintable() for c in name):
        raise AccountError(
            f"The account name '{name[:64]}' cannot be used: use up to 64 letters, digits, "
            "dots or dashes, without spaces."
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"'{role}' is not a role; choose {', '.join(ROLES)}.")
    return role


def active_administrator(conn: Any, name: str, password: str, doing: str) -> User:
    """The active administrator `name` whose password this is, read from a database that is
    not (yet) a Store's: an unencrypted file being encrypted, a backup being restored.
    WrongPassword, or PermissionDenied naming what only an administrator does."""
    key = name.strip().casefold()
    rows = conn.execute("SELECT name, role, password_hash, disabled FROM users").fetchall()
    row = next((r for r in rows if r[0].casefold() == key), None)
    if not passwords.verify(row[2] if row else None, password) or row is None:
        raise keyslots.WrongPassword()
    if row[1] != ADMINISTRATOR or row[3]:
        raise PermissionDenied(
            f"{row[0]} is not an active administrator of this database: an administrator "
            f"{doing}."
        )
    return User(row[0], row[1])


class AccountsMixin(LogMixin):
    lockout_attempts: int = LOCKOUT_ATTEMPTS
    lockout_minutes: int = LOCKOUT_MINUTES
    path: Path
    key: bytes

    # -- key slots: written inside the account change's transaction, just before it commits

    def key_file(self) -> keyslots.KeyFile:
        path = keyslots.key_file_of(self.path)
        return keyslots.read(path) if path.exists() else keyslots.KeyFile()

    def _write_keys(self, keys: keyslots.KeyFile) -> None:
        """Written with this file's own salt (a backup's key file put back records its
        backup's)."""
        keys = replace(keys, database_salt=keyslots.database_salt(self.path))
        keyslots.write(keyslots.key_file_of(self.path), keys)

    def _set_slot(self, name: str, password: str) -> None:
        self._write_keys(self.key_file().with_slot(keyslots.wrap(self.key, name, password)))

    def _drop_slot(self, name: str) -> None:
        keys = self.key_file()
        if keys.slot(name) is not None:
            self._write_keys(keys.without_slot(name))

    def _account_entry(self, action: str, name: str, detail: str) -> None:
        record = audit.stored_account_hash(self._db.conn, name)
        self._audit(action, None, detail, record=record, subject=name)

    def has_accounts(self) -> bool:
        return bool(self._read("SELECT 1 FROM users LIMIT 1", []))

    def create_first_admin(self, name: str, password: str) -> User:
        """The first account of a file, an administrator; refused once any account exists."""
        name = _check_name(name)
        hashed = passwords.hash_password(password)
        with self._writing("The administrator was not created"):
            if self._read("SELECT 1 FROM users LIMIT 1", []):
                raise AccountError(
                    "This database already has accounts; an administrator adds new ones."
                )
            self._insert_user(name, ADMINISTRATOR, hashed)
            self._account_entry("account create", name, "first administrator")
            self._set_slot(name, password)
        return User(name, ADMINISTRATOR)

    def _insert_user(self, name: str, role: str, hashed: str) -> None:
        self._db.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            [name, role, hashed, now_iso()],
        )

    def add_user(self, name: str, role: str, password: str) -> User:
        permissions.require(self.user, "manage accounts")
        name, role = _check_name(name), _check_role(role)
        hashed = passwords.hash_password(password)
        with self._writing(f"The account {name} was not added"):
            if self._account_row(name):
                raise AccountError(f"An account named {name} already exists.")
            self._insert_user(name, role, hashed)
            self._account_entry("account create", name, f"role {role}")
            self._set_slot(name, password)
        return User(name, role)

    def reset_password(self, name: str, password: str) -> None:
        """A new password for `name` (an administrator, or the user themself); it also
        clears a lockout."""
        if self.user is None or self.user.name.casefold() != name.casefold():
            permissions.require(self.user, "manage accounts")
        hashed = passwords.hash_password(password)
        with self._writing(f"The password of {name} was not changed"):
            stored = self._stored_name(name)
            self._db.execute(
                "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = ''"
                " WHERE name = ?",
                [hashed, stored],
            )
            self._account_entry("account password", stored, "password reset")
            self._set_slot(stored, password)

    def set_disabled(self, name: str, disabled: bool = True) -> None:
        permissions.require(self.user, "manage accounts")
        with self._writing(f"The account {name} was not changed"):
            stored = self._stored_name(name)
            if (
                disabled
                and self.user is not None
                and stored.casefold() == self.user.name.casefold()
            ):
                raise AccountError("You cannot disable your own account.")
            if disabled and self._is_last_admin(stored):
                raise AccountError(f"{stored} is the last active administrator; add another first.")
            if not disabled and self.key_file().slot(stored) is None:
                raise AccountError(
                    f"Set a new password for {stored} first (Reset password): disabling the "
                    "account removed its key to the encrypted file."
                )
            self._db.execute(
                "UPDATE users SET disabled = ?, failed_logins = 0, locked_until = ''"
                " WHERE name = ?",
                [int(disabled), stored],
            )
            self._account_entry("account disable" if disabled else "account enable", stored, "")
            if disabled:
                self._drop_slot(stored)

    def _is_last_admin(self, name: str) -> bool:
        rows = self._read("SELECT name FROM users WHERE role = ? AND disabled = 0", [ADMINISTRATOR])
        return [r[0].casefold() for r in rows] == [name.casefold()]

    def _account_row(self, name: str) -> tuple | None:
        """The account whose name is `name` ignoring case. Compared with casefold here:
        SQLite's NOCASE folds only ASCII, so 'PC.KRĘŻOŁEK' would miss 'pc.krężołek' (and
        could be added as a second account). The table is small: reading it is cheap."""
        key = name.strip().casefold()
        rows = self._read(
            "SELECT name, role, password_hash, disabled, failed_logins, locked_until FROM users",
            [],
        )
        return next((r for r in rows if r[0].casefold() == key), None)

    def _stored_name(self, name: str) -> str:
        row = self._account_row(name)
        if row is None:
            raise AccountError(f"There is no account named {name}.")
        return row[0]

    def accounts(self) -> list[Account]:
        permissions.require(self.user, "manage accounts")
        rows = self._read(
            "SELECT name, role, disabled, failed_logins, locked_until, created_at, last_login"
            " FROM users ORDER BY name",
            [],
        )
        keys = self.key_file()
        return [
            Account(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6], keys.slot(r[0]) is not None)
            for r in rows
        ]

    def login(self, name: str, password: str, *, slot_opened: bool = False) -> User:
        """Check the password and sign in; LoginError (and an audit entry) otherwise. After
        `lockout_attempts` wrong passwords in a row the account is locked for
        `lockout_minutes`. `slot_opened`: the password has just opened the account's key slot
        (Store.open), which proves it even if the stored hash says otherwise: that happens
        when a password change's key slot was written but the process died before its
        transaction committed. The hash is then brought in line with the slot."""
        user = self.check_password(name, password, action="login", slot_opened=slot_opened)
        self.user = user
        return user

    def check_password(
        self, name: str, password: str, *, action: str = "unlock", slot_opened: bool = False
    ) -> User:
        """The account's user if `password` is right (recorded as `action`); LoginError
        otherwise, its entry ("login failed", "account locked") committed first. Counts
        towards the lockout like a sign-in."""
        row = self._account_row((name or "").strip())
        matches = passwords.verify(row[2] if row else None, password)
        ok = matches or (slot_opened and row is not None)
        now = datetime.now().astimezone()
        refusal: LoginError | None = None
        with self._writing("Signing in failed: the database could not be written"):
            if row is None:
                self._audit(
                    "login failed",
                    None,
                    "no such account",
                    subject=name.strip()[:64],
                    actor=name.strip()[:64] or "(no name)",
                )
                refusal = LoginError("The name or the password is wrong.")
            elif row[3]:
                self._audit("login failed", None, "account disabled", subject=row[0], actor=row[0])
                refusal = LoginError(f"The account {row[0]} is disabled; ask an administrator.")
            elif row[5] and row[5] > now.isoformat(timespec="seconds"):
                self._audit("login failed", None, "account locked", subject=row[0], actor=row[0])
                refusal = LoginError(
                    f"The account {row[0]} is locked after {self.lockout_attempts} wrong "
                    f"passwords until {row[5][11:16]}; try again then or ask an "
                    "administrator to reset the password."
                )
            elif not ok:
                refusal = self._failed(row[0], row[4] + 1, now)
            else:
                self._succeeded(row, password, now, action, rehash=matches)
                if not matches:
                    self._db.execute(
                        "UPDATE users SET password_hash = ? WHERE name = ?",
                        [passwords.hash_password(password), row[0]],
                    )
                    self._account_entry(
                        "account password", row[0], "brought in line with its key slot"
                    )
        if refusal is not None:
            raise refusal
        assert row is not None
        return User(row[0], row[1])

    def _succeeded(
        self, row: tuple, password: str, now: datetime, action: str, *, rehash: bool = True
    ) -> None:
        stored, role, hashed = row[0], row[1], row[2]
        self._db.execute(
            "UPDATE users SET failed_logins = 0, locked_until = '', last_login = ? WHERE name = ?",
            [now.isoformat(timespec="seconds"), stored],
        )
        self._audit(action, None, f"role {role}", subject=stored, actor=stored)
        if rehash and passwords.needs_rehash(hashed):
            self._db.execute(
                "UPDATE users SET password_hash = ? WHERE name = ?",
                [passwords.hash_password(password), stored],
            )
            self._account_entry("account password", stored, "re-hashed with new parameters")

    def record_earlier_failures(self, failures: list[tuple[str, str]]) -> None:
        """Wrong passwords typed before the database was opened (name typed, when): they
        could not be written then, since a wrong password opens nothing. Recorded now, by the
        person who has just signed in; they do not count towards a lockout."""
        if not failures:
            return
        with self._writing("The earlier wrong passwords were not recorded"):
            for name, at in failures:
                typed = name.strip()[:64] or "(no name)"
                detail = f"wrong password at {at[11:16]}, before the database was opened"
                self._audit("login failed", None, detail, subject=typed, actor=typed)

    def _failed(self, name: str, failures: int, now: datetime) -> LoginError:
        if failures >= self.lockout_attempts:
            until = (now + timedelta(minutes=self.lockout_minutes)).isoformat(timespec="seconds")
            self._db.execute(
                "UPDATE users SET failed_logins = 0, locked_until = ? WHERE name = ?",
                [until, name],
            )
            self._audit(
                "account locked", None, f"{failures} wrong passwords", subject=name, actor=name
            )
            return LoginError(
                f"Wrong password. The account {name} is now locked for "
                f"{self.lockout_minutes} minutes after {failures} wrong passwords."
            )
        self._db.execute("UPDATE users SET failed_logins = ? WHERE name = ?", [failures, name])
        self._audit("login failed", None, "wrong password", subject=name, actor=name)
        left = self.lockout_attempts - failures
        return LoginError(
            f"The name or the password is wrong ({left} more "
            f"tr{'y' if left == 1 else 'ies'} before the account is locked)."
        )
