"""Key slots: how each account's password opens the one encrypted database.

The database is encrypted (SQLCipher) with a random 256-bit key that is never written down as
it is. Beside the database, in `<database>.keys`, each account has a slot, as a LUKS volume
header has: the database key encrypted (AES-256-GCM, through the `cryptography` library) with
a key derived from that account's password by argon2id (argon2-cffi), with the slot's own
salt and the derivation's parameters. So every account opens the same file, the file and its
key file together are useless without a password, and a password change or reset re-wraps
only that account's slot. A wrong password fails the GCM tag: nothing is opened or written.

The key file is JSON and holds no personal data: account names, salts, parameters, the wrapped
keys, the SQLCipher salt of the database it belongs to (its first 16 bytes, so a key file
beside the wrong database is named as such) and where the last backups were written (so a
damaged database's message can say where a copy is). It is written whole (a temporary file,
then a rename) and is private to the user (0600).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from officer_app.files import write_atomically
from officer_app.store.errors import StoreError

FORMAT = "officer-app-keys"
FORMAT_VERSION = 1
KEY_BYTES = 32
SUFFIX = ".keys"
BACKUPS_REMEMBERED = 5


@dataclass(frozen=True)
class Derivation:
    """argon2id's parameters for a slot: memory in KiB, passes, lanes. The stated ones (RFC
    9106's second choice, as for the password hashes) take about 0.13 s here; tests use small
    ones. Each slot keeps its own, so a slot made with other parameters still opens."""

    memory_kib: int = 65536
    time_cost: int = 3
    parallelism: int = 4


DERIVATION = Derivation()


class KeyFileError(StoreError):
    """The key file is missing, unreadable, damaged, newer, or belongs to another database."""


class WrongPassword(StoreError):
    """No slot opens with this name and password."""

    def __init__(self) -> None:
        super().__init__("The name or the password is wrong.")


class AccountDisabled(StoreError):
    """The account's slot was removed when it was disabled."""


@dataclass(frozen=True)
class Slot:
    name: str  # the account name as stored (matched ignoring case)
    salt: bytes
    nonce: bytes
    wrapped: bytes
    derivation: Derivation


@dataclass
class KeyFile:
    database_salt: str = ""  # hex of the database file's first 16 bytes ('' before the first)
    slots: list[Slot] = field(default_factory=list)
    backups: list[dict[str, str]] = field(default_factory=list)  # {"path", "at"}, newest last
    disabled: list[str] = field(default_factory=list)  # accounts whose slot disabling removed

    def slot(self, name: str) -> Slot | None:
        key = name.strip().casefold()
        return next((s for s in self.slots if s.name.casefold() == key), None)

    def names(self) -> list[str]:
        return [s.name for s in self.slots]

    def with_slot(self, slot: Slot) -> KeyFile:
        key = slot.name.casefold()
        others = [s for s in self.slots if s.name.casefold() != key]
        disabled = [n for n in self.disabled if n.casefold() != key]
        return replace(self, slots=[*others, slot], disabled=disabled)

    def without_slot(self, name: str) -> KeyFile:
        """The slot removed because the account was disabled (its sign-in then says so)."""
        key = name.casefold()
        slots = [s for s in self.slots if s.name.casefold() != key]
        disabled = [n for n in self.disabled if n.casefold() != key] + [name]
        return replace(self, slots=slots, disabled=disabled)

    def with_backup(self, path: Path, at: str) -> KeyFile:
        kept = [*self.backups, {"path": str(path), "at": at}][-BACKUPS_REMEMBERED:]
        return replace(self, backups=kept)


