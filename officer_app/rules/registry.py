"""The rules by id, the fields each one reads, and the check that a definition provides them.

A rule is a function `(reading, options) -> iterable of Problem`, registered with the fields it
reads (paths without indexes: "children.seen", "risk.answers"). A definition names the rules
that apply to it; loading a definition (officer_app.library) fails if it names a rule this
version does not know, or lacks a field one of its rules reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from officer_app.definition import Definition, DefinitionError
from officer_app.rules.problems import Problem
from officer_app.rules.reading import Reading

RuleFunction = Callable[[Reading, dict], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    run: RuleFunction
    reads: tuple[str, ...]  # fields the rule needs; the definition must have every one
    optional: tuple[str, ...] = ()  # fields the rule reads where the definition has them


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, reads: Iterable[str] = (), optional: Iterable[str] = ()
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under an id, with the fields it reads."""

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule '{rule_id}' registered twice")
        RULES[rule_id] = Rule(rule_id, function, tuple(reads), tuple(optional))
        return function

    return register


def check_definition(definition: Definition) -> None:
    """DefinitionError if the definition names an unknown rule, or lacks a field that one of
    its rules reads (with the rule and the field named)."""
    where = definition.source.name if definition.source else definition.key
    unknown = [r for r in definition.rules if r not in RULES]
    if unknown:
        raise DefinitionError(
            f"{where}: unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(known rules: {', '.join(sorted(RULES))})"
        )
    missing = [
        f"{field_path} (read by rule {rule_id})"
        for rule_id in definition.rules
        for field_path in RULES[rule_id].reads
        if definition.field_for_path(field_path) is None
    ]
    if missing:
        raise DefinitionError(f"{where}: the definition has no field {'; '.join(missing)}")
