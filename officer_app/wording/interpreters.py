"""Who may not interpret, and what an interpreter's entry needs.

`interpreter_refusal` reads the interpreter's name / details against the checklist
(`people.Voices.read`): a person on the checklist (full name; or, when the entry gives no
agency, ID or collar number, a first name alone, a title with the family's surname, a
surname alone), the victim or the suspect, and relationship words in English and the
languages families speak (`kin`). An entry that is a professional's (an agency, an ID or
collar number) is refused only for the full name of someone on the checklist: "Language Line
40213, mother's phone used" is accepted. Foreign relationship words that are also names
(Baba, Mama, Anne, Nani) count only when written as words: lower case, after "my", "his",
"the"..., or alone - never after a title or next to a capitalised name.
"""

from __future__ import annotations

import re

from officer_app.wording import kin
from officer_app.wording.people import TITLES, Person, Reading, Voices
from officer_app.wording.text import fold

# ---------------------------------------------------------------- agencies and numbers

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


def _numbers(folded: str, skip: list[tuple[int, int]]) -> list[tuple[str, bool]]:
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


def _agency_spans(folded: str) -> list[tuple[int, int]]:
    """Where the text names an agency or an agency-like body ('Language Line', 'council')."""
    toks = [(m.group(), m.start(), m.end()) for m in _AGENCY_TOKEN.finditer(folded)]
    spans = []
    for i, (w, s, e) in enumerate(toks):
        if w in _AGENCY_WORDS:
            spans.append((s, e))
        elif i + 1 < len(toks) and (w, toks[i + 1][0]) in _AGENCY_PAIRS:
            spans.append((s, toks[i + 1][2]))
    return spans


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
_CHILD_AGE = re.compile(
    r"\b(?:1[0-7]|[1-9])\s*(?:yrs?|years?|y/?o)\b|\baged?\s+(?:1[0-7]|[1-9])\b"
    r"|\(\s*(?:1[0-7]|[1-9])\s*\)|,\s*(?:1[0-7]|[1-9])\s*$"
)


def _professional(folded: str) -> bool:
    if _RANK.search(folded):
        return True
    if _agency_spans(folded) and not _UNAVAILABLE.search(folded):
        return True
    return any(len(d) >= 3 for d, _ in _numbers(folded, []))


# ---------------------------------------------------------------- relationships

_GROUPS: tuple[tuple[frozenset[str], str], ...] = (
    (kin.NEIGHBOURS | kin.FOREIGN_NEIGHBOURS, "a neighbour"),
    (kin.LODGERS, "a lodger"),
    (kin.HOUSEHOLD - {"carer", "nanny"}, "a household member"),
    (kin.FRIENDS | kin.FOREIGN_FRIENDS, "a family friend"),
    (kin.SIBLINGS | kin.FOREIGN_SIBLINGS, "sibling"),
    (
        kin.PARENTS
        | kin.GRANDPARENTS
        | kin.PARTNERS
        | kin.RELATIVES
        | kin.FOREIGN_PARENTS
        | kin.FOREIGN_GRANDPARENTS
        | kin.FOREIGN_RELATIVES,
        "a relative",
    ),
    (kin.CHILDREN, "another child"),
    (kin.VICTIM, "the victim"),
    (kin.SUSPECT, "the suspect"),
)
_BIGRAMS = {
    ("house", "mate"): "a lodger",
    ("flat", "mate"): "a lodger",
    ("room", "mate"): "a lodger",
    ("next", "door"): "a neighbour",
    ("another", "child"): "another child",
    ("other", "child"): "another child",
    ("a", "child"): "another child",
    ("the", "child"): "another child",
    ("older", "child"): "another child",
    ("injured", "party"): "the victim",
    ("in", "law"): "a relative",
    ("family", "member"): "a relative",
    ("family", "friend"): "a family friend",
}
_CHILD_CUES = frozenset(
    ("older", "oldest", "eldest", "elder", "younger", "youngest", "little", "big", "baby", "kids",
     "teenage", "teen", "twin", "son", "daughter", "child's", "childs", "step")
)  # fmt: skip
_WORD_CUES = frozenset(
    ("my", "his", "her", "their", "the", "a", "an", "our", "your", "its", "kids", "childs",
     "'s", "@a", "@c", "@s", "mums", "dads", "(", "-", ",", ":", "older", "eldest", "younger")
)  # fmt: skip


_ENGLISH_NAMES = frozenset(("anne", "mae", "tia", "bon", "var", "met", "pal", "mate", "guest"))


_GROUP_OF: dict[str, str] = {}
for _words, _name in reversed(_GROUPS):  # the first group listed wins
    _GROUP_OF.update(dict.fromkeys(_words, _name))


def _group(word: str) -> str | None:
    found = _GROUP_OF.get(word)
    if found is not None or len(word) < 6:
        return found
    stem = kin.prefixed(word)
    return _GROUP_OF.get(stem) if stem else None


