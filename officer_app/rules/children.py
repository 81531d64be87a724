"""The rules about each child: present (1), seen or why not (2), spoken to alone or why not
(3), the child's own words (4). An adult's account is never a reason; a coded reason that a
supervisor must look at ('an adult refused access', 'asleep and not woken') is flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from officer_app import wording
from officer_app.rules.problems import ERROR, FLAG, WARNING, Problem, possessive, sentence
from officer_app.rules.reading import Entry, Reading, child_age
from officer_app.rules.registry import rule
from officer_app.wording import kin

CHILDREN = "children"

# (coded reason, explanation): the officer's own reason, never only what an adult said.
NOT_SEEN = ("not_seen_reason", "not_seen_explanation")
NOT_SPOKEN = ("not_spoken_reason", "not_spoken_explanation")
NOT_ALONE = ("not_alone_reason", "spoken_alone_reason")


def _problem(e: Entry, field_id: str, text: str, rule_id: str, short: str, **kw) -> Problem:
    return Problem(e.path_of(field_id), sentence(e.who, text), rule_id, short=short, **kw)


# ---------------------------------------------------------------- rule 1: present


@rule("child_present", reads=("children.location", "children.present"))
def rule_child_present(r: Reading, options: dict) -> Iterator[Problem]:
    """A child anywhere in the property is present (even asleep upstairs); a child not at
    the property cannot be present."""
    for e in r.entries(CHILDREN):
        location, present = e.answers.get("location"), e.value("present")
        if location is None or not e.applies("present") or present not in ("yes", "no"):
            continue
        choice = location.field.choice(location.value) if isinstance(location.value, str) else None
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
        yield _problem(e, "present", text, "child_present", "present wrongly recorded")


# ---------------------------------------------------------------- own reasons


def own_reason_problems(r: Reading, e: Entry, pair: tuple[str, str], what: str, rule_id: str):
    """The explanation for something not done rests on more than an adult's word. `what`
    completes 'why {ref} was ...' ('not seen')."""
    code_id, explanation_id = pair
    text = e.text(explanation_id)
    if not text or not e.applies(explanation_id):
        return
    reading = wording.adult_account_reason(text, r.voices)
    if reading == "account":
        message = (
            "what an adult said is not a reason on its own. Record your own reason why "
            f"{e.ref} was {what}: what you saw, did or decided."
        )
    elif (
        reading == "wish"
        and _refusal_codes(e, code_id)
        and not e.choice_flag(code_id, "adult_refusal")
    ):
        label = _refusal_codes(e, code_id)[0]
        message = (
            f"an adult's wish is not a reason on its own. If an adult refused, choose "
            f"'{label}' as the reason (the supervisor is told); otherwise record your own "
            f"reason why {e.ref} was {what}."
        )
    else:
        return
    short = "an adult's word is not a reason"
    yield _problem(e, explanation_id, message, rule_id, short)


def _refusal_codes(e: Entry, code_id: str) -> list[str]:
    """Labels of the coded reasons that mean 'an adult refused' (flag adult_refusal)."""
    answer = e.answers.get(code_id)
    if answer is None:
        return []
    return [c.label for c in answer.field.choices if c.flag("adult_refusal")]


# ---------------------------------------------------------------- rule 2: seen

_WELFARE_NEEDS = {
    "welfare_where": "record where {ref} is now",
    "welfare_verified_by": "record who confirmed that {ref} is safe (name and role)",
    "welfare_how": "choose how {possessive} welfare was confirmed",
}


def _seen_problems(r: Reading, e: Entry) -> Iterator[Problem]:
    seen = e.value("seen")
    if e.missing("seen"):
        text = (
            f"say whether an officer saw {e.ref}. Every child must be seen; if {e.ref} was "
            "not seen, give the reason and explain."
        )
        yield _problem(e, "seen", text, "child_seen", "not recorded whether seen")
    if seen != "no":
        return
    if e.missing(NOT_SEEN[0]):
        text = f"choose the reason {e.ref} was not seen."
        yield _problem(e, NOT_SEEN[0], text, "child_seen", "no reason recorded")
    if e.missing(NOT_SEEN[1]):
        text = f"explain why {e.ref} was not seen and what is planned so that {e.ref} is seen."
        yield _problem(e, NOT_SEEN[1], text, "child_seen", "not explained")
    if not (e.applies("welfare_verified_by") and e.text("welfare_verified_by")):
        # with a welfare check recorded, the check is the safeguard, not the explanation
        yield from own_reason_problems(r, e, NOT_SEEN, "not seen", "child_seen")


def _welfare_problems(r: Reading, e: Entry) -> Iterator[Problem]:
    usually = "usually lives here but " if e.value("usually_lives_here") == "yes" else ""
    for field_id, need in _WELFARE_NEEDS.items():
        if e.missing(field_id):
            what = need.format(ref=e.ref, possessive=possessive(e.ref))
            text = f"{e.ref} {usually}was not at the property, so a welfare check is "
            text += f"needed: {what}."
            yield _problem(e, field_id, text, "child_seen", "welfare check not recorded")
    yield from _whereabouts_problem(e)
    yield from _verifier_problem(r, e)


# Words for the adults of the household a child was taken from: never the ones who confirm
# the child is safe elsewhere (a carer or guardian where the child is staying may).
_HOUSEHOLD = (kin.PARENTS - {"carer", "carers", "guardian", "guardians"}) | {
    "victim", "suspect", "ip", "vp", "boyfriend", "girlfriend", "partner",
}  # fmt: skip
_UNKNOWN = re.compile(r"^\W*(?:unknown|not known|n/?k|unsure|not sure|tbc)\b", re.I)


def _whereabouts_problem(e: Entry) -> Iterator[Problem]:
    """Where a child away from home is must be known: 'n/k' or 'unknown' is not a place."""
    field_id = "welfare_where"
    text = e.text(field_id)
    if not text or not e.applies(field_id):
        return
    if wording.is_placeholder(text) or _UNKNOWN.search(text):
        message = (
            f"'{text}' does not say where {e.ref} is. Find out where {e.ref} is and record "
            "it; a child whose whereabouts are unknown needs an urgent welfare check."
        )
        yield _problem(e, field_id, message, "child_seen", "whereabouts not known")


def _verifier_problem(r: Reading, e: Entry) -> Iterator[Problem]:
    """The welfare check is confirmed by someone with the child, an officer or an agency:
    not by an adult of this household, not by the suspect, not by an adult's say-so."""
    field_id = "welfare_verified_by"
    text = e.text(field_id)
    if not text or not e.applies(field_id):
        return
    adult = wording.adult_named(text, r.voices)
    if adult is None and wording.adult_account_reason(text, r.voices) == "account":
        message = (
            f"what an adult said is not a welfare check. Record who confirmed that {e.ref} "
            "is safe (name and role): someone with the child, an officer or an agency."
        )
    elif adult is not None or set(wording.words(text)) & _HOUSEHOLD:
        who = f"{adult.name}, an adult on this checklist" if adult else f"'{text}'"
        message = (
            f"the welfare check is confirmed by {who}. Confirm that {e.ref} is safe with "
            "someone who is with the child, an officer or another agency: not an adult of "
            "this household or the suspect."
        )
    elif wording.is_placeholder(text):
        message = f"record who confirmed that {e.ref} is safe (name and role)."
    else:
        return
    yield _problem(e, field_id, message, "child_seen", "welfare check not independent")


