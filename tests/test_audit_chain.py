"""The tamper-evident audit trail, attacked as someone with the file and plain sqlite3 would:
every entry edited, deleted, inserted or reordered, and every checklist, kept version, review
or account changed behind the app's back, is reported by verify (naming what was touched);
the triggers refuse in-place changes; an upgraded schema-4 file verifies; and a witness
taken outside the file catches a chain rewritten from scratch."""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from officer_app import interchange, review, store, workflow
from officer_app.accounts import passwords
from officer_app.checklist import new_uid
from officer_app.store import audit
from officer_app.store.accounts_schema import locked_trigger_sql
from officer_app.store.driver import sqlite
from tests.conftest import VALID_EXAMPLE, add_accounts, open_store, raw_connection
from tests.test_permissions import all_yes, start

PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
CHAIN = settings(
    phases=PHASES,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
ENTRY_FIELDS = ("at", "actor", "action", "checklist_id", "detail", "content_hash",
                "record_hash", "subject", "prev_hash", "hash")  # fmt: skip
OWN_WORDS = "$.children[1].own_words"
DISABLED = "pc.zawieszony"
_copies = itertools.count()


@dataclass(frozen=True)
class Base:
    """The populated file: checklist 1 approved and exported (returned once on the way),
    2 submitted by another officer, 3 a draft; a disabled account; `entries` in the log."""

    path: Path
    approved: int
    submitted: int
    draft: int
    entries: int
    reference: str


@pytest.fixture(scope="module")
def base(tmp_path_factory, library) -> Base:
    path = tmp_path_factory.mktemp("chain") / "base.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        with open_store(path, actor="maintenance") as st_:
            users = add_accounts(st_)
            example = interchange.read_file(VALID_EXAMPLE, library)
            st_.sign_in(users["officer"])
            first = start(st_, example, "CV-0412 <Łąkowa> & Co")
            workflow.submit(st_, first, library)
            st_.sign_in(users["supervisor"])
            reasons = [("children[1].own_words", "Verbatim")]
            review.return_for_changes(st_, st_.load(first.id), reasons)
            st_.sign_in(users["officer"])
            first = st_.load(first.id)
            first.set("children[1].own_words", "Tata <popchnął> mamę & mama płakała.")
            st_.save(first)
            workflow.submit(st_, first, library)
            st_.sign_in(users["supervisor"])
            review.approve(st_, st_.load(first.id), library, agreed_grade="high", items=all_yes())
            st_.record("view", first.id, "review screen")
            st_.sign_in(users["administrator"])
            st_.add_user(DISABLED, "officer", "Hasło <&> 2026")
            st_.set_disabled(DISABLED)
            what = "PDF referral to MASH <Coventry> & Co"
            st_.disclose(first.id, what, lambda head: b"%PDF", _deliver)
            st_.sign_in(users["officer2"])
            second = start(st_, example, "CV-OKAFOR")
            workflow.submit(st_, second, library)
            st_.sign_in(users["officer"])
            third = start(st_, example, "CV-DRAFT")
            st_.sign_in(None)
            found = st_.verify_audit()
            assert found.ok, found.problems
    return Base(path, first.id, second.id, third.id, found.entries, "CV-0412 <Łąkowa> & Co")


def _deliver(payload: bytes) -> Iterator[None]:
    yield


def copy_of(base: Base, folder: Path) -> Path:
    """A private copy of the populated file (one per test, or per hypothesis example)."""
    target = folder / f"copy-{next(_copies)}.sqlite"
    shutil.copy(base.path, target)
    return target


@contextmanager
def attacker(path: Path, *drop: str) -> Iterator[sqlite.Connection]:
    """Plain sqlite3 on the file, with the named triggers dropped first, committed at the end."""
    conn = raw_connection(path)
    try:
        for trigger in drop:
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        yield conn
        conn.commit()
    finally:
        conn.close()


def problems(path: Path) -> list[str]:
    with open_store(path) as opened:
        return opened.verify_audit().problems


def entry_row(path: Path, entry_id: int) -> tuple:
    with raw_connection(path) as conn:
        return conn.execute(
            f"SELECT {audit.ENTRY_COLUMNS} FROM audit_log WHERE id = ?", [entry_id]
        ).fetchone()


def rechain(conn: sqlite.Connection) -> None:
    """What a capable attacker does after an edit: recompute every prev_hash and hash."""
    prev = audit.GENESIS
    rows = conn.execute(f"SELECT {audit.ENTRY_COLUMNS} FROM audit_log ORDER BY id").fetchall()
    for row in rows:
        digest = audit.entry_hash(prev, row[:9])
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, row[0]]
        )
        prev = digest


