"""Supervisor review through the core API on a real database file: the states and their
transitions, what an approval and a return need, the kept versions, amendments, the queue
and what changed since the last review."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from officer_app import review, states, workflow
from officer_app.review import ReviewRefused, grade_problems, last_decision, return_reasons
from officer_app.review.changes import changes
from officer_app.review.items import supervisor_checklist
from officer_app.review.queue import review_queue, waited
from officer_app.settings import load_settings
from officer_app.store import Store, StoreError, audit
from tests.conftest import add_accounts, open_store
from tests.test_permissions import all_yes, start

AMELIA_WORDS = "children[1].own_words"
ITEMS = supervisor_checklist().items


class Desk:
    """A file with accounts, and the officer's one submitted checklist."""

    def __init__(self, path, library, base):
        self.store = open_store(path, actor="maintenance")
        self.users = add_accounts(self.store)
        self.library = library
        self.base = base
        self.as_("officer")
        self.checklist = self.submitted("CV-0412 <&> Łąkowa")

    def as_(self, who: str | None) -> Store:
        self.store.sign_in(self.users[who] if who else None)
        return self.store

    def submitted(self, reference: str, call_time: str | None = None):
        """A new checklist submitted by the officer (who stays signed in)."""
        self.as_("officer")
        checklist = self.base.copy()
        if call_time:
            checklist.set("incident.call_time", call_time)
        checklist = start(self.store, checklist, reference)
        workflow.submit(self.store, checklist, self.library)
        return checklist

    def fresh(self, who: str = "supervisor", checklist_id: int | None = None):
        """The checklist as stored, loaded by `who`."""
        return self.as_(who).load(checklist_id or self.checklist.id)

    def approve(self, checklist_id=None, **kw):
        kw.setdefault("agreed_grade", "high")
        kw.setdefault("items", all_yes())
        checklist = self.fresh("supervisor", checklist_id)
        return review.approve(self.store, checklist, self.library, **kw)

    def send_back(self, reasons, checklist_id=None, **kw):
        checklist = self.fresh("supervisor", checklist_id)
        return review.return_for_changes(self.store, checklist, reasons, **kw)

    def resubmit(self, words: str, checklist_id=None):
        checklist = self.fresh("officer", checklist_id)
        checklist.set(AMELIA_WORDS, words)
        self.store.save(checklist)
        workflow.submit(self.store, checklist, self.library)
        return checklist


@pytest.fixture
def desk(tmp_path, library, valid_checklist):
    made = Desk(tmp_path / "officer-app.sqlite", library, valid_checklist)
    yield made
    made.store.close()


def state_of(desk, checklist_id=None) -> str:
    return desk.fresh("supervisor", checklist_id).state


# ---------------------------------------------------------------- states and transitions


def test_the_one_state_module_lists_every_transition():
    assert states.TRANSITIONS == {
        ("draft", "submitted"): "submit",
        ("returned", "submitted"): "submit",
        ("submitted", "returned"): "return",
        ("submitted", "approved"): "approve",
        ("approved", "sent"): "send",
        ("approved", "draft"): "amend",
        ("sent", "draft"): "amend",
    }
    with pytest.raises(states.TransitionError, match="cannot go from submitted to draft"):
        states.action_for("submitted", "draft")


def test_approve_and_return_only_a_submitted_checklist(desk):
    desk.send_back([(AMELIA_WORDS, "Write her words exactly as she said them.")])
    returned = desk.fresh()
    with pytest.raises(ReviewRefused, match="cannot go from returned to approved"):
        review.approve(desk.store, returned, desk.library, agreed_grade="high", items=all_yes())
    with pytest.raises(ReviewRefused, match="cannot go from returned to returned"):
        review.return_for_changes(desk.store, returned, [("", "Again")])
    desk.resubmit("Tata <popchnął> mamę & mama płakała.")
    desk.approve()
    approved = desk.fresh()
    with pytest.raises(ReviewRefused, match="cannot go from approved to approved"):
        review.approve(desk.store, approved, desk.library, agreed_grade="high", items=all_yes())
    with pytest.raises(ReviewRefused, match="cannot go from approved to returned"):
        review.return_for_changes(desk.store, approved, [("", "Too late")])
    draft = start(desk.as_("officer"), desk.base, "CV-DRAFT")
    desk.as_("supervisor")
    with pytest.raises(ReviewRefused, match="cannot go from draft to approved"):
        review.approve(desk.store, draft, desk.library, agreed_grade="high", items=all_yes())
    with pytest.raises(ReviewRefused, match="cannot go from draft to returned"):
        review.return_for_changes(desk.store, draft, [("", "Not submitted yet")])
    assert [r.decision for r in desk.store.reviews(desk.checklist.id)] == ["return", "approve"]
    assert desk.store.reviews(draft.id) == []


