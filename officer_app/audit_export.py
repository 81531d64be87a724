"""The audit log as a CSV file an administrator can open in Excel: itself a disclosure.

The file holds names of officers and of the people whose accounts and checklists the log
mentions, so writing it goes through `Store.disclose` like any export: the head of the
chain is read inside the write transaction, the CSV is rendered carrying it as a witness,
staged as a private (0600) temporary file beside the target, the "export" entry is added,
and only after the commit is the file renamed into place. If the entry cannot be written
(database locked, disk full) the staged file is removed: no CSV without its audit entry.

The layout, for whoever reads the file later:
- UTF-8 with a byte order mark (Excel then reads Polish names), CRLF line ends;
- the first line is the header (`HEADER`), never a comment;
- one row per entry, in the log's order;
- the last row is the witness: `#` is "witness", `when` the time the file was written, `who`
  the administrator, `detail` "officer-app-audit position=N head=HASH" (the chain's head
  when the file was written, the form `officer-app audit verify --witness FILE` reads) and
  `entry hash` that HASH. The export's own entry is N + 1: it records this file's SHA-256,
  so the file cannot contain it.

A cell that starts with = + - @ (or a tab or carriage return) is prefixed with an
apostrophe, so a spreadsheet shows it as text rather than running it as a formula (CSV
injection: a detail or a name is text anyone could have typed).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from officer_app.checklist import now_iso
from officer_app.disclosure import staged_file
from officer_app.files import check_output
from officer_app.store import AuditEntry, Store
from officer_app.store.audit import Head
from officer_app.store.logbook import Disclosure

HEADER = (
    "#",
    "when (ISO 8601)",
    "when (local)",
    "who",
    "action",
    "checklist",
    "account",
    "detail",
    "entry hash",
)
WITNESS_MARK = "witness"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_time(at: str) -> str:
    """A stored ISO time in this computer's local time, dd/mm/yyyy hh:mm:ss; the stored text
    unchanged when it cannot be read (a tampered entry is still shown)."""
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    if when.tzinfo:
        when = when.astimezone()
    # not strftime: under PySide6 each strftime call re-imports `time` through its import
    # hook, which made a 50,000-entry export three times slower
    return (
        f"{when.day:02d}/{when.month:02d}/{when.year:04d} "
        f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}"
    )


def neutralise(value: object) -> str:
    """The cell's text, with an apostrophe in front when a spreadsheet would read it as a
    formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def entry_row(entry: AuditEntry) -> list[str]:
    return [
        neutralise(cell)
        for cell in (
            entry.id,
            entry.at,
            local_time(entry.at),
            entry.actor,
            entry.action,
            "" if entry.checklist_id is None else entry.checklist_id,
            entry.subject,
            entry.detail,
            entry.hash,
        )
    ]


def witness_row(witness: Head, exported_by: str, exported_at: str) -> list[str]:
    return [
        neutralise(cell)
        for cell in (
            WITNESS_MARK,
            exported_at,
            local_time(exported_at),
            exported_by,
            "export",
            "",
            "",
            witness.text(),
            witness.hash,
        )
    ]


def audit_csv(
    entries: Sequence[AuditEntry],
    witness: Head,
    *,
    exported_by: str,
    exported_at: str | None = None,
) -> bytes:
    """The CSV file's bytes: header, one row per entry, the witness row."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(entry_row(entry) for entry in entries)
    writer.writerow(witness_row(witness, exported_by, exported_at or now_iso()))
    return text.getvalue().encode("utf-8-sig")


def entries_words(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def export_audit_csv(
    store: Store, entries: Sequence[AuditEntry], out: Path, *, force: bool = False
) -> Disclosure:
    """Write `entries` (the log as the administrator filtered it) to `out` as a disclosure;
    an existing file at `out` is replaced only with `force`. Raises OutputRefused (a link, a
    folder, a device, an existing file) before anything is rendered or recorded, or
    DisclosureError (or another StoreError, PermissionDenied, OSError) with nothing left at
    `out` when the file cannot be written or its audit entry cannot."""
    out = check_output(out, force=force)
    rows = list(entries)
    what = f"audit log CSV to {out.resolve()} ({entries_words(len(rows))})"

    def render(witness: Head) -> bytes:
        return audit_csv(rows, witness, exported_by=store.actor)

    return store.disclose(None, what, render, staged_file(out, force=force))
