"""Force settings and where files live."""

from __future__ import annotations

import json

import pytest

from officer_app import paths
from officer_app.settings import SettingsError, load_settings


def test_bundled_settings_mark_official_sensitive():
    settings = load_settings()
    assert settings.marking == "OFFICIAL-SENSITIVE"
    assert (settings.checklist, settings.risk_tool) == ("child-da-attendance", "dash-topics")


def test_a_force_overrides_the_marking_with_its_own_file(tmp_path, monkeypatch):
    own = tmp_path / "force.json"
    own.write_text(json.dumps({"marking": "OFFICIAL – SENSITIVE: Policja", "force_name": "Łódź"}))
    monkeypatch.setenv(paths.SETTINGS_ENV, str(own))
    settings = load_settings()
    assert settings.marking == "OFFICIAL – SENSITIVE: Policja" and settings.force_name == "Łódź"
    assert settings.risk_tool == "dash-topics"  # unchanged defaults stay


@pytest.mark.parametrize(
    ("content", "words"),
    [("{not json", "cannot be read"), ('{"colour": "red"}', "unknown settings"),
     ('{"marking": ""}', "non-empty"), ("[]", "JSON object")],
)  # fmt: skip
def test_a_broken_settings_file_is_named_with_what_is_wrong(tmp_path, monkeypatch, content, words):
    bad = tmp_path / "settings.json"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setenv(paths.SETTINGS_ENV, str(bad))
    with pytest.raises(SettingsError, match=words):
        load_settings()


def test_the_database_lives_in_the_user_data_folder_unless_overridden(tmp_path, monkeypatch):
    assert paths.default_db_path().parent == paths.user_data_dir()
    assert str(tmp_path) not in str(paths.resources_dir())
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "Krężołek.sqlite"))
    assert paths.default_db_path() == tmp_path / "Krężołek.sqlite"


def test_a_settings_file_in_the_user_data_folder_is_used(monkeypatch):
    own = paths.user_data_dir() / "settings.json"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(json.dumps({"force_name": "Warwickshire"}), encoding="utf-8")
    assert load_settings().force_name == "Warwickshire"