def _quote(text: str) -> str:
    short = " ".join(text.split())
    return short if len(short) <= 40 else short[:37] + "..."


def _is_word_not_name(r: Reading, i: int) -> bool:
    """A kin word that could be a name (Baba, Mama, Anne) is the word when written as one."""
    w = r.words[i]
    original = r.text[r.starts[i] : r.ends[i]]
    if w not in kin.NAME_LIKE or original.islower():
        return True
    prev = r.tags[i - 1] if i > 0 else ""
    nxt_start = r.starts[i + 1] if i + 1 < len(r.tags) else -1
    if prev in TITLES or (i > 0 and r.words[i - 1] in TITLES):
        return False
    if nxt_start >= 0 and r.text[nxt_start : nxt_start + 1].isupper() and r.tags[i + 1][0] != "@":
        return False  # "Anne Smith"
    if (
        i > 0
        and r.text[r.starts[i - 1] : r.starts[i - 1] + 1].isupper()
        and (r.tags[i - 1][0] != "@" and _group(r.words[i - 1]) is None)
    ):
        return False  # "Ali Baba"
    return prev in _WORD_CUES or (len(r.tags) == 1 and w not in _ENGLISH_NAMES)


def _relationship(r: Reading) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    order = [name for _, name in _GROUPS] + ["another child"]
    n = len(r.tags)
    for i in range(n):
        w = r.words[i]
        pair = (w, r.words[i + 1]) if i + 1 < n else None
        name = _BIGRAMS.get(pair) if pair else None
        if name is None:
            if i in r.people or not _is_word_not_name(r, i):
                continue
            name = _group(w)
            if name is None:
                continue
        if (
            i + 1 < n
            and r.tags[i + 1] == "'s"
            and name in ("a relative", "the victim", "the suspect")
        ):
            rank = len(order)  # "the victim's sister": the sister is the interpreter
        else:
            rank = order.index(name) if name in order else len(order)
        if best is None or rank < best[0]:
            best = (rank, name, i)
    return (best[1], best[2]) if best else None


def _sibling(r: Reading, i: int, text: str) -> str:
    cues = set(r.words[max(0, i - 3) : i + 1])
    ages = [int(d) for d in re.findall(r"\b(\d{1,2})\b", text)]
    owner = r.tags[i - 2] if i >= 2 and r.tags[i - 1] == "'s" else ""
    if owner == "@a" or any(w in kin.VICTIM | kin.SUSPECT for w in r.words[:i]):
        return f"a relative ('{_quote(text)}')"
    if cues & _CHILD_CUES or any(a < 18 for a in ages) or owner == "@c":
        return f"another child ('{_quote(text)}')"
    return f"a relative ('{_quote(text)}')"


def _named(person: Person, how: str, text: str) -> str:
    article = "an" if person.is_adult else "a"
    quote = "" if how == "full" else f" ('{_quote(text)}')"
    return f"{person.name}, {article} {person.kind} on this checklist{quote}"


def _other_capitalised(r: Reading, i: int) -> bool:
    """Another capitalised name word next to a first name: 'Anna Kowalska' is not Anna."""
    for j in (i - 1, i + 1):
        if not (0 <= j < len(r.tags)) or r.tags[j][0] == "@" or not r.words[j][:1].isalpha():
            continue
        capital = r.text[r.starts[j] : r.starts[j] + 1].isupper()
        if capital and _group(r.words[j]) is None and r.words[j] not in TITLES:
            return True
    return False


def interpreter_refusal(text: str, voices: Voices) -> str | None:
    """None if the interpreter's entry is acceptable; otherwise why not, as a phrase for
    "the interpreter is {phrase}": "Anna Łuczak, an adult on this checklist", "the
    suspect", "a relative ('my aunt')", "a neighbour", "another child ('older brother')"."""
    if not isinstance(text, str) or not any(ch.isalpha() for ch in text):
        return None
    r = voices.read(text)
    mentioned = r.mentioned()
    for person, how, _ in mentioned:
        if how == "full":
            return _named(person, how, text)
    if _professional(fold(text)):
        return None
    for person, how, i in mentioned:
        if how == "titled" and person.is_adult:
            return _named(person, how, text)
        if how == "given" and not _other_capitalised(r, i):
            return _named(person, how, text)
        if how == "surname" and not _other_capitalised(r, i):
            adults = [p for p in voices.people if p.is_adult and r.words[i] in p.name_words]
            return _named(adults[0] if adults else person, how, text)
    found = _relationship(r)
    if found is None:
        if _CHILD_AGE.search(fold(text)):
            return f"another child ('{_quote(text)}')"
        return None
    name, i = found
    if name == "sibling":
        return _sibling(r, i, text)
    if name in ("a relative", "another child"):
        return f"{name} ('{_quote(text)}')"
    return name
