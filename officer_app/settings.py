"""The force's settings: protective marking, force name, which checklist and risk tool new
checklists use. Bundled defaults in resources/settings.json; a force overrides them with
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
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(f"settings file {path}: '{key}' must be non-empty text")
    return Settings(**raw)
