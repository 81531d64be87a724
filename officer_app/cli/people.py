"""`init` (a new database with its first administrator) and `users` (accounts)."""

from __future__ import annotations

import sys

from officer_app.cli.session import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    CliError,
    database_path,
    new_password,
    open_signed_in,
)
from officer_app.permissions import ROLES
from officer_app.store import Store
from officer_app.store.keyslots import key_file_of
from officer_app.store.opening import NEW, inspect


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "init",
        help="create a new database with its first administrator "
        f"(password from ${PASSWORD_ENV} or a prompt)",
    )
    p.add_argument("--admin", required=True, metavar="NAME", help="the administrator's name")
    users = sub.add_parser("users", help="manage accounts (administrators)")
    verbs = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = verbs.add_parser(
        "add", help=f"add an account (its password from ${NEW_PASSWORD_ENV} or a prompt)"
    )
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p = verbs.add_parser(
        "reset", help=f"set a new password (from ${NEW_PASSWORD_ENV} or a prompt); unlocks"
    )
    p.add_argument("name")
    verbs.add_parser("disable", help="stop an account signing in").add_argument("name")
    verbs.add_parser("enable", help="let a disabled account sign in again").add_argument("name")
    verbs.add_parser("list", help="list the accounts")


def cmd_init(args) -> int:
    path = database_path(args)
    if inspect(path) != NEW:
        raise CliError(
            f"{path} already exists; an administrator adds accounts to it with `users add`"
        )
    password = new_password(PASSWORD_ENV, args.admin)
    with Store.create(path, args.admin, password) as store:
        name = store.actor
    print(
        f"Created {path}, encrypted, with the administrator {name}. Its key file is "
        f"{key_file_of(path)}: keep the two files together.",
        file=sys.stderr,
    )
    return 0


def cmd_users(args) -> int:
    with open_signed_in(args) as store:
        verb = args.users_command
        if verb == "list":
            accounts = store.accounts()
            print(f"{'name':<24} {'role':<14} {'status':<24} last sign-in")
            for account in accounts:
                print(
                    f"{account.name:<24} {account.role:<14} {account.status:<24} "
                    f"{account.last_login[:16].replace('T', ' ') or '-'}"
                )
            return 0
        if verb == "add":
            store.add_user(args.name, args.role, _checked_new(store, args.name))
            print(f"Added {args.name} ({args.role}).", file=sys.stderr)
        elif verb == "reset":
            store.reset_password(args.name, _checked_new(store, args.name))
            print(f"Set a new password for {args.name}.", file=sys.stderr)
        else:
            store.set_disabled(args.name, verb == "disable")
            print(f"{args.name} is {verb}d.", file=sys.stderr)
    return 0


def _checked_new(store: Store, name: str) -> str:
    from officer_app.permissions import require

    require(store.user, "manage accounts")  # refuse before asking for a password
    return new_password(NEW_PASSWORD_ENV, name)
