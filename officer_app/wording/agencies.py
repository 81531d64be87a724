"""What a professional or officer interpreter's entry needs: an agency and an ID number, or
a collar number; and whether an entry reads as a professional's at all (`interpreters`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from officer_app.wording.text import fold

# fmt: off
_AGENCY_WORDS = frozenset((
    "languageline", "langline", "ll", "bigword", "thebigword", "clearvoice", "capita",
    "prestige", "word360", "signalise", "itl", "lingoing", "cintra", "kwintessential", "tll",
    "interpreting", "interpreters", "translation", "translations", "translators", "linguistics",
    "languages", "ltd", "limited", "llp", "council", "nhs", "unit", "bureau", "inhouse",
    "agency", "service", "services", "team", "plc", "dals", "empire", "tbw", "dal", "cti",
    "lls", "nrpsi", "freelance", "lingua", "clarion",
))
_AGENCY_PAIRS = frozenset((
    ("language", "line"), ("lang", "line"), ("langauge", "line"), ("languge", "line"),
    ("langage", "line"), ("l", "line"), ("big", "word"), ("da", "languages"),
    ("clear", "voice"), ("pearl", "linguistics"), ("word", "360"), ("global", "connections"),
    ("language", "empire"), ("sign", "solutions"), ("k", "international"),
    ("applied", "language"), ("language", "services"), ("in", "house"), ("the", "bigword"),
    ("da", "lang"), ("pearl", "ling"),
))
_ID_WORD = (
    r"(?:\b(?:id|i\.d|ref|reference|booking|job|no|number|num|nr|badge|pin|operator|code|"
    r"account|acc|collar|warrant|shoulder|staff|payroll|cn)\b|#)"
)
# fmt: on
_NUMBER = re.compile(r"\d+")
_PHONE = re.compile(r"(?:\+\s?44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
_TIME_BEFORE = re.compile(r"(?:\b(?:at|on|from|until|till|to|since|between|approx|by|@)\s*$)")
_NOT_ID_BEFORE = re.compile(
    r"\b(?:car|van|unit|team|call\s*sign|callsign|sign|vehicle|room|flat|house|block|route|"
    r"area|zone|sector|beat|channel|ch|tel|mob|phone|dob|aged?)\s*[:.#-]?\s*$"
)
_NOT_ID_AFTER = re.compile(
    r"^\s*(?:mins?|minutes?|hrs?|hours?|h\b|years?|yrs?|yr|am|pm|st|nd|rd|th|area|days?|"
    r"weeks?|months?|secs?|seconds?)\b"
)


def _numbers(folded: str, skip: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Numbers that may be an ID or collar number: (digits, follows an ID word). Times
    (22:40, 'at 2240'), dates (21/11/2025), durations ('25 mins') and phone numbers are not."""
    found: list[tuple[str, bool]] = []
    folded = _PHONE.sub(lambda m: " " * len(m.group()), folded)
    for m in _NUMBER.finditer(folded):
        s, e = m.span()
        if any(a <= s < b for a, b in skip):
            continue
        before, after = folded[max(0, s - 12) : s], folded[e : e + 12]
        keyed = re.search(rf"{_ID_WORD}[\s:.#\-]*(?:[a-z]{{0,4}}[\s/-]?)?$", before) is not None
        if keyed and not re.search(r"\d[:./]\s?$", before):
            found.append((m.group(), keyed))
            continue
        if re.search(r"\d[:./]\s?$", before) or re.match(r"^\s?[:./]\s?\d", after):
            continue  # time or date
        if _TIME_BEFORE.search(before) or _NOT_ID_AFTER.match(after):
            continue
        if _NOT_ID_BEFORE.search(before):
            continue
        if len(m.group()) >= 9:
            continue  # a phone number
        found.append((m.group(), False))
    return found


_AGENCY_TOKEN = re.compile(r"[a-z]+|\d+")


@functools.lru_cache(maxsize=4096)  # the refusal and the gap checks read the same entry
def _agency_spans(folded: str) -> tuple[tuple[int, int], ...]:
    """Where the text names an agency or an agency-like body ('Language Line', 'council')."""
    toks = [(m.group(), m.start(), m.end()) for m in _AGENCY_TOKEN.finditer(folded)]
    spans = []
    for i, (w, s, e) in enumerate(toks):
        if w in _AGENCY_WORDS:
            spans.append((s, e))
        elif i + 1 < len(toks) and (w, toks[i + 1][0]) in _AGENCY_PAIRS:
            spans.append((s, toks[i + 1][2]))
    return tuple(spans)


# A form label left empty: "Agency:", "Agency: ?", "agency - unknown".
_EMPTY_AGENCY = re.compile(
    r"\bagency\s*[:=-]\s*(?:\?+|unknown|not\s+known|n/?k|tbc|none|not\s+given)?\s*(?=[,;.]|$)"
)


def professional_interpreter_gaps(text: str) -> list[str]:
    """What a professional interpreter's entry lacks: "the agency", "the interpreter's ID
    number"; [] when both are there ("Language Line ID 40213")."""
    folded = fold(text) if isinstance(text, str) else ""
    if "agency" in folded:
        folded = _EMPTY_AGENCY.sub(lambda m: " " * len(m.group()), folded)
    spans = _agency_spans(folded)
    gaps = []
    if not spans:
        gaps.append("the agency")
    numbers = _numbers(folded, spans)
    if not any(keyed or len(digits) >= 3 for digits, keyed in numbers):
        gaps.append("the interpreter's ID number")
    return gaps


def officer_interpreter_gaps(text: str) -> list[str]:
    """An officer interpreting needs a collar (warrant) number: "PC 4521 Nowak", "Sgt Ahmed
    #3341" are complete; "PC Nowak" lacks ["the collar number"]."""
    folded = fold(text) if isinstance(text, str) else ""
    if _RANK.search(folded):
        return []
    numbers = _numbers(folded, [])
    if any(len(digits) >= 3 or (keyed and len(digits) >= 2) for digits, keyed in numbers):
        return []
    return ["the collar number"]


_RANK = re.compile(r"\b(?:pc|dc|ps|ds|di|sgt|pcso|spc|insp|tdc|det|con)\s*#?\s*\d{2,}")


_UNAVAILABLE = re.compile(
    r"unavailable|not\s+available|no\s+answer|could\s*n[o']?t|can\s*n[o']?t|could\s+not|"
    r"couldn't|failed|\bdown\b|\binstead\b|\bso\s+(?:used|the|his|her|my)|no\s+signal|"
    r"not\s+(?:used|booked|possible|working)|\bwaiting\b|\btried\b"
)


def _professional(folded: str) -> bool:
    if _RANK.search(folded):
        return True
    if _agency_spans(folded) and not _UNAVAILABLE.search(folded):
        return True
    return any(len(d) >= 3 for d, _ in _numbers(folded, []))
