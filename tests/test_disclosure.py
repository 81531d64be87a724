"""Exports are disclosures: the audit entry is committed before anything leaves, every export
carries the audit chain's head (its witness), and a locked or full database leaves no file
and prints nothing. Through the core API and the real command line."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from officer_app import disclosure, review, workflow
from officer_app.cli import main
from officer_app.permissions import PermissionDenied
from officer_app.review.items import supervisor_checklist
from officer_app.settings import load_settings
from officer_app.store import Store, StoreError
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, open_store, raw_connection

ALL_YES = {item.id: {"answer": "yes"} for item in supervisor_checklist().items}


@pytest.fixture
def approved(tmp_path, valid_checklist, library):
    """(database path, id) of a checklist an officer submitted and a supervisor approved;
    the child's words carry markup characters."""
    path = tmp_path / "Łuczak & <co>.sqlite"
    with open_store(path) as store:
        users = add_accounts(store)
        store.sign_in(users["officer"])
        valid_checklist.state, valid_checklist.submitted_at = "draft", ""
        valid_checklist.set("children[0].own_words", "Tata krzyczy <głośno> & ja się boję.")
        store.save(valid_checklist)
        workflow.submit(store, valid_checklist, library)
        store.sign_in(users["supervisor"])
        grade = valid_checklist.get("risk.officer_grade")
        review.approve(store, valid_checklist, library, agreed_grade=grade, items=ALL_YES)
    return path, valid_checklist.id


def admin_store(path) -> Store:
    store = open_store(path)
    store.login(ACCOUNT_NAMES["administrator"], PASSWORD)
    return store


def exports(store: Store) -> list:
    return [e for e in store.audit_log() if e.action == "export"]


def test_a_referral_carries_the_head_and_its_entry_the_files_hash(approved, tmp_path, library):
    path, checklist_id = approved
    out = tmp_path / "referral <Łuczak>.pdf"
    with admin_store(path) as store:
        head_before = store.verify_audit().head
        done = disclosure.export_referral(
            store, checklist_id, out, library, load_settings(), recipient="MASH <Coventry> & Co"
        )
        (entry,) = exports(store)
        assert store.verify_audit().ok
    assert done.witness == head_before  # the file witnesses the chain as it was
    assert disclosure.read_witness(out) == head_before
    assert entry.record_hash == done.sha256
    import hashlib

    assert hashlib.sha256(out.read_bytes()).hexdigest() == done.sha256
    assert "MASH <Coventry> & Co" in entry.detail and str(out.resolve()) in entry.detail
    assert "officer-app-audit position=" in PdfReader(out).metadata["/Keywords"]
    page_one = PdfReader(out).pages[0].extract_text()
    assert f"Approved by {ACCOUNT_NAMES['supervisor']}" in page_one
    assert "(agreed by the supervisor)" in page_one


def test_json_carries_the_witness_and_still_imports(approved, tmp_path, library):
    path, checklist_id = approved
    out = tmp_path / "checklist.json"
    with admin_store(path) as store:
        done = disclosure.export_json(store, checklist_id, out)
    document = json.loads(out.read_text("utf-8"))
    assert document["audit"] == {"position": done.witness.position, "head": done.witness.hash}
    with open_store(tmp_path / "other.sqlite") as other:
        users = add_accounts(other)
        other.sign_in(users["officer"])
        document["uid"] = "another-uid"
        out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        workflow.import_file(other, out, library)
        assert other.list()[0].children == ("Kacper Łuczak", "Amelia Krężołek")


def test_only_an_approved_checklist_becomes_a_referral(tmp_path, valid_checklist, library):
    with open_store(tmp_path / "s.sqlite") as store:
        users = add_accounts(store)
        store.sign_in(users["officer"])
        valid_checklist.state, valid_checklist.submitted_at = "draft", ""
        store.save(valid_checklist)
        workflow.submit(store, valid_checklist, library)
        store.sign_in(None)  # even the maintenance access cannot send an unapproved one
        with pytest.raises(disclosure.DisclosureError, match="only a checklist a supervisor"):
            disclosure.export_referral(
                store, valid_checklist.id, tmp_path / "r.pdf", library, load_settings()
            )
        for role in ("officer", "supervisor"):
            store.sign_in(users[role])
            with pytest.raises(PermissionDenied, match="only an administrator"):
                disclosure.export_json(store, valid_checklist.id, tmp_path / "x.json")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".json")) == []


