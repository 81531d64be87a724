"""The database file itself: `encrypt` (an unencrypted file from an earlier version, once),
`backup FILE`, `restore FILE` and `check [--full]`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from officer_app.cli.checklists import output_file
from officer_app.cli.session import (
    PASSWORD_ENV,
    USER_ENV,
    CliError,
    SignInRefused,
    database_path,
    open_signed_in,
    password,
)
from officer_app.store import LoginError, WrongPassword
from officer_app.store.backups import backup, restore
from officer_app.store.opening import PLAINTEXT, check, inspect
from officer_app.store.plaintext import encrypt


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "encrypt",
        help="encrypt an unencrypted database from an earlier officer-app, once "
        f"(an administrator's password from ${PASSWORD_ENV} or a prompt)",
    )
    p.add_argument("--admin", required=True, metavar="NAME", help="an administrator's name")
    p.add_argument(
        "--keep-plaintext",
        metavar="FILE",
        help="move the unencrypted original to FILE (default: overwrite it and remove it)",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser(
        "backup", help="write an encrypted, checked copy of the database (administrators)"
    )
    p.add_argument("file", type=Path, help="the backup file (FILE.keys is written beside it)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = sub.add_parser(
        "restore",
        help="replace the database with a backup (an administrator's password in the backup); "
        "the replaced file is kept",
    )
    p.add_argument("file", type=Path, help="the backup file (with FILE.keys beside it)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser(
        "check", help="check the database file (quick check; --full reads every page)"
    )
    p.add_argument("--full", action="store_true", help="SQLite's integrity_check")


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise CliError(f"{question} Add --yes to confirm (no terminal to ask on).")
    answer = input(f"{question} [y/N] ").strip().casefold()
    if answer not in ("y", "yes"):
        raise CliError("nothing was changed")


def cmd_encrypt(args) -> int:
    path = database_path(args)
    if inspect(path) != PLAINTEXT:
        raise CliError(f"{path} is not an unencrypted officer-app database; nothing was done")
    what = (
        f"move the unencrypted original to {args.keep_plaintext}"
        if args.keep_plaintext
        else "overwrite the unencrypted original and remove it"
    )
    _confirm(f"Encrypt {path} now, then {what}?", args.yes)
    try:
        done = encrypt(
            path,
            args.admin,
            password(question=f"Password for {args.admin}: "),
            keep=args.keep_plaintext,  # text: "" is refused by name, not taken as "."
        )
    except WrongPassword as exc:
        raise SignInRefused(f"{exc} {path} was not changed.") from None
    print(done.report(), file=sys.stderr)
    return 0


def cmd_backup(args) -> int:
    with output_file(), open_signed_in(args) as store:
        written = backup(store, args.file, force=args.force)
    print(
        f"Backed up {store.path} to {written} and {written}.keys (encrypted, checked by reading "
        "it back). Keep the two files together.",
        file=sys.stderr,
    )
    return 0


def cmd_restore(args) -> int:
    path = database_path(args)
    name = args.user or os.environ.get(USER_ENV)
    if not name:
        raise CliError(f"who is this? give --user NAME (or set {USER_ENV})")
    there = path.exists() or path.is_symlink()
    kept = " (the current file is kept under a new name beside it)" if there else ""
    _confirm(f"Replace {path} with the backup {args.file}{kept}?", args.yes)
    try:
        done = restore(path, args.file, name, password(question=f"Password for {name}: "))
    except (WrongPassword, LoginError) as exc:
        raise SignInRefused(f"{exc} Nothing was changed.") from None
    replaced = f" The database it replaced is kept as {done.replaced}." if done.replaced else ""
    print(
        f"Restored {path} from {done.backup} ({done.checklists} checklists).{replaced}",
        file=sys.stderr,
    )
    return 0


def cmd_check(args) -> int:
    with open_signed_in(args) as store:  # opening runs the quick check
        if args.full:
            check(store._db, store.path, full=True)
    print(
        f"{store.path}: {'integrity_check' if args.full else 'quick_check'} found no problem.",
        file=sys.stderr,
    )
    return 0