def test_amend_only_an_approved_or_sent_checklist(desk):
    for state_now in ("submitted", "returned"):
        checklist = desk.fresh("officer")
        assert checklist.state == state_now
        with pytest.raises(ReviewRefused, match=f"cannot go from {state_now} to draft"):
            review.amend(desk.store, checklist, "A date was wrong")
        if state_now == "submitted":
            desk.send_back([("", "Add the school's name")])
    desk.resubmit("Tata <popchnął> mamę.")
    desk.approve()
    approved = desk.fresh("administrator")
    approved.state = "sent"
    desk.store.save(approved, action="send", detail="to the MASH")
    assert state_of(desk) == "sent"
    sent = desk.fresh("officer")
    with pytest.raises(ReviewRefused, match="An amendment needs a reason"):
        review.amend(desk.store, sent, "   ")
    assert sent.state == "sent"
    review.amend(desk.store, sent, "The school is St Mary's <not> St Mark's & Co")
    assert sent.state == "draft" and state_of(desk) == "draft"
    log = desk.as_("administrator").audit_log(desk.checklist.id, action="amend")
    assert [e.detail for e in log] == ["The school is St Mary's <not> St Mark's & Co"]


def test_a_returned_checklist_is_edited_and_resubmitted_by_its_officer(desk):
    desk.send_back([(AMELIA_WORDS, "Her exact words, please.")])
    assert state_of(desk) == "returned"
    desk.resubmit("Tata <popchnął> mamę & mama płakała.")
    stored = desk.fresh()
    assert stored.state == "submitted"
    assert stored.get(AMELIA_WORDS) == "Tata <popchnął> mamę & mama płakała."


# ---------------------------------------------------------------- approval


def test_approval_needs_every_item_of_the_supervisors_checklist(desk):
    items = all_yes()
    del items[ITEMS[0].id]
    items[ITEMS[1].id] = {"answer": "", "note": ""}
    with pytest.raises(ReviewRefused) as caught:
        desk.approve(items=items)
    assert caught.value.problems == [
        f"'{ITEMS[0].text}': answer yes, no or not applicable.",
        f"'{ITEMS[1].text}': answer yes, no or not applicable.",
    ]
    assert state_of(desk) == "submitted"
    assert desk.store.reviews(desk.checklist.id) == []


def test_a_no_needs_a_note_and_answers_must_be_known(desk):
    items = all_yes()
    items[ITEMS[2].id] = {"answer": "no", "note": "  "}
    items[ITEMS[3].id] = {"answer": "maybe", "note": ""}
    items["made_up"] = {"answer": "yes", "note": ""}
    with pytest.raises(ReviewRefused) as caught:
        desk.approve(items=items)
    assert caught.value.problems == [
        f"'{ITEMS[2].text}' is answered no: add a note saying what fell short.",
        f"'{ITEMS[3].text}': 'maybe' is not yes, no or n/a.",
        "'made_up' is not an item of the supervisor's checklist.",
    ]
    items = all_yes()
    items[ITEMS[2].id] = {"answer": "no", "note": "Spoke to Amelia in English; <she> & I"}
    items[ITEMS[3].id] = {"answer": "n/a", "note": ""}
    desk.approve(items=items)
    kept = desk.store.reviews(desk.checklist.id)[-1]
    note = "Spoke to Amelia in English; <she> & I"
    assert kept.items[ITEMS[2].id] == {"answer": "no", "note": note}
    assert kept.items[ITEMS[3].id]["answer"] == "n/a"


def test_an_approval_is_recorded_with_its_grade_reviewer_and_version(desk):
    approved = desk.approve(note="Good work <&> thorough")
    stored = desk.fresh()
    assert stored.state == "approved"
    kept = last_decision(desk.store, desk.checklist.id)
    assert (kept.decision, kept.reviewer, kept.agreed_grade, kept.note) == (
        "approve",
        "sgt.nowak",
        "high",
        "Good work <&> thorough",
    )
    assert kept.checklist_version == stored.version
    assert kept.items == all_yes() and approved.agreed_grade == "high"
    entry = desk.as_("administrator").audit_log(desk.checklist.id, action="approve")[-1]
    assert entry.actor == "sgt.nowak" and entry.detail == "agreed grade high"
    assert entry.record_hash == audit.stored_review_hash(desk.store._db.conn, kept.id)


