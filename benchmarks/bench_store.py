"""How fast the store saves and searches, against raw sqlite3 on the same file.

Autosave calls Store.save about once a second while an officer types, and the list screen
searches as they type. This script fills a temporary database with N checklists made from the
bundled example (names, addresses, postcodes and dates varied), then measures, in the same run
and the same file with the same pragmas:

- save of one draft (update, as autosave does) against a raw sqlite3 UPDATE of the same JSON
  text, and the first save (insert) against a raw INSERT;
- list(search=...) against SELECT count(*) with the same LIKE filter, and against a naive
  count(*) scanning the JSON text itself;
- the first page of list() against SELECT count(*) of the table;
- what a save costs the main list: `row(id)` (the one line it refetches) against the first
  page of list(), and the coverage summary a save now works out (the rules' verdict, then
  `coverage.child_coverage`) against the whole save;

It prints medians, p95 and ratios to the baselines; there are no pass/fail thresholds.

    python benchmarks/bench_store.py [--n 2000] [--saves 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from officer_app import interchange  # noqa: E402
from officer_app.checklist import Checklist, new_uid  # noqa: E402
from officer_app.library import default_library  # noqa: E402
from officer_app.store import Store  # noqa: E402
from officer_app.store.driver import sqlite as sqlite3  # noqa: E402
from officer_app.store.keyslots import new_key  # noqa: E402
from officer_app.store.opening import connect  # noqa: E402
from officer_app.store.rows import coverage_text  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "resources/examples/valid-two-children.json"
FIRST = ["Kacper", "Amelia", "Zofia", "Oliver", "Maja", "Jakub", "Leah", "Mohammed", "Ewa"]
LAST = ["Łuczak", "Krężołek", "Smith", "Wiśniewski", "Okafor", "Nowak", "Patel", "Żak", "Reid"]
STREETS = ["Łąkowa Court", "Smith & Dawes Road", "Foleshill Road", "Hill Street", "Park Lane"]
TOWNS = ["Coventry", "Rugby", "Nuneaton", "Leamington", "Warwick"]


def variant(base: Checklist, i: int) -> Checklist:
    """The example with the i-th combination of names, address, postcode and call date."""
    c = base.copy()
    c.uid, c.id, c.version, c.state = new_uid(), None, 0, ("draft", "submitted")[i % 2]
    c.set("incident.reference", f"CV-{i:04d}-{(i * 37) % 1000:03d}")
    c.set("incident.address", f"{i % 90 + 1} {STREETS[i % 5]}, {TOWNS[(i // 5) % 5]}")
    c.set("incident.postcode", f"CV{i % 40 + 1} {i % 9}{'ABDEFGHJ'[i % 8]}{'LNPQRSTU'[i % 7]}")
    c.set("incident.call_time", f"{2025 + i % 2}-{i % 12 + 1:02d}-{i % 28 + 1:02d}T{i % 24:02d}:15")
    for k, person in enumerate(c.data["adults"] + c.data["children"]):
        person["name"] = f"{FIRST[(i + k) % len(FIRST)]} {LAST[(i * 7 + k) % len(LAST)]}"
    return c


def timed(action: Callable[..., object], *args: object, **kwargs: object) -> float:
    start = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - start


def summary(samples: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def report(label: str, measured: list[float], baseline: list[float], base_label: str) -> None:
    m_med, m_p95 = summary(measured)
    b_med, b_p95 = summary(baseline)
    print(
        f"{label:<34} median {m_med:7.3f} ms  p95 {m_p95:7.3f} ms | {base_label:<30} "
        f"median {b_med:7.3f} ms  p95 {b_p95:7.3f} ms | ratio median {m_med / b_med:5.1f}x  "
        f"p95 {m_p95 / b_p95:5.1f}x"
    )


def raw_connection(path: Path, key: bytes) -> sqlite3.Connection:
    """The driver (SQLCipher) on the same file with the same key and the store's pragmas, but
    none of the store's work (WAL is a property of the file)."""
    conn = connect(path, key)
    conn.execute("PRAGMA foreign_keys = ON")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("CREATE TABLE IF NOT EXISTS raw_baseline (id INTEGER PRIMARY KEY, data TEXT)")
    conn.commit()
    return conn


