"""Search text for names, addresses and references, folded so spelling marks do not matter.

An officer types "luczak" and must find "Łuczak"; "KREZOLEK" must find "Krężołek". Text is
case-folded, decomposed (NFKD) with the combining marks dropped, and the Latin letters that
Unicode does not decompose (ł, ø, đ, ß, æ, œ, ı, þ, ...) are mapped to their usual ASCII
spelling. The store keeps this folded text in a column and matches each query term with LIKE;
`found_in` tells, with the same folding, which value of a listed row a term matched.
(The rules fold text differently, one character for one, to keep positions: officer_app.wording.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Letters NFKD leaves whole (no combining mark to drop). Keys are lower case: text is
# case-folded first (casefold turns "ß" into "ss" already; the entry is kept for clarity).
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
    }
)

LIKE_ESCAPE = "\\"


def normalise(text: str) -> str:
    """Fold text for matching: 'Krężołek' -> 'krezolek', 'ŁUCZAK' -> 'luczak'.
    Runs of whitespace become one space."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(bare.translate(_UNDECOMPOSED).split())


def search_text(parts: Iterable[str]) -> str:
    """The folded text of several values, one per line, empty values left out. A query
    term has no whitespace, so it never matches across two values."""
    return "\n".join(n for n in (normalise(p) for p in parts if p) if n)


def query_terms(query: str) -> list[str]:
    """The folded, whitespace-separated terms of a search query."""
    return normalise(query).split()


def found_in(terms: list[str], text: str) -> bool:
    """Whether one of the (folded) query terms appears in `text`, folded as the store folds
    it: how a row shows which of its values a search matched."""
    folded = normalise(text)
    return any(term in folded for term in terms)


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, with %, _ and the escape character taken
    literally. Use it with `LIKE ? ESCAPE '\\'`."""
    escaped = (
        term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"
