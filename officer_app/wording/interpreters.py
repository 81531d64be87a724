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
from officer_app.wording.agencies import _UNAVAILABLE, _agency_spans, _professional
from officer_app.wording.people import TITLES, Person, Reading, Voices
from officer_app.wording.text import fold

# ---------------------------------------------------------------- relationships

_CHILD_AGE = re.compile(
    r"\b(?:1[0-7]|[1-9])\s*(?:yrs?|years?|y/?o)\b|\baged?\s+(?:1[0-7]|[1-9])\b"
    r"|\(\s*(?:1[0-7]|[1-9])\s*\)|,\s*(?:1[0-7]|[1-9])\s*$"
)


_GODPARENTS = frozenset(("godmother", "godfather", "godparent", "godparents", "godmum", "goddad"))
_GROUPS: tuple[tuple[frozenset[str], str], ...] = (
    (kin.NEIGHBOURS | kin.FOREIGN_NEIGHBOURS, "a neighbour"),
    (kin.LODGERS, "a lodger"),
    (kin.HOUSEHOLD - {"carer", "nanny"}, "a household member"),
    (kin.FRIENDS | kin.FOREIGN_FRIENDS, "a family friend"),
    (kin.SIBLINGS | kin.FOREIGN_SIBLINGS, "sibling"),
    (_GODPARENTS, "a godparent"),
    (kin.PARTNERS, "a partner or ex-partner"),
    (
        kin.PARENTS
        | kin.GRANDPARENTS
        | (kin.RELATIVES - _GODPARENTS)
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
            and name in ("a relative", "a partner or ex-partner", "the victim", "the suspect")
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
    quote = _part(r, i, i + 1)
    if owner == "@a" or any(w in kin.VICTIM | kin.SUSPECT for w in r.words[:i]):
        return f"a relative{quote}"
    if cues & _CHILD_CUES or any(a < 18 for a in ages) or owner == "@c":
        return f"another child{quote}"
    return f"a relative{quote}"


# Words before a relationship word that belong to it: "my aunt", "the victim's sister".
_LEADING = frozenset(
    ("my", "his", "her", "their", "the", "a", "an", "our", "your", "mums", "dads", "childs",
     "kids", "child's", "ex", "-", "step", "great", "grand", "maternal", "paternal")
) | _CHILD_CUES  # fmt: skip


def _lead(r: Reading, i: int) -> int:
    """The first token of the phrase that ends with the relationship word at i, going back
    over determiners, cues and possessives ("the victim's older sister")."""
    j = i
    while j > 0:
        w, tag = r.words[j - 1], r.tags[j - 1]
        if w in _LEADING and tag not in ("@a", "@c", "@s", "@p"):
            j -= 1
        elif tag == "'s" and j >= 2:
            j -= 2
        else:
            break
    return j


def _part(r: Reading, i: int, end: int) -> str:
    """A quote of the words that name the interpreter (tokens i..end-1, with the words that
    lead to them), only when the text says more than that: the rule quotes the text itself,
    so "his aunt" is not quoted again, "aunt, Language Line 30417" quotes 'aunt'."""
    start = _lead(r, i)
    rest = [
        w
        for k, w in enumerate(r.words)
        if (k < start or k >= end) and w[:1].isalpha() and r.tags[k] != "'s"
    ]
    if not rest:
        return ""
    part = r.text[r.starts[start] : r.ends[end - 1]]
    return f" ('{_quote(part)}')"


def _named(person: Person, how: str, r: Reading, i: int, end: int | None = None) -> str:
    article = "an" if person.is_adult else "a"
    quote = "" if how == "full" else _part(r, i, i + 1 if end is None else end)
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


_RANK_WORD = re.compile(r"\b(?:pc|dc|ps|ds|di|sgt|pcso|spc|insp|tdc|det|con|officer|sergeant)\b")
_AFTER_HEAD = frozenset((",", "-", "(", ":", ";", "/", ".", "–"))


def _only_one(voices: Voices, titled: str) -> bool:
    """The surname after a title ("mrs luczak") belongs to one adult on the checklist."""
    surname = titled.split()[-1].removesuffix("'s")
    return len({p for p in voices._person(surname, "")[0] if p.is_adult}) == 1


def _initial_surname(r: Reading, voices: Voices, i: int) -> tuple[Person, int] | None:
    """ "A Luczak", "A. Łuczak": an initial and the surname of an adult on the checklist."""
    j = i - 2 if i >= 2 and r.words[i - 1] == "." else i - 1
    if j < 0 or len(r.words[j]) != 1 or not r.text[r.starts[j]].isupper():
        return None
    surname = r.words[i]
    for p in voices.people:
        parts = p.name_words
        if p.is_adult and surname in parts[1:] and parts[0][:1] == r.words[j]:
            return p, j
    return None


def _leading_relationship(r: Reading) -> tuple[str, int, int] | None:
    """A relationship word that says who the interpreter is: at the start of the entry
    (after "my", "the victim's"...), followed by nothing or a separator ("grandmother,
    Language Line ID 30417", "nan - LL 30417"); not "mother's phone used"."""
    found = _relationship(r)
    if found is None:
        return None
    name, i = found
    if _lead(r, i) != 0:
        return None
    end = i + 2 if i + 1 < len(r.words) and (r.words[i], r.words[i + 1]) in _BIGRAMS else i + 1
    if end < len(r.words) and r.words[end] not in _AFTER_HEAD:
        return None
    return name, i, end


def _phrase(name: str, r: Reading, i: int, end: int, text: str) -> str:
    if name == "sibling":
        return _sibling(r, i, text)
    if name in ("a relative", "another child"):
        return f"{name}{_part(r, i, end)}"
    return name


def interpreter_refusal(text: str, voices: Voices) -> str | None:
    """None if the interpreter's entry is acceptable; otherwise why not, as a phrase for
    "the interpreter is {phrase}": "Anna Łuczak, an adult on this checklist", "the
    suspect", "a relative", "a neighbour", "another child", "a godparent". The rule quotes
    the entry; a phrase quotes the words it rests on only when the entry says more
    ("a relative ('grandmother')" for "grandmother, Language Line ID 30417")."""
    if not isinstance(text, str) or not any(ch.isalpha() for ch in text):
        return None
    r = voices.read(text)
    mentioned = r.mentioned()
    for person, how, i in mentioned:
        if how == "full":
            return _named(person, how, r, i)
    # Refused whatever else the entry says: an adult of the checklist by initial and surname
    # ("A Luczak (Language Line 30417)"), or by title and a surname no other adult here has
    # ("Mr Kowalski, thebigword ID 2231"; not "Mr Warsame, Language Line 40213" when both
    # adults are Warsame: the surname does not point at one of them).
    for person, how, i in mentioned:
        if how == "titled" and person.is_adult and _only_one(voices, r.words[i]):
            return _named(person, how, r, i)
        if how == "surname":
            initial = _initial_surname(r, voices, i)
            if initial is not None:
                return _named(initial[0], "initial", r, initial[1], i + 1)
    folded = fold(text)
    if _professional(folded):
        agency = bool(_agency_spans(folded)) and not _UNAVAILABLE.search(folded)
        if not agency and not _RANK_WORD.search(folded):
            # A bare number does not make a first name of the checklist a professional's:
            # "Amelia, 4471" when Amelia is a child here.
            for person, how, i in mentioned:
                if how == "given" and not _other_capitalised(r, i):
                    return _named(person, how, r, i)
        lead = _leading_relationship(r)
        if lead is not None:
            return _phrase(lead[0], r, lead[1], lead[2], text)
        return None
    for person, how, i in mentioned:
        if how == "titled" and person.is_adult:
            return _named(person, how, r, i)
        if how == "given" and not _other_capitalised(r, i):
            return _named(person, how, r, i)
        if how == "surname" and not _other_capitalised(r, i):
            adults = [p for p in voices.people if p.is_adult and r.words[i] in p.name_words]
            return _named(adults[0] if adults else person, how, r, i)
    found = _relationship(r)
    if found is None:
        if _CHILD_AGE.search(folded):
            return "another child"
        return None
    name, i = found
    end = i + 2 if i + 1 < len(r.words) and (r.words[i], r.words[i + 1]) in _BIGRAMS else i + 1
    return _phrase(name, r, i, end, text)
