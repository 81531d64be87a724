"""`review` (the supervisor's queue and decisions) and `audit` (verify, read the log, write it
as CSV)."""

from __future__ import annotations

import sys

from officer_app import review
from officer_app.cli.checklists import out_path, output_file
from officer_app.cli.session import CliError, open_signed_in
from officer_app.definition import GRADES
from officer_app.library import default_library
from officer_app.review.items import ANSWERS, YES, supervisor_checklist
from officer_app.review.queue import review_queue, waited
from officer_app.settings import load_settings


def add_parsers(sub) -> None:
    p = sub.add_parser("review", help="the supervisor's queue and decisions")
    verbs = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    verbs.add_parser("list", help="submitted checklists, most urgent first")
    p = verbs.add_parser("approve", help="approve a submitted checklist")
    p.add_argument("id", type=int)
    p.add_argument("--grade", choices=GRADES, help="agreed risk grade (default: the officer's)")
    p.add_argument("--rationale", default="", help="why, when the grade differs or is lower")
    p.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="ID=ANSWER[:NOTE]",
        help="an answer of the supervisor's checklist (yes, no, n/a); see `review items`",
    )
    p.add_argument(
        "--all-yes",
        action="store_true",
        help="answer yes to every item of the supervisor's checklist not given with --item",
    )
    p.add_argument("--note", default="")
    p = verbs.add_parser("return", help="return a submitted checklist to its officer")
    p.add_argument("id", type=int)
    p.add_argument("--reason", action="append", default=[], help="what to put right (repeatable)")
    p.add_argument(
        "--field-reason",
        action="append",
        nargs=2,
        default=[],
        metavar=("FIELD", "REASON"),
        help="a reason tied to a field path, e.g. children[0].own_words",
    )
    p = verbs.add_parser("amend", help="reopen an approved checklist for an amendment")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    verbs.add_parser("items", help="the items of the supervisor's checklist")

    p = sub.add_parser("audit", help="the audit log (administrators)")
    verbs = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = verbs.add_parser("verify", help="check the hash chain; exit 1 at the first problem")
    p.add_argument(
        "--witness",
        type=lambda s: __import__("pathlib").Path(s),
        metavar="FILE",
        help="also check that this exported PDF or JSON's entry is still in the chain",
    )
    p = verbs.add_parser("list", help="print the log, or write it as CSV (a recorded export)")
    p.add_argument("--actor")
    p.add_argument("--action")
    p.add_argument("--checklist", type=int)
    p.add_argument(
        "--csv", dest="out", metavar="FILE", help="write the entries listed to FILE as CSV"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def cmd_review(args) -> int:
    verb = args.review_command
    if verb == "items":
        for item in supervisor_checklist().items:
            print(f"{item.id:<22} {item.text}")
        return 0
    library = default_library()
    with open_signed_in(args) as store:
        if verb == "list":
            queue = review_queue(store, load_settings().review_deadline_hours)
            print(f"{'id':>5}  {'reference':<16} {'officer':<16} {'waiting':<14} {'due':<17} note")
            for waiting in queue:
                row = waiting.row
                due = waiting.deadline.strftime("%Y-%m-%d %H:%M") if waiting.deadline else "-"
                notes = ["OVERDUE"] * waiting.overdue + ["resubmitted"] * waiting.resubmitted
                print(
                    f"{row.id:>5}  {row.reference or '-':<16} {row.owner or '-':<16} "
                    f"{waited(waiting.since_attendance) or '-':<14} {due:<17} {', '.join(notes)}"
                )
            overdue = sum(i.overdue for i in queue)
            print(f"{len(queue)} waiting for review, {overdue} overdue", file=sys.stderr)
            return 0
        checklist = store.load(args.id)
        try:
            if verb == "approve":
                grade = args.grade or checklist.get("risk.officer_grade") or ""
                review.approve(
                    store,
                    checklist,
                    library,
                    agreed_grade=grade,
                    grade_rationale=args.rationale,
                    items=_items(args.item, args.all_yes),
                    note=args.note,
                )
                print(f"Approved checklist {args.id} (grade {grade}).", file=sys.stderr)
            elif verb == "return":
                reasons = [("", r) for r in args.reason] + [tuple(p) for p in args.field_reason]
                review.return_for_changes(store, checklist, reasons)
                print(f"Returned checklist {args.id} to {checklist.owner}.", file=sys.stderr)
            else:
                review.amend(store, checklist, args.reason)
                print(f"Checklist {args.id} is a draft again for amendment.", file=sys.stderr)
        except review.ReviewRefused as exc:
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            print(f"officer-app: checklist {args.id}: nothing was recorded", file=sys.stderr)
            return 1
    return 0


def _items(given: list[str], all_yes: bool) -> dict:
    known = {item.id for item in supervisor_checklist().items}
    items: dict = {i: {"answer": YES} for i in known} if all_yes else {}
    for text in given:
        key, _, rest = text.partition("=")
        answer, _, note = rest.partition(":")
        if key not in known or answer not in ANSWERS:
            raise CliError(
                f"--item {text}: write ID=ANSWER[:NOTE], ANSWER one of {', '.join(ANSWERS)}; "
                "the ids are listed by `officer-app review items`"
            )
        items[key] = {"answer": answer, "note": note.strip()}
    return items


def cmd_audit(args) -> int:
    from officer_app.audit_export import entries_words, export_audit_csv
    from officer_app.disclosure import read_witness

    out = out_path(args) if args.audit_command == "list" else None
    with output_file(), open_signed_in(args) as store:
        if args.audit_command == "list":
            entries = store.audit_log(args.checklist, actor=args.actor, action=args.action)
            if out is not None:
                done = export_audit_csv(store, entries, out, force=args.force)
                print(
                    f"Wrote {entries_words(len(entries))} to {out}; the export is entry "
                    f"{done.entry.position} of the log.",
                    file=sys.stderr,
                )
                return 0
            for e in entries:
                target = f"checklist {e.checklist_id}" if e.checklist_id else e.subject or "-"
                print(
                    f"{e.id:>6}  {e.at[:19]}  {e.actor:<18} {e.action:<18} {target:<16} {e.detail}"
                )
            return 0
        result = store.verify_audit()
        witness_problem = None
        if args.witness is not None:
            import hashlib

            witness = read_witness(args.witness)
            sha = hashlib.sha256(args.witness.read_bytes()).hexdigest()
            witness_problem = store.check_witness(witness, sha)
    if not result.ok:
        print(f"BROKEN: {result.problems[0]}")
        if len(result.problems) > 1:
            print(f"... and {len(result.problems) - 1} more problem(s):")
            for problem in result.problems[1:]:
                print(f"  {problem}")
    if witness_problem:
        print(f"WITNESS: {witness_problem}")
    if result.ok and not witness_problem:
        checked = f"; the witness in {args.witness} is in the chain" if args.witness else ""
        print(
            f"The audit log is intact: {result.entries} entries, head {result.head.hash[:16]}…"
            f"{checked}."
        )
        return 0
    return 1
