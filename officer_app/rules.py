"""The safeguarding rules: pure functions from a checklist (with its definition and risk tool)
to a list of problems, each with the exact field path, plain words and a severity.

`check()` runs the value-format checks and every rule the definition names, removes the
generic "required" problem where a more specific rule already says what is needed, and
returns the problems in form order (the order of `checklist.walk`). `RULES` maps a rule id to
its function `(checklist, definition, tool, options) -> [Problem]`; `options` are the rule's
options from the definition (e.g. the vacuous phrases of `observed_facts`).

The rules read only the checklist, the definition and the risk tool: no store, no Qt. Field
conditions (`when`) are evaluated by `walk`, so a rule only ever sees fields that apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from officer_app import fields as ft
from officer_app.checklist import Answer, Checklist, walk
from officer_app.coverage import incident_date, whole_years
from officer_app.definition import GRADE_LABELS, GRADES, Definition, DefinitionError, RiskTool
from officer_app.field_path import join_path, parse_path
from officer_app.risk import assess
from officer_app.wording import (
    ADULT_WORDS,
    Voices,
    adult_report_start,
    is_english,
    is_vacuous,
    name_matches,
    only_hearsay,
    same_text,
    summary_start,
    words,
)


@dataclass(frozen=True)
class Problem:
    """One thing that is wrong or missing, at one field path, in plain words."""

    path: str
    message: str
    rule: str
    severity: str = "error"  # "error" blocks submission; "warning" informs


Rule = Callable[[Checklist, Definition, RiskTool, dict], list[Problem]]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that block submission."""
    return [p for p in problems if p.severity == "error"]


def _sentence(who: str, text: str) -> str:
    """'Kacper Łuczak: record ...' inside an entry; 'Record ...' outside one."""
    return f"{who}: {text}" if who else text[:1].upper() + text[1:]


def _possessive(ref: str) -> str:
    return f"{ref}'" if ref.endswith("s") else f"{ref}'s"


# ---------------------------------------------------------------- entries and labels


@dataclass(frozen=True)
class Entry:
    """One entry of a repeat (a child, an adult, a check) with its applicable answers."""

    path: str  # "children[1]"
    index: int
    item: dict
    answers: dict[str, Answer]  # field id -> answer, only fields whose condition holds
    who: str  # "Amelia Krężołek", or "Child 2" when there is no name
    ref: str  # "Amelia", or "this child": how the message body names the entry

    def applies(self, field_id: str) -> bool:
        return field_id in self.answers

    def value(self, field_id: str) -> Any:
        answer = self.answers.get(field_id)
        return answer.value if answer else None

    def missing(self, field_id: str) -> bool:
        """The field applies and is unanswered."""
        return self.applies(field_id) and ft.is_empty(self.value(field_id))

    def path_of(self, field_id: str) -> str:
        return join_path(self.path, field_id)


def entries(checklist: Checklist, definition: Definition, repeat_path: str) -> list[Entry]:
    """The entries of a repeat (e.g. "children"), each with its applicable answers."""
    items = checklist.items(repeat_path)
    found: dict[int, dict[str, Answer]] = {i: {} for i in range(len(items))}
    pattern = re.compile(re.escape(repeat_path) + r"\[(\d+)\]\.([A-Za-z_]\w*)")
    for answer in walk(checklist, definition):
        m = pattern.fullmatch(answer.path)
        if m:
            found[int(m.group(1))][m.group(2)] = answer
    repeat = definition.field_for_path(repeat_path)
    item_label = (repeat.item_label if repeat else "") or "Entry"
    result = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        name = _text(item.get(repeat.title_field if repeat else "name"))
        who = name or f"{item_label} {i + 1}"
        ref = name.split()[0] if name else f"this {item_label.lower()}"
        result.append(Entry(join_path(repeat_path, i), i, item, found[i], who, ref))
    return result


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _build_path(parts: list[str | int]) -> str:
    path = ""
    for part in parts:
        path = join_path(path, part)
    return path


