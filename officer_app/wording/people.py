"""Who is on the checklist, and reading a text for the people it mentions.

`Voices.of(people)` is built once per checklist (it may hold thousands of people): it indexes
the folded tokens of every name (given name -> people, other name parts -> people). Reading a
text then costs one dictionary look-up per word, whatever the number of people: no regular
expression ever holds a list of names.

`Voices.read(text)` turns a text into a line of tags, one per word, that the checks in
`accounts` and `interpreters` match with fixed regular expressions:

  @a  an adult: a relationship word (mum, farther, IP, babcia), or the name of an adult on
      the checklist (first name, full name, or a title with a surname: "Mrs Łuczak")
  @w  a weak adult word that is an adult only as the subject of a report ("M states", "the
      female advised")
  @c  a child on the checklist;  @s  a surname that adults and children share, no title
  @p  a titled person not on the checklist ("Ms Kowalska");  @o  the officer (I, we, PC ...)
  any other word stays as it is (folded); punctuation stays as one character.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from officer_app.wording.kin import ADULT_KIN
from officer_app.wording.text import _TOKEN, fold, words


@dataclass(frozen=True)
class Person:
    """Someone on the checklist. kind: "adult" or "child"; role for adults: "victim",
    "suspect", "witness", "other"; "" for children."""

    name: str
    kind: str
    role: str = ""

    @property
    def is_adult(self) -> bool:
        return self.kind == "adult"

    @property
    def name_words(self) -> tuple[str, ...]:
        return _name_words(self.name)


@functools.lru_cache(maxsize=16384)
def _name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name (read once: the checks ask for them many times)."""
    return tuple(w for w in words(name.replace("-", " ")) if w)


# fmt: off
TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "mx", "mister", "missus", "mrs.", "madam", "pani", "pan",
    "senhor", "senhora", "sr", "sra", "srta", "bay", "bayan", "dna", "domnul", "doamna",
))
OFFICER_WORDS = frozenset((
    "i", "we", "me", "us", "my", "our", "myself", "ourselves", "i've", "i'd", "i'm", "we've",
    "we'd", "we're", "officer", "officers", "police", "pc", "ps", "dc", "ds", "sgt", "pcso",
    "sergeant", "insp", "inspector", "colleague", "colleagues", "crew", "writer", "oic",
))
WEAK_ADULTS = frozenset((
    "m", "f", "mo", "fa", "female", "male", "females", "males", "adult", "adults", "occupant",
    "occupants", "householder", "homeowner", "resident", "residents", "informant", "caller",
    "household", "couple", "ma", "pa", "family", "families",
))
# Ordinary words that are also names: a name only when written with a capital.
COMMON_WORDS = frozenset((
    "will", "may", "mark", "rose", "grace", "amber", "joy", "don", "bill", "hope", "faith",
    "summer", "april", "june", "dawn", "eve", "pat", "sue", "max", "frank", "holly", "ivy",
    "lily", "ruby", "jack", "sky", "storm", "rain", "ray", "guy", "gene", "art", "rich",
    "young", "white", "black", "brown", "green", "long", "little", "king", "mason", "page",
    "bell", "hall", "love", "fine", "well", "said", "say", "told", "mum", "dad", "ok", "all",
    "an", "and", "as", "at", "be", "by", "do", "he", "in", "is", "it", "no", "of", "on", "or",
    "so", "to", "up", "we", "i", "a", "her", "his", "him", "she", "the", "was", "not",
))
# fmt: on


