"""The command line end to end, through a real subprocess, as a person or a script uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES, VALID_EXAMPLE

INVALID_EXAMPLE = EXAMPLES / "invalid-several-rules.json"


def run(tmp_path, *args, db="officer.sqlite"):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    env.pop("OFFICER_APP_DB", None)
    command = [sys.executable, "-m", "officer_app"]
    if db:
        command += ["--db", str(tmp_path / db)]
    return subprocess.run(
        command + [str(a) for a in args],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
        timeout=120,
    )


def assert_one_line_error(result):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("officer-app: error: "), result.stderr


def test_validate_prints_problems_and_sets_the_exit_status(tmp_path):
    ok = run(tmp_path, "validate", VALID_EXAMPLE, db=None)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = run(tmp_path, "validate", INVALID_EXAMPLE, db=None)
    assert bad.returncode == 1
    assert "error children[0].spoken_alone_reason:" in bad.stdout
    assert "error risk.answers.weapons:" in bad.stdout


def test_import_then_referral_then_export_json(tmp_path):
    imported = run(tmp_path, "import", VALID_EXAMPLE)
    assert imported.returncode == 0, imported.stderr
    checklist_id = imported.stdout.strip()
    assert checklist_id == "1"
    pdf = tmp_path / "referral Łuczak.pdf"
    made = run(tmp_path, "referral", checklist_id, "--out", pdf)
    assert made.returncode == 0, made.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Kacper Łuczak" in text and "Amelia Krężołek" in text
    exported = run(tmp_path, "export-json", checklist_id)
    assert (
        json.loads(exported.stdout)["data"] == json.loads(VALID_EXAMPLE.read_text("utf-8"))["data"]
    )
    out = tmp_path / "out.json"
    assert run(tmp_path, "export-json", checklist_id, "--out", out).returncode == 0
    assert json.loads(out.read_text("utf-8"))["uid"] == json.loads(exported.stdout)["uid"]


def test_invalid_and_malformed_files_are_refused_and_nothing_is_stored(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run(tmp_path, "import", INVALID_EXAMPLE, broken)
    assert result.returncode == 1 and result.stdout.strip() == ""
    assert "invalid-several-rules.json: refused, nothing stored" in result.stderr
    assert "children[0].interpreter_type" in result.stderr
    assert "not valid JSON" in result.stderr
    listed = run(tmp_path, "list")
    assert "0 checklist(s)" in listed.stderr


def test_importing_the_same_checklist_twice_is_refused(tmp_path):
    assert run(tmp_path, "import", VALID_EXAMPLE).returncode == 0
    again = run(tmp_path, "import", VALID_EXAMPLE)
    assert again.returncode == 1 and "uid" in again.stderr


def test_demo_then_list_with_state_and_diacritic_free_search(tmp_path):
    assert run(tmp_path, "demo", "--count", "15").returncode == 0
    everything = run(tmp_path, "list")
    assert "15 checklist(s)" in everything.stderr
    drafts = run(tmp_path, "list", "--state", "draft")
    assert "draft" in drafts.stdout and "submitted" not in drafts.stdout
    found = run(tmp_path, "list", "--search", "luczak")
    assert found.returncode == 0 and "checklist(s)" in found.stderr
    assert not found.stderr.startswith("0 ")


@pytest.mark.parametrize(
    "args",
    [
        ("referral", "999", "--out", "x.pdf"),
        ("export-json", "999"),
        ("demo", "--count", "0"),
    ],
)
def test_errors_are_one_clear_line_never_a_traceback(tmp_path, args):
    assert_one_line_error(run(tmp_path, *args))


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("shopping list", encoding="utf-8")
    result = run(tmp_path, "list", db="notes.sqlite")
    assert_one_line_error(result)
    assert not_db.read_text(encoding="utf-8") == "shopping list"


def test_referral_of_a_draft_and_into_a_missing_folder_are_refused(tmp_path):
    assert run(tmp_path, "demo", "--count", "3").returncode == 0
    draft_row = run(tmp_path, "list", "--state", "draft").stdout.splitlines()[1]
    assert_one_line_error(
        run(tmp_path, "referral", draft_row.split()[0], "--out", tmp_path / "d.pdf")
    )
    assert not (tmp_path / "d.pdf").exists()
    run(tmp_path, "import", VALID_EXAMPLE)
    missing = tmp_path / "no such folder" / "r.pdf"
    assert_one_line_error(run(tmp_path, "referral", "4", "--out", missing))


def test_the_database_defaults_to_the_user_data_folder(tmp_path):
    assert run(tmp_path, "demo", "--count", "2", db=None).returncode == 0
    assert list((tmp_path / "xdg").rglob("officer-app.sqlite"))
