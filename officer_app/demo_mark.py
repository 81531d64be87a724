"""Demo data never mixes with real data: a database that holds demo checklists is marked as a
demo database (the `demo` fact of its `meta` table), and the mark is never taken away, so a
checklist later created in it is demo data too.

`is_demo(store)` is the one way to ask; the list, the exports (the referral says DEMO on
every page, the JSON carries `"demo": true`) and the windows' banner read it. `mark_demo`
refuses a database that already holds real checklists. Below `workflow` and `demo` in the
import order: it reads only the store.
"""

from __future__ import annotations

from pathlib import Path

from officer_app.store import Store, StoreError

DEMO_KEY = "demo"
DEMO_VALUE = "yes"
DEMO_NOTICE = "DEMO DATA: these are not real checklists"


class RealDataError(StoreError):
    """Demo checklists refused: the database already holds real (non-demo) checklists."""

    def __init__(self, path: Path, real_count: int):
        self.path = path
        self.real_count = real_count
        super().__init__(
            f"{path} holds {real_count} real checklist(s) and is not a demo database: demo "
            "checklists are never added to it. Choose a new file with --db, e.g. "
            "`officer-app --db demo.sqlite demo`."
        )


def is_demo(store: Store) -> bool:
    """Whether the database is a demo database (everything in it is demo data)."""
    return store.meta(DEMO_KEY) == DEMO_VALUE


def mark_demo(store: Store) -> None:
    """Make the database a demo database, for good. Refused (RealDataError, nothing changed)
    when it holds checklists and is not already a demo database."""
    if is_demo(store):
        return
    real = store.count()
    if real:
        raise RealDataError(store.path, real)
    store.set_meta(DEMO_KEY, DEMO_VALUE)
