"""Text from outside: line endings made one; lone surrogates and control characters refused
and named by code point; walkers over any JSON value that never recurse."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from officer_app.text_input import (
    normalise_text,
    normalised_json,
    text_problem,
    text_problems_in,
)

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates and controls included


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),
        ("Łuczak <stop> & \t end\n", "Łuczak <stop> & \t end\n"),
        ("  spaces kept  ", "  spaces kept  "),
        ("", ""),
    ],
)
def test_normalise_text_changes_line_endings_only(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Kacper \ud800", "contains a character that is not valid text (U+D800)"),
        ("\udfff tail", "contains a character that is not valid text (U+DFFF)"),
        ("bell\x07", "contains an invisible control character (U+0007)"),
        ("nul\x00", "contains an invisible control character (U+0000)"),
        ("escape \x1b[31m", "contains an invisible control character (U+001B)"),
        ("delete\x7f", "contains an invisible control character (U+007F)"),
        ("next line\x85", "contains an invisible control character (U+0085)"),
        ("form feed\x0c", "contains an invisible control character (U+000C)"),
        ("raw carriage return\r", "contains an invisible control character (U+000D)"),
    ],
)
def test_text_problem_names_the_first_offending_code_point(text, problem):
    assert text_problem(text) == problem


@pytest.mark.parametrize(
    "text",
    [
        "",
        'Amelia Krężołek said: "he shouts" <loud> & I hide.\n\tThen quiet.',
        "Łódź, Gdańsk, Zażółć gęślą jaźń",
        "مرحبا \u200f שלום",  # right-to-left text and its marks are text
        "emoji 😀 and 𝔘",  # characters beyond U+FFFF are valid pairs, not lone surrogates
        "non\u00a0breaking space",
    ],
)
def test_real_text_has_no_problem(text):
    assert text_problem(text) is None


@given(st.text(ANY_CHARACTER))
def test_normalised_text_has_no_carriage_return_and_is_stable(text):
    once = normalise_text(text)
    assert "\r" not in once
    assert normalise_text(once) == once
    assert once.replace("\n", "") == text.replace("\r", "").replace("\n", "")


@given(st.text(ANY_CHARACTER))
def test_text_problem_is_none_exactly_when_the_text_can_be_stored(text):
    clean = normalise_text(text)
    refused = [
        c
        for c in clean
        if 0xD800 <= ord(c) <= 0xDFFF
        or (ord(c) < 0x20 and c not in "\n\t")
        or 0x7F <= ord(c) <= 0x9F
    ]
    problem = text_problem(clean)
    if refused:
        assert problem is not None and f"(U+{ord(refused[0]):04X})" in problem
    else:
        assert problem is None
        clean.encode("utf-8")  # what the store and the PDF need


def test_text_problems_in_names_every_string_and_key_by_path_in_document_order():
    value = {
        "children": [
            {"name": "Kacper Łuczak", "own_words": "ok\r\nfine"},
            {"name": "Amelia \ud83d", "own_words": "bell\x07"},
        ],
        "notes": ["<&>", "\x00"],
        "bad\udc80key": "value",
    }
    assert list(text_problems_in(value)) == [
        ("children[1].name", "contains a character that is not valid text (U+D83D)"),
        ("children[1].own_words", "contains an invisible control character (U+0007)"),
        ("notes[1]", "contains an invisible control character (U+0000)"),
        ("", "has a field name that contains a character that is not valid text (U+DC80)"),
    ]
    assert list(text_problems_in(["\x07"], "data")) == [
        ("data[0]", "contains an invisible control character (U+0007)")
    ]
    assert list(text_problems_in({"x": "\x07"}, "data")) == [
        ("data.x", "contains an invisible control character (U+0007)")
    ]


def test_a_lone_surrogate_escape_in_json_is_found():
    value = json.loads('{"name": "Kacper \\ud800"}')
    assert list(text_problems_in(value)) == [
        ("name", "contains a character that is not valid text (U+D800)")
    ]


def test_walkers_do_not_recurse_on_very_deep_values():
    deep: list = ["\x07"]
    for _ in range(100_000):
        deep = [deep]
    problems = list(text_problems_in(deep))
    assert len(problems) == 1 and problems[0][0].startswith("[0][0]")
    copy = normalised_json(deep)
    depth, node = 0, copy
    while isinstance(node, list):
        depth, node = depth + 1, node[0]
    assert depth == 100_001 and node == "\x07" and copy is not deep


def test_normalised_json_copies_and_leaves_the_original_alone():
    original = {"own\r\nwords": ["a\r\nb", {"c": "d\re"}], "n": 7, "ok": True, "none": None}
    copy = normalised_json(original)
    assert copy == {"own\nwords": ["a\nb", {"c": "d\ne"}], "n": 7, "ok": True, "none": None}
    assert original["own\r\nwords"][0] == "a\r\nb"
    assert list(copy) == ["own\nwords", "n", "ok", "none"]


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(ANY_CHARACTER),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(ANY_CHARACTER), inner),
        max_leaves=20,
    )
)
def test_normalised_json_leaves_no_carriage_return_and_keeps_the_shape(value):
    copy = normalised_json(value)
    assert "\\r" not in json.dumps(copy)
    assert normalised_json(copy) == copy
    assert type(copy) is type(value)
