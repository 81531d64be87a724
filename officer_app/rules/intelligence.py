"""Rule 8: the call handler's history check and the intelligence checks are recorded."""

from __future__ import annotations

from collections.abc import Iterator

from officer_app import fields as ft
from officer_app.rules.problems import Problem, sentence
from officer_app.rules.reading import Entry, Reading
from officer_app.rules.registry import rule

_HISTORY_NEEDS = {
    "incident.history_check": "Record whether the call handler's history check of the address "
    "and the people was done.",
    "incident.history_check_result": "Record what the history check showed: earlier incidents "
    "at the address, warning markers, orders, MARAC history (or 'no trace').",
    "incident.history_check_not_done_reason": "Say why the call handler's history check was "
    "not done.",
}
CHECKS = "incident.intel_checks"
_INTEL_NEEDS = {
    "system": "record which system was checked",
    "system_other": "name the other system that was checked",
    "result": "record the result of the check ('no trace' if nothing was found)",
    "checked_at": "record the date and time of the check",
}


def _entry_label(e: Entry) -> str:
    system = e.answers.get("system")
    value = system.value if system else None
    choice = system.field.choice(value) if system and isinstance(value, str) else None
    return f"Check {e.index + 1}" + (f" ({choice.label})" if choice else "")


@rule(
    "intelligence_checks",
    reads=(*_HISTORY_NEEDS, CHECKS, *(f"{CHECKS}.{f}" for f in _INTEL_NEEDS)),
)
def rule_intelligence_checks(r: Reading, options: dict) -> Iterator[Problem]:
    """The history check and the intelligence checks (system, result, time) are recorded."""
    for path, text in _HISTORY_NEEDS.items():
        if r.applies(path) and ft.is_empty(r.value(path)):
            yield Problem(path, text, "intelligence_checks", short="not recorded")
    if not r.applies(CHECKS):
        return
    if not r.value(CHECKS):
        text = "Record the intelligence checks made: which system, the result and the time."
        yield Problem(CHECKS, text, "intelligence_checks", short="no checks recorded")
    for e in r.entries(CHECKS):
        for field_id, need in _INTEL_NEEDS.items():
            if e.missing(field_id):
                text = sentence(_entry_label(e), need + ".")
                yield Problem(
                    e.path_of(field_id), text, "intelligence_checks", short="not recorded"
                )