def _pre_verbal_problems(e: Entry, on: date | None, verbal_age: int) -> Iterator[Problem]:
    """'Pre-verbal' (as how the child communicates, or as a coded reason) for a child old
    enough to talk is refused, so that no child loses their voice."""
    for answer in e.answers.values():
        if not isinstance(answer.value, str) or answer.field.type != "choice":
            continue
        choice = answer.field.choice(answer.value)
        if choice is None or not choice.flag("pre_verbal"):
            continue
        age = child_age({k: a.value for k, a in e.answers.items()}, on)
        if age is None or age < verbal_age:
            continue
        other = answer.field.choice(choice.flag("instead") or "")
        instead = (
            f"choose '{other.label}' so that {e.ref} is still communicated with"
            if other
            else "record how you communicated with them"
        )
        what = "a pre-verbal infant" if answer.field.id == "communication" else "pre-verbal"
        text = f"recorded as {what} but aged {age}. If {e.ref} does not talk, {instead}."
        yield Problem(
            answer.path, sentence(e.who, text), "child_seen", short="pre-verbal at this age"
        )


@rule(
    "child_seen",
    reads=(
        "children.seen",
        "children.not_seen_reason",
        "children.not_seen_explanation",
        "children.location",
        "children.welfare_where",
        "children.welfare_verified_by",
        "children.welfare_how",
        "children.communication",
    ),
    optional=("children.usually_lives_here", "children.dob", "children.estimated_age"),
)
def rule_child_seen(r: Reading, options: dict) -> Iterator[Problem]:
    """Every child is seen, or a coded reason and the officer's own explanation are recorded;
    a child not at the property needs a welfare check; a pre-verbal infant is seen but not
    asked to speak."""
    verbal_age = int(options.get("verbal_age", 4))
    for e in r.entries(CHILDREN):
        yield from _seen_problems(r, e)
        yield from _welfare_problems(r, e)
        yield from _pre_verbal_problems(e, r.call_date, verbal_age)


# ---------------------------------------------------------------- rule 3: spoken to alone


def _not_spoken_problems(r: Reading, e: Entry) -> Iterator[Problem]:
    if e.value("spoken_to") == "no":
        yield from own_reason_problems(r, e, NOT_SPOKEN, "not spoken to", "spoken_alone")


