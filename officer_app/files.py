"""Where output may be written, and writing files whole or not at all.

`check_output` decides whether a path a person named (`--out`, a save dialog) may be
written: a regular file in an existing folder, and an existing one only when replacing was
agreed (`force`). A link is never followed or replaced, and a folder, a device, a pipe or a
socket is never written to. `write_atomically` writes a temporary file beside the target,
then renames it into place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; the message names the file and why."""


class OutputRefused(WriteError):
    """A path that may not be written; nothing was written. `path` is the path as given."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


class OutputExists(OutputRefused):
    """The path is an existing regular file and replacing it was not agreed."""


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def check_output(path: Path | str, *, force: bool = False) -> Path:
    """`path` as a Path when a file may be written there, else OutputRefused (OutputExists for
    an existing regular file without `force`) with one sentence naming the path and what to
    do. Nothing is followed: a link, even to a regular file, is refused."""
    text = os.fspath(path)
    if text == "":
        raise OutputRefused(text, "No file name was given: name the file to write.")
    out = Path(text)
    if text.endswith(("/", os.sep)):  # Path() drops the slash that says "a folder"
        raise OutputRefused(text, f"Cannot write {text}: it names a folder; name a file.")
    try:
        mode: int | None = os.lstat(out).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise OutputRefused(
            out, f"Cannot write {out}: part of its folder is a file, not a folder."
        ) from None
    except OSError as exc:
        raise OutputRefused(
            out, f"Cannot write {out}: it cannot be checked ({_reason(exc)}); choose another."
        ) from None
    if mode is not None:
        kind = _kind(mode)
        if kind == "a folder":
            raise OutputRefused(out, f"Cannot write {out}: it is a folder; name a file in it.")
        if kind is not None:
            raise OutputRefused(
                out,
                f"Cannot write {out}: it is {kind}, not an ordinary file; name another file.",
            )
        if not force:
            raise OutputExists(out, f"{out} already exists; choose another name to keep it.")
    folder = out.parent
    if not folder.is_dir():
        raise OutputRefused(
            out, f"Cannot write {out}: the folder {folder} does not exist; create it first."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(
            out, f"Cannot write {out}: you may not write in {folder}; choose another folder."
        )
    return out


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def write_atomically(
    path: Path, content: bytes | Callable[[Path], None], *, force: bool | None = None
) -> Path:
    """Write `content` (bytes, or a function that writes a given temporary path) to `path`.
    On any failure the temporary file is removed and an existing file at `path` is untouched.
    `force` given (True or False): `path` is an output a person named, checked with
    `check_output` before anything is written and again just before the rename."""
    path = Path(path)
    if force is not None:
        check_output(path, force=force)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise WriteError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
        if not isinstance(content, bytes):
            content(tmp)
        _flush(tmp)
        if force is not None:
            check_output(path, force=force)  # not turned into a link meanwhile
        os.replace(tmp, path)
        _flush_folder(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _flush(file: Path) -> None:
    """The file's bytes on the disk before it is renamed into place: after a power cut the
    new name never points at an empty file (a key file that lost its slots would leave the
    database unopenable)."""
    with open(file, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX; Windows has no folder handles to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
