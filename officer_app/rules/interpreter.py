"""Rule 5: who interprets for a child or an adult. Never family, household, a friend, the
suspect or another child; a child spoken to in another language had an interpreter; a
professional interpreter is named with agency and ID, an officer with a collar number."""

from __future__ import annotations

from collections.abc import Iterator

from officer_app import wording
from officer_app.rules.problems import Problem, sentence
from officer_app.rules.reading import Entry, Reading
from officer_app.rules.registry import rule

_USE_INSTEAD = (
    "Use a professional interpreter (in person, or by telephone or video) or an officer "
    "fluent in the language."
)
_GAP_NEEDS = {
    "professional": wording.professional_interpreter_gaps,
    "officer": wording.officer_interpreter_gaps,
}


def _type_problem(e: Entry) -> Iterator[Problem]:
    answer = e.answers.get("interpreter_type")
    if answer is None or not isinstance(answer.value, str) or not answer.value:
        return
    choice = answer.field.choice(answer.value)
    language = e.text("language_used")
    if choice is None:
        return  # not one of the choices: the format check says so
    if choice.flag("refused"):
        text = f"'{choice.label}' cannot act as interpreter. {_USE_INSTEAD}"
        short = "may not interpret"
    elif answer.value == "not_needed" and language and not wording.is_english(language):
        text = (
            f"{e.ref} was spoken to in {language} but no interpreter is recorded: record "
            "the interpreter used (a professional interpreter or an officer fluent in the "
            "language)."
        )
        short = f"spoken to in {language}: no interpreter"
    elif answer.value == "not_needed" and e.value("interpreter_needed") == "yes":
        text = (
            "'Interpreter needed' is Yes but the interpreter used says not needed: correct "
            "one of them."
        )
        short = "needed, but recorded as not needed"
    else:
        return
    yield Problem(answer.path, sentence(e.who, text), "interpreter", short=short)


def _name_problem(r: Reading, e: Entry, details: bool) -> Iterator[Problem]:
    answer = e.answers.get("interpreter_name")
    interpreter = e.text("interpreter_name")
    if answer is None or not interpreter:
        return
    path = answer.path
    refusal = wording.interpreter_refusal(interpreter, r.voices)
    if refusal:
        same = wording.same_text(interpreter, refusal.split(",")[0])
        named = "" if same else f" ('{interpreter}')"
        text = (
            f"the interpreter{named} is {refusal}. A family or household member, a "
            f"friend or neighbour, the suspect or a child cannot interpret. {_USE_INSTEAD}"
        )
        short = "may not interpret"
        yield Problem(path, sentence(e.who, text), "interpreter", short=short)
        return
    kind = e.choice_flag("interpreter_type", "interpreter")
    gaps = _GAP_NEEDS[kind](interpreter) if details and kind in _GAP_NEEDS else []
    if gaps:
        need = " and ".join(gaps)
        text = f"the interpreter's entry needs {need}, so the hub can trace who interpreted."
        short = f"{need} missing"
        yield Problem(path, sentence(e.who, text), "interpreter", short=short)


@rule(
    "interpreter",
    optional=(
        "children.interpreter_type",
        "children.interpreter_name",
        "adults.interpreter_type",
        "adults.interpreter_name",
    ),
)
def rule_interpreter(r: Reading, options: dict) -> Iterator[Problem]:
    """An interpreter for a child or an adult is never family, household, a friend, the
    suspect or another child; a child spoken to in another language had an interpreter.
    With the option `details`, a professional interpreter's entry gives the agency and ID
    and an officer's the collar number."""
    details = bool(options.get("details", False))
    for repeat in ("adults", "children"):
        for e in r.entries(repeat):
            yield from _type_problem(e)
            yield from _name_problem(r, e, details)
