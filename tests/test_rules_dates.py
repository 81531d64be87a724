"""Rule 12, dates and times: arrival after the call, nothing in the future, a child's date of
birth before the incident and within 18 years of it, a late checklist explained. Messages
show dates as the officer types them (dd/mm/yyyy hh:mm), never ISO."""

from __future__ import annotations

from datetime import datetime

import pytest

from officer_app.rules import check, errors

KACPER = "children[0]"
# the example's call is 21/11/2026 22:47; checked the morning after
NEXT_MORNING = datetime(2026, 11, 22, 9, 0)


def paths(checklist, definition, tool, now=NEXT_MORNING):
    return [p.path for p in errors(check(checklist, definition, tool, now))]


def message_at(checklist, definition, tool, path, now=NEXT_MORNING):
    (problem,) = [p for p in check(checklist, definition, tool, now) if p.path == path]
    return problem.message


def test_the_example_has_sane_dates(valid_checklist, definition, tool):
    assert paths(valid_checklist, definition, tool) == []


def test_arrival_before_the_call_is_refused_in_the_officers_format(
    valid_checklist, definition, tool
):
    valid_checklist.set("incident.arrival_time", "2026-11-21T22:40")
    assert paths(valid_checklist, definition, tool) == ["incident.arrival_time"]
    message = message_at(valid_checklist, definition, tool, "incident.arrival_time")
    assert "(21/11/2026 22:40) is before the call (21/11/2026 22:47)" in message
    assert "2026-11-21" not in message


def test_arrival_in_the_same_minute_as_the_call_is_fine(valid_checklist, definition, tool):
    valid_checklist.set("incident.arrival_time", "2026-11-21T22:47")
    assert paths(valid_checklist, definition, tool) == []


def test_a_call_a_year_ahead_is_refused(valid_checklist, definition, tool):
    valid_checklist.set("incident.call_time", "2027-11-21T22:47")
    valid_checklist.set("incident.arrival_time", "2027-11-21T23:05")
    found = paths(valid_checklist, definition, tool)
    assert "incident.call_time" in found and "incident.arrival_time" in found
    message = message_at(valid_checklist, definition, tool, "incident.call_time")
    assert "21/11/2027 22:47" in message and "in the future" in message


def test_fifteen_minutes_of_clock_difference_is_allowed(valid_checklist, definition, tool):
    now = datetime(2026, 11, 21, 23, 0)
    valid_checklist.set("officer.completed_at", "2026-11-21T23:15")
    valid_checklist.data["incident"]["intel_checks"] = valid_checklist.data["incident"][
        "intel_checks"
    ][:1]
    valid_checklist.set("incident.intel_checks[0].checked_at", "2026-11-21T22:59")
    assert "officer.completed_at" not in paths(valid_checklist, definition, tool, now)
    valid_checklist.set("officer.completed_at", "2026-11-21T23:16")
    assert "officer.completed_at" in paths(valid_checklist, definition, tool, now)


def test_an_expected_date_of_birth_may_lie_ahead(valid_checklist, definition, tool):
    valid_checklist.add_item(
        "children", {"status": "unborn", "name": "Baby Łuczak", "due_date": "2027-04-01"}
    )
    valid_checklist.data["risk"]["answers"]["pregnant_or_baby"]["answer"] = "yes"
    assert paths(valid_checklist, definition, tool) == []


@pytest.mark.parametrize("dob", ["2026-12-01", "2099-01-01"])
def test_a_child_born_after_the_incident_is_refused(valid_checklist, definition, tool, dob):
    valid_checklist.set(f"{KACPER}.dob", dob)
    assert f"{KACPER}.dob" in paths(valid_checklist, definition, tool)
    message = message_at(valid_checklist, definition, tool, f"{KACPER}.dob")
    assert message.startswith("Kacper Łuczak: the date of birth")
    assert "after the incident (21/11/2026)" in message


def test_a_child_of_eighteen_or_more_is_refused(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.dob", "2008-11-21")  # 18 on the day of the call
    assert f"{KACPER}.dob" in paths(valid_checklist, definition, tool)
    valid_checklist.set(f"{KACPER}.dob", "2008-11-22")  # 17 for one more day
    assert f"{KACPER}.dob" not in paths(valid_checklist, definition, tool)


def test_a_child_born_on_the_day_is_fine(valid_checklist, definition, tool):
    valid_checklist.set(f"{KACPER}.dob", "2026-11-21")
    assert f"{KACPER}.dob" not in paths(valid_checklist, definition, tool)


def test_a_draft_more_than_31_days_after_the_call_needs_an_explanation(
    valid_checklist, definition, tool
):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    late = datetime(2026, 12, 23, 9, 0)
    assert paths(valid_checklist, definition, tool, late) == ["officer.late_explanation"]
    message = message_at(valid_checklist, definition, tool, "officer.late_explanation", late)
    assert "21/11/2026" in message and "31 days" in message
    valid_checklist.set(
        "officer.late_explanation", "Officer on sick leave; completed from <BWV> & notes."
    )
    assert paths(valid_checklist, definition, tool, late) == []
    assert paths(valid_checklist, definition, tool, datetime(2026, 12, 22, 9, 0)) == []


def test_a_submitted_checklist_is_judged_on_its_submission_date(valid_checklist, definition, tool):
    # submitted the day after the call: still fine when validated years later
    assert paths(valid_checklist, definition, tool, datetime(2030, 1, 1)) == []


def test_a_late_explanation_of_n_a_is_no_explanation(valid_checklist, definition, tool):
    valid_checklist.state, valid_checklist.submitted_at = "draft", ""
    valid_checklist.set("officer.late_explanation", "n/a")
    late = datetime(2026, 12, 23, 9, 0)
    assert paths(valid_checklist, definition, tool, late) == ["officer.late_explanation"]


def test_the_referral_age_of_a_child_born_after_the_incident_is_not_known(
    valid_checklist, definition, tool
):
    from officer_app.coverage import child_coverage

    valid_checklist.set(f"{KACPER}.dob", "2099-01-01")
    assert child_coverage(valid_checklist, definition, tool)[0].age == "not known"
