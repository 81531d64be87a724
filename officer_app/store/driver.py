"""The database driver: SQLCipher through `sqlcipher3`, SQLite with every page encrypted
(AES-256, an HMAC per page). Its exceptions are its own classes, not the standard `sqlite3`
module's, so the store catches `sqlite.Error` from here and nowhere imports `sqlite3` to
catch database errors."""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite

__all__ = ["sqlite"]
