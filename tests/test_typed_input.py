"""What officers type into date, time and number boxes becomes a stored value, or stays as typed."""

from __future__ import annotations

import pytest

from officer_app.typed_input import parse_typed, show_typed


@pytest.mark.parametrize(
    ("field_type", "typed", "stored"),
    [
        ("date", "14/03/2019", "2019-03-14"),
        ("date", "4/3/2019", "2019-03-04"),
        ("date", "14.03.2019", "2019-03-14"),
        ("date", "2019-03-14", "2019-03-14"),
        ("date", "31/02/2019", "31/02/2019"),  # no such day: kept as typed
        ("date", "14/03/19", "14/03/19"),  # two-digit years are ambiguous: kept
        ("time", "23:05", "23:05"),
        ("time", "2305", "23:05"),
        ("time", "7.45", "07:45"),
        ("time", "25:00", "25:00"),
        ("datetime", "21/11/2026 22:47", "2026-11-21T22:47"),
        ("datetime", "21/11/2026", "21/11/2026"),
        ("integer", "7", 7),
        ("integer", "seven", "seven"),
        ("text", "  Łuczak & <Co>  ", "  Łuczak & <Co>  "),
        ("date", "   ", None),
    ],
)
def test_typed_text_is_read_or_kept_exactly(field_type, typed, stored):
    assert parse_typed(field_type, typed) == stored


def test_stored_values_are_shown_the_british_way_and_round_trip():
    assert show_typed("date", "2019-03-14") == "14/03/2019"
    assert show_typed("datetime", "2026-11-21T22:47") == "21/11/2026 22:47"
    assert show_typed("date", "31/02/2019") == "31/02/2019"
    assert show_typed("integer", 7) == "7"
    assert show_typed("text", None) == ""
    for field_type, value in (("date", "2019-03-14"), ("datetime", "2026-11-21T22:47")):
        assert parse_typed(field_type, show_typed(field_type, value)) == value
