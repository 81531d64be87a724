"""Reading what people wrote: folding text, and telling an adult's account from a child's
own words or an officer's reason.

Heuristics for the safeguarding rules (officer_app.rules): an officer's reason that only
repeats what an adult said, a "child's own words" that are really an adult's report or the
officer's summary, text that says only "no concerns", an interpreter's name that is a
household member's. They err towards accepting: a rule refuses only what they are sure of.

`fold` maps each character to one character so positions carry over to the original text; the
store's search folding (officer_app.text_search) is different: it may turn one letter into two
(æ -> ae) and collapses spaces.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------- text helpers

_FOLD_SPECIAL = {
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ß": "s",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
}


def fold(text: str) -> str:
    """Lower-case text without diacritics, one character for each character of `text` (so a
    position in the folded text is the same position in the original)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = _FOLD_SPECIAL.get(ch) or unicodedata.normalize("NFKD", ch)[:1] or ch
    return base.lower()[:1] or base


def words(text: str) -> list[str]:
    """Folded words of a text (letters, digits and apostrophes)."""
    return re.findall(r"[a-z0-9']+", fold(text))


def same_text(a: Any, b: Any) -> bool:
    """Equal after folding case, diacritics, spacing and end punctuation."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    return words(a) == words(b) and bool(words(a))


def is_english(language: Any) -> bool:
    """'English', 'en', 'eng' (any case, spacing or full stop), like the definition's
    `not_matches` condition."""
    return isinstance(language, str) and " ".join(words(language)) in ("english", "en", "eng")


# ---------------------------------------------------------------- hearsay heuristics

# fmt: off
ADULT_WORDS = (
    "mother", "mum", "mom", "mam", "mama", "mammy", "mummy", "mommy", "father", "dad",
    "daddy", "papa", "parent", "parents", "carer", "carers", "stepfather", "stepmother",
    "step-father", "step-mother", "step-dad", "stepdad", "step-mum", "stepmum", "partner",
    "boyfriend", "girlfriend", "grandmother", "grandfather", "grandma", "grandpa", "nan",
    "nana", "nanny", "gran", "granny", "grandad", "granddad", "aunt", "auntie", "uncle",
    "victim", "suspect", "the victim", "the suspect",
)
# Words a child uses for the adults around them: own words starting "Mum said ..." may be
# the child quoting (a disclosure); "Mother said ..." is the officer writing down an adult.
CHILD_WORDS_FOR_ADULTS = frozenset((
    "mum", "mom", "mam", "mama", "mammy", "mummy", "mommy", "dad", "daddy", "papa", "nan",
    "nana", "nanny", "gran", "granny", "grandad", "granddad", "grandma", "grandpa", "aunt",
    "auntie", "uncle", "stepdad", "step-dad", "stepmum", "step-mum", "boyfriend",
    "girlfriend",
))
REPORTING_VERBS = (
    "said", "says", "say", "stated", "states", "told", "tells", "reported", "reports",
    "claimed", "claims", "explained", "explains", "advised", "advises", "informed",
    "informs", "confirmed", "confirms", "assured", "assures", "insisted", "insists",
)
SUMMARY_VERBS = REPORTING_VERBS + (
    "denied", "denies", "disclosed", "discloses", "indicated", "indicates", "mentioned",
    "replied", "answered",
)
# fmt: on
_FILLER = r"(?:has|had|have|was|is|then|also|later|again|repeatedly|clearly|just|only|already|first|initially|simply|herself|himself|themselves)"  # noqa: E501
_OFFICER = r"(?:i|we|my|our|officers?|police|pc|ps|dc|sgt)"
_BREAK = re.compile(
    rf"(?:[,:]\s*|\s+-\s*|\s+(?=but\b))(?:(?:and|but|however|although|though|while|whereas|so)\s+)?(?={_OFFICER}\b)"
)
_NON_CONTENT = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "as",
        "because",
        "since",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "that",
        "this",
        "it",
        "its",
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "his",
        "their",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "had",
        "has",
        "have",
        "did",
        "do",
        "does",
        "not",
        "no",
        "yes",
        "also",
        "then",
        "i",
        "we",
        "me",
        "us",
        "my",
        "our",
        "child",
        "children",
        "kids",
        "kid",
        "spoken",
        "speak",
        "spoke",
        "speaking",
        "talk",
        "talked",
        "alone",
        "officer",
        "officers",
        "pc",
        "ps",
        "dc",
        "police",
        "able",
        "could",
        "would",
        "should",
        "can",
        "wanted",
        "want",
        *SUMMARY_VERBS,
    )
)


def _alternatives(phrases: Iterable[str]) -> str:
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in unique) + ")"


def _name_words(names: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Folded full names and name parts (first name, surname), minus parts in `exclude`."""
    excluded = {w for name in exclude for w in words(name)}
    result = []
    for name in names:
        parts = words(name)
        result.append(" ".join(parts))
        result += [p for p in parts if len(p) > 1 and p not in excluded]
    return result