def names(found: list[str], what: str) -> bool:
    return any(what in problem for problem in found)


# ---------------------------------------------------------------- an untouched file


def test_a_fresh_chain_verifies(base, tmp_path):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:
        found = opened.verify_audit()
        log = opened.audit_log()
    assert found.ok and found.problems == []
    assert found.entries == len(log) == base.entries
    assert found.head == audit.Head(log[-1].id, log[-1].hash)
    assert [e.id for e in log] == list(range(1, len(log) + 1))
    assert log[0].prev_hash == audit.GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(log))
    assert {"create", "submit", "return", "approve", "view", "export", "account disable"} <= {
        e.action for e in log
    }


def test_an_empty_file_verifies_with_the_genesis_head(tmp_path):
    with open_store(tmp_path / "empty.sqlite") as opened:
        found = opened.verify_audit()
        assert found.ok and found.entries == 0
        assert found.head == audit.Head(0, audit.GENESIS)
        assert opened.check_witness(found.head) is None


@CHAIN
@given(details=st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_entries_written_by_the_app_verify(base, tmp_path, details):
    path = copy_of(base, tmp_path)
    with open_store(path, actor="pc.<ł>&") as opened:
        for detail in details:
            opened.record("view", base.approved, detail)
        assert opened.verify_audit().ok
        assert opened.audit_log()[-1].detail == details[-1]


# ---------------------------------------------------------------- the log itself


@CHAIN
@given(data=st.data())
def test_an_edited_entry_is_named(base, tmp_path, data):
    path = copy_of(base, tmp_path)
    entry_id = data.draw(st.integers(1, base.entries), label="entry")
    column = data.draw(st.sampled_from(ENTRY_FIELDS), label="column")
    old = entry_row(path, entry_id)[1 + ENTRY_FIELDS.index(column)]
    new = data.draw(
        st.one_of(st.text(max_size=20), st.integers(-5, 50)).filter(lambda v: v != old),
        label="value",
    )
    with attacker(path, "audit_log_no_update") as conn:
        conn.execute(f"UPDATE audit_log SET {column} = ? WHERE id = ?", [new, entry_id])
    found = problems(path)
    assert names(found, f"Entry {entry_id} "), found


def test_an_edited_detail_is_reported_as_that_entry_changed(base, tmp_path):
    path = copy_of(base, tmp_path)
    with attacker(path, "audit_log_no_update") as conn:
        conn.execute(
            "UPDATE audit_log SET detail = 'PDF referral to nobody' WHERE action = 'export'"
        )
        export_id = conn.execute("SELECT id FROM audit_log WHERE action = 'export'").fetchone()[0]
    found = problems(path)
    assert found[0].startswith(f"Entry {export_id} (export by a.łuczak at ")
    assert found[0].endswith("was changed after it was written.")


@CHAIN
@given(data=st.data())
def test_a_deleted_entry_in_the_middle_is_named(base, tmp_path, data):
    path = copy_of(base, tmp_path)
    entry_id = data.draw(st.integers(1, base.entries - 1), label="entry")
    with attacker(path, "audit_log_no_delete") as conn:
        conn.execute("DELETE FROM audit_log WHERE id = ?", [entry_id])
    found = problems(path)
    assert found[0] == (
        f"Entry {entry_id} is missing: entry {entry_id + 1} follows entry {entry_id - 1} "
        "(entries were deleted or renumbered)."
    )


def test_a_deleted_last_entry_is_caught_by_a_witness_taken_before(base, tmp_path):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:
        witness = opened.verify_audit().head  # e.g. carried by an export
    with attacker(path, "audit_log_no_delete") as conn:
        conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    with open_store(path) as opened:
        assert opened.verify_audit().entries == base.entries - 1
        assert opened.check_witness(witness) == (
            f"Entry {witness.position}, witnessed by the export, is no longer in the log."
        )


@CHAIN
@given(
    data=st.data(),
    actor=st.text(min_size=1, max_size=20),
    detail=st.text(max_size=40),
    forge=st.booleans(),
)
def test_an_inserted_entry_is_named(base, tmp_path, data, actor, detail, forge):
    """Between two entries (later ones renumbered); `forge`: its hash made correctly."""
    path = copy_of(base, tmp_path)
    after = data.draw(st.integers(1, base.entries - 1), label="after")
    with attacker(path, "audit_log_no_update") as conn:
        conn.execute("UPDATE audit_log SET id = -id WHERE id > ?", [after])
        conn.execute("UPDATE audit_log SET id = 1 - id WHERE id < 0")
        prev = conn.execute("SELECT hash FROM audit_log WHERE id = ?", [after]).fetchone()[0]
        fields = (after + 1, "2026-11-22T03:00:00+00:00", actor, "view", 1, detail, "", "", "")
        digest = audit.entry_hash(prev, fields) if forge else "f" * 64
        conn.execute(
            f"INSERT INTO audit_log ({audit.ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [*fields, prev, digest],
        )
    found = problems(path)
    assert names(found, f"Entry {after + 1} ") or names(found, f"Entry {after + 2} "), found


def test_an_entry_added_at_the_end_with_a_made_up_hash_is_named(base, tmp_path):
    path = copy_of(base, tmp_path)
    last = entry_row(path, base.entries)
    with attacker(path) as conn:
        conn.execute(
            f"INSERT INTO audit_log ({audit.ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [base.entries + 1, last[1], "sgt.nowak", "approve", 2, "", "", "", "", last[10],
             "0" * 64],
        )  # fmt: skip
    found = problems(path)
    assert found == [
        f"Entry {base.entries + 1} (approve by sgt.nowak at {last[1]}) was changed after it "
        "was written."
    ]


