"""The child's own words: telling them from an adult's report or the officer's summary.

`adult_report_start`: the words begin as an adult's report ("Mother said he is fine",
"According to dad ..."). A formal word for an adult with a reporting verb always is; a
child's word for an adult ("Mum said", "Daddy told") may be the child quoting an adult, a
disclosure to keep, and counts only when what follows reassures about the child.
`summary_start`: the words begin as the officer's third-person summary ("He said he was
fine", "Child stated all ok", "Kacper said ...").
"""

from __future__ import annotations

import functools
import re

from officer_app.wording.accounts import _E, _REPORT_VERBS, _alt
from officer_app.wording.people import Voices, read

# Formal words for an adult: "Mother said ..." in the child's words field is the officer
# writing down an adult. A child's own word ("Mum said", "Daddy told") may be the child
# quoting an adult, which is a disclosure to keep.
# fmt: off
CHILD_WORDS_FOR_ADULTS = frozenset((
    "mum", "mom", "mam", "mama", "mammy", "mummy", "mommy", "dad", "daddy", "papa", "nan",
    "nana", "nanny", "gran", "granny", "grandad", "granddad", "grandma", "grandpa", "aunt",
    "auntie", "aunty", "uncle", "stepdad", "stepmum", "boyfriend", "girlfriend", "tata",
    "tato", "mamusia", "babcia", "dziadek", "ciocia", "wujek", "ammi", "abbu", "hooyo",
    "aabbe", "mae", "pai", "anne", "baba", "mami", "papi",
))
_SUMMARY_VERBS = _REPORT_VERBS + (
    "denied", "denies", "disclosed", "discloses", "indicated", "indicates", "mentioned",
    "replied", "answered", "nodded", "agreed", "confirmed", "shrugged",
)
# fmt: on
_LEAD = r"^[\s\"'(\[]*"
_START_FILL = (
    r"(?:\s+(?:has|had|have|was|is|then|also|later|again|repeatedly|clearly|just|only|"
    r"already|first|initially|simply|herself|himself|themselves|both|verbally)){0,2}"
)
_ADULT_START = re.compile(
    rf"{_LEAD}(?:according\s+to|acc\s+to|as\s+per|per)\s"
    rf"|{_LEAD}(?:(?:the|my|his|her|their)\s+)?(@a|@w|@s)(?:\s+(?:and|&|/)\s+@a)?"
    rf"{_START_FILL}\s+{_alt(_REPORT_VERBS)}{_E}"
)
_OFFICERS = frozenset(
    ("us", "we", "officer", "officers", "police", "pc", "ps", "sgt", "pcso", "dc")
)
_REASSURANCE = re.compile(
    r"(?:^|\s)(?:he|she|they|@c|the\s+child|the\s+children|the\s+kids|child|kids|"
    r"the\s+baby|baby|he's|she's|hes|shes|they're|theyre)"
    r"(?:\s+(?:is|was|are|were|has\s+been|had\s+been|seems|seemed|appears|appeared|'s|'re))?"
    r"(?:\s+\S+)?\s+(?:fine|ok|okay|alright|all\s+right|asleep|sleeping|shy|happy|well|"
    r"good|safe|in\s+bed|didn't\s+(?:see|hear)|did\s+not\s+(?:see|hear)|"
    r"never\s+(?:saw|heard)|saw\s+nothing|heard\s+nothing|unaware|not\s+affected|"
    r"slept)(?!\S)"
)


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(read(name).words) if isinstance(name, str) and name else frozenset()


def adult_report_start(text: str, voices: Voices, child_name: str) -> bool:
    """True when 'own words' begin as an adult's report rather than the child's speech.

    "According to <adult>" and a formal word for an adult + a reporting verb at the start
    ("Mother says...", "Father stated...", "The victim said...") always are. A child's word
    for an adult ("Mum said", "Daddy told") may be the child quoting an adult, which is a
    disclosure to keep; it counts as an adult's report only when what follows reassures
    about the child ("Mum said he's fine", "Dad says Kacper was asleep").
    """
    if not isinstance(text, str):
        return False
    reading = read(text[:300], voices)  # the start is what matters
    line = reading.line
    m = _ADULT_START.match(line)
    if m is None:
        return False
    if m.group(1) is None:
        return True
    index = line[: m.start(1)].count(" ") if m.start(1) else 0
    who = reading.words[index] if index < len(reading.words) else ""
    if m.group(1) == "@a" and index not in reading.people and who not in (CHILD_WORDS_FOR_ADULTS):
        return True
    person = reading.people.get(index)
    if person is not None and person.is_adult:
        how = reading.how.get(index, "")
        # A child does not call their mother "Mrs Łuczak" or "Anna Łuczak".
        if how in ("titled", "initial", "full"):
            return True
        # A first name with a report to the officers: "Anna told us he heard shouting"
        # (a child quoting "Marek said he will hurt mama" is a disclosure to keep).
        if how == "given":
            k = line[: m.end()].count(" ") + 1
            heard = [w for w in reading.words[k : k + 2] if w not in ("to", "with")][:1]
            if heard and heard[0] in _OFFICERS:
                return True
    rest = line[m.end() :]
    name_words = _name_words(child_name)
    if name_words:
        rest = " ".join(
            "@c" if tag == "@c" or w in name_words else tag
            for tag, w in zip(reading.tags, reading.words, strict=True)
        )[m.end() :]
    return _REASSURANCE.search(rest) is not None


_SUMMARY = re.compile(
    r"(?:(?:has|had|have|was|is|then|also|later|again|just|only|already|first|initially|"
    rf"simply|clearly|both|verbally)\s+){{0,2}}{_alt(_SUMMARY_VERBS)}{_E}"
)
_SUMMARY_SUBJECTS = frozenset(("he", "she", "they", "child", "boy", "girl", "baby", "kids"))


def summary_start(text: str, child_name: str) -> bool:
    """True when 'own words' begin as the officer's third-person summary of the child:
    "He said he was fine", "Child stated all ok", "Kacper said ..."."""
    if not isinstance(text, str):
        return False
    reading = read(text.lstrip(" \"'([")[:200])
    ws = reading.words
    name = _name_words(child_name)
    i = 1 if ws and ws[0] in ("the", "this", "that") else 0
    if i >= len(ws) or not (ws[i] in _SUMMARY_SUBJECTS or ws[i] in name):
        return False
    i += 1
    while i < len(ws) and ws[i] in name:
        i += 1
    return _SUMMARY.match(" ".join(ws[i : i + 6])) is not None
