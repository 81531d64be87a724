"""The command line end to end, through a real subprocess as a person or a script uses it,
and in process through `main([...])`; the launcher that opens the window."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from officer_app.cli import main
from tests.conftest import (
    ACCOUNT_NAMES,
    EXAMPLES,
    PASSWORD,
    ROOT,
    VALID_EXAMPLE,
    add_accounts,
    open_store,
)
from tests.test_interchange import DOCUMENTS

INVALID_EXAMPLE = EXAMPLES / "invalid-several-rules.json"


def with_accounts(path: Path) -> Path:
    """The database at `path` with the test accounts (made once, in process: quick hashes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store(path) as store:
        if not store.has_accounts():
            add_accounts(store)
    return path


def signed_in(monkeypatch, db: Path, role: str = "officer") -> Path:
    """For in-process `main([...])`: the accounts exist and the environment signs in as
    `role` (see tests/conftest.py ACCOUNT_NAMES)."""
    with_accounts(db)
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES[role])
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    return db


def run(tmp_path, *args, db="officer.sqlite", user="officer"):
    """The command line in a subprocess, signed in as `user` (a key of ACCOUNT_NAMES; None:
    no account given) on a database that has the test accounts."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    env.pop("OFFICER_APP_DB", None)
    if user:
        env["OFFICER_APP_USER"] = ACCOUNT_NAMES[user]
        env["OFFICER_APP_PASSWORD"] = PASSWORD
    command = [sys.executable, "-m", "officer_app"]
    if db:
        command += ["--db", str(tmp_path / db)]
        if user and not (args and args[0] in ("validate", "schema", "init", "demo")):
            with_accounts(tmp_path / db)
    return subprocess.run(
        command + [str(a) for a in args],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
        timeout=120,
    )


def run_as(tmp_path, env, *args, db="officer.sqlite"):
    """The command line in a subprocess with these environment variables (e.g. a demo
    account's name and password)."""
    full = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "officer_app", "--db", str(tmp_path / db)]
    return subprocess.run(
        command + [str(a) for a in args],
        capture_output=True,
        text=True,
        env={**full, **env},
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
    approved = run(tmp_path, "review", "approve", checklist_id, "--all-yes", user="supervisor")
    assert approved.returncode == 0, approved.stderr
    pdf = tmp_path / "referral Łuczak.pdf"
    made = run(tmp_path, "referral", checklist_id, "--out", pdf, user="administrator")
    assert made.returncode == 0, made.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Kacper Łuczak" in text and "Amelia Krężołek" in text
    exported = run(tmp_path, "export-json", checklist_id, user="administrator")
    assert (
        json.loads(exported.stdout)["data"] == json.loads(VALID_EXAMPLE.read_text("utf-8"))["data"]
    )
    out = tmp_path / "out.json"
    result = run(tmp_path, "export-json", checklist_id, "--out", out, user="administrator")
    assert result.returncode == 0
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
    made = run(tmp_path, "demo", "--count", "15", "--demo-password", "demo <&> hasło")
    assert made.returncode == 0, made.stderr
    assert "Demo accounts: demo.officer, demo.supervisor, demo.admin" in made.stderr
    env = {"OFFICER_APP_USER": "demo.officer", "OFFICER_APP_PASSWORD": "demo <&> hasło"}
    everything = run_as(tmp_path, env, "list")
    assert "15 checklist(s)" in everything.stderr
    drafts = run_as(tmp_path, env, "list", "--state", "draft")
    states_listed = {line.split()[1] for line in drafts.stdout.splitlines()[2:]}
    assert states_listed == {"draft"}
    assert "✓" in drafts.stdout  # each child's seen / spoken to alone / own words
    found = run_as(tmp_path, env, "list", "--search", "luczak")
    assert found.returncode == 0 and "checklist(s)" in found.stderr
    assert not found.stderr.startswith("0 ")
    assert "Łuczak" in found.stdout.splitlines()[2]  # what matched, with its accents


@pytest.mark.parametrize(
    "args",
    [
        ("referral", "999", "--out", "x.pdf"),
        ("export-json", "999"),
        ("demo", "--count", "0"),
    ],
)
def test_errors_are_one_clear_line_never_a_traceback(tmp_path, args):
    assert_one_line_error(run(tmp_path, *args, user="administrator"))


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("shopping list", encoding="utf-8")
    result = run(tmp_path, "list", db="notes.sqlite", user=None)
    assert_one_line_error(result)
    assert not_db.read_text(encoding="utf-8") == "shopping list"


def test_referral_of_an_unapproved_checklist_and_into_a_missing_folder_are_refused(tmp_path):
    run(tmp_path, "import", VALID_EXAMPLE)  # submitted, not yet approved
    refused = run(tmp_path, "referral", "1", "--out", tmp_path / "d.pdf", user="supervisor")
    assert refused.returncode == 3 and "only an administrator" in refused.stderr
    assert not (tmp_path / "d.pdf").exists()
    assert run(tmp_path, "review", "approve", "1", "--all-yes", user="supervisor").returncode == 0
    missing = tmp_path / "no such folder" / "r.pdf"
    assert_one_line_error(run(tmp_path, "referral", "1", "--out", missing, user="administrator"))


def test_the_database_defaults_to_the_user_data_folder(tmp_path):
    made = run(tmp_path, "init", "--admin", "a.łuczak", db=None, user=None)
    assert made.returncode == 2 and "OFFICER_APP_PASSWORD" in made.stderr  # no terminal
    env = {"OFFICER_APP_PASSWORD": PASSWORD}
    full = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), **env}
    result = subprocess.run(
        [sys.executable, "-m", "officer_app", "init", "--admin", "a.łuczak"],
        capture_output=True,
        text=True,
        env=full,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "xdg").rglob("officer-app.sqlite"))


