"""The checklist commands: validate, import, export-json, referral, list, schema, demo."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from officer_app import disclosure, interchange, list_text, rules
from officer_app.cli.session import CliError, database_path, open_signed_in
from officer_app.demo_mark import DEMO_NOTICE, is_demo
from officer_app.files import OutputExists, check_output, write_atomically
from officer_app.library import default_library
from officer_app.settings import load_settings
from officer_app.store import Store

EXIT_PROBLEMS = 1
EXIT_ERROR = 2


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
    with open_signed_in(args) as store:
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


@contextmanager
def output_file() -> Iterator[None]:
    """An --out file that exists and no --force: say how to replace it (other refusals of
    officer_app.files.check_output are OSErrors, one line with exit status 2)."""
    try:
        yield
    except OutputExists as exc:
        raise CliError(f"{exc.path} already exists; add --force to replace it.") from None


def out_path(args) -> Path | None:
    """--out as a Path, refused (before the database is opened) when it may not be written."""
    if args.out is None:
        return None
    with output_file():
        return check_output(args.out, force=args.force)


def cmd_export_json(args) -> int:
    out = out_path(args)
    with output_file(), open_signed_in(args) as store:
        recipient = args.recipient or load_settings().hub_name
        disclosure.export_json(store, args.id, out, recipient=recipient, force=args.force)
    if out is not None:
        print(f"Wrote checklist {args.id} to {out}", file=sys.stderr)
    return 0


def cmd_referral(args) -> int:
    out = out_path(args)
    assert out is not None  # --out is required
    with output_file(), open_signed_in(args) as store:
        disclosure.export_referral(
            store,
            args.id,
            out,
            default_library(),
            load_settings(),
            recipient=args.recipient or load_settings().hub_name,
            force=args.force,
        )
    print(f"Wrote the referral for checklist {args.id} to {out}", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    with open_signed_in(args) as store:
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
    from officer_app.demo import DEMO_ADMIN, add_demo_accounts, add_demo_checklists
    from officer_app.store.keyslots import new_key
    from officer_app.store.opening import NEW, inspect

    if args.count < 1:
        raise CliError("--count must be at least 1")
    if not args.db and not os.environ.get("OFFICER_APP_DB"):
        raise CliError(
            "demo data needs a file of its own, never the default database: "
            "give one with --db, e.g. `officer-app --db demo.sqlite demo --count 40`"
        )
    password = args.demo_password
    path = database_path(args)
    new_accounts = inspect(path) == NEW
    if new_accounts:  # a new encrypted file: the demo accounts' slots open it
        password = password or secrets.token_urlsafe(12)
        store = Store(path, key=new_key())
        add_demo_accounts(store, password)
    elif password is not None:
        store = Store.open(path, DEMO_ADMIN.name, password)
    else:
        store = open_signed_in(args)
    with store:
        ids = add_demo_checklists(store, default_library(), load_settings(), args.count, args.seed)
    print(
        f"Added {len(ids)} demo checklists to {path}, a demo database: it holds demo data "
        "only, and its list, window and exports say DEMO",
        file=sys.stderr,
    )
    if new_accounts:
        shown = password if args.demo_password is None else "the one given with --demo-password"
        print(
            "Demo accounts: demo.officer, demo.supervisor, demo.admin; password: " + shown,
            file=sys.stderr,
        )
    return 0


def cmd_schema(args) -> int:
    import json

    out = out_path(args)  # before anything is rendered
    library, settings = default_library(), load_settings()
    schema = interchange.json_schema(
        library.definition(settings.checklist), library.risk_tool(settings.risk_tool)
    )
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        with output_file():
            write_atomically(out, text.encode("utf-8"), force=args.force)
    return 0