# ---------------------------------------------------------------- the risk grade


def test_a_downgrade_below_the_score_needs_the_supervisors_rationale(desk):
    with pytest.raises(ReviewRefused) as caught:
        desk.approve(agreed_grade="medium", grade_rationale="   ")
    assert caught.value.problems == [
        "The agreed grade Medium is below High, which the score (14 yes) gives: a downgrade "
        "needs your rationale."
    ]
    assert state_of(desk) == "submitted"
    desk.approve(
        agreed_grade="medium",
        grade_rationale=" Suspect in custody; victim & children at her mother's <safe>. ",
    )
    kept = last_decision(desk.store, desk.checklist.id)
    assert (kept.agreed_grade, kept.grade_rationale) == (
        "medium",
        "Suspect in custody; victim & children at her mother's <safe>.",
    )


def test_an_unknown_grade_is_refused(desk):
    choose = r"Choose the agreed risk grade \(standard, medium, high\)"
    with pytest.raises(ReviewRefused, match=choose):
        desk.approve(agreed_grade="very high")
    with pytest.raises(ReviewRefused, match="Choose the agreed risk grade"):
        desk.approve(agreed_grade="")


def medium_score(checklist, officer_grade: str):
    """13 yes answers (medium) and the officer's grade."""
    checklist = checklist.copy()
    checklist.data["risk"]["answers"]["criminal_history"]["answer"] = "no"
    checklist.set("risk.officer_grade", officer_grade)
    return checklist


def test_a_grade_other_than_the_officers_needs_a_rationale(valid_checklist, library):
    raised = medium_score(valid_checklist, "high")  # the officer raised it on judgement
    assert grade_problems(raised, library, "high", "") == []
    assert grade_problems(raised, library, "medium", "") == [
        "The agreed grade Medium differs from the officer's (High): give your rationale."
    ]
    assert grade_problems(raised, library, "medium", "Weapons were <not> found & removed") == []
    assert grade_problems(raised, library, "standard", "")[0].startswith(
        "The agreed grade Standard is below Medium, which the score (13 yes) gives"
    )
    as_scored = medium_score(valid_checklist, "medium")
    assert grade_problems(as_scored, library, "medium", "") == []
    assert grade_problems(as_scored, library, "high", "") == [
        "The agreed grade High differs from the officer's (Medium): give your rationale."
    ]
    assert grade_problems(as_scored, library, "high", "Strangulation tonight.") == []
    no_grade = medium_score(valid_checklist, "")  # the score's grade stands for the officer's
    assert grade_problems(no_grade, library, "medium", "") == []


def test_an_approval_of_a_raised_grade_checks_the_officers_grade(desk):
    checklist = medium_score(desk.base, "high")
    desk.as_("officer")
    checklist = start(desk.store, checklist, "CV-RAISED")
    workflow.submit(desk.store, checklist, desk.library)
    with pytest.raises(ReviewRefused, match=r"differs from the officer's \(High\)"):
        desk.approve(checklist.id, agreed_grade="medium")
    desk.approve(checklist.id, agreed_grade="medium", grade_rationale="Custody; bail conditions.")
    assert state_of(desk, checklist.id) == "approved"


# ---------------------------------------------------------------- return


@pytest.mark.parametrize("reasons", [[], [(AMELIA_WORDS, "")], [("", "   "), ("x", "\t")]])
def test_a_return_needs_at_least_one_reason(desk, reasons):
    with pytest.raises(ReviewRefused) as caught:
        desk.send_back(reasons)
    assert caught.value.problems == [
        "A returned checklist needs at least one reason for the officer."
    ]
    assert state_of(desk) == "submitted"