# ---------------------------------------------------------------- in process: main([...])


def _example_with(change) -> dict:
    doc = json.loads(VALID_EXAMPLE.read_text(encoding="utf-8"))
    change(doc)
    return doc


def _set_name(value):
    return lambda doc: doc["data"]["children"][0].update(name=value)


def _write_text(tmp_path, name, text) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _bad_files(tmp_path) -> dict[str, tuple[Path, str]]:
    """Files found to break `validate` or `import` on main, each with what must be said."""
    valid = VALID_EXAMPLE.read_text(encoding="utf-8")
    big_number = json.dumps(_example_with(_set_name(0))).replace(
        '"name": 0', '"name": ' + "9" * 5001
    )
    latin = tmp_path / "Łuczak latin-1.json"
    latin.write_bytes(valid.replace("Łuczak", "Lúczak").encode("latin-1", errors="replace"))
    return {
        "surrogate": (
            _write_text(
                tmp_path, "surrogate.json", json.dumps(_example_with(_set_name("K \ud800")))
            ),
            "error children[0].name: contains a character that is not valid text (U+D800)",
        ),
        "control": (
            _write_text(
                tmp_path,
                "control <&>.json",
                json.dumps(
                    _example_with(
                        lambda d: d["data"]["children"][1].update(own_words="he <hit> &\x07")
                    ),
                    ensure_ascii=False,
                ),
            ),
            "error children[1].own_words: contains an invisible control character (U+0007)",
        ),
        "deep": (
            _write_text(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000),
            "error deep.json: is nested too deeply (more than 64 levels of lists and objects)",
        ),
        "big number": (
            _write_text(tmp_path, "big.json", big_number),
            "error children[0].name: is a number with more than 15 digits",
        ),
        "not utf-8": (latin, "cannot be read as text: it is not UTF-8 (byte 0xFA"),
        "empty": (_write_text(tmp_path, "empty.json", ""), "not valid JSON (line 1, column 1"),
    }


@pytest.mark.parametrize(
    "case", ["surrogate", "control", "deep", "big number", "not utf-8", "empty"]
)
def test_validate_names_the_problem_of_files_that_broke_it(tmp_path, capsys, case):
    path, said = _bad_files(tmp_path)[case]
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert said in out, out
    assert "unexpected error" not in err and "Traceback" not in err
    assert err.strip().endswith("problem(s); not read as a checklist")


