"""Files and folders the app creates are private to the user who runs it.

On POSIX: folders 0700, files 0600, and a process umask of 077 so that SQLite's own files
(-wal, -shm, temporary files) and anything a library writes are private too. On Windows the
files live in the user's own profile (officer_app.paths), whose access list already keeps
other users out; the modes below are then ignored by the OS.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def restrict_process() -> None:
    """Every file this process creates from now on is private (umask 077). Called first by
    the command line and the window."""
    if os.name == "posix":
        os.umask(0o077)


def private_folder(path: Path) -> Path:
    """Create `path` (and its missing parents) as 0700; an existing folder is left as it is
    (it may be a shared folder the user chose on purpose)."""
    missing = []
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(mode=FOLDER_MODE, exist_ok=True)
        if os.name == "posix":
            os.chmod(each, FOLDER_MODE)  # mkdir's mode is reduced by the umask, never widened
    return Path(path)


def private_new_file(path: Path) -> None:
    """Create `path` empty and 0600; FileExistsError when something is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
