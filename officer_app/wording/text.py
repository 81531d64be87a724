"""Folding and splitting text: the one place that decides what a 'word' is.

`fold` maps each character to one character so positions carry over to the original text; the
store's search folding (officer_app.text_search) is different: it may turn one letter into two
(æ -> ae) and collapses spaces.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_FOLD_SPECIAL = {
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "þ": "t",
    "ı": "i",
    "ß": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "\u00a0": " ",
}


def fold(text: str) -> str:
    """Lower-case text without diacritics, one character for each character of `text` (so a
    position in the folded text is the same position in the original)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def _fold_char(ch: str) -> str:
    base = _FOLD_SPECIAL.get(ch) or unicodedata.normalize("NFKD", ch)[:1] or ch
    return base.lower()[:1] or base


class _FoldTable(dict[int, str]):
    """Code point -> folded character, filled in as characters are met (for str.translate)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Folded words of a text (letters, digits and apostrophes)."""
    return _WORD.findall(fold(text))


def same_text(a: Any, b: Any) -> bool:
    """Equal after folding case, diacritics, spacing and end punctuation."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    wa = words(a)
    return bool(wa) and wa == words(b)


# 'English', with whatever officers add that still means English only.
_ENGLISH = frozenset(("english", "en", "eng", "engl", "englsh", "enlish", "englis", "inglish"))
_ENGLISH_QUALIFIERS = frozenset(
    (
        "british",
        "uk",
        "gb",
        "us",
        "american",
        "fluent",
        "fluently",
        "native",
        "first",
        "language",
        "only",
        "good",
        "spoken",
        "speaker",
        "speaks",
        "standard",
        "plain",
        "simple",
        "basic",
        "lang",
        "the",
        "in",
        "yes",
    )
)
_OTHER_LANGUAGE = frozenset(("and", "&", "plus", "with", "also", "but", "some", "limited", "bsl"))


def is_english(language: Any) -> bool:
    """The one definition of 'the interview was in English': 'English', 'english.', 'ENG', 'en',
    'British English', 'English (fluent)'. Not 'English and Polish', 'Polish', ''."""
    if not isinstance(language, str):
        return False
    folded = fold(language)
    if "/" in folded or "+" in folded:
        return False
    found = False
    for w in re.findall(r"[a-z]+", folded):
        if w in _ENGLISH:
            found = True
        elif w in _OTHER_LANGUAGE or w not in _ENGLISH_QUALIFIERS:
            return False
    return found


# ---------------------------------------------------------------- tokens

# A token: a word (letters and digits, with an apostrophe inside), or one other visible character.
# "M/O", "F/O" (mother, father: police-note shorthand) are one token.
_TOKEN = re.compile(r"(?<![a-z0-9/])[mf]/o(?![a-z0-9/])|[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")


def tokens(folded: str) -> list[re.Match[str]]:
    """Tokens of folded text, each a match (so its position in the original is known)."""
    return list(_TOKEN.finditer(folded))


def phrase_set(phrases: tuple[str, ...] | list[str] | frozenset[str]) -> frozenset[tuple[str, ...]]:
    """Phrases as tuples of folded words, for matching against token sequences."""
    return frozenset(t for t in (tuple(words(p.replace("/", ""))) for p in phrases) if t)


def one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns a into b."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
