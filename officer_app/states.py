"""The states a checklist passes through, and which changes between them are allowed.

The one list of states: the store (and its triggers), the command line, the interchange
format, the window and the referral all read it from here. A change of state is named by the
action that makes it; the audit log records the action.

    draft --submit--> submitted --approve--> approved --send--> sent
      ^                   |                     |                |
      |                return                 amend            amend
      |                   v                     |                |
      +--(edit)------ returned --submit--> submitted    draft <--+

An approved (or sent) checklist is locked: a later change is an amendment, which takes it back
to draft (the approved version is kept) and through review again.
"""

from __future__ import annotations

DRAFT, SUBMITTED, RETURNED, APPROVED, SENT = "draft", "submitted", "returned", "approved", "sent"

STATES: tuple[str, ...] = (DRAFT, SUBMITTED, RETURNED, APPROVED, SENT)
STATE_LABELS: dict[str, str] = {
    DRAFT: "Draft",
    SUBMITTED: "Submitted",
    RETURNED: "Returned",
    APPROVED: "Approved",
    SENT: "Sent",
}

# (from, to) -> the action that makes the change
TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, SUBMITTED): "submit",
    (RETURNED, SUBMITTED): "submit",
    (SUBMITTED, RETURNED): "return",
    (SUBMITTED, APPROVED): "approve",
    (APPROVED, SENT): "send",
    (APPROVED, DRAFT): "amend",
    (SENT, DRAFT): "amend",
}

# The officer may still change the answers; in any other state only a named action may.
EDITABLE_STATES: tuple[str, ...] = (DRAFT, RETURNED)
# Every rule passed when it reached this state: what the referral prints without a draft
# warning.
SUBMITTED_STATES: tuple[str, ...] = (SUBMITTED, APPROVED, SENT)
# A supervisor has approved it: only these may be exported as a referral (DOMAIN.md rule 10).
APPROVED_STATES: tuple[str, ...] = (APPROVED, SENT)
# The answers cannot change in place (the database's triggers refuse it).
LOCKED_STATES: tuple[str, ...] = (SUBMITTED, APPROVED, SENT)


class TransitionError(ValueError):
    """A change of state this module does not allow."""


def label(state: str) -> str:
    return STATE_LABELS.get(state, state.capitalize())


def action_for(current: str, target: str) -> str:
    """The action that takes a checklist from `current` to `target`, or TransitionError."""
    try:
        return TRANSITIONS[(current, target)]
    except KeyError:
        raise TransitionError(
            f"A checklist cannot go from {label(current).lower()} to {label(target).lower()}."
        ) from None


def is_editable(state: str) -> bool:
    return state in EDITABLE_STATES


def is_submitted(state: str) -> bool:
    """Every rule passed when it reached this state (submitted, and later review states)."""
    return state in SUBMITTED_STATES


def is_approved(state: str) -> bool:
    return state in APPROVED_STATES
