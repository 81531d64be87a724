"""Submission and import: refused with every problem, or stored whole."""

from __future__ import annotations

import json

import pytest

from officer_app import interchange, workflow
from officer_app.settings import load_settings
from tests.conftest import EXAMPLES, VALID_EXAMPLE, open_store


def test_new_draft_uses_the_forces_definition_and_risk_tool(library):
    draft = workflow.new_draft(library, load_settings())
    assert (draft.definition_id, draft.risk_tool_id) == ("child-da-attendance", "dash-topics")
    assert draft.state == "draft" and draft.data["children"] == []


def test_submit_is_refused_with_every_problem_and_nothing_changes(
    tmp_path, library, valid_checklist
):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    valid_checklist.data["children"][1]["spoken_alone_reason"] = ""
    valid_checklist.data["children"][0]["own_words"] = ""
    with open_store(tmp_path / "s.sqlite") as store:
        store.save(valid_checklist)
        with pytest.raises(workflow.SubmissionRefused) as refused:
            workflow.submit(store, valid_checklist, library)
        assert valid_checklist.state == "draft"
        assert store.load(valid_checklist.id).state == "draft"
    paths = {p.path for p in refused.value.problems}
    assert {"children[1].spoken_alone_reason", "children[0].own_words"} <= paths


def test_submit_accepted_is_stored_and_logged(tmp_path, library, valid_checklist):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    with open_store(tmp_path / "s.sqlite") as store:
        store.save(valid_checklist)
        workflow.submit(store, valid_checklist, library)
        stored = store.load(valid_checklist.id)
        actions = [entry.action for entry in store.audit_log(valid_checklist.id)]
    assert stored.state == "submitted" and stored.submitted_at
    assert "submit" in actions


def test_import_of_an_invalid_submitted_checklist_stores_nothing(tmp_path, library):
    with open_store(tmp_path / "s.sqlite") as store:
        with pytest.raises(workflow.SubmissionRefused):
            workflow.import_file(store, EXAMPLES / "invalid-several-rules.json", library)
        assert store.count() == 0


def test_import_of_an_incomplete_draft_is_accepted(tmp_path, library):
    doc = json.loads(VALID_EXAMPLE.read_text(encoding="utf-8"))
    doc["state"], doc["data"]["risk"] = "draft", {}
    draft_file = tmp_path / "draft Łuczak.json"
    draft_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with open_store(tmp_path / "s.sqlite") as store:
        checklist = workflow.import_file(store, draft_file, library)
        assert store.load(checklist.id).data == interchange.read_file(draft_file, library).data
        assert [e.action for e in store.audit_log(checklist.id)][-1] == "import"
