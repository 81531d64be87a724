"""Sealing a small file with the database key: recovery copies of checklists that could not
be saved are encrypted (AES-256-GCM, through the `cryptography` library) with a key derived
from the key of the database they belong to (HKDF-SHA256, so the database key itself is used
for nothing but the database), so nothing an officer typed lies on disk in plain text. A copy sealed
with another database's key does not open here (SealError) and is left where it is."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"officer-app sealed 2\n"
CONTEXT = b"officer-app recovery copy"


class SealError(ValueError):
    """Not a sealed file, damaged, or sealed with another database's key."""


def _sealing_key(key: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=CONTEXT).derive(key)
    return AESGCM(derived)


def seal(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return MAGIC + nonce + _sealing_key(key).encrypt(nonce, data, CONTEXT)


def unseal(key: bytes, blob: bytes) -> bytes:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 12 + 16:
        raise SealError("not a sealed officer-app file")
    nonce = blob[len(MAGIC) : len(MAGIC) + 12]
    try:
        return _sealing_key(key).decrypt(nonce, blob[len(MAGIC) + 12 :], CONTEXT)
    except InvalidTag:
        raise SealError("damaged, or sealed with another database's key") from None
