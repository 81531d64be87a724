"""The store: real SQLite files in tmp_path, nothing mocked."""

from __future__ import annotations

import getpass
import json
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from officer_app import paths, store
from officer_app.checklist import Checklist, new_uid
from officer_app.store import (
    SCHEMA_VERSION,
    ConflictError,
    DuplicateError,
    NotFoundError,
    StoreError,
)
from officer_app.text_search import like_pattern, normalise
from tests.conftest import open_store, raw_connection

# ---------------------------------------------------------------- helpers


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "officer-app.sqlite"


@pytest.fixture
def st(db_path):
    with open_store(db_path, actor="PC 4471") as opened:
        yield opened


def variant(
    base: Checklist,
    *,
    reference: str,
    address: str,
    postcode: str,
    call_time: str,
    child: str,
    state: str = "draft",
) -> Checklist:
    """A new, unsaved checklist from the example with other details."""
    c = base.copy()
    c.uid, c.id, c.version, c.state = new_uid(), None, 0, state
    c.set("incident.reference", reference)
    c.set("incident.address", address)
    c.set("incident.postcode", postcode)
    c.set("incident.call_time", call_time)
    c.set("children[0].name", child)
    del c.data["children"][1]
    c.data["adults"] = []
    c.data["incident"]["officers"] = []
    c.set("officer.name", "PC Lee Grant")
    return c


def stored_row(path: Path, checklist_id: int) -> tuple:
    with raw_connection(path) as conn:
        return conn.execute(
            "SELECT version, data FROM checklists WHERE id = ?", [checklist_id]
        ).fetchone()


def insert_v1_row(db: Database, checklist: Checklist, version: int) -> None:
    """`checklist` written into a schema-1 file the v1 way (its summary columns by hand)."""
    incident = checklist.data["incident"]
    db.execute(
        "INSERT INTO checklists (uid, definition_id, definition_version, risk_tool_id,"
        " risk_tool_version, state, version, created_at, updated_at, submitted_at, reference,"
        " incident_time, address, postcode, children_count, risk_grade, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            checklist.uid,
            checklist.definition_id,
            checklist.definition_version,
            checklist.risk_tool_id,
            checklist.risk_tool_version,
            checklist.state,
            version,
            checklist.created_at,
            checklist.updated_at,
            checklist.submitted_at,
            incident["reference"],
            incident["call_time"],
            incident["address"],
            incident["postcode"],
            len(checklist.data["children"]),
            checklist.data["risk"]["officer_grade"],
            json.dumps(checklist.data, ensure_ascii=False),
        ],
    )


def make_v1_file(path: Path, checklist: Checklist) -> None:
    """A schema-1 file built by the real migration, holding one row written the v1 way."""
    db = Database(raw_connection(path))
    assert store.migrate(db, target=1) == 1
    insert_v1_row(db, checklist, 3)
    db.close()


# ---------------------------------------------------------------- save and load


def test_a_saved_checklist_loads_back_equal_in_every_field(db_path, valid_checklist):
    with open_store(db_path) as st:
        st.save(valid_checklist)
    with open_store(db_path) as reopened:
        loaded = reopened.load(valid_checklist.id)
    assert loaded == valid_checklist
    assert loaded.data["children"][0]["name"] == "Kacper Łuczak"
    assert "Smith & Dawes" in loaded.data["incident"]["address"]


def test_markup_characters_and_accents_are_stored_as_typed(st, valid_checklist):
    valid_checklist.set("children[0].own_words", 'He said <stop> & "go away" — 14°C')
    st.save(valid_checklist)
    assert st.load(valid_checklist.id).get("children[0].own_words") == (
        'He said <stop> & "go away" — 14°C'
    )


def test_a_new_checklist_gets_an_id_and_version_1(st, valid_checklist):
    assert valid_checklist.id is None
    st.save(valid_checklist)
    assert isinstance(valid_checklist.id, int)
    assert valid_checklist.version == 1
    assert st.find_uid(valid_checklist.uid) == valid_checklist.id


