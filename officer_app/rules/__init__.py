"""The safeguarding rules: pure functions from a checklist (with its definition and risk tool)
to problems, each with the exact field path, plain words and a severity.

`check()` reads the checklist once (`Reading`), runs the value-format checks and every rule
the definition names, drops the generic "required" problem where a more specific rule already
says what is needed, and returns the problems in form order. The rules read only the
checklist, the definition, the risk tool and the time: no store, no Qt. Field conditions
(`when`) are evaluated by the walk, so a rule only ever sees fields that apply.

Modules: `problems` (Problem, severities), `reading` (the shared reading), `registry` (rules
by id and the fields each reads), `generic` (format, required, facts, reasons),
`children` (rules 1-4 and supervisor flags), `interpreter` (5), `risk_grade` (7, unborn),
`intelligence` (8), `dates` (12).
"""

from __future__ import annotations

from datetime import datetime

from officer_app.checklist import Checklist
from officer_app.definition import Definition, RiskTool
from officer_app.rules import children, dates, generic, intelligence, interpreter, risk_grade
from officer_app.rules.problems import ERROR, FLAG, SEVERITIES, WARNING, Problem, errors
from officer_app.rules.reading import Reading
from officer_app.rules.registry import RULES, Rule, check_definition

__all__ = [
    "ERROR",
    "FLAG",
    "RULES",
    "SEVERITIES",
    "WARNING",
    "Problem",
    "Reading",
    "Rule",
    "check",
    "check_definition",
    "errors",
    "run_rule",
]

_MODULES = (children, dates, generic, intelligence, interpreter, risk_grade)  # registered


def _covered_paths(problems: list[Problem]) -> set[str]:
    """Paths that a specific error already speaks for: its own path and every path it lies
    inside ('risk.answers' for 'risk.answers.stalking'), so a required-field problem there
    is not said twice."""
    covered: set[str] = set()
    for p in problems:
        if p.severity != ERROR:
            continue
        path = p.path
        while path and path not in covered:
            covered.add(path)
            path = path.rpartition(".")[0]
    return covered


def run_rule(
    rule_id: str,
    checklist: Checklist,
    definition: Definition,
    tool: RiskTool,
    now: datetime | None = None,
) -> list[Problem]:
    """One rule alone, with its options from the definition."""
    reading = Reading(checklist, definition, tool, now or datetime.now())
    return list(RULES[rule_id].run(reading, definition.rule_options.get(rule_id, {})))


def check(
    checklist: Checklist, definition: Definition, tool: RiskTool, now: datetime | None = None
) -> list[Problem]:
    """Every problem of the checklist, in form order: the format checks and every rule the
    definition names; one problem for one need. `now` (default: the present moment, local
    time) is when 'in the future' starts."""
    check_definition(definition)
    reading = Reading(checklist, definition, tool, now or datetime.now())
    problems = list(RULES["format"].run(reading, {}))
    for rule_id in definition.rules:
        if rule_id not in ("format", "required"):
            options = definition.rule_options.get(rule_id, {})
            problems += RULES[rule_id].run(reading, options)
    if "required" in definition.rules:
        covered = _covered_paths(problems)
        required = RULES["required"].run(reading, definition.rule_options.get("required", {}))
        problems += [p for p in required if p.path not in covered]
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: reading.position(p.path))
