"""Retention and erasure on a real database file: the periods in the force settings (a wrong
one named), what is past its period listed for administrators only, erasure only of what an
administrator chose and only once past its period, recorded in the audit log (what, who,
when, which policy; never the answers), the chain still verified, a delete without a
recorded erasure refused by the schema and reported by verify, ids never used again, and the
child's words gone from every row, every page of the file (decrypted), its -wal and a backup
made afterwards. Then the same through `officer-app retention`."""

from __future__ import annotations

import io
import json
import shutil
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from officer_app import paths, retention, review, workflow
from officer_app.cli import main
from officer_app.permissions import PermissionDenied, User
from officer_app.retention import Retention
from officer_app.settings import DEFAULT_RETENTION_DAYS, SettingsError, load_settings
from officer_app.store import Store, StoreError, audit
from officer_app.store.driver import sqlite
from tests.conftest import ACCOUNT_NAMES, KEY, PASSWORD, add_accounts, open_store, raw_connection
from tests.test_permissions import all_yes, start

DRAFT_WORDS = "Zuzia <szepnęła> & płakała: ŚLAD-DRAFT-7731"
APPROVED_WORDS = "Kacper: tata <popchnął> mamę & ŚLAD-APPROVED-7732"
RETURN_REASON = "Write Kacper's words verbatim <&> ŚLAD-REVIEW-7733"
KEPT_WORDS = "Amelia <nic nie widziała> & ŚLAD-KEPT-7734"
ERASED = (DRAFT_WORDS, APPROVED_WORDS, RETURN_REASON)
WORDS = "children[0].own_words"
POLICY = Retention(dict(DEFAULT_RETENTION_DAYS))


@dataclass
class World:
    store: Store
    path: Path
    users: dict[str, User]
    draft: int  # untouched draft, past its 90 days at DRAFTS_DUE
    approved: int  # returned once, approved: kept versions and reviews
    kept: int  # a draft changed later: never past its period in these tests

    def as_(self, who: str | None) -> Store:
        self.store.sign_in(self.users[who] if who else None)
        return self.store


@pytest.fixture
def world(tmp_path, valid_checklist, library):
    path = tmp_path / "Łuczak <&> retention.sqlite"
    store = open_store(path, actor="maintenance")
    users = add_accounts(store)
    store.sign_in(users["officer"])
    draft = start(store, valid_checklist, "CV-DRAFT <&> 1")
    draft.set(WORDS, DRAFT_WORDS)
    store.save(draft)
    approved = start(store, valid_checklist, "CV-APPROVED <Łąkowa> 2")
    approved.set(WORDS, APPROVED_WORDS)
    store.save(approved)
    workflow.submit(store, approved, library)
    store.sign_in(users["supervisor"])
    review.return_for_changes(store, store.load(approved.id), [(WORDS, RETURN_REASON)])
    store.sign_in(users["officer"])
    workflow.submit(store, store.load(approved.id), library)
    store.sign_in(users["supervisor"])
    review.approve(store, store.load(approved.id), library, agreed_grade="high", items=all_yes())
    store.sign_in(users["officer"])
    kept = start(store, valid_checklist, "CV-KEPT 3")
    kept.set(WORDS, KEPT_WORDS)
    store.save(kept)
    store.sign_in(users["administrator"])
    yield World(store, path, users, draft.id, approved.id, kept.id)
    store.close()


def later(days: int):
    return retention.now() + timedelta(days=days)


def age(path: Path, checklist_id: int, days: int) -> None:
    """Make a checklist's last change `days` ago, as if time had passed (updated_at is not
    part of what the chain hashes)."""
    when = (retention.now() - timedelta(days=days)).isoformat(timespec="seconds")
    conn = raw_connection(path)
    with conn:
        conn.execute("UPDATE checklists SET updated_at = ? WHERE id = ?", [when, checklist_id])
    conn.close()