def test_every_save_increments_the_version_and_sets_updated_at(st, valid_checklist):
    valid_checklist.state = "draft"  # only drafts are edited and saved again
    valid_checklist.updated_at = ""
    st.save(valid_checklist)
    valid_checklist.set("incident.reference", "CV-0412-221126/2")
    st.save(valid_checklist)
    st.save(valid_checklist)
    assert valid_checklist.version == 3
    assert valid_checklist.updated_at
    loaded = st.load(valid_checklist.id)
    assert (loaded.version, loaded.updated_at) == (3, valid_checklist.updated_at)
    assert loaded.get("incident.reference") == "CV-0412-221126/2"


def test_saving_a_stale_copy_is_refused_and_the_newer_save_is_kept(st, valid_checklist):
    valid_checklist.state = "draft"  # only drafts are edited and saved again
    st.save(valid_checklist)
    first, second = st.load(valid_checklist.id), st.load(valid_checklist.id)
    first.set("incident.postcode", "CV2 1AA")
    st.save(first)
    second.set("incident.postcode", "CV9 9ZZ")
    with pytest.raises(ConflictError) as caught:
        st.save(second)
    assert str(caught.value) == (
        f"Checklist {first.id} was changed elsewhere (saved version 2); your copy is version 1. "
        "Reopen it to see the newer version."
    )
    assert second.version == 1
    assert st.load(first.id) == first
    assert [e.action for e in st.audit_log(first.id)] == ["create", "update"]


def test_saving_a_checklist_that_is_not_stored_raises_not_found(st, valid_checklist):
    valid_checklist.id = 42
    with pytest.raises(NotFoundError, match="No checklist with id 42"):
        st.save(valid_checklist)
    assert st.count() == 0


def test_loading_an_unknown_id_raises_not_found(st):
    with pytest.raises(NotFoundError, match="No checklist with id 7"):
        st.load(7)


def test_a_second_checklist_with_a_stored_uid_is_refused(st, valid_checklist):
    st.save(valid_checklist)
    copy = valid_checklist.copy()
    copy.id, copy.version = None, 0
    with pytest.raises(DuplicateError) as caught:
        st.save(copy)
    assert caught.value.existing_id == valid_checklist.id
    assert str(valid_checklist.id) in str(caught.value)
    assert copy.id is None
    assert st.count() == 1
    assert len(st.audit_log()) == 1


def test_find_uid_of_an_unknown_uid_is_none(st):
    assert st.find_uid("no-such-uid") is None


def test_a_state_that_is_not_known_is_refused(st, valid_checklist):
    valid_checklist.state = "shredded"
    with pytest.raises(StoreError, match="'shredded' is not a checklist state"):
        st.save(valid_checklist)
    assert st.count() == 0


def test_a_save_that_cannot_encode_the_answers_writes_nothing(db_path, st, valid_checklist):
    st.save(valid_checklist)
    before = stored_row(db_path, valid_checklist.id)
    valid_checklist.set("children[0].witnessed", {"saw", "heard"})
    with pytest.raises(StoreError, match="cannot be saved"):
        st.save(valid_checklist)
    assert valid_checklist.version == 1
    assert stored_row(db_path, valid_checklist.id) == before
    assert len(st.audit_log()) == 1


def test_a_save_that_fails_after_its_first_write_leaves_nothing_half_written(
    db_path, st, valid_checklist
):
    valid_checklist.state = "draft"  # only drafts are edited and saved again
    st.save(valid_checklist)
    before = stored_row(db_path, valid_checklist.id)
    with raw_connection(db_path) as other:  # the audit write will fail, after the UPDATE
        other.execute(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit log refused'); END"
        )
    valid_checklist.set("incident.postcode", "CV9 9ZZ")
    with pytest.raises(StoreError, match="Nothing was saved .*audit log refused"):
        st.save(valid_checklist)
    assert valid_checklist.version == 1
    assert stored_row(db_path, valid_checklist.id) == before
    assert [e.action for e in st.audit_log()] == ["create"]
    with raw_connection(db_path) as other:
        other.execute("DROP TRIGGER refuse_audit")
    st.save(valid_checklist)
    assert st.load(valid_checklist.id).get("incident.postcode") == "CV9 9ZZ"


# ---------------------------------------------------------------- lists and search


