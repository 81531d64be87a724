"""Listing checklists (mixed into Store): how many match, one page of rows, one row again
after a save, each narrowed to what the signed-in user may read (store.queries.filters)."""

from __future__ import annotations

from officer_app.store.logbook import LogMixin
from officer_app.store.queries import ORDER_SQL, ROW_SQL, filters
from officer_app.store.rows import ChecklistRow, row_of, with_matches


class ListingMixin(LogMixin):
    # `list` below shadows the builtin name inside this class body: nothing follows it

    def count(
        self,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> int:
        where, params = filters(state, search, date_from, date_to, user=self.user)
        return self._read(f"SELECT count(*) FROM checklists{where}", params)[0][0]

    def list(
        self,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ChecklistRow]:
        """Checklists matching every filter, newest incident first. `search`: every term must
        appear in the reference, address, postcode or a name, ignoring case and accents (each
        row's `matched` says where); dates (YYYY-MM-DD, inclusive) filter on the incident
        call time."""
        where, params = filters(state, search, date_from, date_to, user=self.user)
        params += [-1 if limit is None else limit, offset]
        rows = self._read(f"{ROW_SQL}{where}{ORDER_SQL} LIMIT ? OFFSET ?", params)
        return [with_matches(row_of(row), search) for row in rows]

    def row(
        self,
        checklist_id: int,
        *,
        state: str | None = None,
        search: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> ChecklistRow | None:
        """One checklist's row as `list` gives it with the same filters, or None when it is
        not stored or does not match them (a list updates that one line after a save)."""
        where, params = filters(state, search, date_from, date_to, checklist_id, self.user)
        rows = self._read(f"{ROW_SQL}{where}", params)
        return with_matches(row_of(rows[0]), search) if rows else None