@dataclass(frozen=True)
class Voices:
    """Who is who on this checklist, for telling an adult's report from the child's words."""

    adult_names: tuple[str, ...]
    child_names: tuple[str, ...]

    @classmethod
    def of(cls, people: list[tuple[str, str]]) -> Voices:
        """From (name, "adult" or "child") pairs."""
        return cls(
            tuple(n for n, k in people if k == "adult"), tuple(n for n, k in people if k == "child")
        )

    def adult_pattern(self) -> str:
        return _alternatives(ADULT_WORDS + tuple(_name_words(self.adult_names, self.child_names)))

    def report_marker(self) -> re.Pattern:
        """'mother said', 'Mum has told', 'Anna Łuczak stated', 'according to dad'."""
        adult, verbs = self.adult_pattern(), _alternatives(REPORTING_VERBS)
        return re.compile(
            rf"\baccording\s+to\s+(?:(?:the|her|his|their|my)\s+)?{adult}\b"
            rf"|\b{adult}(?:\s+{_FILLER}){{0,2}}\s+{verbs}\b"
        )


def _strip_reports(sentence: str, marker: re.Pattern) -> tuple[str, bool]:
    """The sentence without what adults are reported to have said: a report runs from the
    adult to the end of the sentence, or to a break where the officer speaks again
    (', but I ...', '; we ...')."""
    kept, pos, found = [], 0, False
    while (m := marker.search(sentence, pos)) is not None:
        found = True
        kept.append(sentence[pos : m.start()])
        end = _BREAK.search(sentence, m.end())
        pos = end.end() if end else len(sentence)
    kept.append(sentence[pos:])
    return " ".join(kept), found


def only_hearsay(text: str, voices: Voices) -> bool:
    """True when a reason rests only on what an adult said.

    Heuristic: the text is split into sentences (. ! ? ; and new lines). In each sentence an
    adult (mother, mum, dad, carer, partner, the victim, the suspect... or the name of an adult
    on the checklist) followed by a reporting verb (said, stated, told, claimed, confirmed...),
    or "according to <adult>", starts a report that runs to the end of the sentence, or to a
    break after which the officer speaks again (", but I ..."). If the text holds at least one
    such report and what is left has no word of substance (only little words, 'not spoken to
    alone', names), the reason is only hearsay. Facts about what an adult did ("Mother refused
    to let officers speak to him alone") have no reporting verb and are accepted; so is the
    officer's own reasoning next to a report ("Amelia clung to her mother and screamed when I
    tried to take her to another room; mother said she is shy").
    """
    marker = voices.report_marker()
    found_any, left = False, []
    for sentence in re.split(r"[.!?;\n]+", fold(text)):
        rest, found = _strip_reports(sentence, marker)
        found_any = found_any or found
        left += words(rest)
    ignore = _NON_CONTENT | {w for n in _name_words(voices.child_names) for w in n.split()}
    ignore |= {w for n in _name_words(voices.adult_names) for w in n.split()} | set(ADULT_WORDS)
    return found_any and not any(w not in ignore and not w.isdigit() for w in left)