@pytest.fixture
def three(st, valid_checklist):
    """The example (submitted) and two drafts, saved in a store; returns them by name."""
    example = valid_checklist
    hill = variant(
        example,
        reference="WK-100_5%",
        address="5 Hill Street, Leamington",
        postcode="CV32 4AA",
        call_time="2026-10-05T09:15",
        child="Zoë O'Brien",
    )
    park = variant(
        example,
        reference="WK-1005",
        address="12 Park Lane, Rugby",
        postcode="CV21 2AB",
        call_time="2026-12-01T00:30",
        child="Jan Kowalski",
    )
    for c in (example, hill, park):
        st.save(c)
    return {"example": example, "hill": hill, "park": park}


def refs(rows) -> list[str]:
    return [row.reference for row in rows]


def test_list_shows_newest_incident_first(st, three):
    assert refs(st.list()) == ["WK-1005", "CV-0412-221126", "WK-100_5%"]


def test_a_draft_without_a_call_time_comes_first(st, three, valid_checklist):
    fresh = variant(
        valid_checklist, reference="NEW", address="", postcode="", call_time="", child=""
    )
    st.save(fresh)
    assert refs(st.list())[0] == "NEW"


def test_list_rows_carry_the_summary_columns(st, three):
    row = st.list(search="luczak")[0]
    assert row.id == three["example"].id
    assert row.postcode == "CV1 5FB"
    assert row.incident_time == "2026-11-21T22:47"
    assert (row.children_count, row.risk_grade, row.state) == (2, "high", "submitted")
    assert row.definition == "child-da-attendance@2"
    # children first, as the form and the referral put them; officers are searchable only
    assert row.people == "Kacper Łuczak, Amelia Krężołek, Anna Łuczak, Marek Krężołek"
    assert refs(st.list(search="okafor")) == ["CV-0412-221126"]
    assert row.version == 1


def test_list_filters_by_state(st, three):
    assert refs(st.list(state="submitted")) == ["CV-0412-221126"]
    assert refs(st.list(state="draft")) == ["WK-1005", "WK-100_5%"]


def test_list_refuses_an_unknown_state(st, three):
    with pytest.raises(StoreError, match="'lost' is not a checklist state"):
        st.list(state="lost")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("luczak", ["CV-0412-221126"]),
        ("ŁUCZAK", ["CV-0412-221126"]),
        ("KREZOLEK", ["CV-0412-221126"]),
        ("krężołek", ["CV-0412-221126"]),
        ("kacper  luczak", ["CV-0412-221126"]),
        ("okafor", ["CV-0412-221126"]),
        ("WIŚNIEWSKI", ["CV-0412-221126"]),
        ("pc lee grant", ["WK-1005", "WK-100_5%"]),
        ("cv1 5fb", ["CV-0412-221126"]),
        ("CV15FB", ["CV-0412-221126"]),
        ("cv-0412", ["CV-0412-221126"]),
        ("lakowa", ["CV-0412-221126"]),
        ("Smith & Dawes", ["CV-0412-221126"]),
        ("zoe", ["WK-100_5%"]),
        ("o'brien", ["WK-100_5%"]),
        ("100_5%", ["WK-100_5%"]),
        ("%", ["WK-100_5%"]),
        ("_", ["WK-100_5%"]),
        ("park RUGBY", ["WK-1005"]),
        ("wk-100", ["WK-1005", "WK-100_5%"]),
        ("luczak rugby", []),
        ("", ["WK-1005", "CV-0412-221126", "WK-100_5%"]),
    ],
)
def test_search_matches_every_term_ignoring_case_and_accents(st, three, query, expected):
    assert refs(st.list(search=query)) == expected
    assert st.count(search=query) == len(expected)


def test_list_filters_by_call_date_inclusive(st, three):
    assert refs(st.list(date_from="2026-11-21", date_to="2026-11-21")) == ["CV-0412-221126"]
    assert refs(st.list(date_to="2026-11-30")) == ["CV-0412-221126", "WK-100_5%"]
    assert refs(st.list(date_from="2026-12-01")) == ["WK-1005"]
    assert refs(st.list(date_from="2026-11-22", date_to="2026-11-30")) == []


def test_a_date_not_written_as_iso_is_refused(st, three):
    with pytest.raises(StoreError, match="'21/11/2026' is not a date written as YYYY-MM-DD"):
        st.list(date_from="21/11/2026")