def _alone_problems(r: Reading, e: Entry) -> Iterator[Problem]:
    if e.missing("spoken_alone"):
        text = f"say whether {e.ref} was spoken to alone, away from every adult of the household."
        yield _problem(e, "spoken_alone", text, "spoken_alone", "not recorded whether alone")
    if e.value("spoken_alone") != "no":
        return
    if e.missing(NOT_ALONE[0]):
        text = f"choose the reason {e.ref} was not spoken to alone."
        yield _problem(e, NOT_ALONE[0], text, "spoken_alone", "reason not recorded")
    if e.missing(NOT_ALONE[1]):
        text = (
            f"say why {e.ref} was not spoken to alone: your own reason. What a parent said "
            "is not a reason on its own."
        )
        yield _problem(e, NOT_ALONE[1], text, "spoken_alone", "reason not recorded")
    yield from own_reason_problems(r, e, NOT_ALONE, "not spoken to alone", "spoken_alone")
    if e.missing("others_present"):
        text = f"record who else was present when {e.ref} was spoken to (names and roles)."
        yield _problem(e, "others_present", text, "spoken_alone", "who was present not recorded")


@rule(
    "spoken_alone",
    reads=(
        "children.spoken_to",
        "children.not_spoken_reason",
        "children.not_spoken_explanation",
        "children.spoken_alone",
        "children.spoken_alone_reason",
        "children.others_present",
    ),
    optional=("children.not_alone_reason",),
)
def rule_spoken_alone(r: Reading, options: dict) -> Iterator[Problem]:
    """Not spoken to, or not alone: the officer's own reason (never only an adult's word),
    and who else was present."""
    for e in r.entries(CHILDREN):
        yield from _not_spoken_problems(r, e)
        yield from _alone_problems(r, e)


# ---------------------------------------------------------------- rule 4: the child's voice

_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "him", "her", "it"))
PLACEHOLDER_WORDS = ("fine", "ok", "no concerns", "nfa", "as above", "all ok", "good")


def _voice_problem(r: Reading, e: Entry) -> Problem | None:
    said, name = e.text("own_words"), e.text("name")
    account = e.answers.get("parent_account")
    account_label = account.field.label if account else "the parent's account"
    short, severity = "not the child's own words", ERROR
    if not said:
        text = f"record what {e.ref} said, verbatim, in their own words."
        short = "own words not recorded"
    elif not any(ch.isalpha() for ch in said) or wording.is_placeholder(said, PLACEHOLDER_WORDS):
        text = (
            f"'{said}' is not what a child says: record {possessive(e.ref)} own words, "
            f"verbatim (if {e.ref} said nothing, write that down as it happened)."
        )
    elif wording.same_text(said, e.value("parent_account")):
        text = (
            "these are the same as the parent's account. A parent's account never counts as "
            f"the child's voice: record what {e.ref} said, verbatim."
        )
    elif wording.adult_report_start(said, r.voices, name):
        text = (
            f"this reads as what an adult said, not {possessive(e.ref)} own words. Put it in "
            f"'{account_label}' and record here what {e.ref} said, verbatim."
        )
    elif wording.summary_start(said, name):
        text = (
            f"this reads as a summary of what {e.ref} said. Record {possessive(e.ref)} words "
            "verbatim, as the child said them."
        )
        short = "reads as a summary"
        # "He said ..." may be the child quoting someone; "Child stated ..." or "Kacper
        # said ..." is the officer's summary, never the child's own words
        first = wording.words(said)[:1]
        severity = WARNING if first and first[0] in _PRONOUNS else ERROR
    else:
        return None
    return _problem(e, "own_words", text, "child_voice", short, severity=severity)


@rule(
    "child_voice",
    reads=("children.own_words", "children.spoken_to"),
    optional=("children.parent_account", "children.name"),
)
def rule_child_voice(r: Reading, options: dict) -> Iterator[Problem]:
    """Spoken to: the child's own words, verbatim; a parent's account never counts."""
    for e in r.entries(CHILDREN):
        if e.applies("own_words") and e.value("spoken_to") == "yes":
            problem = _voice_problem(r, e)
            if problem:
                yield problem


# ---------------------------------------------------------------- flags for the supervisor


@rule("supervisor_flags")
def rule_supervisor_flags(r: Reading, options: dict) -> Iterator[Problem]:
    """A coded answer the definition marks `supervisor` (a child not seen because an adult
    refused access, or asleep and not woken) is flagged for the supervisor's review."""
    for answer in r.applicable:
        if answer.field.type != "choice" or not isinstance(answer.value, str):
            continue
        choice = answer.field.choice(answer.value)
        if choice is None or not choice.flag("supervisor"):
            continue
        text = f"flagged for the supervisor: {choice.label} ({answer.field.label.lower()})."
        short = f"{answer.field.label}: {choice.label}"
        yield r.problem(answer.path, text, "supervisor_flags", severity=FLAG, short=short)