def key_file_of(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _derive(password: str, salt: bytes, derivation: Derivation) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=derivation.time_cost,
        memory_cost=derivation.memory_kib,
        parallelism=derivation.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _context(name: str) -> bytes:
    """What the GCM tag also covers: a slot moved to another name does not open."""
    return b"officer-app key slot 1\x00" + name.casefold().encode("utf-8")


def wrap(key: bytes, name: str, password: str, derivation: Derivation | None = None) -> Slot:
    derivation = derivation or DERIVATION
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = _derive(password, salt, derivation)
    wrapped = AESGCM(wrapping).encrypt(nonce, key, _context(name))
    return Slot(name, salt, nonce, wrapped, derivation)


def unwrap(slot: Slot, password: str) -> bytes:
    """The database key; WrongPassword when the password does not open the slot."""
    wrapping = _derive(password, slot.salt, slot.derivation)
    try:
        return AESGCM(wrapping).decrypt(slot.nonce, slot.wrapped, _context(slot.name))
    except InvalidTag:
        raise WrongPassword() from None


def unlock(keys: KeyFile, name: str, password: str) -> tuple[bytes, str]:
    """The database key and the slot's account name. A name with no slot costs a derivation
    too, so the time taken does not tell which names have slots."""
    slot = keys.slot(name)
    if slot is None:
        _derive(password, b"\x00" * 16, DERIVATION)
        gone = next((n for n in keys.disabled if n.casefold() == name.strip().casefold()), None)
        if gone is not None:
            raise AccountDisabled(f"The account {gone} is disabled; ask an administrator.")
        raise WrongPassword()
    return unwrap(slot, password), slot.name


# ---------------------------------------------------------------- the file


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _slot_json(slot: Slot) -> dict[str, Any]:
    d = slot.derivation
    return {
        "name": slot.name,
        "kdf": {
            "type": "argon2id",
            "memory_kib": d.memory_kib,
            "time_cost": d.time_cost,
            "parallelism": d.parallelism,
            "salt": _b64(slot.salt),
        },
        "cipher": "AES-256-GCM",
        "nonce": _b64(slot.nonce),
        "wrapped_key": _b64(slot.wrapped),
    }


# what a slot may ask of the key derivation: a damaged or hostile key file must not make the
# app hang or run out of memory (4 GiB and 64 passes are far beyond what any slot uses)
LIMITS = {"memory_kib": (8, 1 << 22), "time_cost": (1, 64), "parallelism": (1, 64)}


def _slot_of(raw: Any) -> Slot:
    kdf = raw["kdf"]
    if kdf["type"] != "argon2id" or raw["cipher"] != "AES-256-GCM":
        raise ValueError("unknown slot type")
    values = {}
    for name, (low, high) in LIMITS.items():
        value = kdf[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} out of range")
        values[name] = value
    if values["memory_kib"] < 8 * values["parallelism"]:
        raise ValueError("memory_kib too small for its lanes")
    slot = Slot(
        str(raw["name"]),
        base64.b64decode(kdf["salt"], validate=True),
        base64.b64decode(raw["nonce"], validate=True),
        base64.b64decode(raw["wrapped_key"], validate=True),
        Derivation(values["memory_kib"], values["time_cost"], values["parallelism"]),
    )
    if len(slot.salt) < 16 or len(slot.nonce) != 12 or len(slot.wrapped) != KEY_BYTES + 16:
        raise ValueError("wrong lengths")
    return slot


def read(path: Path) -> KeyFile:
    """The key file at `path`; KeyFileError naming the problem when it cannot be used."""
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise KeyFileError(
            f"The key file {path} is missing: without it the encrypted database beside it "
            "cannot be opened. Put back the .keys file of any backup of this database (a "
            "backup is two files: NAME and NAME.keys) under this name: the passwords as they "
            "were then open it."
        ) from None
    except OSError as exc:
        raise KeyFileError(f"The key file {path} cannot be read ({exc.strerror}).") from None
    except ValueError:
        raise KeyFileError(
            f"The key file {path} is damaged (not JSON); it was not changed."
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise KeyFileError(f"{path} is not an officer-app key file; it was not changed.")
    version = raw.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise KeyFileError(
            f"The key file {path} was written by a newer officer-app (key file version "
            f"{version}); this version understands up to {FORMAT_VERSION}: install the newer "
            "officer-app to open it."
        )
    try:
        slots = [_slot_of(s) for s in raw["slots"]]
        backups = [{"path": str(b["path"]), "at": str(b["at"])} for b in raw.get("backups", [])]
        salt = str(raw.get("database_salt", ""))
        disabled = [str(n) for n in raw.get("disabled", [])]
    except (KeyError, TypeError, ValueError):
        raise KeyFileError(f"The key file {path} is damaged; it was not changed.") from None
    return KeyFile(salt, slots, backups, disabled)


def document_bytes(keys: KeyFile) -> bytes:
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "database_salt": keys.database_salt,
        "slots": [_slot_json(s) for s in keys.slots],
        "backups": keys.backups,
        "disabled": keys.disabled,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write(path: Path, keys: KeyFile) -> None:
    try:
        write_atomically(path, document_bytes(keys))  # mkstemp: 0600, kept by the rename
    except OSError as exc:
        raise KeyFileError(
            f"The key file {path} could not be written ({exc}); nothing was changed."
        ) from None


def database_salt(database: Path) -> str:
    """The hex of the database file's first 16 bytes: SQLCipher's salt, fixed for its life."""
    with open(database, "rb") as handle:
        return handle.read(16).hex()