def test_a_return_keeps_each_reason_with_its_field_path(desk):
    items = {ITEMS[1].id: {"answer": "no", "note": "Amelia's words are a summary"}}
    desk.send_back(
        [
            (AMELIA_WORDS, " Her words, verbatim <not> a summary & in Polish if spoken. "),
            ("children[0].school", "Name the school for Operation Encompass."),
            ("", "Call me before resubmitting."),
            ("risk.answers.weapons", ""),  # an empty reason is left out
        ],
        items=items,
        note="Returned on nights",
    )
    expected = [
        {
            "path": AMELIA_WORDS,
            "reason": "Her words, verbatim <not> a summary & in Polish if spoken.",
        },
        {"path": "children[0].school", "reason": "Name the school for Operation Encompass."},
        {"path": "", "reason": "Call me before resubmitting."},
    ]
    kept = last_decision(desk.store, desk.checklist.id)
    assert kept.decision == "return" and list(kept.reasons) == expected
    assert kept.items == items and kept.note == "Returned on nights"
    officer_view = desk.fresh("officer")
    assert return_reasons(desk.store, officer_view) == expected
    assert desk.store.returned_ids() == {desk.checklist.id}
    desk.resubmit("Tata <popchnął> mamę.")
    assert return_reasons(desk.store, desk.fresh("officer")) == []


def test_a_return_with_a_no_needs_its_note(desk):
    items = {ITEMS[4].id: {"answer": "no", "note": ""}}
    with pytest.raises(ReviewRefused, match="is answered no: add a note"):
        desk.send_back([("", "See the risk section")], items=items)


# ---------------------------------------------------------------- kept versions and amendments


def test_every_transition_keeps_a_version_that_loads_as_it_was(desk):
    first_words = desk.checklist.get(AMELIA_WORDS)
    desk.send_back([(AMELIA_WORDS, "Verbatim, please.")])
    desk.resubmit("Tata <popchnął> mamę & mama płakała.")
    desk.approve()
    review.amend(desk.store, desk.fresh("officer"), "Wrong school recorded")
    kept = desk.as_("supervisor").versions(desk.checklist.id)
    assert [(v.version, v.action, v.state, v.actor) for v in kept] == [
        (2, "submit", "submitted", "pc.krężołek"),
        (3, "return", "returned", "sgt.nowak"),
        (5, "submit", "submitted", "pc.krężołek"),
        (6, "approve", "approved", "sgt.nowak"),
        (7, "amend", "draft", "pc.krężołek"),
    ]
    at_return = desk.store.load_version(desk.checklist.id, 3)
    assert at_return.state == "returned" and at_return.get(AMELIA_WORDS) == first_words
    approved = desk.store.load_version(desk.checklist.id, 6)
    assert approved.state == "approved"
    assert approved.get(AMELIA_WORDS) == "Tata <popchnął> mamę & mama płakała."
    assert approved.data == desk.store.load_version(desk.checklist.id, 5).data
    with pytest.raises(StoreError, match="has no kept version 4"):
        desk.store.load_version(desk.checklist.id, 4)


def test_an_amendment_reopens_an_approved_checklist_and_keeps_the_approved_version(desk):
    desk.approve()
    checklist = desk.fresh("officer")
    with pytest.raises(StoreError, match="is approved: it can no longer be changed"):
        checklist.set(AMELIA_WORDS, "Quietly changed")
        desk.store.save(checklist)
    checklist = desk.fresh("officer")
    review.amend(desk.store, checklist, "Amelia said more; adding it")
    assert checklist.state == "draft"
    checklist.set(AMELIA_WORDS, "Daddy pushed mama <hard> & she fell.")
    desk.store.save(checklist)
    workflow.submit(desk.store, checklist, desk.library)
    assert [q.row.id for q in review_queue(desk.as_("supervisor"), 24)] == [desk.checklist.id]
    approved = [v for v in desk.store.versions(desk.checklist.id) if v.action == "approve"]
    assert len(approved) == 1
    old = desk.store.load_version(desk.checklist.id, approved[0].version)
    assert old.state == "approved"
    assert old.get(AMELIA_WORDS) == desk.checklist.get(AMELIA_WORDS)
    assert desk.fresh().get(AMELIA_WORDS) == "Daddy pushed mama <hard> & she fell."


def test_a_supervisor_may_amend_too(desk):
    desk.approve()
    review.amend(desk.store, desk.fresh("supervisor"), "Grade to be looked at again")
    assert state_of(desk) == "draft"
    assert desk.as_("administrator").audit_log(desk.checklist.id)[-1].actor == "sgt.nowak"


# ---------------------------------------------------------------- the queue


LOCAL = datetime.now().astimezone().tzinfo