def fill(store: Store, base: Checklist, n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        store.save(variant(base, i))
    return time.perf_counter() - start


def bench_inserts(store: Store, raw: sqlite3.Connection, base: Checklist, saves: int) -> None:
    measured, baseline = [], []
    for i in range(saves):
        draft = variant(base, 100_000 + i)
        text = json.dumps(draft.data, ensure_ascii=False)
        measured.append(timed(store.save, draft))
        sql = "INSERT INTO raw_baseline (data) VALUES (?)"
        baseline.append(timed(_raw_write, raw, sql, [text]))
    report("save, new draft (insert)", measured, baseline, "raw INSERT of the JSON")


def bench_updates(store: Store, raw: sqlite3.Connection, base: Checklist, saves: int) -> None:
    draft = variant(base, 200_000)
    store.save(draft)
    raw_id = _raw_write(raw, "INSERT INTO raw_baseline (data) VALUES ('')", [])
    measured, baseline = [], []
    for i in range(saves):
        draft.set("children[0].own_words", draft.get("children[0].own_words") + f" {i}")
        text = json.dumps(draft.data, ensure_ascii=False)
        measured.append(timed(store.save, draft))
        sql = "UPDATE raw_baseline SET data = ? WHERE id = ?"
        baseline.append(timed(_raw_write, raw, sql, [text, raw_id]))
    report("save, autosave of a draft (update)", measured, baseline, "raw UPDATE of the JSON")


def _raw_write(raw: sqlite3.Connection, sql: str, params: list) -> int:
    with raw:  # commits, as each store save does
        return raw.execute(sql, params).lastrowid


def bench_search(store: Store, raw: sqlite3.Connection, runs: int) -> None:
    for query in ("luczak", "KREZOLEK cv1", "smith & dawes"):
        like = [f"%{term}%" for term in query.casefold().split()]
        where = " AND ".join(["search LIKE ?"] * len(like))
        naive = " AND ".join(["data LIKE ?"] * len(like))
        hits = store.count(search=query)
        measured = [timed(store.list, search=query) for _ in range(runs)]
        same = [timed(_count, raw, where, like) for _ in range(runs)]
        scan = [timed(_count, raw, naive, like) for _ in range(runs)]
        label = f"list(search={query!r}) {hits} rows"
        report(label, measured, same, "count(*) same LIKE on search")
        report(label, measured, scan, "count(*) LIKE on JSON data")


def _count(raw: sqlite3.Connection, where: str, params: list) -> int:
    return raw.execute(f"SELECT count(*) FROM checklists WHERE {where}", params).fetchone()[0]


def bench_first_page(store: Store, raw: sqlite3.Connection, runs: int) -> None:
    measured = [timed(store.list, limit=100) for _ in range(runs)]
    baseline = [timed(_count, raw, "1", []) for _ in range(runs)]
    report("list(limit=100), first page", measured, baseline, "SELECT count(*) FROM checklists")


def bench_after_a_save(store: Store, base: Checklist, runs: int) -> None:
    draft = variant(base, 300_000)
    store.save(draft)
    assert draft.id is not None
    one = [timed(store.row, draft.id, search="luczak") for _ in range(runs)]
    page = [timed(store.list, limit=100) for _ in range(runs)]
    report("row(id), the line a save refetches", one, page, "list(limit=100), first page")
    definition, tool = store.library.for_checklist(draft)
    coverage = [timed(coverage_text, draft, definition, tool) for _ in range(runs)]
    saves = []
    for i in range(runs):
        draft.set("children[0].own_words", f"I hid {i}")
        saves.append(timed(store.save, draft))
    report("coverage worked out on a save", coverage, saves, "the whole save")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="checklists in the database")
    parser.add_argument("--saves", type=int, default=200, help="saves measured per case")
    parser.add_argument("--runs", type=int, default=50, help="repeats of each query")
    args = parser.parse_args(argv)
    base = interchange.read_file(EXAMPLE, default_library())
    with tempfile.TemporaryDirectory() as folder, Store(
        Path(folder) / "bench.sqlite", key=new_key()
    ) as store:
        seconds = fill(store, base, args.n)
        size_kb = store.path.stat().st_size // 1024
        print(
            f"filled {args.n} checklists in {seconds:.2f} s ({seconds / args.n * 1000:.2f} ms "
            f"each); file {size_kb} KB before WAL checkpoint; SQLCipher's SQLite "
            f"{sqlite3.sqlite_version}"
        )
        raw = raw_connection(store.path, store.key)
        try:
            bench_inserts(store, raw, base, args.saves)
            bench_updates(store, raw, base, args.saves)
            bench_search(store, raw, args.runs)
            bench_first_page(store, raw, args.runs)
            bench_after_a_save(store, base, args.runs)
        finally:
            raw.close()
        store.close()


if __name__ == "__main__":
    main()
