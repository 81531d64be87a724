"""The list's summary of a checklist: names apart, coverage from the rules' verdict, the
submitted time, what a search matched, one row fetched with the list's filters, and schema 4
filling all of it in for checklists stored before it. Real SQLite files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from sqlite_utils import Database

from officer_app import coverage, paths, rules, store
from officer_app.checklist import Checklist
from officer_app.coverage import DONE, EXPLAINED, MISSING, NOT_APPLICABLE, Item
from officer_app.library import Library
from officer_app.store import SCHEMA_VERSION
from tests.conftest import open_store, raw_connection


def marks(row) -> list[tuple[str, str, str, str]]:
    return [
        (c.name, c.seen.status, c.spoken_alone.status, c.own_words.status) for c in row.coverage
    ]


def test_a_row_names_children_and_adults_apart_with_the_submitted_time(tmp_path, valid_checklist):
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(valid_checklist)
        (row,) = st.list()
    assert row.children == ("Kacper Łuczak", "Amelia Krężołek")
    assert row.adults == ("Anna Łuczak", "Marek Krężołek")
    assert row.officers[0] == "PC Sarah Okafor"
    assert row.submitted_at == valid_checklist.submitted_at == "2026-11-22T02:41:00+00:00"
    assert row.matched == ()  # no search, nothing to explain


def test_coverage_in_the_row_is_what_child_coverage_reads_from_the_rules(
    tmp_path, valid_checklist, library
):
    draft = valid_checklist
    draft.state, draft.submitted_at = "draft", ""
    draft.set("children[0].own_words", "")  # Kacper's words not written down yet
    draft.set("children[1].name", "Amelia <Krężołek> & co")
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(draft)
        row = st.row(draft.id)
    definition, tool = library.for_checklist(draft)
    expected = coverage.child_coverage(
        draft, definition, tool, rules.check(draft, definition, tool)
    )
    assert row is not None and row.coverage is not None
    assert [(c.name, c.items) for c in row.coverage] == [
        (c.name, (c.seen, c.spoken_alone, c.own_words)) for c in expected
    ]
    assert marks(row) == [
        ("Kacper Łuczak", DONE, DONE, MISSING),
        ("Amelia <Krężołek> & co", DONE, EXPLAINED, DONE),  # not alone: a reason, not a tick
    ]
    assert row.coverage[1].spoken_alone.text.startswith("Not alone: with Anna Łuczak")


def test_coverage_follows_the_latest_save(tmp_path, valid_checklist):
    draft = valid_checklist
    draft.state, draft.submitted_at = "draft", ""
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(draft)
        assert marks(st.row(draft.id))[0][1:] == (DONE, DONE, DONE)
        draft.set("children[0].own_words", "")
        st.save(draft)
        assert marks(st.row(draft.id))[0][1:] == (DONE, DONE, MISSING)


def test_an_unborn_child_has_nothing_to_see_or_hear_yet(tmp_path, valid_checklist):
    draft = valid_checklist
    draft.state, draft.submitted_at = "draft", ""
    draft.add_item("children", {"status": "unborn", "due_date": "2027-02-01"})
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(draft)
        unborn = st.row(draft.id).coverage[2]
    assert unborn.name == "Child 3"
    assert unborn.spoken_alone == unborn.own_words == Item(NOT_APPLICABLE, "Unborn")


def test_listing_never_reads_the_answers(tmp_path, valid_checklist):
    path = tmp_path / "s.sqlite"
    with open_store(path) as st:
        st.save(valid_checklist)
    with raw_connection(path) as conn:  # damaged past the triggers that guard it
        conn.execute("DROP TRIGGER checklists_locked")
        conn.execute("UPDATE checklists SET data = 'damaged'")
    with open_store(path) as st:
        (row,) = st.list(search="łuczak")
    assert marks(row)[0] == ("Kacper Łuczak", DONE, DONE, DONE)


def test_a_search_says_what_it_matched_ignoring_case_and_accents(tmp_path, valid_checklist):
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(valid_checklist)
        assert st.list(search="LUCZAK")[0].matched == ("Child: Kacper Łuczak", "Adult: Anna Łuczak")
        assert st.list(search="krezolek amelia")[0].matched == (
            "Child: Amelia Krężołek",
            "Adult: Marek Krężołek",
        )
        assert st.list(search="cv15fb")[0].matched == ("Postcode: CV1 5FB",)
        assert st.list(search="&")[0].matched == (
            "Address: Flat 2, Łąkowa Court, 14 Smith & Dawes Road, Coventry",
        )
        assert st.list(search="okafor")[0].matched == ("Officer: PC Sarah Okafor",)
        assert st.list(search="0412")[0].matched == ("Reference: CV-0412-221126",)


def test_one_row_is_fetched_with_the_lists_filters(tmp_path, valid_checklist):
    with open_store(tmp_path / "s.sqlite") as st:
        st.save(valid_checklist)
        checklist_id = valid_checklist.id
        assert st.row(checklist_id) == st.list()[0]
        assert st.row(checklist_id, state="submitted", search="łąkowa") is not None
        assert st.row(checklist_id, search="łąkowa").matched == (
            "Address: Flat 2, Łąkowa Court, 14 Smith & Dawes Road, Coventry",
        )
        assert st.row(checklist_id, state="draft") is None
        assert st.row(checklist_id, search="nobody") is None
        assert st.row(checklist_id, date_from="2026-11-21", date_to="2026-11-21") is not None
        assert st.row(checklist_id, date_from="2026-11-22") is None
        assert st.row(checklist_id + 1) is None


def test_without_its_risk_tool_a_checklist_is_saved_and_its_coverage_is_unknown(
    tmp_path, valid_checklist
):
    no_tools = Library(paths.checklist_definition_dirs(), [])
    with open_store(tmp_path / "s.sqlite", library=no_tools) as st:
        st.save(valid_checklist)
        row = st.row(valid_checklist.id)
    assert row.coverage is None
    assert row.children == ("Kacper Łuczak", "Amelia Krężołek")


def make_v3_file(path: Path, checklist: Checklist) -> None:
    """A schema-3 file built by the real migrations, holding one row written the v3 way."""
    db = Database(raw_connection(path))
    assert store.migrate(db, target=3) == 3
    names = ["uid", "definition_id", "definition_version", "risk_tool_id", "risk_tool_version"]
    names += ["state", "version", "created_at", "updated_at", "submitted_at", "reference"]
    names += ["people", "search", "data"]
    values = [getattr(checklist, n) for n in names[:10]]
    values += ["CV-0412-221126", "Kacper Łuczak, Anna Łuczak", "old search text"]
    values += [json.dumps(checklist.data, ensure_ascii=False)]
    db.execute(
        f"INSERT INTO checklists ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        values,
    )
    db.close()


def test_schema_4_fills_names_coverage_and_search_for_stored_checklists(tmp_path, valid_checklist):
    path = tmp_path / "old.sqlite"
    valid_checklist.set("children[1].own_words", "")
    make_v3_file(path, valid_checklist)
    with open_store(path) as st:
        (row,) = st.list(search="wisniewski")
        assert st.backup is not None and st.backup.name.startswith("old.v3-backup-")
    assert row.children == ("Kacper Łuczak", "Amelia Krężołek")
    assert row.adults == ("Anna Łuczak", "Marek Krężołek")
    assert row.matched == ("Officer: PC Tomasz Wiśniewski",)
    assert marks(row) == [
        ("Kacper Łuczak", DONE, DONE, DONE),
        ("Amelia Krężołek", DONE, EXPLAINED, MISSING),
    ]
    with raw_connection(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6


def test_schema_4_leaves_coverage_unknown_when_the_definition_is_not_installed(
    tmp_path, valid_checklist
):
    path = tmp_path / "old.sqlite"
    valid_checklist.definition_version = 99
    make_v3_file(path, valid_checklist)
    with open_store(path) as st:
        (row,) = st.list(search="krezolek")
    assert row.coverage is None
    assert row.children == ("Kacper Łuczak", "Amelia Krężołek")  # read with the newest one
