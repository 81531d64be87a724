"""Retention: how long a checklist is kept, and which checklists are past it (DPA 2018
Part 3 s.39: personal data processed for law enforcement is kept no longer than necessary).

The force's settings give a period in whole days per state (`retention_days`, see
officer_app.settings for the defaults and why). A checklist's age is counted from its last
change, `updated_at` (the last save, submission, review decision, amendment or sending);
reading or exporting it does not make it younger. A checklist is past its retention period
once `updated_at + days` has come.

Nothing here erases anything. `Store.past_retention` lists what is past its period for an
administrator, who chooses what to erase; `Store.erase` (officer_app.store.erasure) erases
exactly the chosen checklists and records each erasure, with the policy it followed, in the
audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from officer_app import states


@dataclass(frozen=True)
class Policy:
    """The retention period of one state."""

    state: str
    days: int

    @property
    def setting(self) -> str:
        """The setting that gives it, as a force writes it: `retention_days.draft`."""
        return f"retention_days.{self.state}"

    def text(self) -> str:
        """'draft checklists are kept 90 days after their last change'."""
        which = states.label(self.state).lower()
        return f"{which} checklists are kept {days_text(self.days)} after their last change"


def days_text(days: int) -> str:
    """'1 day', '90 days', '2192 days (about 6 years)'."""
    text = f"{days} day{'s' if days != 1 else ''}"
    years = round(days / 365.25)
    if days >= 365 and abs(days - years * 365.25) <= 3:
        text += f" (about {years} year{'s' if years != 1 else ''})"
    return text


def parse_time(iso: str) -> datetime | None:
    """A stored time (ISO 8601 with its offset) as an aware datetime; a time without an
    offset is taken as the PC's local time; None when it cannot be read."""
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.astimezone()


@dataclass(frozen=True)
class Retention:
    """The force's retention periods: days per state."""

    days: Mapping[str, int]

    @classmethod
    def from_settings(cls, settings) -> Retention:
        """From officer_app.settings.Settings (its `retention_days`)."""
        return cls(dict(settings.retention_days))

    def policy(self, state: str) -> Policy | None:
        """The period of `state`; None for a state the settings do not name (never listed)."""
        days = self.days.get(state)
        return Policy(state, days) if days is not None else None

    def due(self, state: str, updated_at: str) -> datetime | None:
        """When a checklist in `state` last changed at `updated_at` comes to the end of its
        period; None when its state has no period or the time cannot be read (such a
        checklist is never listed: nothing is erased on a guess)."""
        policy = self.policy(state)
        changed = parse_time(updated_at)
        if policy is None or changed is None:
            return None
        return changed + timedelta(days=policy.days)


@dataclass(frozen=True)
class Expired:
    """A checklist past its retention period: what identifies it, never the answers (no
    names, no words: the audit entry of its erasure is written from this)."""

    id: int
    reference: str
    state: str
    version: int
    created_at: str
    updated_at: str
    submitted_at: str
    policy: Policy
    due: datetime

    def record(self, versions: int, reviews: int) -> str:
        """The audit entry's detail for its erasure: what was erased and under which policy."""
        parts = [
            f"reference {self.reference or '(none)'}",
            f"{self.state}, version {self.version}",
            f"created {self.created_at}",
            f"last changed {self.updated_at}",
        ]
        if self.submitted_at:
            parts.append(f"submitted {self.submitted_at}")
        parts.append(f"{versions} kept version(s) and {reviews} review(s) erased with it")
        parts.append(
            f"policy {self.policy.setting} = {self.policy.days} days: {self.policy.text()}, "
            f"so due for erasure from {self.due.isoformat(timespec='seconds')}"
        )
        return "; ".join(parts)


def expired(
    retention: Retention,
    row: tuple[int, str, str, int, str, str, str],
    now: datetime,
) -> Expired | None:
    """The checklist of `row` (id, reference, state, version, created_at, updated_at,
    submitted_at) as Expired when it is past its period at `now`, else None."""
    checklist_id, reference, state, version, created_at, updated_at, submitted_at = row
    policy = retention.policy(state)
    due = retention.due(state, updated_at)
    if policy is None or due is None or due > now:
        return None
    return Expired(
        checklist_id, reference, state, version, created_at, updated_at, submitted_at, policy, due
    )


def not_expired_text(
    retention: Retention, row: tuple[int, str, str, int, str, str, str], now: datetime
) -> str:
    """Why the checklist of `row` may not be erased now, in one sentence."""
    checklist_id, reference, state, _version, _created, updated_at, _submitted = row
    name = f"Checklist {checklist_id}" + (f" ({reference})" if reference else "")
    policy = retention.policy(state)
    due = retention.due(state, updated_at)
    if policy is None:
        return f"{name} is {state}: the settings give no retention period for that state."
    if due is None:
        return f"{name}: its last change ({updated_at!r}) cannot be read, so its age is unknown."
    return (
        f"{name} is not past its retention period: {policy.text()} ({policy.setting}); it "
        f"last changed on {due_text(parse_time(updated_at))}, so it is kept until "
        f"{due_text(due)}."
    )


def due_text(when: datetime | None) -> str:
    """dd/mm/yyyy, the officers' date format."""
    return when.strftime("%d/%m/%Y") if when is not None else "an unknown date"


def now() -> datetime:
    return datetime.now().astimezone()
