"""Shared fixtures: the bundled definition and risk tool, a complete valid checklist, and
user folders redirected into tmp_path so no test touches a real user's data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from officer_app import interchange  # noqa: E402
from officer_app.library import default_library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
VALID_EXAMPLE = EXAMPLES / "valid-two-children.json"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("OFFICER_APP_DB", raising=False)
    monkeypatch.delenv("OFFICER_APP_SETTINGS", raising=False)


@pytest.fixture(scope="session")
def library():
    return default_library()


@pytest.fixture(scope="session")
def definition(library):
    return library.latest_definition()


@pytest.fixture(scope="session")
def tool(library):
    return library.risk_tool("dash-topics")


@pytest.fixture
def valid_checklist(library):
    """A fresh copy of the complete, valid, submitted example: two children (Kacper Łuczak
    spoken to alone, Amelia Krężołek not alone), Polish adults, '&' in the address."""
    return interchange.read_file(VALID_EXAMPLE, library)