def test_filters_combine(st, three):
    assert st.count(state="draft", search="cv2", date_from="2026-11-01") == 1
    assert st.count(state="submitted", search="rugby") == 0


def test_limit_and_offset_page_through_the_list(st, three):
    assert refs(st.list(limit=2)) == ["WK-1005", "CV-0412-221126"]
    assert refs(st.list(limit=2, offset=2)) == ["WK-100_5%"]
    assert refs(st.list(offset=1)) == ["CV-0412-221126", "WK-100_5%"]


def test_count_counts_what_list_would_show(st, three):
    assert st.count() == 3
    assert st.count(state="draft") == 2


def test_search_text_follows_the_latest_save(st, three):
    park = three["park"]
    park.set("children[0].name", "Jan Wróbel")
    st.save(park)
    assert refs(st.list(search="wrobel")) == ["WK-1005"]
    assert refs(st.list(search="kowalski")) == []


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Łuczak", "luczak"),
        ("Krężołek", "krezolek"),
        ("Søren Ærø", "soren aero"),
        ("Đurić", "duric"),
        ("Straße", "strasse"),
        ("Œuvre", "oeuvre"),
        ("Işık", "isik"),
        ("Þór", "thor"),
        ("  Anna \t ŁUCZAK ", "anna luczak"),
    ],
)
def test_normalise_folds_case_and_accents_and_letters_nfkd_keeps(text, folded):
    assert normalise(text) == folded


def test_like_pattern_takes_wildcards_literally():
    assert like_pattern("5%_a\\") == "%5\\%\\_a\\\\%"


# ---------------------------------------------------------------- audit log


def test_create_update_and_recorded_actions_are_in_the_audit_log(st, valid_checklist):
    valid_checklist.state = "draft"  # only drafts are edited and saved again
    st.save(valid_checklist)
    st.save(valid_checklist)
    st.record("view", valid_checklist.id)
    st.record("export", valid_checklist.id, "MASH referral PDF to Coventry MASH")
    st.record("import", detail="3 files from USB")
    entries = st.audit_log(valid_checklist.id)
    assert [e.action for e in entries] == ["create", "update", "view", "export"]
    assert {e.actor for e in entries} == {"PC 4471"}
    assert {e.checklist_id for e in entries} == {valid_checklist.id}
    assert entries[3].detail == "MASH referral PDF to Coventry MASH"
    assert all(e.at for e in entries)
    assert [e.action for e in st.audit_log()] == ["create", "update", "view", "export", "import"]
    assert st.audit_log()[-1].checklist_id is None


def test_the_actor_defaults_to_the_os_user(db_path):
    with open_store(db_path) as st:
        st.record("view")
        assert st.audit_log()[0].actor == getpass.getuser()


def test_an_audit_entry_needs_an_action(st):
    with pytest.raises(StoreError, match="needs an action"):
        st.record("  ")


# ---------------------------------------------------------------- the file


def test_a_new_file_is_at_the_current_schema_in_wal_mode(db_path):
    open_store(db_path).close()
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert list(db_path.parent.glob("*backup*")) == []


def test_the_default_location_is_created_in_the_user_data_folder():
    path = paths.default_db_path()
    assert not path.parent.exists()
    with open_store(path) as st:
        assert st.path == path
    assert path.is_file()


