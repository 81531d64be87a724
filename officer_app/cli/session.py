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
from officer_app.store import Store

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
    """The database, signed in as --user / OFFICER_APP_USER with the password."""
    store = Store(database_path(args))
    try:
        settings = load_settings()
        store.lockout_attempts = settings.lockout_attempts
        store.lockout_minutes = settings.lockout_minutes
        if not store.has_accounts():
            raise CliError(
                f"{store.path} has no accounts yet: create the first administrator with "
                f"`officer-app --db {store.path} init --admin NAME`"
            )
        name = args.user or os.environ.get(USER_ENV)
        if not name:
            raise CliError(f"who is this? give --user NAME (or set {USER_ENV})")
        from officer_app.store import LoginError

        try:
            store.login(name, password(question=f"Password for {name}: "))
        except LoginError as exc:
            raise SignInRefused(str(exc)) from None
    except BaseException:
        store.close()
        raise
    return store