def every_value(conn) -> list[str]:
    """Every value of every row of every table, as text."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [str(v) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row]


PAGE, RESERVE = 4096, 80  # SQLCipher 4: 4096-byte pages ending in a 16-byte IV and an HMAC


def _page_text(raw: bytes, first: bool) -> bytes:
    iv = raw[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(KEY), modes.CBC(iv)).decryptor()
    return decryptor.update(raw[16 if first else 0 : PAGE - RESERVE]) + decryptor.finalize()


def plaintext_pages(path: Path) -> bytes:
    """Every page of a database file and of its -wal, decrypted with the test key: what
    someone with the key could read, rows, free pages and the slack within pages alike."""
    data, out = path.read_bytes(), []
    out += [_page_text(data[i : i + PAGE], i == 0) for i in range(0, len(data), PAGE)]
    wal = Path(f"{path}-wal")
    frames = wal.read_bytes()[32:] if wal.exists() else b""
    for start_at in range(0, len(frames) - PAGE + 1, PAGE + 24):
        number = int.from_bytes(frames[start_at : start_at + 4], "big")
        out.append(_page_text(frames[start_at + 24 : start_at + 24 + PAGE], number == 1))
    return b"".join(out)


def traces(path: Path, words: tuple[str, ...] = ERASED) -> list[str]:
    """Which of `words` can still be found in the file, its -wal, in any form."""
    pages = plaintext_pages(path)
    wal = Path(f"{path}-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    found = []
    for text in words:
        forms = (text.encode("utf-8"), json.dumps(text).encode("ascii"), text.encode("utf-16-le"))
        if any(form in pages or form in raw for form in forms):
            found.append(text)
    return found


# ---------------------------------------------------------------- the settings


def test_the_bundled_settings_give_a_period_for_every_state():
    days = load_settings().retention_days
    assert days == DEFAULT_RETENTION_DAYS
    assert set(days) == {"draft", "submitted", "returned", "approved", "sent"}
    assert days["draft"] < days["returned"] < days["approved"] == days["sent"]


def test_a_force_sets_some_periods_and_keeps_the_defaults_of_the_others(tmp_path, monkeypatch):
    own = tmp_path / "Łódź <&> settings.json"
    own.write_text(json.dumps({"retention_days": {"draft": 30, "sent": 3650}}), encoding="utf-8")
    monkeypatch.setenv(paths.SETTINGS_ENV, str(own))
    days = load_settings().retention_days
    assert (days["draft"], days["sent"], days["approved"]) == (30, 3650, 2192)


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ([90], "'retention_days' must be an object"),
        ({"aproved": 10}, "'aproved', which is not a state; the states are draft, submitted"),
        ({"draft": 0}, "'retention_days.draft' must be a whole number of days from 1 to 36525"),
        ({"sent": 2.5}, "'retention_days.sent' must be a whole number"),
        ({"sent": True}, "'retention_days.sent' must be a whole number"),
        ({"returned": "180"}, "'retention_days.returned' must be a whole number"),
        ({"approved": 10**12}, "'retention_days.approved' must be a whole number"),
    ],
)
def test_a_wrong_period_is_refused_naming_the_setting(tmp_path, monkeypatch, given, words):
    bad = tmp_path / "settings.json"
    bad.write_text(json.dumps({"retention_days": given}), encoding="utf-8")
    monkeypatch.setenv(paths.SETTINGS_ENV, str(bad))
    with pytest.raises(SettingsError, match=f"settings file {bad}.*{words}".replace("(", r"\(")):
        load_settings()


def test_the_age_counts_from_the_last_change():
    policy = Retention({"draft": 90})
    due = policy.due("draft", "2026-01-01T10:00:00+01:00")
    assert due is not None and due.isoformat() == "2026-04-01T10:00:00+01:00"
    assert policy.due("sent", "2026-01-01T10:00:00+01:00") is None  # no period: never listed
    assert policy.due("draft", "not a time") is None
    assert retention.days_text(2192) == "2192 days (about 6 years)"
    assert retention.days_text(1) == "1 day"


# ---------------------------------------------------------------- listing


def test_only_what_is_past_its_period_is_listed_longest_overdue_first(world):
    store = world.store
    assert store.past_retention(POLICY) == []
    drafts = store.past_retention(POLICY, now=later(91))
    assert [(e.id, e.state) for e in drafts] == [(world.draft, "draft"), (world.kept, "draft")]
    assert drafts[0].reference == "CV-DRAFT <&> 1" and drafts[0].policy.days == 90
    age(world.path, world.kept, 0)  # changed again later than the other draft
    age(world.path, world.draft, 10)
    assert [e.id for e in store.past_retention(POLICY, now=later(85))] == [world.draft]
    everything = store.past_retention(POLICY, now=later(2193))
    assert {e.id for e in everything} == {world.draft, world.approved, world.kept}
    assert everything[0].id == world.draft


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_only_administrators_list_or_erase(world, who):
    store = world.as_(who)
    with pytest.raises(PermissionDenied, match="only an administrator can"):
        store.past_retention(POLICY, now=later(91))
    with pytest.raises(PermissionDenied, match="cannot list or erase checklists past"):
        store.erase([world.draft], POLICY, now=later(91))
    store.sign_in(None)
    assert store.load(world.draft).get(WORDS) == DRAFT_WORDS


# ---------------------------------------------------------------- erasing


def test_erasure_removes_the_checklist_its_versions_and_reviews_and_records_it(world):
    store, path = world.store, world.path
    conn = raw_connection(path)
    assert all(any(w in v for v in every_value(conn)) for w in ERASED)
    conn.close()
    assert traces(path) == list(ERASED)  # the check below can see them while they are there
    before = len(store.audit_log())
    done = store.erase([world.approved, world.draft], POLICY, now=later(2193))
    assert [e.id for e in done.erased] == [world.approved, world.draft]
    assert (done.versions, done.reviews, done.left_behind) == (4, 2, "")
    conn = raw_connection(path)
    for table, column in (("checklists", "id"), ("checklist_versions", "checklist_id"),
                          ("reviews", "checklist_id")):  # fmt: skip
        left = conn.execute(f"SELECT {column} FROM {table}").fetchall()
        assert world.approved not in {r[0] for r in left} and world.draft not in left
    assert not [w for w in ERASED if any(w in v for v in every_value(conn))]
    assert any(KEPT_WORDS in v for v in every_value(conn))  # the others are untouched
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # rebuilt: no free pages
    conn.close()
    assert traces(path) == []
    assert traces(path, (KEPT_WORDS,)) == [KEPT_WORDS]
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    backup = path.with_name("backup after <&>.sqlite")
    shutil.copyfile(path, backup)
    assert traces(backup) == []

    entries = store.audit_log()[before:]
    assert [(e.action, e.checklist_id, e.actor) for e in entries] == [
        ("erase", world.approved, ACCOUNT_NAMES["administrator"]),
        ("erase", world.draft, ACCOUNT_NAMES["administrator"]),
    ]
    approved = entries[0].detail
    assert "reference CV-APPROVED <Łąkowa> 2; approved, version" in approved
    assert "4 kept version(s) and 2 review(s)" in approved
    assert "policy retention_days.approved = 2192 days" in approved
    assert "last changed 20" in approved and "created 20" in approved
    assert "retention_days.draft = 90 days" in entries[1].detail
    assert entries[0].record_hash and entries[0].content_hash == ""
    assert not [e for e in store.audit_log() for w in ERASED if w in e.detail]
    assert store.verify_audit().ok, store.verify_audit().problems
    assert world.as_("officer").load(world.kept).get(WORDS) == KEPT_WORDS


def test_nothing_is_erased_unless_every_chosen_checklist_is_past_its_period(world):
    store = world.store
    entries = len(store.audit_log())
    with pytest.raises(StoreError) as caught:
        store.erase([world.draft, world.approved], POLICY, now=later(91))
    message = str(caught.value)
    assert message.startswith("Checklist 2 (CV-APPROVED <Łąkowa> 2) is not past its retention")
    assert "approved checklists are kept 2192 days (about 6 years)" in message
    assert "(retention_days.approved)" in message and message.endswith("Nothing was erased.")
    with pytest.raises(StoreError, match="No checklist with id 99; nothing was erased"):
        store.erase([world.draft, 99], POLICY, now=later(91))
    with pytest.raises(StoreError, match="Choose at least one checklist"):
        store.erase([], POLICY, now=later(91))
    assert len(store.audit_log()) == entries
    store.sign_in(None)
    assert store.load(world.draft).get(WORDS) == DRAFT_WORDS


def test_an_erased_id_is_never_given_to_a_new_checklist(world, valid_checklist):
    store = world.store
    store.erase([world.kept], POLICY, now=later(91))  # the highest id
    store.sign_in(world.users["officer"])
    new = start(store, valid_checklist, "CV-NEW 4")
    assert new.id == world.kept + 1
    store.sign_in(world.users["administrator"])
    assert store.verify_audit().ok


def test_what_is_left_behind_while_another_connection_reads_is_said_then_purged(world):
    store, path = world.store, world.path
    reader = raw_connection(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM checklists").fetchall()
    done = store.erase([world.draft], POLICY, now=later(91))
    assert "close every other officer-app window" in done.left_behind
    assert "officer-app retention purge" in done.left_behind
    reader.execute("COMMIT")
    reader.close()
    assert store.purge() == ""
    assert traces(path) == [APPROVED_WORDS, RETURN_REASON]  # only the draft was erased


# ---------------------------------------------------------------- the schema and verify


@pytest.mark.parametrize(
    ("table", "column"),
    [("checklists", "id"), ("checklist_versions", "checklist_id"), ("reviews", "checklist_id")],
)
def test_a_delete_without_a_recorded_erasure_is_refused(world, table, column):
    conn = raw_connection(world.path)
    with pytest.raises(sqlite.IntegrityError, match="only by a recorded erasure"):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [world.approved])
    with pytest.raises(sqlite.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE checklist_id = ?", [world.approved])
    conn.rollback()
    conn.close()
    assert world.store.verify_audit().ok


def test_the_rebuilt_table_keeps_its_indexes_and_its_locked_trigger(world):
    conn = raw_connection(world.path)
    sql = "SELECT name FROM sqlite_master WHERE tbl_name = 'checklists'"
    names = {r[0] for r in conn.execute(sql)}
    assert {"checklists_locked", "checklists_no_delete", "checklists_state",
            "checklists_incident_time", "checklists_owner"} <= names  # fmt: skip
    with pytest.raises(sqlite.IntegrityError, match="cannot be changed in place"):
        conn.execute("UPDATE checklists SET data = '{}' WHERE id = ?", [world.approved])
    conn.close()


def test_verify_reports_a_deletion_without_an_erasure_and_accepts_a_recorded_one(world):
    store = world.store
    store.erase([world.draft], POLICY, now=later(91))
    conn = raw_connection(world.path)
    with conn:
        for trigger in ("checklists_no_delete", "checklist_versions_no_delete",
                        "reviews_no_delete"):  # fmt: skip
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DELETE FROM reviews WHERE checklist_id = ?", [world.approved])
        conn.execute("DELETE FROM checklists WHERE id = ?", [world.approved])
    conn.close()
    problems = store.verify_audit().problems
    assert f"Checklist {world.approved} was deleted outside the app." in problems
    assert any(f"review of checklist {world.approved}" in p for p in problems)
    assert not [p for p in problems if f"checklist {world.draft}" in p.lower()]


def test_verify_reports_an_erasure_recorded_but_not_done(world):
    conn = raw_connection(world.path)
    with conn:
        audit.append(conn, "someone", "erase", world.approved, "pretended")
    conn.close()
    problems = world.store.verify_audit().problems
    assert any(p.startswith(f"Checklist {world.approved} (CV-APPROVED") and "still in the file"
               in p for p in problems)  # fmt: skip
    assert any(f"kept version(s) of checklist {world.approved} are still" in p for p in problems)


def test_an_upgraded_schema_4_file_erases_and_verifies(tmp_path, library):
    from tests.test_audit_chain import make_v4_file

    path = tmp_path / "old <&>.sqlite"
    make_v4_file(path, library)
    with open_store(path) as opened:
        users = add_accounts(opened)
        opened.sign_in(users["administrator"])
        assert [e.id for e in opened.past_retention(POLICY, now=later(2300))] == [2, 1]
        opened.erase([2], POLICY, now=later(2300))
        assert opened.verify_audit().ok, opened.verify_audit().problems
        opened.sign_in(users["officer"])
        fresh = opened.load(1).copy()
        fresh.uid, fresh.id, fresh.version, fresh.state = "new-uid-<&>", None, 0, "draft"
        opened.save(fresh)
        assert fresh.id == 3


# ---------------------------------------------------------------- the command line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(world, monkeypatch, role: str, *args: str) -> int:
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES[role])
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    return main(["--db", str(world.path), "retention", *args])


@pytest.fixture
def aged(world):
    """The draft last changed 100 days ago; the store closed so the command line has the file."""
    world.store.close()
    age(world.path, world.draft, 100)
    return world


def test_retention_list_prints_what_is_past_its_period(aged, monkeypatch, capsys):
    assert cli(aged, monkeypatch, "administrator", "list") == 0
    out, err = capsys.readouterr()
    assert "CV-DRAFT <&> 1" in out and "Draft" in out and "90 days" in out
    assert "CV-APPROVED" not in out and "CV-KEPT" not in out
    assert "1 checklist(s) past their retention period" in err
    assert DRAFT_WORDS not in out + err
    assert cli(aged, monkeypatch, "supervisor", "list") == 3
    assert "refused: A supervisor cannot list or erase" in capsys.readouterr().err


def test_retention_erase_asks_first_and_names_what_it_erased(aged, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no terminal, no --yes
    assert cli(aged, monkeypatch, "administrator", "erase", str(aged.draft)) == 2
    assert "needs a confirmation" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", Terminal("no\n"))
    assert cli(aged, monkeypatch, "administrator", "erase", str(aged.draft)) == 2
    assert "not confirmed; nothing was erased" in capsys.readouterr().err
    with open_store(aged.path) as opened:
        assert opened.load(aged.draft).get(WORDS) == DRAFT_WORDS
    monkeypatch.setattr(sys, "stdin", Terminal("erase\n"))
    assert cli(aged, monkeypatch, "administrator", "erase", str(aged.draft)) == 0
    out, err = capsys.readouterr()
    assert "Erase these 1 checklist(s)" in err and "cannot be undone" in err
    assert f"Erased checklist {aged.draft} (CV-DRAFT <&> 1), draft" in out
    assert "under retention_days.draft = 90 days: audit entry" in out
    assert traces(aged.path) == [APPROVED_WORDS, RETURN_REASON]
    assert cli(aged, monkeypatch, "administrator", "erase", str(aged.draft), "--yes") == 2
    assert f"No checklist with id {aged.draft}" in capsys.readouterr().err
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES["administrator"])
    assert main(["--db", str(aged.path), "audit", "verify"]) == 0


def test_retention_erase_refuses_what_is_not_past_its_period(aged, monkeypatch, capsys):
    code = cli(aged, monkeypatch, "administrator", "erase", str(aged.draft), str(aged.approved),
               "--yes")  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "CV-APPROVED <Łąkowa> 2) is not past its retention period" in err
    assert "retention_days.approved" in err and "Nothing was erased." in err
    assert cli(aged, monkeypatch, "officer", "erase", str(aged.draft), "--yes") == 3
    with open_store(aged.path) as opened:
        assert opened.load(aged.draft).get(WORDS) == DRAFT_WORDS
    assert cli(aged, monkeypatch, "administrator", "purge") == 0
    assert "rewritten" in capsys.readouterr().out
