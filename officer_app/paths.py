"""Where officer-app's files live: the bundled resources and the per-user database.

One module decides: everything else asks here. The database defaults to the per-user data
directory; the OFFICER_APP_DB environment variable and the --db option override it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "officer-app"
DB_ENV = "OFFICER_APP_DB"
SETTINGS_ENV = "OFFICER_APP_SETTINGS"
_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: inside the package when installed from a wheel, beside it in a
    source checkout or editable install."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "checklists").is_dir():
            return candidate
    raise FileNotFoundError(
        f"officer-app resources not found beside {_PACKAGE_DIR}; the installation is incomplete"
    )


def user_data_dir() -> Path:
    """The per-user folder for the database and a force's own definitions."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The database file used when no --db option is given."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "officer-app.sqlite"


def checklist_definition_dirs() -> list[Path]:
    """Folders searched for checklist definitions, bundled first."""
    return [resources_dir() / "checklists", user_data_dir() / "checklists"]


def risk_tool_dirs() -> list[Path]:
    """Folders searched for risk tools: a force adds one (e.g. DARA) by dropping a file in."""
    return [resources_dir() / "risk_tools", user_data_dir() / "risk_tools"]


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / name


def settings_path() -> Path:
    """The force settings file (marking, risk tool): OFFICER_APP_SETTINGS or the bundled one."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return Path(override).expanduser()
    user_file = user_data_dir() / "settings.json"
    if user_file.is_file():
        return user_file
    return resources_dir() / "settings.json"
