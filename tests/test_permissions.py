"""Who may do what, through the core API on a real database file: an officer reaches only
their own checklists, a supervisor reads all and reviews but never edits answers, an
administrator reads only approved and sent checklists and the audit log, and a store opened
without a user (maintenance access) may do anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from officer_app import permissions, review, workflow
from officer_app.checklist import Checklist, new_uid
from officer_app.permissions import (
    ADMINISTRATOR,
    OFFICER,
    SUPERVISOR,
    PermissionDenied,
    User,
    may,
    require,
)
from officer_app.review.items import supervisor_checklist
from officer_app.store import Store, StoreError
from tests.conftest import add_accounts, open_store

OWN_WORDS = "children[0].own_words"


@dataclass
class World:
    """One file: pc.krężołek's draft, submitted and approved checklists, pc.okafor's draft."""

    store: Store
    path: Path
    users: dict[str, User]
    draft: int
    submitted: int
    approved: int
    other: int

    def as_(self, who: str | None) -> Store:
        self.store.sign_in(self.users[who] if who else None)
        return self.store

    @property
    def mine(self) -> set[int]:
        return {self.draft, self.submitted, self.approved}


def all_yes() -> dict[str, dict[str, str]]:
    return {item.id: {"answer": "yes", "note": ""} for item in supervisor_checklist().items}


def start(store: Store, base: Checklist, reference: str) -> Checklist:
    """A new draft copy of the example, saved by whoever is signed in."""
    checklist = base.copy()
    checklist.uid, checklist.id, checklist.version = new_uid(), None, 0
    checklist.state, checklist.submitted_at = "draft", ""
    checklist.set("incident.reference", reference)
    store.save(checklist)
    return checklist


@pytest.fixture
def world(tmp_path, valid_checklist, library) -> World:
    path = tmp_path / "officer-app.sqlite"
    store = open_store(path, actor="maintenance")
    users = add_accounts(store)
    store.sign_in(users["officer"])
    draft = start(store, valid_checklist, "CV-DRAFT <&> 1")
    submitted = start(store, valid_checklist, "CV-SUBMITTED 2")
    workflow.submit(store, submitted, library)
    approved = start(store, valid_checklist, "CV-APPROVED 3")
    workflow.submit(store, approved, library)
    store.sign_in(users["officer2"])
    other = start(store, valid_checklist, "CV-OKAFOR 4")
    store.sign_in(users["supervisor"])
    review.approve(store, store.load(approved.id), library, agreed_grade="high", items=all_yes())
    store.sign_in(None)
    yield World(store, path, users, draft.id, submitted.id, approved.id, other.id)
    store.close()


# ---------------------------------------------------------------- the rules themselves


@pytest.mark.parametrize("action", sorted(permissions.ACTION_ROLES))
def test_may_and_require_agree_with_the_table_for_every_role(action):
    for role in (OFFICER, SUPERVISOR, ADMINISTRATOR):
        user = User("ł.user <&>", role)
        allowed = role in permissions.ACTION_ROLES[action]
        assert may(user, action) is allowed
        if allowed:
            require(user, action)
        else:
            with pytest.raises(PermissionDenied, match=r"^An? \w+ cannot .*; only an? "):
                require(user, action)
    assert may(None, action)  # maintenance access


def test_the_table_gives_each_role_its_work():
    assert may(User("o", OFFICER), "submit") and not may(User("o", OFFICER), "approve")
    assert may(User("s", SUPERVISOR), "approve") and may(User("s", SUPERVISOR), "return")
    assert not may(User("s", SUPERVISOR), "export")
    assert not may(User("s", SUPERVISOR), "read the audit log")
    assert may(User("a", ADMINISTRATOR), "export")
    assert may(User("a", ADMINISTRATOR), "manage accounts")
    assert may(User("a", ADMINISTRATOR), "read the audit log")
    assert not may(User("a", ADMINISTRATOR), "approve")
    assert not may(User("o", OFFICER), "read the audit log")


# ---------------------------------------------------------------- officers


def test_an_officer_lists_and_counts_only_their_own_checklists(world):
    store = world.as_("officer")
    assert {r.id for r in store.list()} == world.mine
    assert store.count() == 3
    assert store.count(state="submitted") == 1
    assert {r.id for r in store.list(search="CV-OKAFOR")} == set()
    assert all(r.owner == "pc.krężołek" for r in store.list())
    store = world.as_("officer2")
    assert [r.id for r in store.list()] == [world.other]
    assert store.count() == 1


def test_an_officer_cannot_reach_another_officers_checklist(world):
    store = world.as_("officer2")
    for checklist_id in world.mine:
        with pytest.raises(PermissionDenied) as caught:
            store.load(checklist_id)
        assert str(caught.value) == (
            f"Checklist {checklist_id} is another officer's: an officer can open only their "
            "own checklists."
        )
        assert store.row(checklist_id) is None
        assert store.row(checklist_id, search="CV") is None
        with pytest.raises(PermissionDenied, match="another officer's"):
            store.versions(checklist_id)
        with pytest.raises(PermissionDenied, match="another officer's"):
            store.reviews(checklist_id)
        with pytest.raises(PermissionDenied, match="another officer's"):
            store.load_version(checklist_id, 1)
    assert store.row(world.other) is not None


def test_an_officer_learns_only_which_of_their_own_checklists_were_returned(world):
    store = world.as_("supervisor")
    review.return_for_changes(store, store.load(world.submitted), [(OWN_WORDS, "Verbatim.")])
    assert store.returned_ids() == {world.submitted}
    assert world.as_("officer").returned_ids() == {world.submitted}
    assert world.as_("officer2").returned_ids() == set()
    assert world.as_("administrator").returned_ids() == set()  # not approved or sent


def test_an_officer_cannot_save_another_officers_checklist(world):
    theirs = world.as_(None).load(world.draft)
    theirs.set(OWN_WORDS, "Overwritten by <another> officer & saved")
    store = world.as_("officer2")
    with pytest.raises(PermissionDenied, match="another officer's"):
        store.save(theirs)
    with pytest.raises(PermissionDenied, match="another officer's"):
        store.save(theirs, action="submit")
    kept = world.as_(None).load(world.draft)
    assert kept.get(OWN_WORDS) != "Overwritten by <another> officer & saved"
    assert kept.version == 1


def test_a_new_checklist_belongs_to_the_officer_who_saved_it(world, valid_checklist):
    store = world.as_("officer2")
    checklist = valid_checklist.copy()
    checklist.uid, checklist.state, checklist.submitted_at = new_uid(), "draft", ""
    checklist.owner = "pc.krężołek"  # claiming to be someone else changes nothing
    store.save(checklist)
    assert checklist.owner == "pc.okafor"
    assert world.as_("officer").row(checklist.id) is None


def test_an_officer_cannot_approve_or_return(world, library):
    store = world.as_("officer")
    checklist = store.load(world.submitted)
    with pytest.raises(PermissionDenied, match="An officer cannot approve a checklist"):
        review.approve(store, checklist, library, agreed_grade="high", items=all_yes())
    with pytest.raises(PermissionDenied, match="An officer cannot return a checklist"):
        review.return_for_changes(store, checklist, [(OWN_WORDS, "Verbatim, please.")])
    assert checklist.state == "submitted"
    assert store.load(world.submitted).state == "submitted"
    assert store.reviews(world.submitted) == []


def test_an_officer_edits_and_submits_their_own(world, library):
    store = world.as_("officer")
    checklist = store.load(world.draft)
    checklist.set(OWN_WORDS, "Mama płakała <cicho> & tata krzyczał.")
    store.save(checklist)
    workflow.submit(store, checklist, library)
    assert store.load(world.draft).state == "submitted"


# ---------------------------------------------------------------- supervisors


def test_a_supervisor_reads_every_checklist(world):
    store = world.as_("supervisor")
    every = world.mine | {world.other}
    assert {r.id for r in store.list()} == every
    assert store.count() == 4
    for checklist_id in every:
        assert store.load(checklist_id).id == checklist_id
        assert store.row(checklist_id) is not None
        assert store.versions(checklist_id) is not None
    assert [r.decision for r in store.reviews(world.approved)] == ["approve"]


def test_a_supervisor_cannot_edit_an_officers_answers(world):
    store = world.as_("supervisor")
    draft = store.load(world.draft)
    draft.set(OWN_WORDS, "Changed by the sergeant <&>")
    with pytest.raises(PermissionDenied, match="only by the officer who wrote it"):
        store.save(draft)
    submitted = store.load(world.submitted)
    submitted.set(OWN_WORDS, "Changed by the sergeant <&>")
    with pytest.raises(StoreError, match="is submitted: it can no longer be changed"):
        store.save(submitted)
    for checklist_id in (world.draft, world.submitted):
        assert store.load(checklist_id).get(OWN_WORDS) != "Changed by the sergeant <&>"


def test_a_supervisor_cannot_slip_an_edit_into_a_decision(world, library):
    store = world.as_("supervisor")
    checklist = store.load(world.submitted)
    checklist.set(OWN_WORDS, "What the sergeant would rather she had said")
    with pytest.raises(StoreError, match="Nothing was saved"):
        review.approve(store, checklist, library, agreed_grade="high", items=all_yes())
    stored = store.load(world.submitted)
    assert stored.state == "submitted"
    assert stored.get(OWN_WORDS) != "What the sergeant would rather she had said"
    assert store.reviews(world.submitted) == []


@pytest.mark.parametrize("action", ["amend", "return", "approve"])
def test_a_supervisor_cannot_edit_a_draft_by_naming_an_action(world, action):
    store = world.as_("supervisor")
    draft = store.load(world.draft)
    draft.set(OWN_WORDS, "Changed by the sergeant <&>")
    with pytest.raises((PermissionDenied, StoreError)):
        store.save(draft, action=action)
    assert world.as_(None).load(world.draft).get(OWN_WORDS) != "Changed by the sergeant <&>"


def test_a_supervisor_cannot_submit_or_start_a_checklist(world, library, valid_checklist):
    store = world.as_("supervisor")
    draft = store.load(world.draft)
    with pytest.raises(PermissionDenied, match="A supervisor cannot submit a checklist"):
        workflow.submit(store, draft, library)
    assert draft.state == "draft"
    assert store.load(world.draft).state == "draft"
    fresh = valid_checklist.copy()
    fresh.uid, fresh.state = new_uid(), "draft"
    with pytest.raises(PermissionDenied, match="A supervisor cannot start or import"):
        store.save(fresh)
    assert fresh.id is None and store.count() == 4


# ---------------------------------------------------------------- administrators


def test_an_administrator_reads_only_approved_and_sent_checklists(world):
    store = world.as_("administrator")
    assert [r.id for r in store.list()] == [world.approved]
    assert store.count() == 1
    assert store.load(world.approved).state == "approved"
    assert [v.action for v in store.versions(world.approved)] == ["submit", "approve"]
    for checklist_id, state in ((world.draft, "draft"), (world.submitted, "submitted")):
        with pytest.raises(PermissionDenied) as caught:
            store.load(checklist_id)
        assert str(caught.value) == (
            f"Checklist {checklist_id} is {state}: an administrator can open only approved "
            "and sent checklists."
        )
        assert store.row(checklist_id) is None
        with pytest.raises(PermissionDenied):
            store.reviews(checklist_id)


def test_an_administrator_cannot_approve_return_or_submit(world, library):
    checklist = world.as_(None).load(world.submitted)
    store = world.as_("administrator")
    with pytest.raises(PermissionDenied):
        review.approve(store, checklist, library, agreed_grade="high", items=all_yes())
    with pytest.raises(PermissionDenied):
        review.return_for_changes(store, checklist, [("", "Not my decision")])
    assert world.as_(None).load(world.submitted).state == "submitted"


def test_an_administrator_reads_and_verifies_the_audit_log(world):
    store = world.as_("administrator")
    log = store.audit_log()
    assert [e.action for e in log if e.checklist_id == world.approved][-1] == "approve"
    assert store.audit_log(actor="sgt.nowak", action="approve")[0].checklist_id == world.approved
    assert store.verify_audit().ok
    assert store.check_witness(store.verify_audit().head) is None


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_officers_and_supervisors_cannot_read_the_audit_log(world, who):
    head = world.as_(None).verify_audit().head
    store = world.as_(who)
    for attempt in (
        store.audit_log,
        lambda: store.audit_log(world.draft),
        store.verify_audit,
        lambda: store.check_witness(head),
    ):
        with pytest.raises(PermissionDenied, match="cannot read or verify the audit log"):
            attempt()


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_only_an_administrator_discloses(world, who):
    store = world.as_(who)
    delivered = []

    def deliver(payload: bytes):
        delivered.append(payload)
        yield

    with pytest.raises(PermissionDenied, match="cannot export a checklist"):
        store.disclose(world.approved, "PDF to the hub", lambda head: b"%PDF", deliver)
    assert delivered == []
    assert "export" not in {e.action for e in world.as_(None).audit_log()}


# ---------------------------------------------------------------- maintenance access


def test_a_store_without_a_user_is_unrestricted(world, library):
    store = world.as_(None)
    assert store.user is None and store.actor == "maintenance"
    assert store.count() == 4
    for checklist_id in world.mine | {world.other}:
        assert store.load(checklist_id)
        store.versions(checklist_id)
        store.reviews(checklist_id)
    assert store.audit_log() and store.verify_audit().ok
    other = store.load(world.other)
    other.set(OWN_WORDS, "Corrected under maintenance <&>")
    store.save(other)
    workflow.submit(store, other, library)
    review.return_for_changes(store, other, [(OWN_WORDS, "Check the words")])
    assert store.load(world.other).state == "returned"
    assert store.audit_log(world.other)[-1].actor == "maintenance"
    with open_store(world.path) as fresh:  # a second opening is maintenance access too
        assert fresh.user is None and fresh.count() == 4


def test_a_checklist_from_before_accounts_is_claimed_by_the_first_officer_to_save_it(
    tmp_path, valid_checklist
):
    """An upgraded file's drafts have no owner: officers still see them (as everyone did
    before), and the first officer to save one becomes its owner; then only they see it."""
    with open_store(tmp_path / "old.sqlite") as store:
        valid_checklist.state, valid_checklist.submitted_at = "draft", ""
        store.save(valid_checklist)  # maintenance access: no owner, as before accounts
        users = add_accounts(store)
        store.sign_in(users["officer2"])
        assert [r.id for r in store.list()] == [valid_checklist.id]
        draft = store.load(valid_checklist.id)
        draft.set("children[0].own_words", "Łukasz <krzyczał> & płakał")
        store.save(draft)
        assert store.list()[0].owner == users["officer2"].name
        store.sign_in(users["officer"])
        assert store.list() == []
        with pytest.raises(PermissionDenied):
            store.load(valid_checklist.id)
        store.sign_in(users["administrator"])
        assert store.verify_audit().ok