class Reading:
    """A text read against a checklist: one tag per token (see the module's docstring).
    `people` and `how` are kept only for tokens that name someone (index -> value)."""

    __slots__ = ("_ends", "_folded", "_starts", "how", "people", "tags", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tags: list[str] = []
        self.words: list[str] = []
        self._starts: list[int] | None = []
        self._ends: list[int] | None = []
        self._folded = ""  # when positions are left to be found (see `starts`)
        self.people: dict[int, Person] = {}
        self.how: dict[int, str] = {}  # "full", "given", "titled", "surname"

    @property
    def starts(self) -> list[int]:
        """Where each token starts in the text (found when first asked for, if need be)."""
        if self._starts is None:
            self._spans()
        assert self._starts is not None
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._spans()
        assert self._ends is not None
        return self._ends

    def _spans(self) -> None:
        toks = list(_TOKEN.finditer(self._folded))
        self._starts = [m.start() for m in toks]
        self._ends = [m.end() for m in toks]

    def add(self, tag: str, word: str, start: int, end: int, person=None, how="") -> None:
        if person is not None:
            self.people[len(self.tags)] = person
            self.how[len(self.tags)] = how
        self.tags.append(tag)
        self.words.append(word)
        self.starts.append(start)
        self.ends.append(end)

    @property
    def line(self) -> str:
        return " ".join(self.tags)

    def mentioned(self) -> list[tuple[Person, str, int]]:
        """(person, how, token index) for each person named in the text."""
        return [(p, self.how[i], i) for i, p in sorted(self.people.items())]


def _kind_tag(found: Iterable[Person]) -> str:
    kinds = {p.kind for p in found}
    if kinds == {"adult"}:
        return "@a"
    if kinds == {"child"}:
        return "@c"
    return "@s"


class Voices:
    """Who is who on this checklist, indexed by the folded tokens of their names."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self.people: tuple[Person, ...] = tuple(people)
        given: dict[str, list[Person]] = {}
        other: dict[str, list[Person]] = {}
        for person in self.people:
            parts = [w for w in person.name_words if len(w) > 1 and not w.isdigit()]
            if not parts:
                continue
            given.setdefault(parts[0], []).append(person)
            for part in parts[1:]:
                other.setdefault(part, []).append(person)
        self._given = {k: tuple(v) for k, v in given.items()}
        # The first letter of an adult's surname ("Mr K", "Ms L" after a title): the first
        # adult listed with it.
        self._initials: dict[str, Person] = {}
        for person in self.people:
            if person.is_adult:
                parts = [w for w in person.name_words if len(w) > 1 and not w.isdigit()]
                for part in parts[1:]:
                    if part[0].isalpha():
                        self._initials.setdefault(part[0], person)
        self._other = {k: tuple(v) for k, v in other.items()}
        # Words that need more than a look-up in the lexicon: names and titles.
        self._special = frozenset(self._given) | frozenset(self._other) | TITLES

    @classmethod
    def of(cls, people: Iterable[Person | tuple[str, str] | tuple[str, str, str]]) -> Voices:
        """From Person objects, or (name, "adult"/"child"[, role]) tuples."""
        result = []
        for p in people:
            if isinstance(p, Person):
                result.append(p)
            else:
                result.append(Person(*p))
        return cls(result)

    @property
    def adult_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.people if p.is_adult)

    @property
    def child_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.people if not p.is_adult)

    def _named(self, w: str) -> bool:
        return w in self._given or w in self._other

    def _person(self, w: str, nxt: str) -> tuple[tuple[Person, ...], bool]:
        """People a name word (with the next word) points at, and whether both words are
        used (a full name, either order)."""
        for first, second in ((w, nxt), (nxt, w)):
            pair = [p for p in self._given.get(first, ()) if second in p.name_words]
            if pair and second != first:
                return tuple(pair), True
        return self._given.get(w, ()) + self._other.get(w, ()), False

    def read(self, text: str) -> Reading:
        """Tag every token of `text` (O(length of the text))."""
        folded = fold(text)
        reading = Reading(text)
        special, lexicon = self._special, _LEXICON
        if "'s" not in folded:
            words_ = _TOKEN.findall(folded)
            if special.isdisjoint(words_):
                # The common case: no name, no title, no possessive - one look-up a word, and
                # the positions found only if asked for.
                reading.tags = [lexicon.get(w, w) for w in words_]
                reading.words = words_
                reading._folded = folded
                reading._starts = reading._ends = None
                return reading
        toks = list(_TOKEN.finditer(folded))
        words_ = [m.group() for m in toks]
        tags, out_words, starts, ends = reading.tags, reading.words, reading.starts, reading.ends
        # Only names, titles and possessives need a closer look; the words between them are
        # tagged in one go.
        marked = [k for k, w in enumerate(words_) if w in special or w.endswith("'s")]
        marked.append(len(toks))
        i = 0
        for j in marked:
            if j < i:
                continue  # read with the name before it
            run = words_[i:j]
            tags.extend([lexicon.get(w, w) for w in run])
            out_words.extend(run)
            starts.extend([m.start() for m in toks[i:j]])
            ends.extend([m.end() for m in toks[i:j]])
            if j == len(toks):
                break
            w = words_[j]
            possessive = w.endswith("'s") and len(w) > 2
            base = w[:-2] if possessive else w
            if base not in special:
                tags.append(lexicon.get(base, base))
                out_words.append(base)
                starts.append(toks[j].start())
                ends.append(toks[j].end())
                if possessive:
                    reading.add("'s", "'s", toks[j].end(), toks[j].end())
                i = j + 1
                continue
            i = self._read_name(reading, toks, words_, j)
        return reading

    def _read_name(self, reading: Reading, toks, words_: list[str], i: int) -> int:
        """Tag a title or a name word at token i; the index of the next token to read."""
        n = len(toks)
        m, w = toks[i], words_[i]
        possessive = w.endswith("'s") and len(w) > 2
        base = w[:-2] if possessive else w
        nxt = words_[i + 1] if i + 1 < n else ""
        nxt_base = nxt[:-2] if nxt.endswith("'s") else nxt
        capital = reading.text[m.start()].isupper()
        if base in TITLES and i + 1 < n and self._named(nxt_base):
            found = (
                tuple(p for p in self._person(nxt_base, "")[0] if p.is_adult)
                or (self._person(nxt_base, "")[0])
            )
            tag = _kind_tag(found)
            reading.add(tag, w + " " + nxt, m.start(), toks[i + 1].end(), found[0], "titled")
            if nxt.endswith("'s"):
                reading.add("'s", "'s", toks[i + 1].end(), toks[i + 1].end())
            return i + 2
        k = i + 2 if nxt == "." else i + 1  # "Mr. K"
        letter = words_[k] if k < n else ""
        if (
            base in TITLES
            and len(letter) == 1
            and letter in self._initials
            and (letter not in ("a", "i") or reading.text[toks[k].start()].isupper())
        ):
            # "Mr K", "Ms L": a title with the initial of an adult's surname
            who = self._initials[letter]
            reading.add("@a", w + " " + letter, m.start(), toks[k].end(), who, "initial")
            return k + 1
        if base in TITLES and nxt[:1].isalpha() and nxt not in OFFICER_WORDS:
            reading.add("@p", w + " " + nxt, m.start(), toks[i + 1].end())
            return i + 2
        if self._named(base) and (capital or base not in COMMON_WORDS):
            after = words_[i + 2] if nxt == "," and i + 2 < n else nxt_base
            found, both = self._person(base, after)
            if both:
                last = i + (2 if nxt == "," else 1)
                end = toks[last].end()
                who = found[0]
                reading.add("@a" if who.is_adult else "@c", w, m.start(), end, who, "full")
                if words_[last].endswith("'s"):
                    reading.add("'s", "'s", end, end)
                return last + 1
            adults = [p for p in self._given.get(base, ()) if p.is_adult]
            how = "given" if base in self._given else "surname"
            tag = "@a" if adults else _kind_tag(found)
            reading.add(tag, base, m.start(), m.end(), (adults or list(found))[0], how)
        else:
            reading.add(_LEXICON.get(base, base), base, m.start(), m.end())
        if possessive:
            reading.add("'s", "'s", m.end(), m.end())
        return i + 1


_EMPTY = Voices()
_LEXICON: dict[str, str] = {
    **{w: "@w" for w in WEAK_ADULTS},
    **{w: "@o" for w in OFFICER_WORDS},
    **{w: "@a" for w in ADULT_KIN},
}


def read(text: str, voices: Voices | None = None) -> Reading:
    return (voices or _EMPTY).read(text)


def adult_named(text: str, voices: Voices) -> Person | None:
    """The first adult on the checklist the text names (in full, by title and surname, or by
    first name), or None."""
    for person, how, _ in voices.read(text).mentioned():
        if person.is_adult and how in ("full", "titled", "given"):
            return person
    return None


def name_matches(candidate: str, name: str) -> bool:
    """The candidate is this person's name, or contains their full name (any case, any
    diacritics, any order of first name and surname)."""
    cand, person = words(candidate), words(name)
    if not person or not cand:
        return False
    return cand == person or (len(person) >= 2 and set(person) <= set(cand))


def first_words(text: str, limit: int = 8) -> str:
    """The start of a text, for quoting it in a message."""
    parts = re.findall(r"\S+", text)
    short = " ".join(parts[:limit])
    return short + (" ..." if len(parts) > limit else "")