def owner(checklist: Checklist, definition: Definition, path: str) -> str:
    """Who or what a path belongs to: 'Kacper Łuczak', 'Child 2', 'Officer 1',
    'Anna Łuczak, relationship 2'; '' for a field outside any repeat entry."""
    parts = parse_path(path)
    labels = []
    for k, part in enumerate(parts):
        if not isinstance(part, int):
            continue
        repeat = definition.field_for_path(_build_path(parts[:k]))
        item = checklist.get(_build_path(parts[: k + 1]))
        item_label = (repeat.item_label if repeat else "") or "Entry"
        name = _text(item.get(repeat.title_field)) if repeat and isinstance(item, dict) else ""
        if k == 1 and name:
            labels.append(name)
        else:
            labels.append(f"{item_label if not labels else item_label.lower()} {part + 1}")
    return ", ".join(labels)


def _people(checklist: Checklist) -> list[tuple[str, str]]:
    """(name, 'adult'/'child') of everyone named on the checklist."""
    people = []
    for repeat, kind in (("adults", "adult"), ("children", "child")):
        for item in checklist.items(repeat):
            name = _text(item.get("name")) if isinstance(item, dict) else ""
            if name:
                people.append((name, kind))
    return people


def _form_order(checklist: Checklist, definition: Definition) -> dict[str, int]:
    order: dict[str, int] = {}
    for answer in walk(checklist, definition, only_applicable=False):
        order.setdefault(answer.path, len(order))
    return order


def _position(path: str, order: dict[str, int]) -> int:
    """The form position of a path, or of its nearest ancestor ('risk.answers.x')."""
    try:
        parts = parse_path(path)
    except ValueError:
        return len(order)
    for n in range(len(parts), 0, -1):
        position = order.get(_build_path(parts[:n]))
        if position is not None:
            return position
    return len(order)


# ---------------------------------------------------------------- format


