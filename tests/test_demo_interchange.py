"""The interchange document of demo data: `"demo": true` at the top, allowed by the schema,
read by a demo database and refused, with its path, where only real checklists belong."""

from __future__ import annotations

import json

import jsonschema
import pytest

from officer_app import interchange


def _demo_text(checklist) -> str:
    return interchange.to_json(checklist, demo=True)


def test_a_demo_document_says_so_at_the_top_and_a_real_one_says_nothing(valid_checklist):
    demo = json.loads(_demo_text(valid_checklist))
    assert list(demo)[:3] == ["format", "format_version", "demo"] and demo["demo"] is True
    assert "demo" not in interchange.to_dict(valid_checklist)
    assert "Łuczak" in _demo_text(valid_checklist)  # written as UTF-8, not escaped


def test_a_demo_document_is_read_where_demo_data_is_allowed(valid_checklist, library):
    back = interchange.from_json(_demo_text(valid_checklist), library)
    assert back.data == valid_checklist.data and back.uid == valid_checklist.uid


def test_a_demo_document_is_refused_where_only_real_checklists_belong(
    valid_checklist, library, tmp_path
):
    path = tmp_path / "Krężołek & <demo>.json"
    path.write_text(_demo_text(valid_checklist), encoding="utf-8")
    with pytest.raises(interchange.DemoDataError) as refused:
        interchange.read_file(path, library, demo_allowed=False)
    [(where, message)] = refused.value.problems
    assert where == "demo" and "demo data" in message and "demo database" in message
    assert str(path) in str(refused.value)
    assert isinstance(refused.value, interchange.InterchangeError)
    real = interchange.to_json(valid_checklist)
    assert interchange.from_json(real, library, demo_allowed=False).uid == valid_checklist.uid


@pytest.mark.parametrize("value", ["yes", 1, None, "true"])
def test_a_demo_marker_that_is_not_true_or_false_is_refused(valid_checklist, library, value):
    doc = interchange.to_dict(valid_checklist)
    doc["demo"] = value
    with pytest.raises(interchange.InterchangeError) as refused:
        interchange.from_dict(doc, library)
    assert refused.value.problems == [
        ("demo", "must be true (demo data) or false (a real checklist)")
    ]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(doc)), _schema(library, valid_checklist))


def test_the_schema_allows_the_demo_marker(valid_checklist, library):
    schema = _schema(library, valid_checklist)
    jsonschema.validate(json.loads(_demo_text(valid_checklist)), schema)
    assert schema["properties"]["demo"]["type"] == "boolean"
    assert "demo" not in schema["required"]


def _schema(library, checklist) -> dict:
    definition, tool = library.for_checklist(checklist)
    return interchange.json_schema(definition, tool)
