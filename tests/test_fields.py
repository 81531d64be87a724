"""Field types: valid and invalid values of every type, emptiness and display text."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from officer_app import fields as ft
from officer_app.definition import Choice, Field

COLOURS = (Choice("red", "Red <warm>"), Choice("blue", "Blue & cold"))


def field(ftype: str, **options) -> Field:
    return Field(id="f", type=ftype, label="A field", **options)


# (field, valid values, invalid values with a word the message must hold)
CASES = {
    "text": (
        field("text", max_length=10),
        ["Łuczak", "<b>&amp;", "  "],
        [(12, "must be text"), ("x" * 11, "too long (11 characters; at most 10)")],
    ),
    "multiline": (
        field("multiline"),
        ["line one\nline two & <three>"],
        [(["a"], "must be text")],
    ),
    "date": (
        field("date"),
        ["2019-03-14", "2024-02-29"],
        [
            ("2023-02-29", "is not a date (dd/mm/yyyy)"),
            ("14/03/2019", "not a date"),
            (20190314, "must be"),
        ],
    ),
    "datetime": (
        field("datetime"),
        ["2026-11-21T22:47"],
        [
            ("2026-11-21 22:47", "not a date and time"),
            ("2026-11-21T25:00", "not a date and time"),
            ("2026-11-21", "not a date and time"),
        ],
    ),
    "time": (
        field("time"),
        ["23:12", "00:00"],
        [("25:00", "is not a time (hh:mm)"), ("11pm", "not a time"), (1130, "must be a time")],
    ),
    "integer": (
        field("integer", minimum=0, maximum=17),
        [0, 17, 4],
        [
            (-1, "at least 0"),
            (18, "at most 17"),
            ("4", "whole number"),
            (True, "whole number"),
            (4.5, "whole number"),
        ],
    ),
    "choice": (
        field("choice", choices=COLOURS),
        ["red", "blue"],
        [
            ("green", "'green' is not one of the choices (Red <warm>, Blue & cold)"),
            (1, "not one of"),
        ],
    ),
    "multichoice": (
        field("multichoice", choices=COLOURS),
        [["red"], ["red", "blue"]],
        [("red", "must be a list"), (["red", "red"], "twice"), (["pink"], "'pink' is not one of")],
    ),
    "yesno": (
        field("yesno"),
        ["yes", "no"],
        [("unknown", "(Yes, No)"), ("Y", "not one of the choices")],
    ),
    "yesnounknown": (
        field("yesnounknown"),
        ["yes", "no", "unknown"],
        [("maybe", "(Yes, No, Not known)")],
    ),
    "child_ref": (
        field("child_ref"),
        ["c1", "any-uid"],
        [(3, "must name one of the children")],
    ),
    "repeat": (
        field("repeat", fields=(field("text"),)),
        [[{"uid": "a"}], [{"uid": "a"}, {"uid": "b", "f": "x"}]],
        [({"uid": "a"}, "list of entries"), (["a"], "list of entries")],
    ),
    "risk_answers": (
        field("risk_answers"),
        [{"stalking": {"answer": "yes", "comment": "", "source": "victim"}}],
        [(["yes"], "must map each risk question"), ({"stalking": "yes"}, "'stalking'")],
    ),
}


def test_every_field_type_is_covered():
    assert set(CASES) == ft.FIELD_TYPES


@pytest.mark.parametrize("ftype", sorted(CASES))
def test_valid_values(ftype):
    f, valid, _ = CASES[ftype]
    for value in valid:
        assert ft.check_value(f, value) is None, value


@pytest.mark.parametrize("ftype", sorted(CASES))
def test_invalid_values(ftype):
    f, _, invalid = CASES[ftype]
    for value, words in invalid:
        message = ft.check_value(f, value)
        assert message is not None, value
        assert words in message, (value, message)


@pytest.mark.parametrize("ftype", sorted(CASES))
@pytest.mark.parametrize("empty", [None, "", "   ", [], {}])
def test_empty_values_are_never_a_format_problem(ftype, empty):
    assert ft.check_value(CASES[ftype][0], empty) is None


def test_pattern_checks_stripped_text():
    postcode = field(
        "text",
        pattern=r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}",
        pattern_hint="is not a UK postcode (e.g. CV1 5FB)",
    )
    assert ft.check_value(postcode, " CV1 5FB ") is None
    assert ft.check_value(postcode, "cv15fb") is None
    assert ft.check_value(postcode, "CV1 5F") == "is not a UK postcode (e.g. CV1 5FB)"
    assert ft.check_value(field("text", pattern=r"\d+"), "x") == "is not in the expected form"


@pytest.mark.parametrize(
    ("value", "empty"),
    [
        (None, True),
        ("", True),
        (" \n\t", True),
        ([], True),
        ({}, True),
        ("Ł", False),
        (0, False),
        (False, False),
        (["a"], False),
        ({"a": 1}, False),
    ],
)
def test_is_empty(value, empty):
    assert ft.is_empty(value) is empty


def test_parsers():
    assert ft.parse_date("2019-03-14") == date(2019, 3, 14)
    assert ft.parse_datetime("2026-11-21T22:47") == datetime(2026, 11, 21, 22, 47)
    assert ft.parse_time("23:12") == time(23, 12)
    with pytest.raises(ValueError):
        ft.parse_time("23:60")


@pytest.mark.parametrize(
    ("f", "value", "shown"),
    [
        (field("choice", choices=COLOURS), "blue", "Blue & cold"),
        (field("choice", choices=COLOURS), "gone", "gone"),
        (field("multichoice", choices=COLOURS), ["red", "blue"], "Red <warm>, Blue & cold"),
        (field("yesno"), "yes", "Yes"),
        (field("yesnounknown"), "unknown", "Not known"),
        (field("date"), "2019-03-14", "14/03/2019"),
        (field("date"), "2019-02-30", "2019-02-30"),
        (field("datetime"), "2026-11-21T22:47", "21/11/2026 22:47"),
        (field("datetime"), "yesterday", "yesterday"),
        (field("time"), "23:12", "23:12"),
        (field("integer"), 4, "4"),
        (field("text"), "Wiśniewska <b> & Co", "Wiśniewska <b> & Co"),
        (field("text"), "  ", ""),
        (field("choice", choices=COLOURS), None, ""),
    ],
)
def test_display_value(f, value, shown):
    assert ft.display_value(f, value) == shown


def test_display_child_ref():
    f = field("child_ref")
    names = {"c1": "Kacper Łuczak", "c2": "Amelia Krężołek"}
    assert ft.display_value(f, "c2", names) == "Amelia Krężołek"
    assert ft.display_value(f, "c9", names) == "(a child no longer on this checklist)"
    assert ft.display_value(f, "c1") == "(a child no longer on this checklist)"


def test_field_choice_helpers():
    f = field("choice", choices=(Choice("away", "Not at the property", {"in_property": False}),))
    assert f.choice_values() == ["away"]
    assert f.choice_label("away") == "Not at the property"
    assert f.choice("away").flag("in_property") is False
    assert f.choice("nowhere") is None
    assert field("yesno").choice_pairs() == [("yes", "Yes"), ("no", "No")]
