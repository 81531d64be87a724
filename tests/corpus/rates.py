"""Measure the wording checks against the corpus: caught and false-positive rates.

    .venv/bin/python -m tests.corpus.rates [--show-misses] [--timing]

Corpus files (tests/corpus/*.txt), one item a line: '#' starts a comment; '@people Name|kind|role;
...' sets who is on the checklist for the items below it; '@expect X' sets what the check
should answer for them; '@field F' only annotates (which reason field the text is for).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from officer_app import wording
from officer_app.wording import Person, Voices

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Item:
    text: str
    expect: str
    people: tuple[Person, ...]
    line: int
    field: str = ""


def load(name: str) -> list[Item]:
    """The items of tests/corpus/<name>.txt."""
    items: list[Item] = []
    people: tuple[Person, ...] = ()
    expect, field_ = "", ""
    for number, raw in enumerate((HERE / f"{name}.txt").read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@people"):
            people = tuple(
                Person(*(part.strip() for part in entry.split("|")))
                for entry in line[len("@people") :].split(";")
                if entry.strip()
            )
        elif line.startswith("@expect"):
            expect = line[len("@expect") :].strip()
        elif line.startswith("@field"):
            field_ = line[len("@field") :].strip()
        else:
            items.append(Item(raw.strip("\n"), expect, people, number, field_))
    return items


@dataclass
class Rate:
    """One check's results: items that must be caught, items that must pass."""

    check: str
    caught: list[tuple[Item, object]] = field(default_factory=list)
    missed: list[tuple[Item, object]] = field(default_factory=list)
    passed: list[tuple[Item, object]] = field(default_factory=list)
    wrong: list[tuple[Item, object]] = field(default_factory=list)  # false positives
    mislabelled: list[tuple[Item, object]] = field(default_factory=list)

    @property
    def caught_rate(self) -> float:
        total = len(self.caught) + len(self.missed)
        return 100.0 * len(self.caught) / total if total else 100.0

    @property
    def false_rate(self) -> float:
        total = len(self.passed) + len(self.wrong)
        return 100.0 * len(self.wrong) / total if total else 0.0


_voices_cache: dict[tuple[Person, ...], Voices] = {}


def _voices(item: Item) -> Voices:
    if item.people not in _voices_cache:
        _voices_cache[item.people] = Voices.of(item.people)
    return _voices_cache[item.people]


def _measure(
    check: str,
    name: str,
    run: Callable[[Item], object],
    flagged: Callable[[object], bool],
    must_pass: str,
    right: Callable[[Item, object], bool] = lambda item, got: True,
) -> Rate:
    rate = Rate(check)
    for item in load(name):
        got = run(item)
        if item.expect == must_pass:
            (rate.wrong if flagged(got) else rate.passed).append((item, got))
        elif flagged(got) and right(item, got):
            rate.caught.append((item, got))
        else:
            rate.missed.append((item, got))
            if flagged(got):
                rate.mislabelled.append((item, got))
    return rate


def _gaps(item: Item) -> set[str]:
    names = {"agency": "the agency", "id": "the interpreter's ID number"}
    return {names[x.strip()] for x in item.expect.split(",") if x.strip() in names}


def measure() -> list[Rate]:
    """Every check against its corpus."""
    return [
        _measure(
            "adult's account or wish as a reason",
            "adult_account",
            lambda item: wording.adult_account_reason(item.text, _voices(item)),
            lambda got: got is not None,
            "none",
            lambda item, got: got == item.expect,
        ),
        _measure(
            "observation states no fact",
            "no_fact",
            lambda item: wording.states_no_fact(item.text),
            bool,
            "false",
        ),
        _measure(
            "interpreter who may not interpret",
            "interpreter_refusal",
            lambda item: wording.interpreter_refusal(item.text, _voices(item)),
            lambda got: got is not None,
            "accept",
        ),
        _measure(
            "professional interpreter: agency and ID",
            "professional_interpreter",
            lambda item: wording.professional_interpreter_gaps(item.text),
            bool,
            "complete",
            lambda item, got: set(got) == _gaps(item),  # type: ignore[arg-type]
        ),
        _measure(
            "officer interpreter: collar number",
            "officer_interpreter",
            lambda item: wording.officer_interpreter_gaps(item.text),
            bool,
            "complete",
        ),
    ]


def table(rates: list[Rate]) -> str:
    rows = [
        "| Check | Caught | False positives |",
        "|---|---|---|",
    ]
    for r in rates:
        caught, total = len(r.caught), len(r.caught) + len(r.missed)
        wrong, honest = len(r.wrong), len(r.wrong) + len(r.passed)
        rows.append(
            f"| {r.check} | {r.caught_rate:.1f}% ({caught}/{total}) "
            f"| {r.false_rate:.1f}% ({wrong}/{honest}) |"
        )
    return "\n".join(rows)


def timing() -> str:
    """Voices of 4,000 people built once, then 2,000 calls of each check."""
    people = [Person(f"Adult{i} Surname{i % 700}", "adult", "victim") for i in range(2000)]
    people += [Person(f"Child{i} Surname{i % 700}", "child") for i in range(2000)]
    start = time.perf_counter()
    voices = Voices.of(people)
    built = time.perf_counter() - start
    texts = [
        "mum said he was fine and asleep, per dad kids were in bed",
        "Asleep at 03:10, I checked breathing and saw no marks, did not wake to avoid distress",
        "Mrs Surname12 advised Child12 was at nan's",
    ]
    lines = [f"Voices.of(4,000 people): {built * 1000:.1f} ms"]
    calls: list[tuple[str, Callable[[str], object]]] = [
        ("adult_account_reason", lambda t: wording.adult_account_reason(t, voices)),
        ("states_no_fact", wording.states_no_fact),
        ("is_placeholder", wording.is_placeholder),
        ("interpreter_refusal", lambda t: wording.interpreter_refusal(t, voices)),
        ("professional_interpreter_gaps", wording.professional_interpreter_gaps),
        ("officer_interpreter_gaps", wording.officer_interpreter_gaps),
        ("adult_report_start", lambda t: wording.adult_report_start(t, voices, "Child12 X")),
        ("summary_start", lambda t: wording.summary_start(t, "Child12 Surname12")),
    ]
    for name, call in calls:
        start = time.perf_counter()
        for i in range(2000):
            call(texts[i % len(texts)])
        lines.append(f"2,000 x {name}: {(time.perf_counter() - start) * 1000:.1f} ms")
    big = ("Mum said he was fine; I checked the bedroom. " * 2300)[:100_000]
    for name, call in calls:
        start = time.perf_counter()
        call(big)
        lines.append(f"100,000 characters, {name}: {(time.perf_counter() - start) * 1000:.1f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses", action="store_true", help="list misses and false positives"
    )
    parser.add_argument("--timing", action="store_true", help="time the checks at scale")
    args = parser.parse_args(argv)
    rates = measure()
    print(table(rates))
    if args.show_misses:
        for r in rates:
            for title, rows in (("missed", r.missed), ("wrongly flagged", r.wrong)):
                if rows:
                    print(f"\n{r.check}: {title} ({len(rows)})")
                for item, got in rows:
                    print(f"  line {item.line} [{item.expect}] -> {got!r}: {item.text}")
    if args.timing:
        print()
        print(timing())
    return 0


if __name__ == "__main__":
    sys.exit(main())
