"""The checklist commands: validate, import, export-json, referral, list, schema, demo."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from officer_app import disclosure, interchange, list_text, rules
from officer_app.cli.session import CliError, database_path, open_signed_in
from officer_app.demo_mark import DEMO_NOTICE, is_demo
from officer_app.files import write_atomically
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


def cmd_export_json(args) -> int:
    with open_signed_in(args) as store:
        recipient = args.recipient or load_settings().hub_name
        disclosure.export_json(store, args.id, args.out, recipient=recipient)
    if args.out is not None:
        print(f"Wrote checklist {args.id} to {args.out}", file=sys.stderr)
    return 0


def cmd_referral(args) -> int:
    with open_signed_in(args) as store:
        disclosure.export_referral(
            store,
            args.id,
            args.out,
            default_library(),
            load_settings(),
            recipient=args.recipient or load_settings().hub_name,
        )
    print(f"Wrote the referral for checklist {args.id} to {args.out}", file=sys.stderr)
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
    from officer_app.demo import add_demo_accounts, add_demo_checklists

    if args.count < 1:
        raise CliError("--count must be at least 1")
    if not args.db and not os.environ.get("OFFICER_APP_DB"):
        raise CliError(
            "demo data needs a file of its own, never the default database: "
            "give one with --db, e.g. `officer-app --db demo.sqlite demo --count 40`"
        )
    password = args.demo_password
    with Store(database_path(args)) as store:
        new_accounts = not store.has_accounts()
        if new_accounts:
            password = password or secrets.token_urlsafe(12)
            add_demo_accounts(store, password)
        ids = add_demo_checklists(store, default_library(), load_settings(), args.count, args.seed)
        path = store.path
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
