"""Accounts, roles and review through the real command line (`main([...])` in process and a
subprocess): init, users, signing in, refusals by role (exit 3), review, audit verify."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from officer_app.cli import main
from officer_app.store import Store
from tests.conftest import (
    ACCOUNT_NAMES,
    PASSWORD,
    VALID_EXAMPLE,
    add_accounts,
    open_store,
    raw_connection,
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "Krężołek & <co>.sqlite"
    with open_store(path) as store:
        add_accounts(store)
    return path


def as_user(monkeypatch, role: str, password: str = PASSWORD) -> None:
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES.get(role, role))
    monkeypatch.setenv("OFFICER_APP_PASSWORD", password)


def test_init_creates_the_first_administrator_once(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.sqlite"
    monkeypatch.setenv("OFFICER_APP_PASSWORD", "short")
    assert main(["--db", str(path), "init", "--admin", "a.łuczak"]) == 2
    assert "at least 8" in capsys.readouterr().err
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "init", "--admin", "a.łuczak"]) == 0
    before = path.read_bytes()
    assert main(["--db", str(path), "init", "--admin", "someone.else"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before
    with Store.open(path, "A.ŁUCZAK", PASSWORD) as store:  # names ignore case
        assert (store.user.name, store.user.role) == ("a.łuczak", "administrator")


def test_no_account_no_password_no_entry(db, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("OFFICER_APP_USER", raising=False)
    assert main(["--db", str(db), "list"]) == 2
    assert "--user NAME" in capsys.readouterr().err
    as_user(monkeypatch, "officer", "wrong password <&>")
    assert main(["--db", str(db), "list"]) == 3
    assert "refused: The name or the password is wrong" in capsys.readouterr().err
    fresh = tmp_path / "fresh.sqlite"
    as_user(monkeypatch, "officer")
    assert main(["--db", str(fresh), "list"]) == 2
    assert "init --admin NAME" in capsys.readouterr().err


def test_the_password_prompt_is_refused_without_a_terminal(db, tmp_path):
    env = {
        **os.environ,
        "OFFICER_APP_USER": ACCOUNT_NAMES["officer"],
        "PYTHONIOENCODING": "utf-8",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }
    env.pop("OFFICER_APP_PASSWORD", None)
    result = subprocess.run(
        [sys.executable, "-m", "officer_app", "--db", str(db), "list"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2 and "set OFFICER_APP_PASSWORD" in result.stderr


def test_administrators_manage_accounts_and_others_are_refused(db, capsys, monkeypatch):
    as_user(monkeypatch, "administrator")
    monkeypatch.setenv("OFFICER_APP_NEW_PASSWORD", "Nowe hasło <1>")
    assert main(["--db", str(db), "users", "add", "pc.wiśniewski", "--role", "officer"]) == 0
    assert main(["--db", str(db), "users", "add", "pc.wiśniewski", "--role", "officer"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["--db", str(db), "users", "disable", ACCOUNT_NAMES["officer2"]]) == 0
    assert main(["--db", str(db), "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "pc.wiśniewski" in listing and "disabled" in listing
    as_user(monkeypatch, "officer2")
    assert main(["--db", str(db), "list"]) == 3
    assert "disabled" in capsys.readouterr().err
    as_user(monkeypatch, "pc.wiśniewski", "Nowe hasło <1>")
    assert main(["--db", str(db), "list"]) == 0
    for args in (["users", "list"], ["users", "reset", "a.łuczak"], ["audit", "verify"]):
        assert main(["--db", str(db), *args]) == 3
        err = capsys.readouterr().err
        assert "refused: An officer cannot" in err and "administrator" in err
    as_user(monkeypatch, "administrator")
    monkeypatch.setenv("OFFICER_APP_NEW_PASSWORD", "Zresetowane <2>")
    assert main(["--db", str(db), "users", "reset", "pc.wiśniewski"]) == 0
    as_user(monkeypatch, "pc.wiśniewski", "Zresetowane <2>")
    assert main(["--db", str(db), "list"]) == 0


def test_a_wrong_password_opens_nothing_and_changes_no_file(db, capsys, monkeypatch):
    """The password opens the key slot: a wrong one cannot even read the file, so it cannot
    be recorded in it either (docs/SECURITY.md: guessing costs argon2id per guess)."""
    files = {p: p.read_bytes() for p in db.parent.iterdir()}
    as_user(monkeypatch, "officer", "not it")
    for _ in range(5):
        assert main(["--db", str(db), "list"]) == 3
    assert "refused: The name or the password is wrong." in capsys.readouterr().err
    assert {p: p.read_bytes() for p in db.parent.iterdir()} == files
    as_user(monkeypatch, "officer")
    assert main(["--db", str(db), "list"]) == 0


def test_an_officer_sees_only_their_own_checklists(db, capsys, monkeypatch):
    as_user(monkeypatch, "officer")
    assert main(["--db", str(db), "import", str(VALID_EXAMPLE)]) == 0
    checklist_id = capsys.readouterr().out.strip()
    as_user(monkeypatch, "officer2")
    assert main(["--db", str(db), "list", "--search", "łuczak"]) == 0
    out, err = capsys.readouterr()
    assert "Łuczak" not in out and "0 checklist(s)" in err
    assert main(["--db", str(db), "review", "approve", checklist_id, "--all-yes"]) == 3
    assert "refused" in capsys.readouterr().err
    as_user(monkeypatch, "supervisor")
    assert main(["--db", str(db), "list"]) == 0
    assert "1 checklist(s)" in capsys.readouterr().err
    assert main(["--db", str(db), "import", str(VALID_EXAMPLE)]) == 3
    assert "A supervisor cannot start or import" in capsys.readouterr().err


def test_review_from_the_command_line(db, capsys, monkeypatch):
    as_user(monkeypatch, "officer")
    assert main(["--db", str(db), "import", str(VALID_EXAMPLE)]) == 0
    checklist_id = capsys.readouterr().out.strip()
    as_user(monkeypatch, "supervisor")
    assert main(["--db", str(db), "review", "list"]) == 0
    out, err = capsys.readouterr()
    assert "CV-0412-221126" in out and ACCOUNT_NAMES["officer"] in out
    assert "1 waiting for review" in err
    # approving needs the supervisor's own checklist, and a reason for a downgrade
    assert main(["--db", str(db), "review", "approve", checklist_id]) == 1
    assert "answer yes, no or not applicable" in capsys.readouterr().err
    args = ["review", "approve", checklist_id, "--all-yes", "--grade", "standard"]
    assert main(["--db", str(db), *args]) == 1
    assert "a downgrade needs your rationale" in capsys.readouterr().err
    # returning needs a reason; a reason may name a field
    assert main(["--db", str(db), "review", "return", checklist_id]) == 1
    reason = ["--field-reason", "children[1].own_words", "Write Amelia's words <exactly> & all"]
    assert main(["--db", str(db), "review", "return", checklist_id, *reason]) == 0
    with open_store(db) as store:
        (decision,) = store.reviews(int(checklist_id))
    assert decision.reasons == (
        {"path": "children[1].own_words", "reason": "Write Amelia's words <exactly> & all"},
    )
    assert main(["--db", str(db), "review", "list"]) == 0
    assert "0 waiting" in capsys.readouterr().err


def test_audit_verify_finds_a_direct_edit_and_exits_1(db, capsys, monkeypatch):
    as_user(monkeypatch, "officer")
    assert main(["--db", str(db), "import", str(VALID_EXAMPLE)]) == 0
    as_user(monkeypatch, "administrator")
    assert main(["--db", str(db), "audit", "verify"]) == 0
    assert "The audit log is intact" in capsys.readouterr().out
    with raw_connection(db) as conn:  # a child's words changed with plain sqlite3
        conn.execute("DROP TRIGGER checklists_locked")
        conn.execute("UPDATE checklists SET data = replace(data, 'hungry', 'fine')")
    assert main(["--db", str(db), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("BROKEN: Checklist 1 (CV-0412-221126) was changed outside the app")
