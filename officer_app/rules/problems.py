"""What a rule returns: a Problem at one field path, in plain words, with a severity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR, WARNING, FLAG = "error", "warning", "flag"
SEVERITIES = (ERROR, WARNING, FLAG)


@dataclass(frozen=True)
class Problem:
    """One thing that is wrong, missing or worth a supervisor's eye, at one field path.

    `severity`: "error" blocks submission; "warning" informs the officer; "flag" does not
    block either but is shown to the supervisor and printed in the referral's summary (a
    child not seen because an adult refused access, or asleep and not woken). `short` is a
    few words for a summary cell ("reason not recorded"); the message says it in full.
    """

    path: str
    message: str
    rule: str
    severity: str = ERROR
    short: str = ""


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that block submission."""
    return [p for p in problems if p.severity == ERROR]


def sentence(who: str, text: str) -> str:
    """'Kacper Łuczak: record ...' inside an entry; 'Record ...' outside one."""
    return f"{who}: {text}" if who else text[:1].upper() + text[1:]


def possessive(ref: str) -> str:
    return f"{ref}'" if ref.endswith("s") else f"{ref}'s"
