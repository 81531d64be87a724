"""Who may do what: the one place the roles' rights are written down.

- officer: starts checklists and sees, edits, submits and amends only their own (and the
  checklists written before accounts existed, which have no owner yet: the first officer to
  save one becomes its owner);
- supervisor: reads every checklist and reviews (approves or returns) submitted ones;
- administrator: staff who export approved checklists to the hub and manage accounts; they
  read approved and sent checklists (what they export), the accounts and the audit log, and
  list and erase checklists in any state past their retention period (`erase`: the list
  shows a reference, state and dates, never the answers).

The store asks these functions before it reads or writes, so a refusal is the same from the
window, the command line and the core API: PermissionDenied with a sentence saying why.
"""

from __future__ import annotations

from dataclasses import dataclass

from officer_app import states

OFFICER, SUPERVISOR, ADMINISTRATOR = "officer", "supervisor", "administrator"
ROLES: tuple[str, ...] = (OFFICER, SUPERVISOR, ADMINISTRATOR)
ROLE_LABELS = {OFFICER: "Officer", SUPERVISOR: "Supervisor", ADMINISTRATOR: "Administrator"}


@dataclass(frozen=True)
class User:
    """A signed-in person: the account's name (as stored) and role."""

    name: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.name} ({ROLE_LABELS.get(self.role, self.role)})"


class PermissionDenied(Exception):
    """An action this user's role does not allow; the message says what and why."""


def _role(user: User) -> str:
    """'an officer', 'a supervisor', 'an administrator'."""
    word = ROLE_LABELS.get(user.role, user.role).lower()
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def may_read(user: User | None, owner: str, state: str) -> bool:
    if user is None or user.role == SUPERVISOR:
        return True
    if user.role == OFFICER:
        return not owner or owner.casefold() == user.name.casefold()
    return user.role == ADMINISTRATOR and states.is_approved(state)


def require_read(user: User | None, checklist_id: int, owner: str, state: str) -> None:
    if may_read(user, owner, state):
        return
    assert user is not None
    if user.role == OFFICER:
        raise PermissionDenied(
            f"Checklist {checklist_id} is another officer's: an officer can open only their "
            "own checklists."
        )
    raise PermissionDenied(
        f"Checklist {checklist_id} is {states.label(state).lower()}: an administrator can "
        "open only approved and sent checklists."
    )


def require_create(user: User | None) -> None:
    if user is not None and user.role != OFFICER:
        raise PermissionDenied(
            f"{_role(user).capitalize()} cannot start or import checklists; officers do that."
        )


def require_edit(user: User | None, checklist_id: int, owner: str) -> None:
    """Changing the answers of a draft or returned checklist: its officer only."""
    if user is None:
        return
    if user.role != OFFICER or (owner and owner.casefold() != user.name.casefold()):
        raise PermissionDenied(
            f"Checklist {checklist_id} can be changed only by the officer who wrote it"
            + (f" ({owner})." if owner else ".")
        )


ACTION_ROLES: dict[str, tuple[str, ...]] = {
    "submit": (OFFICER,),
    "amend": (OFFICER, SUPERVISOR),
    "approve": (SUPERVISOR,),
    "return": (SUPERVISOR,),
    "send": (ADMINISTRATOR,),
    "export": (ADMINISTRATOR,),
    "manage accounts": (ADMINISTRATOR,),
    "read the audit log": (ADMINISTRATOR,),
    "erase": (ADMINISTRATOR,),
}
ACTION_WORDS = {
    "submit": "submit a checklist",
    "amend": "amend an approved checklist",
    "approve": "approve a checklist",
    "return": "return a checklist",
    "send": "mark a checklist sent",
    "export": "export a checklist (a disclosure)",
    "manage accounts": "manage accounts",
    "read the audit log": "read or verify the audit log",
    "erase": "list or erase checklists past their retention period",
}


def may(user: User | None, action: str) -> bool:
    return user is None or user.role in ACTION_ROLES.get(action, ())


def require(user: User | None, action: str) -> None:
    if may(user, action):
        return
    assert user is not None
    allowed = " or ".join(ROLE_LABELS[r].lower() for r in ACTION_ROLES.get(action, ()))
    raise PermissionDenied(
        f"{_role(user).capitalize()} cannot {ACTION_WORDS.get(action, action)}; "
        f"only a{'n' if allowed[:1] in 'aeiou' else ''} {allowed} can."
    )
