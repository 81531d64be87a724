"""The supervisor's queue: submitted checklists, oldest first, with the time since
attendance and the review deadline (settings.review_deadline_hours after the call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from officer_app import states
from officer_app.store import ChecklistRow, Store


@dataclass(frozen=True)
class QueueItem:
    row: ChecklistRow
    since_attendance: timedelta | None  # None: no call time recorded
    deadline: datetime | None
    overdue: bool
    resubmitted: bool  # it was returned before: the review shows what changed


def _when(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.astimezone()


def waited(span: timedelta | None) -> str:
    """'3 h 20 min', '2 days 4 h', '' when unknown."""
    if span is None:
        return ""
    minutes = max(0, int(span.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days > 1 else ''} {hours} h"
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def review_queue(store: Store, deadline_hours: int, now: datetime | None = None) -> list[QueueItem]:
    """Submitted checklists the signed-in user may read, longest waiting first (by the time
    of the call; the submission time where no call time is recorded)."""
    now = now or datetime.now().astimezone()
    returned_before = store.returned_ids()
    items = []
    for row in store.list(state=states.SUBMITTED):
        called = _when(row.incident_time or "") or _when(row.submitted_at or "")
        deadline = called + timedelta(hours=deadline_hours) if called else None
        items.append(
            QueueItem(
                row,
                now - called if called else None,
                deadline,
                bool(deadline and now > deadline),
                row.id in returned_before,
            )
        )
    far = datetime.max.replace(tzinfo=now.tzinfo)
    items.sort(key=lambda i: (i.deadline or far, i.row.id))
    return items