@CHAIN
@given(data=st.data())
def test_two_swapped_entries_are_named(base, tmp_path, data):
    path = copy_of(base, tmp_path)
    first = data.draw(st.integers(1, base.entries - 1), label="first")
    second = data.draw(st.integers(first + 1, base.entries), label="second")
    with attacker(path, "audit_log_no_update") as conn:
        conn.execute("UPDATE audit_log SET id = 0 WHERE id = ?", [first])
        conn.execute("UPDATE audit_log SET id = ? WHERE id = ?", [first, second])
        conn.execute("UPDATE audit_log SET id = ? WHERE id = 0", [second])
    found = problems(path)
    assert names(found, f"Entry {first} "), found
    assert names(found, f"Entry {second} "), found


# ---------------------------------------------------------------- checklists


def checklist_named(base: Base, checklist_id: int) -> str:
    if checklist_id == base.approved:
        return f"Checklist {checklist_id} ({base.reference}) was changed outside the app"
    return f"Checklist {checklist_id} "


@pytest.mark.parametrize(
    ("which", "sql", "params"),
    [
        ("approved", f"UPDATE checklists SET data = json_set(data, '{OWN_WORDS}', ?)", ["Nic."]),
        ("submitted", f"UPDATE checklists SET data = json_set(data, '{OWN_WORDS}', ?)", ["Nic."]),
        ("draft", f"UPDATE checklists SET data = json_set(data, '{OWN_WORDS}', ?)", ["Nic."]),
        ("approved", "UPDATE checklists SET data = json_set(data, '$.risk.officer_grade', ?)",
         ["standard"]),
        ("submitted", "UPDATE checklists SET state = ?", ["approved"]),  # the trigger allows it
        ("approved", "UPDATE checklists SET state = ?", ["draft"]),
        ("draft", "UPDATE checklists SET state = ?", ["approved"]),
        ("approved", "UPDATE checklists SET owner = ?", ["pc.okafor"]),
        ("approved", "UPDATE checklists SET submitted_at = ?", ["2026-11-23T09:00:00+00:00"]),
    ],
)  # fmt: skip
def test_a_checklist_changed_directly_is_named(base, tmp_path, which, sql, params):
    path = copy_of(base, tmp_path)
    checklist_id = getattr(base, which)
    with attacker(path, "checklists_locked") as conn:
        conn.execute(f"{sql} WHERE id = ?", [*params, checklist_id])
    found = problems(path)
    assert names(found, checklist_named(base, checklist_id)), found
    assert names(found, "was changed outside the app: its answers or state differ"), found


