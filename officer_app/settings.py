"""The force's settings: protective marking, force name, which checklist and risk tool new
checklists use, how long an idle window stays open, the supervisor's review deadline and the
account lockout. Bundled defaults in resources/settings.json; a force overrides them with
OFFICER_APP_SETTINGS or a settings.json in the user data folder (officer_app.paths)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from officer_app import paths


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
        if isinstance(getattr(Settings, key), int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(f"settings file {path}: '{key}' must be a whole number >= 1")
        elif not isinstance(value, str) or not value.strip():
            raise SettingsError(f"settings file {path}: '{key}' must be non-empty text")
    return Settings(**raw)
