"""The states a checklist passes through, and which changes between them are allowed.

The one list of states: the store, the command line, the interchange format, the window and
the referral all read it from here. A change of state is named by the action that makes it
(the audit log records the action); the review issue adds its states and actions here.
"""

from __future__ import annotations

DRAFT, SUBMITTED = "draft", "submitted"

STATES: tuple[str, ...] = (DRAFT, SUBMITTED)
STATE_LABELS: dict[str, str] = {DRAFT: "Draft", SUBMITTED: "Submitted"}

# (from, to) -> the action that makes the change
TRANSITIONS: dict[tuple[str, str], str] = {(DRAFT, SUBMITTED): "submit"}

# The officer may still change the answers; in any other state only a named action may.
EDITABLE_STATES: tuple[str, ...] = (DRAFT,)
# Every rule has passed: what the referral prints without a draft warning.
SUBMITTED_STATES: tuple[str, ...] = (SUBMITTED,)


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