def test_the_queue_orders_by_deadline_and_marks_overdue_and_resubmitted(desk):
    # desk.checklist: called 2026-11-21 22:47
    early = desk.submitted("CV-EARLY", "2026-11-21T20:00")
    middle = desk.submitted("CV-MIDDLE", "2026-11-21T21:30")
    draft = start(desk.as_("officer"), desk.base, "CV-DRAFT")
    returned = desk.submitted("CV-RETURNED", "2026-11-21T19:00")
    desk.send_back([("", "Not yet")], returned.id)
    resubmitted = desk.submitted("CV-RESUBMITTED", "2026-11-21T21:00")
    desk.send_back([("", "Add the school")], resubmitted.id)
    desk.resubmit("Tata <popchnął> mamę.", resubmitted.id)

    now = datetime(2026, 11, 22, 21, 15, tzinfo=LOCAL)
    queue = review_queue(desk.as_("supervisor"), 24, now=now)
    order = [q.row.id for q in queue]
    assert order == [early.id, resubmitted.id, middle.id, desk.checklist.id]
    assert draft.id not in order and returned.id not in order
    by_id = {q.row.id: q for q in queue}
    assert [by_id[i].overdue for i in order] == [True, True, False, False]
    assert [by_id[i].resubmitted for i in order] == [False, True, False, False]
    assert by_id[early.id].deadline == datetime(2026, 11, 22, 20, 0, tzinfo=LOCAL)
    assert by_id[early.id].since_attendance == timedelta(days=1, hours=1, minutes=15)
    assert waited(by_id[early.id].since_attendance) == "1 day 1 h"
    assert waited(by_id[desk.checklist.id].since_attendance) == "22 h 28 min"
    # a longer deadline: nothing overdue yet
    assert not any(q.overdue for q in review_queue(desk.store, 48, now=now))
    assert load_settings().review_deadline_hours == 24


def test_waited_reads_as_words():
    assert waited(None) == ""
    assert waited(timedelta(minutes=7)) == "7 min"
    assert waited(timedelta(hours=3, minutes=5)) == "3 h 05 min"
    assert waited(timedelta(days=2, hours=4, minutes=59)) == "2 days 4 h"
    assert waited(timedelta(minutes=-5)) == "0 min"


# ---------------------------------------------------------------- what changed


def test_changes_lists_a_changed_own_words_field_and_an_added_child(desk, definition):
    desk.send_back([(AMELIA_WORDS, "Verbatim, please.")])
    returned_version = desk.store.versions(desk.checklist.id)[-1].version
    checklist = desk.fresh("officer")
    checklist.set(AMELIA_WORDS, "Tata <popchnął> mamę & mama płakała.")
    checklist.add_item("children", {"status": "born", "name": "Zofia Łuczak"})
    desk.store.save(checklist)
    before = desk.as_("supervisor").load_version(desk.checklist.id, returned_version)
    after = desk.store.load(desk.checklist.id)
    found = changes(before, after, definition)
    words = [c for c in found if c.path == AMELIA_WORDS]
    assert len(words) == 1
    assert words[0].label == ("Child 2 (Amelia Krężołek) · What the child said, in their own words")
    assert (words[0].before, words[0].after) == (
        desk.checklist.get(AMELIA_WORDS),
        "Tata <popchnął> mamę & mama płakała.",
    )
    added = {c.path: c for c in found if c.path.startswith("children[2].")}
    assert added["children[2].name"].before == ""
    assert added["children[2].name"].after == "Zofia Łuczak"
    assert added["children[2].name"].label == "Child 3 (Zofia Łuczak) · Full name"
    assert {c.path for c in found} == {AMELIA_WORDS, *added}
    assert changes(after, after, definition) == []


def test_changes_lists_a_removed_answer_with_an_empty_after(valid_checklist, definition):
    after = valid_checklist.copy()
    after.set("children[0].school", "")
    found = changes(valid_checklist, after, definition)
    assert [(c.path, c.after) for c in found] == [("children[0].school", "")]
    assert found[0].before == valid_checklist.get("children[0].school")


def test_changes_show_risk_answers_question_by_question(valid_checklist, definition, tool):
    before = valid_checklist.copy()
    answers = valid_checklist.get("risk.answers")
    question = tool.questions[0]
    answers[question.id] = {"answer": "dont_know", "comment": "She <would not> say & left"}
    found = changes(before, valid_checklist, definition, tool)
    (change,) = found
    assert change.path == f"risk.answers.{question.id}"
    assert change.label == f"Risk · Question {question.number}: {question.text}"
    assert change.after.endswith("(She <would not> say & left)")
    assert change.before and change.before != change.after