@pytest.mark.parametrize(
    ("column", "value"),
    [("risk_grade", "standard"), ("children", '["Someone Else"]'), ("reference", "CV-FAKE"),
     ("address", "Elsewhere <&>")],
)  # fmt: skip
def test_a_summary_column_changed_directly_is_named(base, tmp_path, column, value):
    """What the list and the queue show (the risk grade, the names) is read from these."""
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute(f"UPDATE checklists SET {column} = ? WHERE id = ?", [value, base.approved])
    found = problems(path)
    assert names(found, f"Checklist {base.approved} "), found


def test_a_checklist_put_into_the_file_directly_is_named(base, tmp_path):
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(checklists)") if r[1] != "id"]
        listed = ", ".join(columns)
        conn.execute(
            f"INSERT INTO checklists ({listed}) SELECT {listed.replace('uid', '?', 1)}"
            " FROM checklists WHERE id = ?",
            [new_uid(), base.approved],
        )
        new_id = conn.execute("SELECT max(id) FROM checklists").fetchone()[0]
    found = problems(path)
    assert found == [
        f"Checklist {new_id} ({base.reference}) has no audit entry: it was put into the file "
        "directly."
    ]


@pytest.mark.parametrize("which", ["approved", "submitted", "draft"])
def test_a_checklist_deleted_directly_is_named(base, tmp_path, which):
    path = copy_of(base, tmp_path)
    checklist_id = getattr(base, which)
    with attacker(path, "checklists_no_delete") as conn:
        conn.execute("DELETE FROM checklists WHERE id = ?", [checklist_id])
    assert f"Checklist {checklist_id} was deleted outside the app." in problems(path)


# ---------------------------------------------------------------- kept versions and reviews


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        (f"UPDATE checklist_versions SET data = json_set(data, '{OWN_WORDS}', ?)", ["Nic."]),
        ("UPDATE checklist_versions SET state = ?", ["draft"]),
        ("UPDATE checklist_versions SET owner = ?", ["pc.okafor"]),
    ],
)
def test_a_kept_version_changed_directly_is_named(base, tmp_path, sql, params):
    path = copy_of(base, tmp_path)
    with attacker(path, "checklist_versions_no_update") as conn:
        version = conn.execute(
            "SELECT min(version) FROM checklist_versions WHERE checklist_id = ?", [base.approved]
        ).fetchone()[0]
        conn.execute(
            f"{sql} WHERE checklist_id = ? AND version = ?", [*params, base.approved, version]
        )
    assert problems(path) == [
        f"Kept version {version} of checklist {base.approved} was changed or added outside the app."
    ]


def test_a_kept_version_added_directly_is_named(base, tmp_path):
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute(
            "INSERT INTO checklist_versions SELECT checklist_id, 99, at, actor, action, uid,"
            " owner, 'approved', definition_id, definition_version, risk_tool_id,"
            " risk_tool_version, created_at, submitted_at, data FROM checklist_versions"
            " WHERE checklist_id = ? LIMIT 1",
            [base.submitted],
        )
    assert problems(path) == [
        f"Kept version 99 of checklist {base.submitted} was changed or added outside the app."
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [("decision", "return"), ("agreed_grade", "standard"), ("reviewer", "sgt.ktoś"),
     ("note", "Approved <really> & truly"), ("items", "{}"), ("checklist_version", 1)],
)  # fmt: skip
def test_a_review_changed_directly_is_named(base, tmp_path, column, value):
    path = copy_of(base, tmp_path)
    with attacker(path, "reviews_no_update") as conn:
        review_id = conn.execute(
            "SELECT id FROM reviews WHERE decision = 'approve' AND checklist_id = ?",
            [base.approved],
        ).fetchone()[0]
        conn.execute(f"UPDATE reviews SET {column} = ? WHERE id = ?", [value, review_id])
    assert problems(path) == [
        f"Review {review_id} of checklist {base.approved} was changed or added outside the app."
    ]


def test_a_review_added_directly_is_named(base, tmp_path):
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute(
            "INSERT INTO reviews (checklist_id, checklist_version, reviewer, at, decision,"
            " agreed_grade) VALUES (?, 2, 'sgt.nowak', '2026-11-22T03:00:00+00:00', 'approve',"
            " 'standard')",
            [base.submitted],
        )
        review_id = conn.execute("SELECT max(id) FROM reviews").fetchone()[0]
    assert problems(path) == [
        f"Review {review_id} of checklist {base.submitted} was changed or added outside the app."
    ]


