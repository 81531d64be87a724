"""The force's settings: protective marking, force name, which checklist and risk tool new
checklists use, how long an idle window stays open, the supervisor's review deadline, the
account lockout and how long checklists are kept (retention). Bundled defaults in
resources/settings.json; a force overrides them with OFFICER_APP_SETTINGS or a settings.json
in the user data folder (officer_app.paths)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from officer_app import paths, states

# How long a checklist is kept, in whole days, counted from its last change (`updated_at`:
# the last save, submission, review decision, amendment or sending; reading, printing or
# exporting it changes nothing), per state. DPA 2018 Part 3 s.39: personal data processed
# for law enforcement is kept no longer than necessary. Days, not months: a month has no
# fixed length, and a day count reads the same in the file, the list and the audit entry.
# Past its period a checklist is only *listed* for an administrator, who decides; nothing is
# erased automatically (officer_app.retention, store.erasure).
# The defaults, for a force to replace with its own policy:
# - draft 90 days: a draft is begun at the incident and finished within the shift; one left
#   untouched for three months was abandoned (the incident itself is recorded in the force's
#   own systems), and three months covers leave, sickness and courses before it is listed.
# - returned 180 days: a supervisor has already read it and is waiting for the officer's
#   corrections; six months gives time to chase the officer before it is listed.
# - submitted, approved, sent 2192 days (6 years: 6 x 365 and two leap days): complete
#   records of what an officer found and what was referred, kept for the six years of the
#   MoPI minimum review period for police information and of the Limitation Act 1980 for
#   claims, complaints and case reviews that ask what was seen and sent. A submitted
#   checklist never reviewed is a missed review to follow up, not a draft to clear away, so
#   it is kept as long as an approved one.
DEFAULT_RETENTION_DAYS: dict[str, int] = {
    states.DRAFT: 90,
    states.RETURNED: 180,
    states.SUBMITTED: 2192,
    states.APPROVED: 2192,
    states.SENT: 2192,
}
MAX_RETENTION_DAYS = 36525  # 100 years: a longer period is a typing mistake


class SettingsError(ValueError):
    """The settings file cannot be used."""


@dataclass(frozen=True)
class Settings:
    force_name: str = "Example Constabulary"
    marking: str = "OFFICIAL-SENSITIVE"
    checklist: str = "child-da-attendance"
    risk_tool: str = "dash-topics"
    # who receives referrals: recorded with each export in the audit log
    hub_name: str = "Multi-Agency Safeguarding Hub (MASH)"
    # minutes without a key or mouse event before the window locks and hides personal details
    idle_lock_minutes: int = 5
    # hours after attendance by which a supervisor should have reviewed a submitted checklist
    review_deadline_hours: int = 24
    # this many wrong passwords in a row lock an account for lockout_minutes
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    # days a checklist is kept after its last change, per state (see DEFAULT_RETENTION_DAYS);
    # a file may name only some states, the others keep their defaults
    retention_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RETENTION_DAYS))


def load_settings() -> Settings:
    path = paths.settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(f"settings file {path} cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"settings file {path} must hold a JSON object")
    known = Settings.__dataclass_fields__
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SettingsError(f"settings file {path}: unknown settings {unknown}")
    for key, value in raw.items():
        if key == "retention_days":
            raw[key] = retention_days(value, f"settings file {path}")
        elif isinstance(getattr(Settings, key), int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(f"settings file {path}: '{key}' must be a whole number >= 1")
        elif not isinstance(value, str) or not value.strip():
            raise SettingsError(f"settings file {path}: '{key}' must be non-empty text")
    return Settings(**raw)


def retention_days(value: Any, where: str) -> dict[str, int]:
    """The retention periods a settings file gives ({"draft": 90, ...}) over the defaults;
    SettingsError naming the setting (`retention_days.draft`) and what is wrong."""
    if not isinstance(value, dict):
        raise SettingsError(
            f"{where}: 'retention_days' must be an object giving days per state, for example "
            '{"draft": 90, "sent": 2192}'
        )
    unknown = sorted(set(value) - set(states.STATES))
    if unknown:
        raise SettingsError(
            f"{where}: 'retention_days' names {', '.join(repr(s) for s in unknown)}, which "
            f"is not a state; the states are {', '.join(states.STATES)}"
        )
    days = dict(DEFAULT_RETENTION_DAYS)
    for state, given in value.items():
        whole = isinstance(given, int) and not isinstance(given, bool)
        if not whole or not 1 <= given <= MAX_RETENTION_DAYS:
            raise SettingsError(
                f"{where}: 'retention_days.{state}' must be a whole number of days from 1 to "
                f"{MAX_RETENTION_DAYS}, not {json.dumps(given, ensure_ascii=False)}"
            )
        days[state] = given
    return days
