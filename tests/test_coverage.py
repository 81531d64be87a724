"""Per-child coverage: done, or what is missing, in words."""

from __future__ import annotations

from officer_app.coverage import (
    DONE,
    EXPLAINED,
    MISSING,
    NOT_APPLICABLE,
    Item,
    age_text,
    child_coverage,
)


def test_the_example_children_are_covered(valid_checklist, definition, tool):
    kacper, amelia = child_coverage(valid_checklist, definition, tool)
    assert (kacper.name, kacper.age) == ("Kacper Łuczak", "7")
    assert kacper.seen == kacper.seen.__class__(DONE, "Seen at 23:12")
    assert kacper.spoken_alone.text == "Spoken to alone" and kacper.complete
    assert amelia.spoken_alone.text.startswith("Not alone: with Anna Łuczak")
    assert amelia.own_words.status == DONE
    assert "Professional interpreter" in amelia.interpreter.text


def test_missing_items_are_named(valid_checklist, definition, tool):
    child = valid_checklist.data["children"][0]
    child.update(own_words="", interpreter_type="family_member", spoken_alone="no")
    row = child_coverage(valid_checklist, definition, tool)[0]
    assert row.own_words.status == MISSING and "own words" in row.own_words.text
    assert row.interpreter.status == MISSING and "Family member" in row.interpreter.text
    assert row.spoken_alone.status == MISSING and not row.complete


def test_infants_away_children_and_unborn_children_read_sensibly(valid_checklist, definition, tool):
    valid_checklist.data["children"] = [
        {"uid": "a", "status": "born", "name": "Lena <Łuczak>", "dob": "2026-05-01",
         "seen": "yes", "seen_time": "23:10", "communication": "pre_verbal"},
        {"uid": "b", "status": "born", "name": "", "estimated_age": 9, "location": "away"},
        {"uid": "c", "status": "unborn", "name": "Unborn child of Anna", "due_date": "2027-03-01"},
    ]  # fmt: skip
    infant, away, unborn = child_coverage(valid_checklist, definition, tool)
    assert infant.age == "6 months" and infant.spoken_alone.status == NOT_APPLICABLE
    assert "Pre-verbal" in infant.spoken_alone.text
    # the rest of Lena's record is still to do, so her record is not complete
    assert infant.details.status == MISSING and not infant.complete
    assert away.name == "Child 2" and away.age == "about 9"
    assert away.seen.status == MISSING and "welfare check" in away.seen.text
    assert unborn.age == "unborn, due 01/03/2027" and unborn.seen.status == NOT_APPLICABLE


def test_age_without_any_date_is_not_known():
    assert age_text({"status": "born"}, None) == "not known"


def test_a_reason_is_never_shown_as_done(valid_checklist, definition, tool):
    """Not seen because asleep, not spoken to alone because a parent stayed: the reason is
    recorded and nothing blocks submission, but the child was not seen / not heard alone."""
    checklist = valid_checklist.copy()
    amelia = "children[1]"
    checklist.set(f"{amelia}.seen", "no")
    checklist.set(f"{amelia}.not_seen_reason", "asleep_not_woken")
    checklist.set(f"{amelia}.not_seen_explanation", "Asleep upstairs <cot> & door shut; not woken")
    (kacper, not_seen) = child_coverage(checklist, definition, tool)
    assert kacper.seen.status == DONE and kacper.spoken_alone.status == DONE
    assert not_seen.seen.status == EXPLAINED and not_seen.seen.text.startswith("Not seen")
    assert not_seen.spoken_alone == Item(EXPLAINED, "Not spoken to (not seen)")
    assert not_seen.own_words.status == EXPLAINED
    not_alone = child_coverage(valid_checklist, definition, tool)[1]
    assert not_alone.spoken_alone.status == EXPLAINED  # her mother stayed in the room
    assert not_alone.spoken_alone.text.startswith("Not alone")
