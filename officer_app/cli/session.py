"""Who is using the command line: `--user NAME` (or OFFICER_APP_USER) and the password from
OFFICER_APP_PASSWORD or a prompt on the terminal. Every command that reads or changes the
database signs in first, so the core's permissions apply as they do in the window."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from officer_app import paths
from officer_app.accounts.passwords import PasswordError, check_new
from officer_app.settings import load_settings
from officer_app.store import LoginError, PlaintextDatabase, Store, WrongPassword
from officer_app.store.keyslots import AccountDisabled
from officer_app.store.opening import NEW, PLAINTEXT, inspect, no_database

USER_ENV = "OFFICER_APP_USER"
PASSWORD_ENV = "OFFICER_APP_PASSWORD"
NEW_PASSWORD_ENV = "OFFICER_APP_NEW_PASSWORD"


class CliError(Exception):
    """An error to print as one line before exiting with EXIT_ERROR."""


class SignInRefused(Exception):
    """Signing in failed or the action is not the user's to do (exit status 3)."""


def database_path(args) -> Path:
    """The database file named by --db, else the default (OFFICER_APP_DB or the per-user
    data folder). The window's launcher uses it too."""
    return args.db if args.db else paths.default_db_path()


def _prompt(question: str) -> str:
    if not sys.stdin.isatty():
        raise CliError(
            f"no password given: set {PASSWORD_ENV} (or run this on a terminal to be asked)"
        )
    return getpass.getpass(question)


def password(env: str = PASSWORD_ENV, question: str = "Password: ") -> str:
    given = os.environ.get(env)
    return given if given is not None else _prompt(question)


def new_password(env: str, whose: str) -> str:
    """A new password from `env`, or typed twice on the terminal."""
    given = os.environ.get(env)
    if given is None:
        given = _prompt(f"New password for {whose}: ")
        if _prompt(f"The same password again for {whose}: ") != given:
            raise CliError("the two passwords differ; nothing was changed")
    try:
        check_new(given)
    except PasswordError as exc:
        raise CliError(str(exc)) from None
    return given


def open_signed_in(args) -> Store:
    """The database, opened with the key slot of --user / OFFICER_APP_USER and signed in as
    them. A wrong password opens and changes nothing (exit status 3)."""
    path = database_path(args)
    kind = inspect(path)
    if kind == NEW:
        raise CliError(str(no_database(path)))
    if kind == PLAINTEXT:
        raise CliError(str(PlaintextDatabase(path)))
    name = args.user or os.environ.get(USER_ENV)
    if not name:
        raise CliError(f"who is this? give --user NAME (or set {USER_ENV})")
    settings = load_settings()
    try:
        return Store.open(
            path,
            name,
            password(question=f"Password for {name}: "),
            lockout=(settings.lockout_attempts, settings.lockout_minutes),
        )
    except (LoginError, WrongPassword, AccountDisabled) as exc:
        raise SignInRefused(str(exc)) from None
