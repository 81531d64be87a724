"""Schema 6: erasure. A checklist, its kept versions and its reviews may be deleted only once
the audit log holds an `erase` entry for that checklist (store/erasure.py writes it first, in
the same transaction); every other delete is still refused, and the audit log itself stays
append-only.

Checklist ids are never used again: the table is rebuilt with AUTOINCREMENT, starting after
the highest id the file or its log has ever named, so the entries about an erased checklist
can never be taken for a later checklist's.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

ERASE_ACTION = "erase"  # store.erasure.ERASE; written out here so the schema stays as it was
ERASED_ONLY_MESSAGE = (
    "a checklist, its kept versions and its reviews are deleted only by a recorded erasure "
    "(an erase entry in the audit log)"
)
# table -> the column naming the checklist a row belongs to
_ERASABLE = {"checklists": "id", "checklist_versions": "checklist_id", "reviews": "checklist_id"}


def erased_only_trigger_sql(table: str) -> str:
    column = _ERASABLE[table]
    return (
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}"
        " WHEN NOT EXISTS (SELECT 1 FROM audit_log"
        f" WHERE action = '{ERASE_ACTION}' AND checklist_id = OLD.{column})"
        f" BEGIN SELECT RAISE(ABORT, '{ERASED_ONLY_MESSAGE}'); END"
    )


def v6_erasure(db: Database) -> None:
    """Schema 5's `<table>_no_delete` triggers, which refused every delete, are made again
    under the same names with the one exception."""
    for table in _ERASABLE:
        db.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    _ids_never_reused(db)
    for table in _ERASABLE:
        db.execute(erased_only_trigger_sql(table))


def _ids_never_reused(db: Database) -> None:
    """Rebuild `checklists` with `id INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite's way to
    change a table's definition: a new table, the rows copied, the old one dropped, the new
    one renamed, its indexes and triggers made again), and start its sequence after the
    highest checklist id in the table or the log."""
    conn = db.conn
    (table_sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'checklists'"
    ).fetchone()
    new_sql, replaced = re.subn(
        r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", table_sql,
        count=1, flags=re.IGNORECASE,
    )  # fmt: skip
    new_sql, named = re.subn(
        r"^CREATE\s+TABLE\s+\"?checklists\"?", "CREATE TABLE checklists_v6", new_sql, count=1
    )
    if replaced != 1 or named != 1:
        raise ValueError("the checklists table is not as schema 5 made it")
    others = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'checklists'"
        " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    columns = ", ".join(row[1] for row in conn.execute("PRAGMA table_info(checklists)"))
    for name, sql in others:
        kind = "TRIGGER" if sql.lstrip().upper().startswith("CREATE TRIGGER") else "INDEX"
        conn.execute(f"DROP {kind} {name}")
    conn.execute(new_sql)
    conn.execute(f"INSERT INTO checklists_v6 ({columns}) SELECT {columns} FROM checklists")
    conn.execute("DROP TABLE checklists")
    conn.execute("ALTER TABLE checklists_v6 RENAME TO checklists")
    for _name, sql in others:
        conn.execute(sql)
    highest = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM checklists), 0),"
        " coalesce((SELECT max(checklist_id) FROM audit_log), 0))"
    ).fetchone()[0]
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'checklists'")
    conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('checklists', ?)", [highest])
