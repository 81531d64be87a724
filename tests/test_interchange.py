"""The interchange format: round trip, examples, JSON Schema, and refusal of bad documents."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officer_app import interchange, rules
from tests.conftest import EXAMPLES, ROOT, VALID_EXAMPLE, open_store

INVALID_EXAMPLE = EXAMPLES / "invalid-several-rules.json"


def _doc() -> dict:
    return json.loads(VALID_EXAMPLE.read_text(encoding="utf-8"))


def test_round_trip_store_json_store_loses_nothing(tmp_path, library, valid_checklist):
    valid_checklist.data["children"][0]["own_words"] = "I said <stop> & he laughed.\nThen quiet."
    with open_store(tmp_path / "a.sqlite") as first:
        first.save(valid_checklist)
        text = interchange.to_json(first.load(valid_checklist.id))
    back = interchange.from_json(text, library)
    with open_store(tmp_path / "b.sqlite") as second:
        second.save(back)
        again = second.load(back.id)
    assert again.data == valid_checklist.data
    for attribute in (
        "uid",
        "state",
        "created_at",
        "submitted_at",
        "definition_id",
        "definition_version",
        "risk_tool_id",
        "risk_tool_version",
    ):
        assert getattr(again, attribute) == getattr(valid_checklist, attribute)
    assert again.data["children"][0]["own_words"] == "I said <stop> & he laughed.\nThen quiet."


def test_valid_example_has_two_children_one_alone_one_not(valid_checklist, definition, tool):
    kacper, amelia = valid_checklist.data["children"]
    assert kacper["spoken_alone"] == "yes" and kacper["own_words"]
    assert amelia["spoken_alone"] == "no" and amelia["spoken_alone_reason"]
    assert amelia["others_present"]
    assert rules.errors(rules.check(valid_checklist, definition, tool)) == []


def test_invalid_example_fails_several_rules_with_exact_paths(library, definition, tool):
    checklist = interchange.read_file(INVALID_EXAMPLE, library)
    problems = rules.errors(rules.check(checklist, definition, tool))
    paths = {p.path for p in problems}
    rules_failing = {p.rule for p in problems}
    assert "children[0].spoken_alone_reason" in paths  # only the mother's word
    assert "children[0].others_present" in paths
    assert "children[0].interpreter_type" in paths  # a family member interpreted
    assert "children[1].present" in paths  # asleep in the property is present
    assert "children[1].seen" in paths
    assert "risk.answers.weapons" in paths
    assert "risk.downgrade_rationale" in paths
    assert "incident.intel_checks" in paths
    assert "children[0].demeanour" in paths  # "No concerns." only
    assert len(rules_failing) >= 6


def test_examples_match_the_shipped_json_schema(library):
    for example in sorted(EXAMPLES.glob("*.json")):
        doc = json.loads(example.read_text(encoding="utf-8"))
        definition = library.definition(doc["definition"]["id"], doc["definition"]["version"])
        tool = library.risk_tool(doc["risk_tool"]["id"], doc["risk_tool"]["version"])
        schema_file = ROOT / "resources" / "schema" / interchange.schema_file_name(definition)
        shipped = json.loads(schema_file.read_text(encoding="utf-8"))
        assert shipped == interchange.json_schema(definition, tool), (
            f"{schema_file.name} is stale: regenerate it with `officer-app schema --out ...`"
        )
        jsonschema.Draft202012Validator.check_schema(shipped)
        jsonschema.validate(doc, shipped)


def test_schema_refuses_what_the_reader_refuses(definition, tool):
    schema = interchange.json_schema(definition, tool)
    doc = _doc()
    doc["data"]["children"][0]["favourite_colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d["data"]["children"][0].update(dob="14/03/2019"), "children[0].dob", "date"),
        (
            lambda d: d["data"]["children"][1].update(favourite="x"),
            "children[1].favourite",
            "not a field",
        ),
        (lambda d: d["data"]["incident"].update(bwv="maybe"), "incident.bwv", "not one of"),
        (lambda d: d.update(state="lost"), "state", "one of"),
        (lambda d: d["data"].update(extra={}), "extra", "not a section"),
        (
            lambda d: d["data"]["risk"]["answers"].update(made_up={"answer": "yes"}),
            "risk.answers.made_up",
            "not a question",
        ),
        (
            lambda d: d["data"]["risk"]["answers"]["stalking"].update(answer=["yes"]),
            "risk.answers.stalking.answer",
            "must be text",
        ),
        (
            lambda d: d["data"]["children"][1].update(uid=d["data"]["children"][0]["uid"]),
            "children[1]",
            "same uid",
        ),
    ],
)
def test_malformed_documents_are_refused_naming_the_field(library, change, path, words):
    doc = _doc()
    change(doc)
    with pytest.raises(interchange.InterchangeError) as refused:
        interchange.from_dict(doc, library, "bad.json")
    assert any(p == path and words in m for p, m in refused.value.problems), refused.value.problems


def test_not_json_and_unknown_definition_are_refused(tmp_path, library):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "officer-app/checklist", ', encoding="utf-8")
    with pytest.raises(interchange.InterchangeError, match="not valid JSON"):
        interchange.read_file(broken, library)
    doc = _doc()
    doc["definition"]["version"] = 99
    with pytest.raises(interchange.InterchangeError, match="version 99 is not installed"):
        interchange.from_dict(doc, library)
    with pytest.raises(interchange.InterchangeError, match="file not found"):
        interchange.read_file(tmp_path / "missing.json", library)


# ---------------------------------------------------------------- input that cannot break it


def _write(tmp_path, doc, name="doc.json", ensure_ascii=True) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=ensure_ascii), encoding="utf-8")
    return path


def _refusal(call) -> list[tuple[str, str]]:
    with pytest.raises(interchange.InterchangeError) as refused:
        call()
    return refused.value.problems


def test_a_lone_surrogate_escape_is_refused_with_its_field_path(tmp_path, library):
    doc = _doc()
    doc["data"]["children"][0]["name"] = "Kacper \ud800 Łuczak"
    path = _write(tmp_path, doc)
    assert "\\ud800" in path.read_text(encoding="utf-8")  # the escape, as another tool writes it
    assert _refusal(lambda: interchange.read_file(path, library)) == [
        ("children[0].name", "contains a character that is not valid text (U+D800)")
    ]


def test_control_characters_in_values_and_names_are_refused_with_paths(library):
    doc = _doc()
    doc["data"]["children"][1]["own_words"] = "he shouts <loud> & \x07"
    doc["data"]["incident"]["officers"][0]["name"] = "PC\x00 Nowak"
    doc["data"]["risk"]["answers"]["stalking"]["comment"] = "texts\x1b[0m"
    doc["data"]["adults"][0]["bad\udc80name"] = "x"
    problems = _refusal(lambda: interchange.from_dict(doc, library, "x.json"))
    assert problems == [
        ("incident.officers[0].name", "contains an invisible control character (U+0000)"),
        ("adults[0]", "has a field name that contains a character that is not valid text (U+DC80)"),
        ("children[1].own_words", "contains an invisible control character (U+0007)"),
        ("risk.answers.stalking.comment", "contains an invisible control character (U+001B)"),
    ]
    for path, message in problems:  # the messages never carry the bad character itself
        (path + message).encode("utf-8")


def test_envelope_text_is_checked_too(library):
    doc = _doc()
    doc["uid"] = "abc\x07"
    assert _refusal(lambda: interchange.from_dict(doc, library)) == [
        ("uid", "contains an invisible control character (U+0007)")
    ]


def test_line_endings_are_made_one_on_the_way_in_and_the_input_is_left_alone(tmp_path, library):
    doc = _doc()
    doc["data"]["children"][0]["own_words"] = (
        "Tata krzyczy <głośno> & ja się boję.\r\nPotem cisza.\r"
    )
    doc["data"]["incident"]["address"] = "12 Krężołek Court\rCoventry"
    checklist = interchange.read_file(_write(tmp_path, doc, ensure_ascii=False), library)
    assert checklist.data["children"][0]["own_words"] == (
        "Tata krzyczy <głośno> & ja się boję.\nPotem cisza.\n"
    )
    assert checklist.data["incident"]["address"] == "12 Krężołek Court\nCoventry"
    from_dict = interchange.from_dict(doc, library)
    assert from_dict.data["incident"]["address"] == "12 Krężołek Court\nCoventry"
    assert doc["data"]["incident"]["address"] == "12 Krężołek Court\rCoventry"
    assert from_dict.data is not doc["data"]


def test_bytes_that_are_not_utf8_are_a_read_error_and_a_bom_is_allowed(tmp_path, library):
    text = VALID_EXAMPLE.read_text(encoding="utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes(text.replace("Łuczak", "Lúczak").encode("latin-1", errors="replace"))
    [(path, message)] = _refusal(lambda: interchange.read_file(latin, library))
    assert path == "" and "not UTF-8 (byte 0xFA at position" in message
    encoded_surrogate = tmp_path / "cesu.json"  # a surrogate written as raw bytes
    encoded_surrogate.write_bytes(text.replace("Łuczak", "\ud800").encode("utf-8", "surrogatepass"))
    assert (
        "not UTF-8 (byte 0xED"
        in _refusal(lambda: interchange.read_file(encoded_surrogate, library))[0][1]
    )
    bom = tmp_path / "notepad.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert interchange.read_file(bom, library).data["children"][0]["name"] == "Kacper Łuczak"
    assert interchange.from_json("\ufeff" + text, library).uid
    assert interchange.from_json(text.encode("utf-8"), library).uid
    assert "not UTF-8" in _refusal(lambda: interchange.from_json(b"\xff{}", library))[0][1]


def test_nesting_is_bounded_without_recursion_error(tmp_path, library):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert _refusal(lambda: interchange.read_file(deep, library)) == [
        ("", "is nested too deeply (more than 64 levels of lists and objects)")
    ]
    deep_objects = '{"a":' * 100_000 + "1" + "}" * 100_000
    assert (
        "nested too deeply" in _refusal(lambda: interchange.from_json(deep_objects, library))[0][1]
    )
    doc = _doc()
    doc["data"]["children"][0]["name"] = json.loads("[" * 80 + "]" * 80)
    [(path, message)] = _refusal(lambda: interchange.from_json(json.dumps(doc), library))
    assert path.startswith("children[0].name[0][0]") and "nested too deeply" in message
    # the same built in Python and given straight to from_dict, a thousand times deeper
    python_deep: list = []
    for _ in range(100_000):
        python_deep = [python_deep]
    doc["data"]["children"][0]["name"] = python_deep
    assert "nested too deeply" in _refusal(lambda: interchange.from_dict(doc, library))[0][1]


def test_sixty_four_levels_are_allowed_and_sixty_five_are_not(library):
    def nested(levels: int) -> dict:
        doc = _doc()
        value: list = []
        for _ in range(levels - 5):  # the document, data, children, the child and [] are five
            value = [value]
        doc["data"]["children"][0]["name"] = value
        return doc

    allowed = _refusal(lambda: interchange.from_dict(nested(64), library))
    assert allowed == [("children[0].name", "must be text")]
    assert "nested too deeply" in _refusal(lambda: interchange.from_dict(nested(65), library))[0][1]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9" * 16, "more than 15 digits"),
        ("-" + "9" * 16, "more than 15 digits"),
        ("9" * 5001, "more than 15 digits"),
        ("4.5", "fraction or an exponent"),
        ("1e400", "fraction or an exponent"),
        ("-" + "1" * 5000 + ".5", "fraction or an exponent"),
        ("NaN", "NaN or Infinity"),
        ("Infinity", "NaN or Infinity"),
        ("-Infinity", "NaN or Infinity"),
    ],
)
def test_numbers_are_bounded_and_named_by_path(library, number, message):
    text = json.dumps(_doc()).replace('"name": "Kacper \\u0141uczak"', f'"name": {number}', 1)
    assert number in text
    [(path, said)] = _refusal(lambda: interchange.from_json(text, library))
    assert path == "children[0].name" and message in said


def test_fifteen_digits_reach_the_field_check_and_python_numbers_are_bounded(library):
    text = json.dumps(_doc()).replace('"name": "Kacper \\u0141uczak"', f'"name": {"9" * 15}', 1)
    assert _refusal(lambda: interchange.from_json(text, library)) == [
        ("children[0].name", "must be text")
    ]
    for value, words in (
        (10**15, "more than 15 digits"),
        (10**5000, "more than 15 digits"),
        (0.5, "fraction"),
        (float("nan"), "NaN"),
        (float("-inf"), "NaN"),
        ({1, 2}, "not a JSON value (set)"),
        (b"x", "not a JSON value (bytes)"),
    ):
        doc = _doc()
        doc["data"]["incident"]["officers"][1]["collar_number"] = value
        [(path, said)] = _refusal(lambda d=doc: interchange.from_dict(d, library))
        assert path == "incident.officers[1].collar_number" and words in said, said
    doc = _doc()
    doc["data"]["incident"][7] = "x"
    assert _refusal(lambda: interchange.from_dict(doc, library)) == [
        ("incident", "has a field name that is not text")
    ]


def test_a_field_given_twice_is_refused_not_silently_last_wins(library):
    text = json.dumps(_doc(), ensure_ascii=False).replace(
        '"spoken_alone": "no"', '"spoken_alone": "no", "spoken_alone": "yes"', 1
    )
    assert _refusal(lambda: interchange.from_json(text, library)) == [
        ("children[1]", "gives the field 'spoken_alone' more than once")
    ]


def test_the_file_size_is_bounded(tmp_path, library, monkeypatch):
    size = VALID_EXAMPLE.stat().st_size
    monkeypatch.setattr(interchange, "MAX_FILE_BYTES", size - 1)
    [(path, message)] = _refusal(lambda: interchange.read_file(VALID_EXAMPLE, library))
    assert path == "" and message.startswith("is too large")
    text = VALID_EXAMPLE.read_text(encoding="utf-8")
    assert "too large" in _refusal(lambda: interchange.from_json(text + " " * size, library))[0][1]
    monkeypatch.setattr(interchange, "MAX_FILE_BYTES", size)
    assert interchange.read_file(VALID_EXAMPLE, library).uid
    assert interchange.MAX_FILE_BYTES < 2**31


def test_a_folder_or_a_missing_file_cannot_be_opened(tmp_path, library):
    for path, words in ((tmp_path, "is a folder"), (tmp_path / "gone.json", "file not found")):
        with pytest.raises(interchange.InterchangeFileError, match=words):
            interchange.read_file(path, library)


def test_checks_are_linear_sixty_thousand_officers_and_a_late_duplicate(library):
    doc = _doc()
    officer = doc["data"]["incident"]["officers"][0]
    officers = [dict(officer, uid=f"officer-{i}") for i in range(60_000)]
    doc["data"]["incident"]["officers"] = officers
    started = time.perf_counter()
    checklist = interchange.from_dict(doc, library)
    took = time.perf_counter() - started
    assert len(checklist.data["incident"]["officers"]) == 60_000
    assert took < 10, f"{took:.1f} s: the checks are no longer linear (quadratic took 36 s+)"
    officers[-1]["uid"] = officers[-2]["uid"]
    assert _refusal(lambda: interchange.from_dict(doc, library)) == [
        ("incident.officers[59998]", "has the same uid as another entry"),
        ("incident.officers[59999]", "has the same uid as another entry"),
    ]


def test_a_uid_of_the_wrong_type_is_named_not_a_crash(library):
    doc = _doc()
    doc["data"]["children"][0]["uid"] = ["a", "list"]
    doc["data"]["children"][1]["uid"] = {"an": "object"}
    problems = _refusal(lambda: interchange.from_dict(doc, library))
    assert ("children[0]", "needs a uid") in problems
    assert ("children[1]", "needs a uid") in problems
    doc = _doc()
    doc["definition"]["version"] = True
    assert _refusal(lambda: interchange.from_dict(doc, library))[0][0] == "definition"


def test_the_problem_list_is_bounded(library):
    doc = _doc()
    doc["data"]["children"][0]["name"] = ["\x07"] * 5000
    problems = _refusal(lambda: interchange.from_dict(doc, library))
    assert len(problems) == interchange.MAX_PROBLEMS + 1
    assert problems[-1] == ("", f"and {5000 - interchange.MAX_PROBLEMS} more problem(s)")


# ---------------------------------------------------------------- property: only InterchangeError

ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates and controls included
NASTY_TEXT = st.sampled_from(
    ["\ud800", "\udfff", "\x07", "\x00", "\r\n", "\r", "Łuczak", "<&>", "yes", "no", "", " "]
)
NUMBERS = (
    st.integers(-(10**20), 10**20)
    | st.integers(10**14, 10**4000)  # hypothesis itself cannot print one of 4,300+ digits
    | st.floats(allow_nan=True, allow_infinity=True)
)
NUMBER_TEXT = st.sampled_from(["9" * 5001, "-" + "9" * 16, "1" * 4400 + ".5", "1e99999", "NaN"])
SCALARS = st.none() | st.booleans() | NUMBERS | st.text(ANY_CHARACTER, max_size=12) | NASTY_TEXT
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(ANY_CHARACTER, max_size=6) | NASTY_TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)


def _all_paths(value) -> list[tuple]:
    found, stack = [], [((), value)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if isinstance(node, dict):
            stack.extend((path + (k,), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((path + (i,), v) for i, v in enumerate(node))
    return found


VALID_PATHS = _all_paths(_doc())


@st.composite
def deeply_nested(draw):
    value = draw(SCALARS)
    for _ in range(draw(st.integers(1, 300))):
        value = [value] if draw(st.booleans()) else {draw(NASTY_TEXT): value}
    return value


@st.composite
def mutated_documents(draw):
    """The valid example with a few changes at random paths: replaced by anything, removed,
    or given a new key."""
    doc = _doc()
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(VALID_PATHS))
        if not path:
            continue
        parent = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this place
        action = draw(st.sampled_from(["replace", "replace", "deep", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(JSONISH)
        elif action == "deep":
            parent[path[-1]] = draw(deeply_nested())
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(ANY_CHARACTER, max_size=6) | NASTY_TEXT)] = draw(JSONISH)
        elif isinstance(parent[path[-1]], list):
            parent[path[-1]].append(draw(JSONISH))
    return doc


DOCUMENTS = (
    mutated_documents() | JSONISH | st.dictionaries(st.sampled_from(sorted(_doc())), JSONISH)
)


def _assert_only_interchange_error(call) -> None:
    try:
        checklist = call()
    except interchange.InterchangeError as exc:
        assert exc.problems
        for path, message in exc.problems:
            assert isinstance(path, str) and isinstance(message, str) and message
            (path + message).encode("utf-8")  # printable: the bad text itself is never echoed
    else:
        # whatever is accepted can be stored and printed: no lone surrogate, no "\r"
        stored = json.dumps(checklist.data, ensure_ascii=False)
        stored.encode("utf-8")
        assert "\r" not in stored and "\\r" not in stored


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_from_dict_raises_only_interchange_error(library, doc):
    _assert_only_interchange_error(lambda: interchange.from_dict(doc, library, "any.json"))


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.booleans(), st.data())
def test_from_json_raises_only_interchange_error(library, doc, ensure_ascii, data):
    text = json.dumps(doc, ensure_ascii=ensure_ascii, allow_nan=True)
    if data.draw(st.booleans()):  # and text that is not quite JSON, or numbers json.dumps refuses
        cut = data.draw(st.integers(0, len(text)))
        insert = st.text(ANY_CHARACTER, max_size=3) | NASTY_TEXT | NUMBER_TEXT
        text = text[:cut] + data.draw(insert) + text[cut:]
    if data.draw(st.booleans()):  # a number where a value was
        text = text.replace("null", data.draw(NUMBER_TEXT), 1).replace(
            '""', data.draw(NUMBER_TEXT), 1
        )
    _assert_only_interchange_error(lambda: interchange.from_json(text, library))


def test_valid_example_mutations_still_accept_the_untouched_example(library):
    # the property tests above must be able to accept: the example itself passes
    _assert_only_interchange_error(lambda: interchange.from_dict(_doc(), library))
    assert interchange.from_dict(_doc(), library).data == _doc()["data"]