def _hold_the_write_lock(path):
    other = raw_connection(path, timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    return other


@pytest.mark.parametrize("kind", ["pdf", "json file", "json printed"])
def test_a_locked_database_leaves_no_file_and_prints_nothing(
    approved, tmp_path, library, capsys, monkeypatch, kind
):
    path, checklist_id = approved
    out = tmp_path / ("r.pdf" if kind == "pdf" else "r.json")
    with admin_store(path) as store:
        store._db.conn.execute("PRAGMA busy_timeout = 200")  # fail in 0.2 s, not 5
        entries = len(store.audit_log())
        capsys.readouterr()
        other = _hold_the_write_lock(path)
        try:
            with pytest.raises(StoreError, match="Nothing was exported.*locked"):
                if kind == "pdf":
                    disclosure.export_referral(store, checklist_id, out, library, load_settings())
                else:
                    disclosure.export_json(
                        store, checklist_id, None if kind == "json printed" else out
                    )
        finally:
            other.rollback()
            other.close()
        assert len(store.audit_log()) == entries
    assert capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("Łuczak")] == []


def test_a_full_disk_during_export_leaves_no_file(approved, tmp_path, library, capsys):
    path, checklist_id = approved
    out = tmp_path / "r.json"
    with admin_store(path) as store:
        conn = store._db.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: disk full
        for size in (500, 50, 0):  # fill every page: the next entry needs a new one
            for _ in range(400):
                try:
                    store.record("view", checklist_id, "x" * size)
                except StoreError:
                    break
        with pytest.raises(StoreError, match="Nothing was exported.*full"):
            disclosure.export_json(store, checklist_id, out)
        with pytest.raises(StoreError, match="Nothing was exported.*full"):
            disclosure.export_json(store, checklist_id, None)
    assert capsys.readouterr().out == ""
    assert not out.exists() and not list(tmp_path.glob(".r.json*"))


def test_the_command_line_prints_nothing_when_the_entry_cannot_be_written(
    approved, tmp_path, capsys, monkeypatch
):
    path, checklist_id = approved
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES["administrator"])
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    monkeypatch.setattr("officer_app.store.opening.BUSY_TIMEOUT_MS", 200)
    other = _hold_the_write_lock(path)
    try:
        status = main(["--db", str(path), "export-json", str(checklist_id)])
    finally:
        other.rollback()
        other.close()
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "locked" in err and len(err.strip().splitlines()) == 1


def test_audit_verify_checks_a_witness_from_the_command_line(
    approved, tmp_path, capsys, monkeypatch
):
    path, checklist_id = approved
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES["administrator"])
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    pdf = tmp_path / "r.pdf"
    assert main(["--db", str(path), "referral", str(checklist_id), "--out", str(pdf)]) == 0
    assert main(["--db", str(path), "audit", "verify", "--witness", str(pdf)]) == 0
    assert "intact" in capsys.readouterr().out
    # a capable attacker edits an entry and recomputes the whole chain: verify alone passes,
    # the witness held outside the file does not
    from officer_app.store import audit

    with raw_connection(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2")
        prev = audit.GENESIS
        rows = conn.execute(
            "SELECT id, at, actor, action, checklist_id, detail, content_hash, record_hash,"
            " subject FROM audit_log ORDER BY id"
        ).fetchall()
        for row in rows:
            digest = audit.entry_hash(prev, row)
            conn.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, row[0]]
            )
            prev = digest
    assert main(["--db", str(path), "audit", "verify"]) == 0  # the rewrite is consistent
    capsys.readouterr()
    assert main(["--db", str(path), "audit", "verify", "--witness", str(pdf)]) == 1
    assert "WITNESS: Entry" in capsys.readouterr().out


def test_a_witness_also_proves_the_exports_own_entry(approved, tmp_path, capsys, monkeypatch):
    """The export carries the head before its own entry; `--witness` also finds that entry
    (the next one) and checks it records this very file."""
    path, checklist_id = approved
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES["administrator"])
    monkeypatch.setenv("OFFICER_APP_PASSWORD", PASSWORD)
    out = tmp_path / "c.json"
    assert main(["--db", str(path), "export-json", str(checklist_id), "--out", str(out)]) == 0
    assert main(["--db", str(path), "audit", "verify", "--witness", str(out)]) == 0
    changed = json.loads(out.read_text("utf-8"))
    changed["data"]["children"][0]["own_words"] = "All fine."
    out.write_text(json.dumps(changed, ensure_ascii=False, indent=2) + "\n", "utf-8")
    capsys.readouterr()
    assert main(["--db", str(path), "audit", "verify", "--witness", str(out)]) == 1
    assert "does not record this file" in capsys.readouterr().out


def test_an_approved_referral_gives_its_submission_time_as_such(approved, tmp_path, library):
    """The checklist keeps the submission's time; an approved referral once printed it as
    'Approved <that time>', hours before the supervisor approved it."""
    path, checklist_id = approved
    out = tmp_path / "r.pdf"
    with admin_store(path) as store:
        disclosure.export_referral(store, checklist_id, out, library, load_settings())
    page_one = PdfReader(out).pages[0].extract_text()
    assert "Approved (submitted " in page_one
