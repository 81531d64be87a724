"""Password hashing: argon2id through argon2-cffi, never our own code.

Parameters (RFC 9106's second recommended option, argon2-cffi's default profile): argon2id,
64 MiB of memory, 3 passes, 4 lanes, a 16-byte random salt, a 32-byte hash; about 0.1 s per
hash on a 2-core PC. The parameters are written into each stored hash, so a hash made with
older parameters still verifies and is re-hashed with these at the next sign-in.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 4
HASH_LENGTH = 32
SALT_LENGTH = 16
MIN_LENGTH = 8

_hasher = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LENGTH,
    salt_len=SALT_LENGTH,
)
# Verified when the name given is not an account, so a wrong name takes as long as a wrong
# password and does not tell which names exist.
_DUMMY = _hasher.hash("not a password anyone has")


class PasswordError(ValueError):
    """A new password that cannot be used; the message says why."""


def check_new(password: str) -> None:
    """Refuse a password that is too short or blank; the message names the rule."""
    if not password or not password.strip():
        raise PasswordError("The password is empty; type one of at least 8 characters.")
    if len(password) < MIN_LENGTH:
        raise PasswordError(
            f"The password has {len(password)} characters; it needs at least {MIN_LENGTH}."
        )


def hash_password(password: str) -> str:
    check_new(password)
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches `stored_hash` (None: no such account, always False)."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True
