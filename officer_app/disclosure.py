"""Exports are disclosures (DPA 2018 Part 3 s.62): each is recorded before the data leaves.

`export_referral` and `export_json` go through `Store.disclose`: inside one write transaction
the audit chain's head is read and carried in the export (PDF keywords, JSON "audit") as a
witness, the file is staged privately beside its destination, the export entry (with the
file's SHA-256 and the recipient) is added, and only after the commit is the file renamed into
place or the JSON printed. If the entry cannot be written (database locked, disk full) no file
is left and nothing is printed.

The file's path is checked before anything is rendered or recorded (`files.check_output`: a
regular file in an existing folder; never a link, folder, device or pipe; an existing file
only with `force`), and again just before the rename.

`read_witness` reads the witness back from an exported file (`officer-app audit verify
--witness FILE`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Generator
from pathlib import Path

from officer_app import interchange, permissions, states
from officer_app.demo_mark import is_demo
from officer_app.files import WriteError, check_output
from officer_app.library import Library
from officer_app.settings import Settings
from officer_app.store import Store, StoreError
from officer_app.store.audit import Head
from officer_app.store.logbook import Disclosure

_WITNESS = re.compile(rb"officer-app-audit position=(\d+) head=([0-9a-f]{64})")


class DisclosureError(StoreError):
    """An export refused or failed; the message says why and that nothing was written."""


def staged_file(
    out: Path, *, force: bool = False
) -> Callable[[bytes], Generator[None, None, None]]:
    """A `deliver` for Store.disclose: write the payload to a private temporary file beside
    `out`, wait for the commit, check `out` again (it has not become a link, a folder or,
    without `force`, a file since), then rename it into place; removed if anything fails."""

    def deliver(payload: bytes) -> Generator[None, None, None]:
        folder = out.resolve().parent
        try:
            fd, name = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
        except OSError as exc:
            reason = (exc.strerror or type(exc).__name__).lower()
            raise WriteError(f"Cannot write {out}: {reason} in {folder}.") from None
        temp = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            yield
            check_output(out, force=force)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)

    return deliver


def printed(payload: bytes) -> Generator[None, None, None]:
    """A `deliver` that prints the payload on standard output after the commit."""
    yield
    sys.stdout.write(payload.decode("utf-8"))
    sys.stdout.flush()


def _recipient(recipient: str) -> str:
    return f" for {recipient.strip()}" if recipient and recipient.strip() else ""


def export_json(
    store: Store,
    checklist_id: int,
    out: Path | None,
    *,
    recipient: str = "",
    force: bool = False,
) -> Disclosure:
    """The checklist as interchange JSON to `out` (None: standard output); an existing file
    at `out` is replaced only with `force`."""
    permissions.require(store.user, "export")
    if out is not None:
        check_output(out, force=force)  # before anything is rendered or recorded
    checklist = store.load(checklist_id)
    demo = is_demo(store)

    def render(witness: Head) -> bytes:
        text = interchange.to_json(checklist, demo=demo, witness=(witness.position, witness.hash))
        return text.encode("utf-8")

    where = "standard output" if out is None else str(out.resolve())
    what = f"{'demo ' if demo else ''}JSON to {where}{_recipient(recipient)}"
    deliver = printed if out is None else staged_file(out, force=force)
    return store.disclose(checklist_id, what, render, deliver)


def export_referral(
    store: Store,
    checklist_id: int,
    out: Path,
    library: Library,
    settings: Settings,
    *,
    recipient: str = "",
    force: bool = False,
) -> Disclosure:
    """The PDF referral of an approved checklist (DOMAIN.md rule 10) to `out`; an existing
    file at `out` is replaced only with `force`."""
    from officer_app.referral import Approval, ReferralError, write_referral

    permissions.require(store.user, "export")
    check_output(out, force=force)  # before anything is rendered or recorded
    checklist = store.load(checklist_id)
    if not states.is_approved(checklist.state):
        raise DisclosureError(
            f"Checklist {checklist_id} is {states.label(checklist.state).lower()}: only a "
            "checklist a supervisor has approved can be sent as a referral."
        )
    definition, tool = library.for_checklist(checklist)
    demo = is_demo(store)
    approvals = [r for r in store.reviews(checklist_id) if r.decision == "approve"]
    approval = (
        Approval(
            approvals[-1].reviewer,
            approvals[-1].at,
            approvals[-1].agreed_grade,
            approvals[-1].grade_rationale,
        )
        if approvals
        else None
    )

    def render(witness: Head) -> bytes:
        with tempfile.TemporaryDirectory(dir=out.resolve().parent, prefix=".referral-") as tmp:
            path = Path(tmp) / "referral.pdf"
            try:
                write_referral(
                    checklist,
                    definition,
                    tool,
                    path,
                    marking=settings.marking,
                    force_name=settings.force_name,
                    demo=demo,
                    keywords=witness.text(),
                    approval=approval,
                )
            except ReferralError as exc:
                raise DisclosureError(str(exc)) from exc
            return path.read_bytes()

    what = f"{'demo ' if demo else ''}PDF referral to {out.resolve()}{_recipient(recipient)}"
    return store.disclose(checklist_id, what, render, staged_file(out, force=force))


def read_witness(path: Path) -> Head:
    """The audit head an exported PDF or JSON file carries; DisclosureError if none."""
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise DisclosureError(f"Cannot read {path} ({exc.strerror or exc}).") from None
    if content.lstrip().startswith(b"{"):
        try:
            audit = json.loads(content.decode("utf-8")).get(interchange.AUDIT_KEY) or {}
            return Head(int(audit["position"]), str(audit["head"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    else:
        # the last one: the PDF's metadata and the CSV's witness row come after any text a
        # person wrote, which could imitate a witness
        found = list(_WITNESS.finditer(content))
        if found:
            return Head(int(found[-1].group(1)), found[-1].group(2).decode("ascii"))
    raise DisclosureError(
        f"{path} carries no audit witness: it is not an export of officer-app (or predates it)."
    )