@pytest.mark.parametrize("case", ["surrogate", "control", "deep", "big number", "not utf-8"])
def test_import_refuses_them_and_stores_nothing(tmp_path, capsys, monkeypatch, case):
    path, said = _bad_files(tmp_path)[case]
    db = signed_in(monkeypatch, tmp_path / "officer.sqlite")
    assert main(["--db", str(db), "import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "refused, nothing stored" in err and said.split(": ", 1)[-1] in err
    assert "unexpected error" not in err
    assert main(["--db", str(db), "list"]) == 0
    assert "0 checklist(s)" in capsys.readouterr().err


def test_import_normalises_line_endings_and_keeps_polish_and_markup(tmp_path, capsys, monkeypatch):
    words = "Tata krzyczy <głośno> & ja się boję.\r\nPotem cisza."
    doc = _example_with(lambda d: d["data"]["children"][0].update(own_words=words))
    path = _write_text(tmp_path, "Krężołek & <dom>.json", json.dumps(doc, ensure_ascii=False))
    db = signed_in(monkeypatch, tmp_path / "officer.sqlite")
    assert main(["--db", str(db), "import", str(path)]) == 0
    checklist_id = capsys.readouterr().out.strip()
    signed_in(monkeypatch, db, "supervisor")
    assert main(["--db", str(db), "review", "approve", checklist_id, "--all-yes"]) == 0
    signed_in(monkeypatch, db, "administrator")
    assert main(["--db", str(db), "export-json", checklist_id]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["data"]["children"][0]["own_words"] == words.replace("\r\n", "\n")
    assert exported["data"]["children"][0]["name"] == "Kacper Łuczak"


def test_a_file_that_cannot_be_opened_is_a_usage_error(tmp_path, capsys, monkeypatch):
    assert main(["validate", str(tmp_path / "missing Łuczak.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("officer-app: error: ") and "file not found" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["validate", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    db = signed_in(monkeypatch, tmp_path / "officer.sqlite")
    assert main(["--db", str(db), "import", str(VALID_EXAMPLE), str(tmp_path / "gone.json")]) == 2
    out, err = capsys.readouterr()
    assert out.strip() == "1"  # the readable file is stored; the missing one is named
    assert "gone.json: refused, nothing stored" in err and "file not found" in err


def test_a_file_name_that_is_not_utf8_is_printed_not_a_crash(tmp_path, capsys):
    name = os.fsdecode(b"\xff\xfe checklist.json")  # a surrogate-escaped name, as Linux gives it
    try:
        path = tmp_path / name
        path.write_text("{}", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses such names")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "error format: must be 'officer-app/checklist'" in out
    assert "\\udcff\\udcfe checklist.json: 7 problem(s)" in err, err
    assert "unexpected error" not in err


FILE_CONTENTS = st.one_of(
    st.builds(lambda d: json.dumps(d, ensure_ascii=False, allow_nan=True), DOCUMENTS),
    st.builds(lambda d: json.dumps(d, ensure_ascii=True, allow_nan=True), DOCUMENTS),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=FILE_CONTENTS, raw_bytes=st.booleans())
def test_validate_on_any_file_prints_problems_never_unexpected_error(
    tmp_path, capsys, text, raw_bytes
):
    path = tmp_path / "any.json"
    if raw_bytes:  # the text's code points as bytes: usually not UTF-8
        path.write_bytes(text.encode("utf-8", errors="surrogatepass")[:2000])
    else:
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "unexpected error" not in err and "Traceback" not in err, err
    assert status in (0, 1), err
    if status == 1:
        assert out.strip(), "problems are printed"


# ---------------------------------------------------------------- the core never imports ui


def test_no_subcommand_prints_the_help_and_how_to_open_the_window(capsys):
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "validate" in err and "import" in err and "--db" in err
    assert "The window opens with `officer-app`" in err


def test_python_m_officer_app_runs_subcommands_and_never_loads_qt_or_ui(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 2 and "python -m ui" in result.stderr
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; import officer_app.cli as c; c.main(['--db', sys.argv[1], 'list']);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ui', 'PySide6')))",
            str(tmp_path / "probe.sqlite"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().splitlines()[-1] == "[]"


def test_no_module_of_the_core_imports_ui_or_qt():
    offenders = []
    for module in sorted((ROOT / "officer_app").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [
                f"{module.name}: {n}" for n in names if n.split(".")[0] in ("ui", "PySide6")
            ]
    assert offenders == []


def test_the_launcher_opens_the_window_on_the_db_option(tmp_path, monkeypatch):
    import ui.app
    from ui import launcher

    opened = []
    monkeypatch.setattr(ui.app, "run", lambda db: opened.append(db) or 0)
    assert launcher.main(["--db", str(tmp_path / "Łuczak.sqlite")]) == 0
    assert opened == [tmp_path / "Łuczak.sqlite"]
    monkeypatch.setenv("OFFICER_APP_DB", str(tmp_path / "env.sqlite"))
    assert launcher.main([]) == 0
    assert opened[-1] == tmp_path / "env.sqlite"


def test_the_launcher_hands_subcommands_to_the_command_line(tmp_path, capsys, monkeypatch):
    import ui.app
    from ui import launcher

    monkeypatch.setattr(ui.app, "run", lambda db: pytest.fail("the window must not open"))
    db = signed_in(monkeypatch, tmp_path / "officer.sqlite")
    assert launcher.main(["--db", str(db), "import", str(VALID_EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert launcher.main(["--db", str(db), "list", "--search", "luczak"]) == 0
    assert "1 checklist(s)" in capsys.readouterr().err
    assert launcher.main(["validate", str(tmp_path / "gone.json")]) == 2


def test_the_launcher_reports_a_window_that_cannot_start_in_one_line(tmp_path, capsys, monkeypatch):
    import ui.app
    from ui import launcher

    def broken(db):
        raise RuntimeError("no display")

    monkeypatch.setattr(ui.app, "run", broken)
    monkeypatch.delenv("OFFICER_APP_DEBUG", raising=False)
    assert launcher.main(["--db", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("officer-app: error: ") and "no display" in err
    assert len(err.strip().splitlines()) == 1


def test_python_m_ui_runs_subcommands_with_the_db_option(tmp_path):
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "PYTHONIOENCODING": "utf-8",
        "OFFICER_APP_USER": ACCOUNT_NAMES["officer"],
        "OFFICER_APP_PASSWORD": PASSWORD,
    }
    db = with_accounts(tmp_path / "ui.sqlite")
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--db", str(db), "import", str(VALID_EXAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "1", result.stderr
    assert db.exists()
