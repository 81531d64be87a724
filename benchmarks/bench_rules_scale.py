"""How the rules and the coverage scale with the size of a checklist, against a baseline
measured in the same run.

A checklist with N children (each a copy of the example's Amelia Krężołek, not spoken to
alone, with her own name), with the example's two adults or (--with-adults) N adults too, is
checked with every rule (rules.check) and read into
coverage (coverage.child_coverage); the baseline is serialising the same checklist to JSON.
Every check must be linear in the size of the checklist: the time per child stays flat as N
grows. It prints seconds, the ratio to JSON, and the time per child; no pass/fail thresholds.

    python benchmarks/bench_rules_scale.py [--sizes 250 500 1000 2000]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from officer_app import coverage, interchange, rules  # noqa: E402
from officer_app.checklist import new_uid  # noqa: E402
from officer_app.library import default_library  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "resources/examples/valid-two-children.json"
SURNAMES = ("Łuczak", "Krężołek", "Nowak", "Ionescu", "Haddad", "Begum", "O'Connor", "Smith")


def big_checklist(library, children: int, with_adults: bool = False):
    checklist = interchange.read_file(EXAMPLE, library)
    amelia = checklist.data["children"][1]
    anna = checklist.data["adults"][0]
    kids, adults = [], []
    for i in range(children):
        child = copy.deepcopy(amelia)
        child.update(uid=new_uid(), name=f"Child{i} {SURNAMES[i % len(SURNAMES)]}")
        kids.append(child)
        adult = copy.deepcopy(anna)
        adult.update(uid=new_uid(), name=f"Adult{i} {SURNAMES[i % len(SURNAMES)]}")
        adult["relationships"] = [
            {"uid": new_uid(), "child": child["uid"], "relationship": "parent",
             "parental_responsibility": "yes"}
        ]  # fmt: skip
        adults.append(adult)
    checklist.data["children"] = kids
    if with_adults:
        checklist.data["adults"] = adults
    return checklist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--with-adults", action="store_true", help="an adult per child too")
    args = parser.parse_args()
    library = default_library()
    print(f"{'children':>8} {'json s':>8} {'rules s':>8} {'x json':>7} {'ms/child':>9} "
          f"{'coverage s':>10} {'problems':>8}")  # fmt: skip
    for size in args.sizes:
        checklist = big_checklist(library, size, args.with_adults)
        definition, tool = library.for_checklist(checklist)
        start = time.perf_counter()
        json.dumps(checklist.data, ensure_ascii=False)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        found = rules.check(checklist, definition, tool)
        took = time.perf_counter() - start
        start = time.perf_counter()
        coverage.child_coverage(checklist, definition, tool, found)
        cover = time.perf_counter() - start
        print(
            f"{size:>8} {baseline:>8.3f} {took:>8.3f} {took / baseline:>7.0f} "
            f"{1000 * took / size:>9.3f} {cover:>10.3f} {len(found):>8}"
        )


if __name__ == "__main__":
    main()