@pytest.mark.parametrize("action", ["submit", "return", "approve"])
def test_a_kept_version_deleted_directly_is_named(base, tmp_path, action):
    path = copy_of(base, tmp_path)
    with attacker(path, "checklist_versions_no_delete") as conn:
        conn.execute(
            "DELETE FROM checklist_versions WHERE checklist_id = ? AND action = ?"
            " AND version = (SELECT max(version) FROM checklist_versions WHERE action = ?"
            " AND checklist_id = ?)",
            [base.approved, action, action, base.approved],
        )
        entry_id = conn.execute(
            "SELECT max(id) FROM audit_log WHERE action = ? AND checklist_id = ?",
            [action, base.approved],
        ).fetchone()[0]
    assert problems(path) == [
        f"The version of checklist {base.approved} kept by entry {entry_id} is missing: it was "
        "deleted outside the app."
    ]


@pytest.mark.parametrize("decision", ["return", "approve"])
def test_a_review_deleted_directly_is_named(base, tmp_path, decision):
    path = copy_of(base, tmp_path)
    with attacker(path, "reviews_no_delete") as conn:
        conn.execute("DELETE FROM reviews WHERE decision = ?", [decision])
        entry_id = conn.execute("SELECT id FROM audit_log WHERE action = ?", [decision]).fetchone()[
            0
        ]
    assert problems(path) == [
        f"The review of checklist {base.approved} recorded by entry {entry_id} is missing: it was "
        "deleted outside the app."
    ]


# ---------------------------------------------------------------- accounts


@pytest.mark.parametrize(
    ("sql", "params", "name"),
    [
        ("UPDATE users SET role = 'administrator' WHERE name = ?", ["pc.okafor"], "pc.okafor"),
        ("UPDATE users SET role = 'supervisor' WHERE name = ?", ["pc.krężołek"], "pc.krężołek"),
        ("UPDATE users SET disabled = 0 WHERE name = ?", [DISABLED], DISABLED),
        ("UPDATE users SET disabled = 1 WHERE name = ?", ["sgt.nowak"], "sgt.nowak"),
        ("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE name ="
         " 'pc.okafor') WHERE name = ?", ["a.łuczak"], "a.łuczak"),
        ("INSERT INTO users (name, role, password_hash, created_at) SELECT ?, 'administrator',"
         " password_hash, created_at FROM users WHERE name = 'pc.okafor'", ["x.<nowy>&"],
         "x.<nowy>&"),
    ],
)  # fmt: skip
def test_an_account_changed_directly_is_named(base, tmp_path, sql, params, name):
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute(sql, params)
    assert problems(path) == [
        f"The account {name} was changed or added outside the app (its role, password or "
        "status differ from the last account entry)."
    ]


def test_an_account_deleted_directly_is_named(base, tmp_path):
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute("DELETE FROM users WHERE name = 'pc.krężołek'")
    assert problems(path) == ["The account pc.krężołek was deleted outside the app."]


def test_a_lockout_cleared_directly_is_not_an_account_change(base, tmp_path):
    """The count of wrong passwords and the lock are not part of an account's record."""
    path = copy_of(base, tmp_path)
    with attacker(path) as conn:
        conn.execute("UPDATE users SET failed_logins = 3, locked_until = '' ")
    assert problems(path) == []


# ---------------------------------------------------------------- the triggers


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3",
        "DELETE FROM audit_log WHERE id = 3",
        "DELETE FROM audit_log",
        "UPDATE checklist_versions SET data = '{}'",
        "DELETE FROM checklist_versions",
        "UPDATE reviews SET decision = 'return'",
        "DELETE FROM reviews",
        "DELETE FROM checklists WHERE id = 1",
    ],
)
def test_the_triggers_refuse_changes_in_place(base, tmp_path, sql):
    path = copy_of(base, tmp_path)
    with raw_connection(path) as conn, pytest.raises(sqlite.IntegrityError):
        conn.execute(sql)
    assert problems(path) == []


