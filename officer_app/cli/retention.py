"""`retention` (administrators): list the checklists past their retention period, erase the
ones chosen (after a confirmation on the terminal, or with --yes), and rewrite the file
without what was erased (`purge`, when an erasure could not do it at once).

The periods come from the force settings (`retention_days`); nothing is erased unless named
here by id. Each erasure is an audit entry (officer_app.store.erasure).
"""

from __future__ import annotations

import sys

from officer_app.cli.session import CliError, open_signed_in
from officer_app.retention import Expired, Retention, due_text, now, parse_time
from officer_app.settings import load_settings
from officer_app.states import label

CONFIRM_WORD = "erase"


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "retention", help="checklists past their retention period, and erasing them "
        "(administrators)"
    )  # fmt: skip
    verbs = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    verbs.add_parser(
        "list", help="checklists past the retention period for their state, longest overdue first"
    )
    p = verbs.add_parser(
        "erase",
        help="erase checklists past their retention period, with their kept versions and "
        "reviews; recorded in the audit log; cannot be undone",
    )
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument(
        "--yes", action="store_true", help="do not ask for confirmation (for scripts)"
    )
    verbs.add_parser(
        "purge",
        help="rewrite the database file without the pages of erased checklists (needed only "
        "when an erasure said so)",
    )


def _line(item: Expired) -> str:
    changed = due_text(parse_time(item.updated_at))
    return (
        f"{item.id:>6}  {item.reference or '-':<22} {label(item.state):<10} {changed:<12} "
        f"{item.policy.days:>6} days  {due_text(item.due)}"
    )


HEADER = f"{'id':>6}  {'reference':<22} {'state':<10} {'changed':<12} {'kept':>11}  due"


def cmd_retention(args) -> int:
    policy = Retention.from_settings(load_settings())
    verb = args.retention_command
    with open_signed_in(args) as store:
        if verb == "purge":
            left = store.purge()
            if left:
                print(f"officer-app: {left}", file=sys.stderr)
                return 1
            print("The database file was rewritten: nothing erased is left in it.")
            return 0
        when = now()
        if verb == "list":
            found = store.past_retention(policy, now=when)
            if found:
                print(HEADER)
                for item in found:
                    print(_line(item))
            print(
                f"{len(found)} checklist(s) past their retention period "
                "(days after the last change, per state: retention_days in the settings)",
                file=sys.stderr,
            )
            return 0
        chosen = store.erasable(args.ids, policy, now=when)  # refuses before asking
        print(HEADER, file=sys.stderr)
        for item in chosen:
            print(_line(item), file=sys.stderr)
        if not args.yes:
            _confirm(len(chosen))
        done = store.erase(args.ids, policy, now=when)
    for item, entry in zip(done.erased, done.entries, strict=True):
        print(
            f"Erased checklist {item.id} ({item.reference or 'no reference'}), "
            f"{label(item.state).lower()}, last changed {due_text(parse_time(item.updated_at))}, "
            f"under {item.policy.setting} = {item.policy.days} days: audit entry {entry}."
        )
    print(
        f"{len(done.erased)} checklist(s) erased, with {done.versions} kept version(s) and "
        f"{done.reviews} review(s)."
    )
    if done.left_behind:
        print(f"officer-app: {done.left_behind}", file=sys.stderr)
        return 1
    return 0


def _confirm(count: int) -> None:
    if not sys.stdin.isatty():
        raise CliError(
            "erasing needs a confirmation: run it on a terminal to be asked, or add --yes; "
            "nothing was erased"
        )
    print(
        f"Erase these {count} checklist(s) with their kept versions and reviews? "
        "This cannot be undone.",
        file=sys.stderr,
    )
    try:
        answer = input(f"Type {CONFIRM_WORD} to erase them, anything else to stop: ")
    except EOFError:
        answer = ""
    if answer.strip().casefold() != CONFIRM_WORD:
        raise CliError("not confirmed; nothing was erased")
