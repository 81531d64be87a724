"""Sealing a small file with the database key: recovery copies of checklists that could not
be saved are encrypted (AES-256-GCM, through the `cryptography` library) with the key of the
database they belong to, so nothing an officer typed lies on disk in plain text. A copy sealed
with another database's key does not open here (SealError) and is left where it is."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"officer-app sealed 1\n"
CONTEXT = b"officer-app recovery copy"


class SealError(ValueError):
    """Not a sealed file, damaged, or sealed with another database's key."""


def seal(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, CONTEXT)


def unseal(key: bytes, blob: bytes) -> bytes:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 12 + 16:
        raise SealError("not a sealed officer-app file")
    nonce = blob[len(MAGIC) : len(MAGIC) + 12]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + 12 :], CONTEXT)
    except InvalidTag:
        raise SealError("damaged, or sealed with another database's key") from None