@pytest.mark.parametrize("which", ["approved", "submitted"])
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE checklists SET data = json_set(data, '{OWN_WORDS}', 'Nic.')",
        "UPDATE checklists SET data = json_set(data, '$.risk.officer_grade', 'standard')",
        "UPDATE checklists SET owner = 'pc.ktoś'",
        "UPDATE checklists SET uid = 'another'",
        "UPDATE checklists SET submitted_at = ''",
    ],
)
def test_the_triggers_refuse_changing_a_submitted_or_approved_checklist(base, tmp_path, which, sql):
    path = copy_of(base, tmp_path)
    with (
        raw_connection(path) as conn,
        pytest.raises(sqlite.IntegrityError, match="cannot be changed in place"),
    ):
        conn.execute(f"{sql} WHERE id = ?", [getattr(base, which)])
    assert problems(path) == []


@pytest.mark.parametrize(
    ("which", "target"),
    [("submitted", "draft"), ("submitted", "sent"), ("approved", "submitted"),
     ("approved", "returned")],
)  # fmt: skip
def test_the_triggers_refuse_an_illegal_change_of_state(base, tmp_path, which, target):
    path = copy_of(base, tmp_path)
    with raw_connection(path) as conn, pytest.raises(sqlite.IntegrityError):
        conn.execute("UPDATE checklists SET state = ? WHERE id = ?", [target, getattr(base, which)])


def test_the_trigger_lets_a_draft_change_and_the_store_make_each_transition(
    base, tmp_path, library
):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:  # maintenance access
        draft = opened.load(base.draft)
        draft.set("children[1].own_words", "Tata <krzyczał> & mama płakała.")
        opened.save(draft)
        workflow.submit(opened, draft, library)
        review.return_for_changes(opened, draft, [("", "Check the times")])
        workflow.submit(opened, draft, library)
        review.approve(opened, draft, library, agreed_grade="high", items=all_yes())
        draft.state = "sent"
        opened.save(draft, action="send", detail="to the MASH")
        review.amend(opened, draft, "A name was misspelt")
        assert opened.load(base.draft).state == "draft"
        assert [v.action for v in opened.versions(base.draft)] == [
            "submit", "return", "submit", "approve", "send", "amend",
        ]  # fmt: skip
        assert opened.verify_audit().ok


def test_the_locked_trigger_is_built_from_the_state_module():
    sql = locked_trigger_sql()
    assert "('submitted', 'approved')" in sql and "('sent', 'draft')" in sql
    assert "('submitted', 'draft')" not in sql
    assert "NEW.data IS NOT OLD.data" in sql


# ---------------------------------------------------------------- an upgraded file


def make_v4_file(path: Path, library) -> None:
    """A schema-4 file built by the real migrations: two checklists (one submitted) whose
    summary columns an older version filled its own way (only the reference, padded), and an
    audit log with a gap in its ids, as older versions wrote it."""
    db = Database(raw_connection(path))
    assert store.migrate(db, target=4) == 4
    example = interchange.read_file(VALID_EXAMPLE, library)
    for state in ("submitted", "draft"):
        example.set("incident.reference", f"CV-OLD <{state}> &")
        db.execute(
            "INSERT INTO checklists (uid, definition_id, definition_version, risk_tool_id,"
            " risk_tool_version, state, version, created_at, updated_at, submitted_at,"
            " reference, data) VALUES (?, ?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?)",
            [new_uid(), example.definition_id, example.definition_version,
             example.risk_tool_id, example.risk_tool_version, state, example.created_at,
             example.updated_at, example.submitted_at if state == "submitted" else "",
             f" CV-OLD <{state}> & ", json.dumps(example.data, ensure_ascii=False)],
        )  # fmt: skip
    for entry_id, action, checklist_id in ((1, "create", 1), (2, "submit", 1), (5, "view", 2)):
        db.execute(
            "INSERT INTO audit_log (id, at, actor, action, checklist_id, detail)"
            " VALUES (?, '2026-11-22T01:00:00+00:00', 'PC 4471 Łuczak', ?, ?, 'old <&>')",
            [entry_id, action, checklist_id],
        )
    db.conn.commit()
    db.close()