def rule_format(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Every answered value is of the right form (date, choice, range, pattern) and a
    child reference names a child still on the checklist."""
    child_uids = {c.get("uid") for c in checklist.items("children") if isinstance(c, dict)}
    problems = []
    for answer in walk(checklist, definition):
        if ft.is_empty(answer.value):
            continue
        message = ft.check_value(answer.field, answer.value)
        if message is None and answer.field.type == "child_ref" and answer.value not in child_uids:
            message = (
                "does not name a child on this checklist (that child was removed): choose again"
            )
        if message:
            label = answer.field.label
            text = f"{label}: {message}" if message.startswith("'") else f"{label} {message}"
            who = owner(checklist, definition, answer.path)
            problems.append(Problem(answer.path, _sentence(who, text), "format"))
    return problems


# ---------------------------------------------------------------- required


def _ask(label: str, field_type: str) -> str:
    if field_type in ("yesno", "yesnounknown"):
        return f"answer '{label}'"
    if field_type in ("choice", "multichoice", "child_ref"):
        return f"choose '{label}'"
    if field_type == "risk_answers":
        return f"answer the {label.lower()}"
    return f"fill in '{label}'"


def _too_few(definition: Definition, answer: Answer, minimum: int) -> str:
    item = (answer.field.item_label or "entry").lower()
    count = "one" if minimum == 1 else str(minimum)
    text = f"record at least {count} {item}{'' if minimum == 1 else 's'} in '{answer.field.label}'."
    if definition.has_section(answer.path) and definition.section(answer.path).help:
        text += " " + definition.section(answer.path).help
    return text


def rule_required(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Every applicable required field is answered; every repeat has its minimum entries."""
    problems = []
    for answer in walk(checklist, definition):
        text = _required_need(definition, answer)
        if text:
            who = owner(checklist, definition, answer.path)
            problems.append(Problem(answer.path, _sentence(who, text), "required"))
    return problems


def _required_need(definition: Definition, answer: Answer) -> str | None:
    """What a required field or a repeat with too few entries needs, or None."""
    f = answer.field
    if f.type == "repeat":
        minimum = max(f.min_items, 1 if f.required else 0)
        count = len(answer.value) if isinstance(answer.value, list) else 0
        return _too_few(definition, answer, minimum) if count < minimum else None
    if f.required and ft.is_empty(answer.value):
        return _ask(f.label, f.type) + "."
    return None


# ---------------------------------------------------------------- rule 1: child present


def rule_child_present(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """A child anywhere in the property is present (even asleep upstairs); a child not at
    the property cannot be present."""
    problems = []
    for e in entries(checklist, definition, "children"):
        location, present = e.answers.get("location"), e.value("present")
        if location is None or not e.applies("present") or ft.is_empty(present):
            continue
        choice = location.field.choice(location.value)
        if choice is None:
            continue
        if choice.flag("in_property") and present == "no":
            text = (
                f"a child anywhere in the property is present, even asleep upstairs. {e.ref} "
                f"was '{choice.label}', so 'Present at the incident' must be Yes."
            )
        elif choice.flag("in_property") is False and present == "yes":
            text = (
                f"{e.ref} is recorded as '{choice.label}' and also as present at the "
                "incident: correct one of them."
            )
        else:
            continue
        problems.append(Problem(e.path_of("present"), _sentence(e.who, text), "child_present"))
    return problems


# ---------------------------------------------------------------- rule 2: child seen

_WELFARE_NEEDS = {
    "welfare_where": "record where {ref} is now",
    "welfare_verified_by": "record who confirmed that {ref} is safe (name and role)",
    "welfare_how": "choose how {possessive} welfare was confirmed",
}


def child_age(values: dict, on: date | None) -> int | None:
    """Age in whole years on a date, from the date of birth, else the estimated age."""
    dob = values.get("dob")
    if on is not None and isinstance(dob, str):
        try:
            born = ft.parse_date(dob)
        except ValueError:
            born = None
        if born is not None and born <= on:
            return whole_years(born, on)
    estimate = values.get("estimated_age")
    return estimate if isinstance(estimate, int) and not isinstance(estimate, bool) else None


def _seen_problems(e: Entry) -> Iterator[Problem]:
    seen = e.value("seen")
    if e.missing("seen"):
        text = (
            f"say whether an officer saw {e.ref}. Every child must be seen; if {e.ref} was "
            "not seen, give the reason and explain."
        )
        yield Problem(e.path_of("seen"), _sentence(e.who, text), "child_seen")
    if seen == "no" and e.missing("not_seen_reason"):
        text = f"choose the reason {e.ref} was not seen."
        yield Problem(e.path_of("not_seen_reason"), _sentence(e.who, text), "child_seen")
    if seen == "no" and e.missing("not_seen_explanation"):
        text = f"explain why {e.ref} was not seen and what is planned so that {e.ref} is seen."
        yield Problem(e.path_of("not_seen_explanation"), _sentence(e.who, text), "child_seen")


def _welfare_problems(e: Entry) -> Iterator[Problem]:
    usually = "usually lives here but " if e.value("usually_lives_here") == "yes" else ""
    for field_id, need in _WELFARE_NEEDS.items():
        if e.missing(field_id):
            what = need.format(ref=e.ref, possessive=_possessive(e.ref))
            text = f"{e.ref} {usually}was not at the property, so a welfare check is "
            text += f"needed: {what}."
            yield Problem(e.path_of(field_id), _sentence(e.who, text), "child_seen")


def _pre_verbal_problem(e: Entry, on: date | None, verbal_age: int) -> Iterator[Problem]:
    answer = e.answers.get("communication")
    if answer is None or answer.value != "pre_verbal":
        return
    age = child_age({k: a.value for k, a in e.answers.items()}, on)
    if age is None or age < verbal_age:
        return
    other = answer.field.choice("non_verbal")
    label = other.label if other else "Non-verbal or limited speech"
    text = (
        f"recorded as a pre-verbal infant but aged {age}. If {e.ref} does not talk, choose "
        f"'{label}' so that {e.ref} is still communicated with."
    )
    yield Problem(answer.path, _sentence(e.who, text), "child_seen")


def rule_child_seen(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Every child is seen, or a coded reason and an explanation are recorded; a child not at
    the property needs a welfare check; a pre-verbal infant is seen but not asked to speak."""
    on = incident_date(checklist)
    verbal_age = int(options.get("verbal_age", 4))
    problems: list[Problem] = []
    for e in entries(checklist, definition, "children"):
        problems += _seen_problems(e)
        problems += _welfare_problems(e)
        problems += _pre_verbal_problem(e, on, verbal_age)
    return problems


# ---------------------------------------------------------------- rule 3: spoken to alone


def _reason_problem(e: Entry, voices: Voices) -> Iterator[Problem]:
    path = e.path_of("spoken_alone_reason")
    if e.missing("spoken_alone_reason"):
        text = (
            f"say why {e.ref} was not spoken to alone: your own reason. What a parent said "
            "is not a reason on its own."
        )
        yield Problem(path, _sentence(e.who, text), "spoken_alone")
    elif only_hearsay(_text(e.value("spoken_alone_reason")), voices):
        text = (
            "what an adult said is not a reason on its own. Record your own reason why "
            f"{e.ref} was not spoken to alone: what you saw, did or decided."
        )
        yield Problem(path, _sentence(e.who, text), "spoken_alone")


def _alone_problems(e: Entry, voices: Voices) -> Iterator[Problem]:
    if e.missing("spoken_alone"):
        text = f"say whether {e.ref} was spoken to alone, away from every adult of the household."
        yield Problem(e.path_of("spoken_alone"), _sentence(e.who, text), "spoken_alone")
    if e.value("spoken_alone") != "no":
        return
    yield from _reason_problem(e, voices)
    if e.missing("others_present"):
        text = f"record who else was present when {e.ref} was spoken to (names and roles)."
        yield Problem(e.path_of("others_present"), _sentence(e.who, text), "spoken_alone")


def rule_spoken_alone(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Not spoken to alone: the officer's own reason and who else was present are needed."""
    voices = Voices.of(_people(checklist))
    problems: list[Problem] = []
    for e in entries(checklist, definition, "children"):
        problems += _alone_problems(e, voices)
    return problems


# ---------------------------------------------------------------- rule 4: the child's voice


PLACEHOLDER_WORDS = ("n/a", "na", "none", "nil", "no concerns", "fine", "ok", "nfa", "as above")


def _voice_problem(e: Entry, voices: Voices) -> Problem | None:
    said = _text(e.value("own_words"))
    path, name = e.path_of("own_words"), _text(e.item.get("name"))
    account = e.answers.get("parent_account")
    account_label = account.field.label if account else "the parent's account"
    severity = "error"
    if not said:
        text = f"record what {e.ref} said, verbatim, in their own words."
    elif not any(ch.isalpha() for ch in said) or is_vacuous(said, PLACEHOLDER_WORDS):
        text = (
            f"'{said}' is not what a child says: record {_possessive(e.ref)} own words, "
            f"verbatim (if {e.ref} said nothing, write that down as it happened)."
        )
    elif same_text(said, e.value("parent_account")):
        text = (
            "these are the same as the parent's account. A parent's account never counts as "
            f"the child's voice: record what {e.ref} said, verbatim."
        )
    elif adult_report_start(said, voices, name):
        text = (
            f"this reads as what an adult said, not {_possessive(e.ref)} own words. Put it in "
            f"'{account_label}' and record here what {e.ref} said, verbatim."
        )
    elif summary_start(said, name):
        text = (
            f"this reads as a summary of what {e.ref} said. Record {_possessive(e.ref)} words "
            "verbatim, as the child said them."
        )
        severity = "warning"
    else:
        return None
    return Problem(path, _sentence(e.who, text), "child_voice", severity)


def rule_child_voice(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Spoken to: the child's own words, verbatim; a parent's account never counts."""
    voices = Voices.of(_people(checklist))
    problems = []
    for e in entries(checklist, definition, "children"):
        if e.applies("own_words") and e.value("spoken_to") == "yes":
            problem = _voice_problem(e, voices)
            if problem:
                problems.append(problem)
    return problems


# ---------------------------------------------------------------- rule 5: interpreter

_USE_INSTEAD = (
    "Use a professional interpreter (in person, or by telephone or video) or an officer "
    "fluent in the language."
)


def _interpreter_type_problem(e: Entry) -> Iterator[Problem]:
    answer = e.answers.get("interpreter_type")
    if answer is None or ft.is_empty(answer.value):
        return
    choice = answer.field.choice(answer.value)
    language = _text(e.value("language_used"))
    if choice is not None and choice.flag("refused"):
        text = f"'{choice.label}' cannot act as interpreter. {_USE_INSTEAD}"
    elif answer.value == "not_needed" and language and not is_english(language):
        text = (
            f"{e.ref} was spoken to in {language} but no interpreter is recorded: record "
            "the interpreter used (a professional interpreter or an officer fluent in the "
            "language)."
        )
    elif answer.value == "not_needed" and e.value("interpreter_needed") == "yes":
        text = (
            "'Interpreter needed' is Yes but the interpreter used says not needed: correct "
            "one of them."
        )
    else:
        return
    yield Problem(answer.path, _sentence(e.who, text), "interpreter")


def _one_name_part(interpreter: str, name: str, kind: str) -> bool:
    """'Anna' or 'Łuczak' alone, when an adult on the checklist is Anna Łuczak."""
    given = words(interpreter)
    return kind == "adult" and len(given) == 1 and given[0] in words(name)


def _interpreter_name_problem(e: Entry, people: list[tuple[str, str]]) -> Iterator[Problem]:
    interpreter = _text(e.value("interpreter_name"))
    if not interpreter or not e.applies("interpreter_name"):
        return
    for name, kind in people:
        if name_matches(interpreter, name) or _one_name_part(interpreter, name, kind):
            article = "an" if kind == "adult" else "a"
            named = "" if same_text(interpreter, name) else f" ('{interpreter}')"
            text = (
                f"the interpreter{named} is {name}, {article} {kind} on this checklist. "
                f"A household member cannot interpret. {_USE_INSTEAD}"
            )
            yield Problem(e.path_of("interpreter_name"), _sentence(e.who, text), "interpreter")
            return
    if any(w in ADULT_WORDS for w in words(interpreter)):
        text = f"the interpreter is given as '{interpreter}'. A relative cannot interpret. "
        yield Problem(
            e.path_of("interpreter_name"), _sentence(e.who, text + _USE_INSTEAD), "interpreter"
        )


def rule_interpreter(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """An interpreter for a child or an adult is never family, household, a friend, the
    suspect or another child; a child spoken to in another language had an interpreter."""
    people = _people(checklist)
    problems: list[Problem] = []
    for repeat in ("adults", "children"):
        if not definition.has_section(repeat):
            continue
        for e in entries(checklist, definition, repeat):
            problems += _interpreter_type_problem(e)
            problems += _interpreter_name_problem(e, people)
    return problems


# ---------------------------------------------------------------- rule 7: risk


def short_text(text: str, limit: int = 70) -> str:
    """A question's text cut to its first sentence and about `limit` characters."""
    first = text.split("?")[0].strip() + ("?" if "?" in text else "")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _answer_labels(tool: RiskTool) -> str:
    labels = [a.label for a in tool.answers]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def rule_risk(checklist: Checklist, definition: Definition, tool: RiskTool, options: dict):
    """Every risk question answered; a downgrade needs a rationale for the supervisor; strong
    indicators under a standard grade are pointed out."""
    if definition.field_for_path("risk.answers") is None:
        return []
    assessment = assess(checklist.get("risk.answers"), checklist.get("risk.officer_grade"), tool)
    problems = []
    for qid in assessment.unanswered:
        q = tool.question(qid)
        text = f"Answer risk question {q.number} ({short_text(q.text)}): {_answer_labels(tool)}."
        problems.append(Problem(f"risk.answers.{qid}", text, "risk"))
    problems += _downgrade_problem(checklist, definition, assessment)
    problems += _strong_indicator_problem(tool, assessment)
    return problems


def _downgrade_problem(checklist: Checklist, definition: Definition, assessment) -> list[Problem]:
    if not assessment.downgraded or not ft.is_empty(checklist.get("risk.downgrade_rationale")):
        return []
    path = "risk.downgrade_rationale"
    if definition.field_for_path(path) is None:
        path = "risk.officer_grade"
    score, grade = GRADE_LABELS[assessment.score_grade], GRADE_LABELS[assessment.officer_grade]
    text = (
        f"The risk questions give {score} ({assessment.yes_count} answered Yes) but the "
        f"officer's grade is {grade}: explain why the grade is lower. A supervisor must "
        "approve this rationale."
    )
    return [Problem(path, text, "risk")]


def _strong_indicator_problem(tool: RiskTool, assessment) -> list[Problem]:
    if not assessment.strong_indicators or assessment.officer_grade != GRADES[0]:
        return []
    names = [
        f"{q.id.replace('_', ' ')} (question {q.number})"
        for q in map(tool.question, assessment.strong_indicators)
        if q
    ]
    top = tool.thresholds[0][0]
    text = (
        f"Strong risk indicators answered Yes: {', '.join(names)}. They point to serious harm "
        f"even below {top} Yes answers: consider raising the grade above "
        f"{GRADE_LABELS[GRADES[0]]}."
    )
    return [Problem("risk.officer_grade", text, "risk", "warning")]


# ---------------------------------------------------------------- rule 8: intelligence checks

_HISTORY_NEEDS = {
    "incident.history_check": "Record whether the call handler's history check of the address "
    "and the people was done.",
    "incident.history_check_result": "Record what the history check showed: earlier incidents "
    "at the address, warning markers, orders, MARAC history (or 'no trace').",
    "incident.history_check_not_done_reason": "Say why the call handler's history check was "
    "not done.",
}
_INTEL_NEEDS = {
    "system": "record which system was checked",
    "system_other": "name the other system that was checked",
    "result": "record the result of the check ('no trace' if nothing was found)",
    "checked_at": "record the date and time of the check",
}


def _intel_entry_label(e: Entry) -> str:
    system = e.answers.get("system")
    choice = system.field.choice(system.value) if system and isinstance(system.value, str) else None
    return f"Check {e.index + 1}" + (f" ({choice.label})" if choice else "")


def rule_intelligence_checks(
    checklist: Checklist, definition: Definition, tool: RiskTool, options: dict
):
    """The history check and the intelligence checks (system, result, time) are recorded."""
    answers = {a.path: a for a in walk(checklist, definition)}
    problems = []
    for path, text in _HISTORY_NEEDS.items():
        if path in answers and ft.is_empty(answers[path].value):
            problems.append(Problem(path, text, "intelligence_checks"))
    checks = answers.get("incident.intel_checks")
    if checks is None:
        return problems
    if not checks.value:
        text = "Record the intelligence checks made: which system, the result and the time."
        problems.append(Problem(checks.path, text, "intelligence_checks"))
    for e in entries(checklist, definition, "incident.intel_checks"):
        for field_id, need in _INTEL_NEEDS.items():
            if e.missing(field_id):
                text = _sentence(_intel_entry_label(e), need + ".")
                problems.append(Problem(e.path_of(field_id), text, "intelligence_checks"))
    return problems


# ---------------------------------------------------------------- rule 11: observed facts


def _empty_words(checklist: Checklist, definition: Definition, flagged, phrases, message, rule):
    """Problems for flagged text fields that hold only placeholder phrases or no letters."""
    problems = []
    for answer in walk(checklist, definition):
        text = answer.value
        if not flagged(answer.field) or not isinstance(text, str) or not text.strip():
            continue
        if is_vacuous(text, phrases) or not any(ch.isalpha() for ch in text):
            who = owner(checklist, definition, answer.path)
            problems.append(Problem(answer.path, _sentence(who, message(answer.field)), rule))
    return problems


def rule_observed_facts(
    checklist: Checklist, definition: Definition, tool: RiskTool, options: dict
):
    """Observation and opinion fields state facts, not only 'no concerns'."""
    return _empty_words(
        checklist,
        definition,
        lambda f: f.observation or f.opinion,
        options.get("vacuous_phrases", ["no concerns"]),
        lambda f: (
            f"{f.label}: state the facts you observed (what you saw and heard), not "
            "only 'no concerns'."
        ),
        "observed_facts",
    )


def rule_stated_reasons(
    checklist: Checklist, definition: Definition, tool: RiskTool, options: dict
):
    """A reason or rationale says something: 'n/a', a dash or '...' is not a reason."""
    return _empty_words(
        checklist,
        definition,
        lambda f: f.reason,
        options.get("placeholder_phrases", ["n/a"]),
        lambda f: (
            f"{f.label}: write the actual reason in words; 'n/a', a dash or a "
            "placeholder is not one."
        ),
        "stated_reasons",
    )


# ---------------------------------------------------------------- running the rules

RULES: dict[str, Rule] = {
    "format": rule_format,
    "required": rule_required,
    "child_present": rule_child_present,
    "child_seen": rule_child_seen,
    "spoken_alone": rule_spoken_alone,
    "child_voice": rule_child_voice,
    "interpreter": rule_interpreter,
    "risk": rule_risk,
    "intelligence_checks": rule_intelligence_checks,
    "observed_facts": rule_observed_facts,
    "stated_reasons": rule_stated_reasons,
}


def check_rule_ids(definition: Definition) -> None:
    """Raise DefinitionError if the definition names a rule this version does not know."""
    unknown = [r for r in definition.rules if r not in RULES]
    if unknown:
        where = definition.source.name if definition.source else definition.key
        raise DefinitionError(
            f"{where}: unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(known rules: {', '.join(sorted(RULES))})"
        )


def _covered(problem: Problem, specific: list[Problem]) -> bool:
    """A required-field problem that a more specific error already covers (same path, or a
    part of it such as risk.answers.<question>)."""
    return any(
        p.severity == "error" and (p.path == problem.path or p.path.startswith(problem.path + "."))
        for p in specific
    )


def check(checklist: Checklist, definition: Definition, tool: RiskTool) -> list[Problem]:
    """Every problem of the checklist, in form order: the format checks and every rule the
    definition names; one problem for one need."""
    check_rule_ids(definition)
    problems = rule_format(checklist, definition, tool, {})
    for rule_id in definition.rules:
        if rule_id not in ("format", "required"):
            problems += RULES[rule_id](
                checklist, definition, tool, definition.rule_options.get(rule_id, {})
            )
    if "required" in definition.rules:
        options = definition.rule_options.get("required", {})
        generic = rule_required(checklist, definition, tool, options)
        problems += [p for p in generic if not _covered(p, problems)]
    unique = list(dict.fromkeys(problems))
    order = _form_order(checklist, definition)
    return sorted(unique, key=lambda p: _position(p.path, order))
