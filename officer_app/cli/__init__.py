"""The command line: `officer-app [--db PATH] [--user NAME] SUBCOMMAND ...`, also
`python -m officer_app`.

The core never imports Qt or `ui`: the installed `officer-app` program is `ui.launcher.main`,
which opens the window when no subcommand is given and otherwise calls `main` here. Called
with no subcommand, `main` prints the help and says how to open the window (exit status 2).

Who: every command that reads or changes the database signs in as `--user NAME` (or
OFFICER_APP_USER) with the password from OFFICER_APP_PASSWORD or a prompt: the password opens
the account's key slot of the encrypted database, and the core's permissions apply
(officer_app.permissions). `validate`, `schema` and `init` need no account; `encrypt` and
`restore` check an administrator's password in the file they read.

Exit status: 0 done; 1 the input has problems (each printed with its field path) or `audit
verify` found the log broken, or `retention erase` erased but could not yet clean the file;
2 a usage or file error (one line on stderr; an existing output file without --force); 3
refused: the sign-in failed or the user's role does not allow the action. Never a traceback (set
OFFICER_APP_DEBUG=1 to see one).

The package: `session` (signing in, passwords), `checklists` (validate, import, export,
referral, list, schema, demo), `people` (init, users), `database` (encrypt, backup, restore,
check), `review` (review, audit), `retention` (list, erase, purge).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from officer_app import __version__, interchange, paths
from officer_app.cli import checklists, database, people
from officer_app.cli import retention as retention_commands
from officer_app.cli import review as review_commands
from officer_app.cli.session import USER_ENV, CliError, SignInRefused, database_path
from officer_app.definition import DefinitionError
from officer_app.permissions import PermissionDenied
from officer_app.private import restrict_process
from officer_app.review import ReviewRefused
from officer_app.settings import SettingsError
from officer_app.states import STATES
from officer_app.store import StoreError

EXIT_PROBLEMS = 1
EXIT_ERROR = 2
EXIT_REFUSED = 3

__all__ = ["CliError", "EXIT_ERROR", "build_parser", "database_path", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="officer-app",
        description="Child-focused domestic abuse attendance checklist. "
        "The installed officer-app with no subcommand opens the window.",
        epilog="Commands that use the database sign in: --user NAME (or $OFFICER_APP_USER) "
        "and the password from $OFFICER_APP_PASSWORD or a prompt.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help=f"database file (default: the per-user data folder, or ${paths.DB_ENV})",
    )
    parser.add_argument("--user", help=f"the account to sign in as (default: ${USER_ENV})")
    parser.add_argument("--version", action="version", version=f"officer-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    p = sub.add_parser("validate", help="check a checklist JSON file against the rules")
    p.add_argument("file", type=Path)
    p = sub.add_parser("import", help="store checklist JSON files (officers); prints each new id")
    p.add_argument("files", type=Path, nargs="+")
    p = sub.add_parser("export-json", help="write one checklist as JSON (administrators)")
    p.add_argument("id", type=int)
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.add_argument(
        "--recipient",
        default="",
        help="who receives it, for the audit log (default: the settings' hub_name)",
    )
    p = sub.add_parser(
        "referral", help="write the PDF referral of an approved checklist (administrators)"
    )
    p.add_argument("id", type=int)
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.add_argument(
        "--recipient",
        default="",
        help="who receives it, for the audit log (default: the settings' hub_name)",
    )
    p = sub.add_parser("list", help="list the checklists you may read, newest incident first")
    p.add_argument("--state", choices=STATES)
    p.add_argument("--search", help="reference, address, postcode or name (accents optional)")
    p.add_argument("--from", dest="date_from", help="incident date from (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="incident date to (YYYY-MM-DD)")
    p = sub.add_parser("schema", help="write the JSON Schema of the interchange format")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p = sub.add_parser(
        "demo",
        help="add realistic demo checklists to a new or demo database (use its own --db file); "
        "a new file also gets the accounts demo.officer, demo.supervisor and demo.admin",
    )
    p.add_argument("--count", type=int, default=40)
    p.add_argument("--seed", type=int, default=2012)
    p.add_argument(
        "--demo-password",
        help="the demo accounts' password (default: a random one, printed)",
    )
    people.add_parsers(sub)
    database.add_parsers(sub)
    review_commands.add_parsers(sub)
    retention_commands.add_parsers(sub)
    return parser


WINDOW_HINT = (
    "officer-app: no subcommand given. The window opens with `officer-app` on its own "
    "(the installed program) or `python -m ui`."
)


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    restrict_process()  # every file this run creates is the user's alone
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        print(f"\n{WINDOW_HINT}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](args)
    except (SignInRefused, PermissionDenied) as exc:
        print(f"officer-app: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except ReviewRefused as exc:
        return _fail(str(exc))
    except (
        CliError,
        StoreError,
        DefinitionError,
        SettingsError,
        interchange.InterchangeError,
        OSError,
    ) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:  # a last line of defence: one line, never a traceback
        if os.environ.get("OFFICER_APP_DEBUG"):
            raise
        return _fail(f"unexpected error ({type(exc).__name__}): {exc}")


def _tolerant_output() -> None:
    """Text that the console cannot show (a file name that is not UTF-8, Polish letters on a
    Windows code page) is printed as escapes, never an error."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _fail(message: str) -> int:
    print(f"officer-app: error: {message}", file=sys.stderr)
    return EXIT_ERROR


COMMANDS = {
    "validate": checklists.cmd_validate,
    "import": checklists.cmd_import,
    "export-json": checklists.cmd_export_json,
    "referral": checklists.cmd_referral,
    "list": checklists.cmd_list,
    "demo": checklists.cmd_demo,
    "schema": checklists.cmd_schema,
    "init": people.cmd_init,
    "users": people.cmd_users,
    "review": review_commands.cmd_review,
    "audit": review_commands.cmd_audit,
    "retention": retention_commands.cmd_retention,
    "encrypt": database.cmd_encrypt,
    "backup": database.cmd_backup,
    "restore": database.cmd_restore,
    "check": database.cmd_check,
}