_REASSURANCE = (
    r"(?:'s|'re|\s+(?:is|was|are|were|has\s+been|had\s+been|seems|seemed|appears|appeared))?"
    r"(?:\s+\w+)?\s+(?:fine|ok|okay|alright|all\s+right|asleep|sleeping|shy|happy|well|good|"
    r"safe|didn't\s+(?:see|hear)|did\s+not\s+(?:see|hear)|never\s+(?:saw|heard)|"
    r"saw\s+nothing|heard\s+nothing)\b"
)


def adult_report_start(text: str, voices: Voices, child_name: str) -> bool:
    """True when 'own words' begin as an adult's report rather than the child's speech.

    "According to <adult>" and a formal word for an adult + a reporting verb at the start
    ("Mother says...", "Father stated...", "The victim said...") always are. A child's word
    for an adult ("Mum said", "Daddy told") may be the child quoting an adult, which is a
    disclosure to keep; it counts as an adult's report only when what follows reassures
    about the child ("Mum said he's fine", "Dad says Kacper was asleep").
    """
    folded = fold(text).lstrip(" \"'(")
    if re.match(r"according\s+to\b", folded):
        return True
    adult, verbs = voices.adult_pattern(), _alternatives(REPORTING_VERBS)
    m = re.match(
        rf"(?:(?:the|my|his|her|their)\s+)?({adult})(?:\s+{_FILLER}){{0,2}}\s+{verbs}\b", folded
    )
    if m is None:
        return False
    who = re.sub(r"\s+", " ", m.group(1))
    if who in ADULT_WORDS and who not in CHILD_WORDS_FOR_ADULTS:
        return True
    subject = _alternatives(
        ("he", "she", "they", "the child", "the children", "the kids", *_name_words([child_name]))
    )
    return re.search(rf"\b{subject}{_REASSURANCE}", folded[m.end() :]) is not None


_SUMMARY_SUBJECTS = (
    "he",
    "she",
    "they",
    "child",
    "the child",
    "boy",
    "the boy",
    "girl",
    "the girl",
    "baby",
    "the baby",
)


def summary_start(text: str, child_name: str) -> bool:
    """True when 'own words' begin as the officer's third-person summary of the child:
    "He said he was fine", "Child stated all ok", "Kacper said ..."."""
    subject = _alternatives((*_SUMMARY_SUBJECTS, *_name_words([child_name])))
    verbs = _alternatives(SUMMARY_VERBS)
    folded = fold(text).lstrip(" \"'(")
    return re.match(rf"{subject}(?:\s+{_FILLER}){{0,2}}\s+{verbs}\b", folded) is not None


_SEPARATORS = re.compile(r"[,;./\-:!?()\n]+|\band\b|&")


def is_vacuous(text: str, phrases: Iterable[str]) -> bool:
    """True when the text is made only of phrases like 'no concerns', 'fine', 'NFA': it is
    lower-cased, split on , ; . / - and 'and', and every part must be one of the phrases
    (compared without punctuation)."""
    known = {" ".join(words(p.replace("/", ""))) for p in phrases}
    folded = re.sub(r"\b(\w)/(\w)\b", r"\1\2", fold(text))  # "n/a" -> "na"
    parts = [" ".join(words(part)) for part in _SEPARATORS.split(folded)]
    parts = [p for p in parts if p]
    return bool(parts) and all(p in known for p in parts)


def name_matches(candidate: str, name: str) -> bool:
    """The candidate is this person's name, or contains their full name (any case, any
    diacritics, any order of first name and surname)."""
    cand, person = words(candidate), words(name)
    if not person or not cand:
        return False
    return cand == person or (len(person) >= 2 and set(person) <= set(cand))
