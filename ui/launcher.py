"""The installed `officer-app` program (and `python -m ui`).

With no subcommand it opens the window on the database chosen by `--db` (or OFFICER_APP_DB,
or the per-user data folder); with a subcommand it runs the command line,
`officer_app.cli.main`, which never imports Qt or this package. Qt is imported only when the
window opens, so the subcommands work on a machine where Qt cannot load.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from officer_app import cli
from officer_app.private import restrict_process


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = cli.build_parser().parse_args(arguments)  # --help, --version and usage errors
    if args.command is not None:
        return cli.main(arguments)
    return start_window(cli.database_path(args))


def start_window(db_path: Path) -> int:
    """Open the main window on this database; returns the exit status. A failure to start is
    one line on stderr, never a traceback (OFFICER_APP_DEBUG=1 shows one)."""
    restrict_process()  # every file the window creates is the user's alone
    try:
        from ui.app import run
    except ImportError as exc:
        return _fail(f"the window cannot start: {exc}")
    try:
        return run(db_path)
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:
        if os.environ.get("OFFICER_APP_DEBUG"):
            raise
        return _fail(f"the window stopped ({type(exc).__name__}): {exc}")


def _fail(message: str) -> int:
    print(f"officer-app: error: {message}", file=sys.stderr)
    return cli.EXIT_ERROR
