"""What can go wrong with the database: each message one sentence a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A database problem; the message is one sentence a user can act on."""


class ConflictError(StoreError):
    """A save refused because the stored checklist is newer than the copy being saved."""

    def __init__(self, checklist_id: int, saved_version: int, your_version: int):
        self.checklist_id = checklist_id
        self.saved_version = saved_version
        self.your_version = your_version
        super().__init__(
            f"Checklist {checklist_id} was changed elsewhere (saved version {saved_version}); "
            f"your copy is version {your_version}. Reopen it to see the newer version."
        )


class NotFoundError(StoreError):
    """No checklist with the id asked for."""

    def __init__(self, checklist_id: int):
        self.checklist_id = checklist_id
        super().__init__(f"No checklist with id {checklist_id}")


class DuplicateError(StoreError):
    """A checklist with the same uid is already stored (e.g. the same file imported twice)."""

    def __init__(self, existing_id: int):
        self.existing_id = existing_id
        super().__init__(
            f"This checklist is already stored as checklist {existing_id}; open that one instead."
        )