def test_a_schema_4_file_verifies_after_the_upgrade(tmp_path, library):
    path = tmp_path / "old.sqlite"
    make_v4_file(path, library)
    with open_store(path) as opened:
        assert opened.backup is not None
        found = opened.verify_audit()
        assert found.ok, found.problems
        log = opened.audit_log()
        assert [(e.id, e.action, e.checklist_id) for e in log] == [
            (1, "create", 1), (2, "submit", 1), (3, "view", 2), (4, "seal", 1), (5, "seal", 2),
        ]  # fmt: skip
        assert log[0].detail == "old <&>" and log[0].actor == "PC 4471 Łuczak"
        assert log[3].content_hash == audit.stored_content_hash(opened._db.conn, 1)
        assert [r.reference for r in opened.list()] == ["CV-OLD <draft> &", "CV-OLD <submitted> &"]
        assert opened.list(search="łuczak")  # the summary was filled in at the upgrade
        old_draft = opened.load(2)
        old_draft.set("children[1].own_words", "Tata <krzyczał>.")
        opened.save(old_draft)
        assert opened.verify_audit().ok
    with raw_connection(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        with pytest.raises(sqlite.IntegrityError):  # the upgraded file has the triggers
            conn.execute("UPDATE checklists SET data = '{}' WHERE id = 1")
        conn.execute("DROP TRIGGER checklists_locked")
        conn.execute(f"UPDATE checklists SET data = json_set(data, '{OWN_WORDS}', 'Nic.')"
                     " WHERE id = 1")  # fmt: skip
    assert names(problems(path), "Checklist 1 (CV-OLD <submitted> &) was changed outside")


def test_an_old_entry_edited_after_the_upgrade_is_named(tmp_path, library):
    path = tmp_path / "old.sqlite"
    make_v4_file(path, library)
    open_store(path).close()
    with attacker(path, "audit_log_no_update") as conn:
        conn.execute("UPDATE audit_log SET actor = 'nobody' WHERE id = 2")
    assert names(problems(path), "Entry 2 (submit by nobody")


# ---------------------------------------------------------------- the witness


def test_a_witness_of_an_untouched_chain_is_ok_then_and_later(base, tmp_path):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:
        early = audit.Head(3, opened.audit_log()[2].hash)
        witness = opened.verify_audit().head
        assert opened.check_witness(witness) is None
        assert opened.check_witness(early) is None
        opened.record("view", base.approved, "later work")
        assert opened.check_witness(witness) is None


def test_an_exports_witness_is_the_head_before_its_entry(base, tmp_path):
    path = copy_of(base, tmp_path)
    with open_store(path, actor="a.łuczak") as opened:
        before = opened.verify_audit().head
        carried = []
        done = opened.disclose(
            base.approved,
            "JSON to MASH <Coventry> & Co",
            lambda head: carried.append(head) or head.text().encode(),
            _deliver,
        )
        assert carried == [before] == [done.witness]
        assert done.entry.position == before.position + 1
        assert opened.audit_log()[-1].record_hash == done.sha256
        assert opened.check_witness(done.witness) is None


@CHAIN
@given(data=st.data())
def test_a_rewritten_chain_passes_verify_but_not_the_witness(base, tmp_path, data):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:
        witness = opened.verify_audit().head
    entry_id = data.draw(st.integers(1, witness.position), label="entry")
    detail = data.draw(st.text(max_size=30), label="detail")
    with attacker(path, "audit_log_no_update") as conn:
        old = conn.execute("SELECT detail FROM audit_log WHERE id = ?", [entry_id]).fetchone()[0]
        conn.execute(
            "UPDATE audit_log SET detail = ? WHERE id = ?", [detail + " (rewritten)", entry_id]
        )
        rechain(conn)
    assert old != detail + " (rewritten)"
    with open_store(path) as opened:
        assert opened.verify_audit().ok  # the chain itself is consistent again
        assert opened.check_witness(witness) == (
            f"Entry {witness.position} is not the one the export witnessed: the log was "
            "rewritten after the export."
        )


def test_a_witness_past_the_end_of_a_truncated_and_rechained_log_is_reported(base, tmp_path):
    path = copy_of(base, tmp_path)
    with open_store(path) as opened:
        witness = opened.verify_audit().head
    with attacker(path, "audit_log_no_delete", "audit_log_no_update") as conn:
        conn.execute("DELETE FROM audit_log WHERE id > ?", [witness.position - 3])
        rechain(conn)
    with open_store(path) as opened:
        assert "is no longer in the log" in opened.check_witness(witness)
