"""The command line: `officer-app [--db PATH] SUBCOMMAND ...`, also `python -m officer_app`.

The core never imports Qt or `ui`: the installed `officer-app` program is `ui.launcher.main`,
which opens the window when no subcommand is given and otherwise calls `main` here. Called
with no subcommand, `main` prints the help and says how to open the window (exit status 2).

Exit status: 0 done; 1 the input has problems (each printed with its field path); 2 a usage
or file error (one line on stderr). Never a traceback (set OFFICER_APP_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from officer_app import __version__, interchange, list_text, paths, rules, states
from officer_app.definition import DefinitionError
from officer_app.demo_mark import DEMO_NOTICE, is_demo
from officer_app.files import write_atomically
from officer_app.library import default_library
from officer_app.settings import SettingsError, load_settings
from officer_app.states import STATES
from officer_app.store import Store, StoreError

EXIT_PROBLEMS = 1
EXIT_ERROR = 2


class CliError(Exception):
    """An error to print as one line before exiting with EXIT_ERROR."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="officer-app",
        description="Child-focused domestic abuse attendance checklist. "
        "The installed officer-app with no subcommand opens the window.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help=f"database file (default: the per-user data folder, or ${paths.DB_ENV})",
    )
    parser.add_argument("--version", action="version", version=f"officer-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    p = sub.add_parser("validate", help="check a checklist JSON file against the rules")
    p.add_argument("file", type=Path)
    p = sub.add_parser("import", help="store checklist JSON files; prints each new id")
    p.add_argument("files", type=Path, nargs="+")
    p = sub.add_parser("export-json", help="write one checklist as JSON")
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p = sub.add_parser("referral", help="write the PDF referral for a submitted checklist")
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("list", help="list checklists, newest incident first")
    p.add_argument("--state", choices=STATES)
    p.add_argument("--search", help="reference, address, postcode or name (accents optional)")
    p.add_argument("--from", dest="date_from", help="incident date from (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="incident date to (YYYY-MM-DD)")
    p = sub.add_parser("schema", help="write the JSON Schema of the interchange format")
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p = sub.add_parser(
        "demo",
        help="add realistic demo checklists to a new or demo database (use its own --db file)",
    )
    p.add_argument("--count", type=int, default=40)
    p.add_argument("--seed", type=int, default=2012)
    return parser


WINDOW_HINT = (
    "officer-app: no subcommand given. The window opens with `officer-app` on its own "
    "(the installed program) or `python -m ui`."
)


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        print(f"\n{WINDOW_HINT}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](args)
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


def database_path(args: argparse.Namespace) -> Path:
    """The database file named by --db, else the default (OFFICER_APP_DB or the per-user
    data folder). The window's launcher uses it too."""
    return args.db if args.db else paths.default_db_path()


def _open_store(args) -> Store:
    return Store(database_path(args))


def cmd_validate(args) -> int:
    library = default_library()
    try:
        checklist = interchange.read_file(args.file, library)
    except interchange.InterchangeFileError as exc:
        raise CliError(str(exc)) from None
    except interchange.InterchangeError as exc:
        for path, message in exc.problems:
            print(f"error {path or args.file.name}: {message}")
        print(
            f"{args.file.name}: {len(exc.problems)} problem(s); not read as a checklist",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    definition, tool = library.for_checklist(checklist)
    problems = rules.check(checklist, definition, tool)
    for problem in problems:
        print(f"{problem.severity} {problem.path}: {problem.message}")
    errors = rules.errors(problems)
    print(
        f"{args.file.name}: {len(errors)} error(s), {_count(problems, rules.WARNING)} "
        f"warning(s), {_count(problems, rules.FLAG)} flag(s) for the supervisor",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors else 0


def _count(problems: list[rules.Problem], severity: str) -> int:
    return sum(p.severity == severity for p in problems)


def cmd_import(args) -> int:
    from officer_app.store import DuplicateError
    from officer_app.workflow import SubmissionRefused, import_file

    library, refused, unreadable = default_library(), 0, 0
    with _open_store(args) as store:
        for path in args.files:
            try:
                checklist = import_file(store, path, library)
            except interchange.InterchangeFileError as exc:
                unreadable += _report_refusal(path, exc.problems)
            except interchange.InterchangeError as exc:
                refused += _report_refusal(path, [(p, m) for p, m in exc.problems])
            except SubmissionRefused as exc:
                refused += _report_refusal(path, [(p.path, p.message) for p in exc.problems])
            except DuplicateError as exc:
                refused += _report_refusal(path, [("uid", str(exc))])
            else:
                print(checklist.id)
    if unreadable:
        return EXIT_ERROR
    return EXIT_PROBLEMS if refused else 0


def _report_refusal(path: Path, problems: list[tuple[str, str]]) -> int:
    print(f"officer-app: {path}: refused, nothing stored:", file=sys.stderr)
    for where, message in problems:
        print(f"  {where}: {message}" if where else f"  {message}", file=sys.stderr)
    return 1


def cmd_export_json(args) -> int:
    with _open_store(args) as store:
        checklist = store.load(args.id)
        demo = is_demo(store)
        text = interchange.to_json(checklist, demo=demo)
        what = "demo JSON" if demo else "JSON"
        if args.out is None:
            sys.stdout.write(text)
            store.record("export", checklist.id, f"{what} to standard output")
            return 0
        write_atomically(args.out, text.encode("utf-8"))
        store.record("export", checklist.id, f"{what} to {args.out.resolve()}")
    print(f"Wrote checklist {args.id} to {args.out}", file=sys.stderr)
    return 0


def cmd_referral(args) -> int:
    from officer_app.referral import ReferralError, write_referral

    settings = load_settings()
    library = default_library()
    with _open_store(args) as store:
        checklist = store.load(args.id)
        if not states.is_submitted(checklist.state):
            raise CliError(
                f"checklist {args.id} is a draft: only a submitted checklist can be "
                "sent as a referral"
            )
        definition, tool = library.for_checklist(checklist)
        demo = is_demo(store)
        try:
            write_referral(
                checklist,
                definition,
                tool,
                args.out,
                marking=settings.marking,
                force_name=settings.force_name,
                demo=demo,
            )
        except ReferralError as exc:
            raise CliError(str(exc)) from exc
        what = "demo PDF referral" if demo else "PDF referral"
        store.record("export", checklist.id, f"{what} to {args.out.resolve()}")
    print(f"Wrote the referral for checklist {args.id} to {args.out}", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    with _open_store(args) as store:
        demo = is_demo(store)
        rows = store.list(
            state=args.state, search=args.search, date_from=args.date_from, date_to=args.date_to
        )
    if demo:
        print(DEMO_NOTICE)
    print(
        f"{'id':>5}  {'state':<10} {'incident':<16}  {'submitted':<16}  {'reference':<16} "
        f"{'grade':<8}  {'address':<40}  children (seen, spoken to alone, own words)"
        + ("  matched" if args.search else "")
    )
    for row in rows:
        line = (
            f"{row.id:>5}  {row.state:<10} {list_text.incident(row):<16}  "
            f"{list_text.submitted(row):<16}  {(row.reference or ''):<16} "
            f"{(row.risk_grade or '-'):<8}  {list_text.address(row)[:40]:<40}  "
            f"{list_text.children(row)}"
        )
        print(line + (f"  {'; '.join(row.matched)}" if args.search else ""))
    print(f"{len(rows)} checklist(s)", file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    from officer_app.demo import add_demo_checklists

    if args.count < 1:
        raise CliError("--count must be at least 1")
    if not args.db and not os.environ.get("OFFICER_APP_DB"):
        raise CliError(
            "demo data needs a file of its own, never the default database: "
            "give one with --db, e.g. `officer-app --db demo.sqlite demo --count 40`"
        )
    with _open_store(args) as store:
        ids = add_demo_checklists(store, default_library(), load_settings(), args.count, args.seed)
        path = store.path
    print(
        f"Added {len(ids)} demo checklists to {path}, a demo database: it holds demo data "
        "only, and its list, window and exports say DEMO",
        file=sys.stderr,
    )
    return 0


def cmd_schema(args) -> int:
    import json

    library, settings = default_library(), load_settings()
    schema = interchange.json_schema(
        library.definition(settings.checklist), library.risk_tool(settings.risk_tool)
    )
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.out, text.encode("utf-8"))
    return 0


COMMANDS = {
    "validate": cmd_validate,
    "import": cmd_import,
    "export-json": cmd_export_json,
    "referral": cmd_referral,
    "list": cmd_list,
    "demo": cmd_demo,
    "schema": cmd_schema,
}