def test_a_version_1_file_is_backed_up_then_upgraded_with_its_data(db_path, valid_checklist):
    valid_checklist.state = "draft"  # only drafts are edited and saved again
    make_v1_file(db_path, valid_checklist)
    with open_store(db_path) as st:
        loaded = st.load(1)
        assert loaded.data == valid_checklist.data
        assert loaded.version == 3
        assert refs(st.list(search="krezolek cv1")) == ["CV-0412-221126"]
        assert st.list()[0].people.startswith("Kacper Łuczak")
        st.save(loaded)  # the upgrade sealed the stored checklist into the audit chain
        assert [e.action for e in st.audit_log()] == ["seal", "update"]
        backup = st.backup
    assert re.fullmatch(r"officer-app\.v1-backup-\d{8}T\d{6}\.sqlite", backup.name)
    assert backup.parent == db_path.parent
    with raw_connection(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        version, data = conn.execute("SELECT version, data FROM checklists").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert (version, json.loads(data)) == (3, valid_checklist.data)
    assert tables == {"checklists"}
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_upgraded_file_is_not_backed_up_again(db_path, valid_checklist):
    make_v1_file(db_path, valid_checklist)
    open_store(db_path).close()
    with open_store(db_path) as st:
        assert st.backup is None
    assert len(list(db_path.parent.glob("*backup*"))) == 1


def test_a_file_from_a_newer_officer_app_is_refused_untouched(db_path):
    with raw_connection(db_path) as conn:
        conn.execute("CREATE TABLE checklists (id INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 9")
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert str(caught.value) == (
        f"{db_path} was written by a newer officer-app (schema 9); this version understands "
        f"up to schema {SCHEMA_VERSION}, so install the newer officer-app to open it. It was "
        "not changed."
    )
    assert db_path.read_bytes() == before
    assert list(db_path.parent.iterdir()) == [db_path]


def test_a_file_that_is_not_sqlite_is_refused_untouched(db_path):
    db_path.write_text("Incident notes, typed in Notepad: not a database.\n" * 20)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert str(caught.value) == (
        f"{db_path} is not an officer-app database (it holds text); choose another file."
    )
    assert db_path.read_bytes() == before
    assert list(db_path.parent.iterdir()) == [db_path]


def test_another_programs_sqlite_file_is_refused(db_path):
    with raw_connection(db_path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="is not an officer-app database"):
        open_store(db_path)
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]


def test_a_migration_that_fails_leaves_the_file_at_its_old_schema(db_path, valid_checklist):
    make_v1_file(db_path, valid_checklist)
    with raw_connection(db_path) as conn:
        conn.execute("UPDATE checklists SET data = 'not json'")
    for _ in range(2):  # each attempt fails alike, and leaves no copy behind
        with pytest.raises(
            StoreError,
            match=f"Could not upgrade .* from schema 1 to {SCHEMA_VERSION} .*it was not changed",
        ):
            open_store(db_path)
    assert list(db_path.parent.glob("*backup*")) == []
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [r[1] for r in conn.execute("PRAGMA table_info(checklists)")]
    assert "search" not in columns


def test_an_action_is_logged_in_the_same_transaction_as_the_save(tmp_path, valid_checklist):
    with open_store(tmp_path / "a.sqlite") as store:
        store.save(valid_checklist, action="import", detail="from Łuczak & <co>.json")
        entries = [(e.action, e.detail) for e in store.audit_log(valid_checklist.id)]
    assert entries[-1] == ("import", "from Łuczak & <co>.json")
    assert entries[0][0] == "create"


def test_a_submitted_checklist_is_not_changed_without_a_named_action(tmp_path, valid_checklist):
    with open_store(tmp_path / "a.sqlite") as st:
        valid_checklist.state = "submitted"
        st.save(valid_checklist)
        valid_checklist.set("children[0].name", "Changed <later> & quietly")
        with pytest.raises(store.StoreError, match="is submitted: it can no longer be changed"):
            st.save(valid_checklist)
        assert st.load(valid_checklist.id).get("children[0].name") == "Kacper Łuczak"
        valid_checklist.state = "returned"  # a named action changes the state, not the answers
        with pytest.raises(store.StoreError, match="cannot be changed in place"):
            st.save(valid_checklist, action="return", detail="a review that rewrites answers")
        valid_checklist.set("children[0].name", "Kacper Łuczak")
        st.save(valid_checklist, action="return", detail="a later review step names itself")
        assert st.load(valid_checklist.id).state == "returned"
        valid_checklist.set("children[0].name", "Changed <later> & openly")  # the officer's
        st.save(valid_checklist)
        assert st.load(valid_checklist.id).get("children[0].name") == "Changed <later> & openly"


def test_facts_about_the_file_are_kept_and_replaced(tmp_path):
    with open_store(tmp_path / "meta.sqlite") as st:
        assert st.meta("demo") is None
        st.set_meta("demo", "Łuczak & <Co>")
        st.set_meta("demo", "yes")
    with open_store(tmp_path / "meta.sqlite") as again:
        assert again.meta("demo") == "yes"
