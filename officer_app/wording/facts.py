"""Texts that state no fact: "no concerns" in all its forms, and placeholders.

`states_no_fact` reads an observation or opinion (demeanour, appearance, home conditions,
the officer's view). The folded words are matched, longest phrase first, against a
vocabulary of words that state nothing observed: verdicts ("fine", "ok", "good", "normal",
"safe and well", "appropriate", "as expected"), hedges ("appeared", "seemed to be"), the
thing judged ("child", "home conditions", "sleeping arrangements"), "no concerns" and its
relatives ("no issues", "nothing untoward", "nil of note", "NFA", "S&W"), times ("at the time
of attendance") and the officer as judge ("I have no concerns", "officer satisfied"). If
every word is used up, the text states no fact. Any other word - a thing looked at ("bed",
"fridge", "clothes", "injuries"), something the child did ("smiling", "showed me") - is a
fact, including a specific negative finding ("no visible injuries").

A word not in the vocabulary that is one letter away from a long vocabulary word
("concernes", "councerns" is two, so it is listed) counts as that word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from officer_app.wording.text import fold, one_edit, phrase_set, words

# fmt: off
_EMPTY_WORDS = frozenset((
    "no", "none", "nil", "nothing", "not", "any", "all", "everything", "fine", "ok", "okay",
    "k", "good", "well", "alright", "allright", "great", "grand", "happy", "content",
    "contented", "settled", "calm", "normal", "normally", "usual", "ordinary", "typical",
    "unremarkable", "satisfactory", "acceptable", "adequate", "appropriate", "appropriately",
    "suitable", "sufficient", "reasonable", "expected", "safe", "sound", "healthy", "clean",
    "tidy", "presented", "cared", "fed", "nourished", "groomed", "kept", "looked", "seemed",
    "seems", "appeared", "appears", "appear", "looks", "look", "seem", "to", "be", "being",
    "was", "were", "is", "are", "looking", "presenting", "appearing", "seeming", "apparent",
    "apparently", "evident", "obvious", "obviously", "visible", "observed", "noted", "seen",
    "identified", "raised", "found", "recorded", "evidenced", "detected", "witnessed", "raised",
    "concern", "concerns", "concerned", "concerning", "worries", "worry", "worrying", "issue",
    "issues", "problem", "problems", "probs", "prob", "untoward", "note", "of", "notable",
    "mention", "report", "remarkable", "further", "additional", "else", "whatsoever", "at",
    "all", "really", "major", "immediate", "real", "particular", "significant", "obvious",
    "specific", "safeguarding", "welfare", "wellbeing", "neglect", "abuse", "harm", "signs",
    "sign", "indication", "indications", "risk", "child", "childs", "child's", "children",
    "kids", "kid", "ch", "chn", "baby", "infant", "toddler", "boy", "girl", "young", "person",
    "yp", "he", "she", "they", "him", "her", "them", "his", "their", "its", "it", "the", "a",
    "an", "this", "that", "these", "those", "and", "&", "or", "but", "so", "also", "as", "for",
    "with", "in", "on", "re", "regarding", "about", "from", "by", "to", "of", "during",
    "throughout", "time", "attendance", "attending", "arrival", "visit", "police", "officer",
    "officers", "officer's", "writer", "i", "i'm", "i've", "we", "me", "my", "our", "us",
    "have", "has", "had", "am", "satisfied", "happy", "think", "feel", "felt", "believe",
    "opinion", "view", "home", "house", "property", "flat", "address", "premises", "household",
    "environment", "conditions", "condition", "living", "arrangements", "arrangement",
    "sleeping", "sleep", "accommodation", "room", "rooms", "state", "standard", "general",
    "generally", "overall", "age", "aged", "for", "mood", "demeanour", "behaviour",
    "appearance", "presentation", "hygiene", "spirits", "health", "order", "change", "changes",
    "spoke", "same", "usual", "n/a", "na", "nfa", "nk", "tbc", "tba", "s", "w", "sw", "sandw",
    "as", "above", "per", "previous", "see", "below", "prev", "notes", "other", "then", "now",
    "currently", "present", "expected", "unknown", "n/k", "very", "quite", "fairly", "pretty",
    "reasonably", "relatively", "seemingly", "enough", "ok'", "fine'", "looks'", "co", "obs",
    "add", "teenager", "teen", "teenagers", "required", "action", "little", "polite",
    "friendly", "pleasant", "lovely", "nice", "cheerful", "relaxed", "comfortable", "average",
    "decent", "presentable", "she's", "he's", "they're", "it's", "bubbly", "lively", "positive",
    "chirpy", "lad", "gd", "fab", "brill", "absolutely", "perfectly", "totally", "completely",
    "entirely", "ntr", "nstr", "nad", "significant", "himself", "herself", "themselves",
    "unaffected", "unaware", "incident", "ordinary", "smiley", "suggest", "suggesting",
    "should", "family", "clothed", "dressed", "care", "mum", "mother", "dad", "father",
    "parents", "parent", "mum's", "mother's", "dad's", "father's", "parents'", "carer",
    "carers", "carer's", "suggests", "indicate", "indicating", "indicates", "everything's",
    "all's", "both", "each", "either", "okish", "oki", "oke", "okey", "yes", "good's", "well'",
    "nc", "tbh", "nowt", "owt", "honestly", "imo",
))
_EMPTY_PHRASES = phrase_set((
    "no concerns", "nil of note", "nothing of note", "nothing to note", "nothing untoward",
    "nothing to report", "nothing further", "safe and well", "safe & well", "s & w",
    "as expected", "as normal", "as above", "see above", "see previous", "as per previous",
    "at the time", "in good spirits", "in good health", "in order", "good condition",
    "age appropriate", "for age", "no change", "no comment", "no obs", "obs", "c/o", "c o",
    "care of", "at this time", "at the time of attendance", "time of attendance", "no issues",
    "no signs of neglect", "well cared for", "well presented", "well fed", "clean and tidy",
    "fine at time", "happy enough", "as it should be", "well dressed", "out of the ordinary",
    "not affected", "looked after", "well looked after", "appropriately dressed",
    "dressed appropriately", "suitably dressed", "dressed for age", "not applicable",
    "see narrative", "see notes", "see log", "see report", "see statement", "as per narrative",
    "cause for concern", "causes for concern", "reason for concern", "reasons for concern",
    "grounds for concern", "police perspective", "my perspective", "safeguarding perspective",
    "point of view", "police point of view", "nowt to report", "nowt 2 report",
    "nothing 2 report", "nothing 2 note", "nowt to note", "nowt 2 note",
    # "No remarks", "all fine" in the languages families (and some officers) write.
    "brak uwag", "bez uwag", "brak zastrzezen", "bez zastrzezen", "wszystko ok",
    "wszystko dobrze", "wszystko w porzadku", "w porzadku", "sab theek hai", "sab theek",
    "sab thik hai", "sab thik", "theek hai", "thik hai", "sab kuch theek hai",
    "sab kuch theek", "todo bien", "tudo bem", "totul bine", "totul e bine", "e bine",
    "viskas gerai", "her sey yolunda", "her sey iyi",
))
# fmt: on
# Pointing at another child's entry states nothing of this child: "same as sibling", "as per
# brother", "same as above child", "see older sister".
_OTHER_CHILD = (
    "sibling",
    "siblings",
    "brother",
    "sister",
    "bro",
    "sis",
    "twin",
    "other child",
    "other children",
    "other sibling",
    "older child",
    "younger child",
    "first child",
    "previous child",
    "above child",
    "child above",
    "the above",
    "eldest",
    "youngest",
    "older sibling",
    "younger sibling",
    "older brother",
    "younger brother",
    "older sister",
    "younger sister",
    "big brother",
    "big sister",
    "little brother",
    "little sister",
    "child 1",
    "child one",
    "1st child",
    "other kids",
    "the others",
    "the other",
)  # fmt: skip
_POINTERS = ("same as", "as per", "as for", "as with", "see", "ditto", "same for", "as")
_EMPTY_PHRASES = _EMPTY_PHRASES | phrase_set(
    tuple(
        f"{lead} {det}{ref}"
        for lead in _POINTERS
        for det in ("", "the ", "his ", "her ", "their ")
        for ref in _OTHER_CHILD
    )
)
# Long words officers misspell, that a one-letter slip should still find.
_LONG_EMPTY = (
    "concerns",
    "concern",
    "concerning",
    "appeared",
    "appropriate",
    "appropriately",
    "satisfactory",
    "safeguarding",
    "unremarkable",
    "untoward",
    "welfare",
    "acceptable",
    "adequate",
    "observed",
    "identified",
    "attendance",
    "expected",
    "satisfied",
    "apparent",
    "settled",
    "content",
    "normal",
    "nothing",
)
_MAX_PHRASE = 8
# A slip rarely falls on the first letter: only words starting like a long word are compared.
_LONG_INITIALS = frozenset(w[0] for w in _LONG_EMPTY)
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789'"


def _near(word: str, known: Iterable[str]) -> bool:
    """One edit (insertion, deletion, substitution or swap) away from a known word."""
    if len(word) < 6 or len(word) > 14 or word[0] not in _LONG_INITIALS:
        return False
    for k in known:
        if abs(len(k) - len(word)) > 1:
            continue
        if one_edit(word, k):
            return True
    return False


def _one_edit_words(known: Iterable[str]) -> frozenset[str]:
    """Every token (letters, digits, apostrophes) that `_near` finds near a known word: each
    insertion, deletion, substitution and swap of every known word, spelt out once."""
    found: set[str] = set()
    for k in known:
        for i in range(len(k) + 1):
            head, tail = k[:i], k[i:]
            if tail:
                found.add(head + tail[1:])  # deletion
                if len(tail) > 1 and tail[0] != tail[1]:
                    found.add(head + tail[1] + tail[0] + tail[2:])  # swap
            for ch in _TOKEN_CHARS:
                found.add(head + ch + tail)  # insertion
                if tail and ch != tail[0]:
                    found.add(head + ch + tail[1:])  # substitution
    return frozenset(w for w in found if 6 <= len(w) <= 14 and w[0] in _LONG_INITIALS)


# Tokens that count as a long vocabulary word: the same set `_near(w, _LONG_EMPTY)` accepts.
_NEAR_LONG = _one_edit_words(_LONG_EMPTY)
_AMP_SW = re.compile(r"\bs\s*and\s*w\b")
_SLASH_PAIR = re.compile(r"\b([a-z])\s*/\s*([a-z])\b")
_DOTTED = re.compile(r"\b([a-z])\.(?=[a-z]\b)")
_DOT_LETTER = re.compile(r"\.[a-z]")  # cheap to look for: no _DOTTED match without one
_RAW_WORD = re.compile(r"[a-z0-9']+")


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    folded = fold(text)
    if "&" in folded:
        folded = folded.replace("&", " and ")
        folded = _AMP_SW.sub("sandw", folded)  # S&W
    if "/" in folded:
        folded = _SLASH_PAIR.sub(r"\1\2", folded)  # n/a, s/w, c/o
    if "." in folded and _DOT_LETTER.search(folded):
        folded = _DOTTED.sub(r"\1", folded)  # N.F.A. -> nfa.
    found = _RAW_WORD.findall(folded)
    if "'" not in folded:
        return tuple(found)
    return tuple(w.strip("'") for w in found if w.strip("'"))


class _Vocabulary:
    """The phrases and words that state nothing, with a definition's extra phrases, read once:
    phrases of 2 to _MAX_PHRASE words, the words that may start one, and the single words
    (with the one-letter slips of the long words)."""

    __slots__ = ("firsts", "longest", "phrases", "words")

    def __init__(self, extra: frozenset[tuple[str, ...]]) -> None:
        self.phrases = frozenset(p for p in _EMPTY_PHRASES | extra if 2 <= len(p) <= _MAX_PHRASE)
        self.firsts = frozenset(p[0] for p in self.phrases)
        self.longest = max((len(p) for p in self.phrases), default=1)
        singles = {p[0] for p in extra if len(p) == 1}
        self.words = _EMPTY_WORDS | singles | _NEAR_LONG


@functools.lru_cache(maxsize=64)
def _vocabulary(extra: tuple[str, ...]) -> _Vocabulary:
    """A definition's extra phrases, read once (the rules pass the same list each call)."""
    return _Vocabulary(phrase_set(extra))


def states_no_fact(text: str, extra_phrases: Iterable[str] = ()) -> bool:
    """True when an observation or opinion states no observed fact: "no concerns", "NFA",
    "child appeared fine", "safe and well", "as expected", "N/A", "-"; False when it says
    what was seen or heard ("clean clothes, smiling", "no visible injuries, bed warm")."""
    if not isinstance(text, str) or not text.strip():
        return False
    if not any(ch.isalpha() for ch in text):
        return True
    vocabulary = _vocabulary(tuple(extra_phrases))
    if len(text) > 300 and not _no_fact(_tokens(text[:300])[:-1], vocabulary):
        return False  # a fact early in a long text: no need to read it all
    return _no_fact(_tokens(text), vocabulary)


def _no_fact(toks: tuple[str, ...], vocabulary: _Vocabulary) -> bool:
    """Every token is used up by a phrase (longest first) or a word that states nothing."""
    phrases, firsts, known = vocabulary.phrases, vocabulary.firsts, vocabulary.words
    longest = vocabulary.longest
    i, n = 0, len(toks)
    while i < n:
        w = toks[i]
        if w in firsts:
            for size in range(min(longest, n - i), 1, -1):
                if toks[i : i + size] in phrases:
                    i += size
                    break
            else:
                i += 1
                if w not in known and not w.isdigit():
                    return False
            continue
        if w not in known and not w.isdigit():
            return False
        i += 1
    return True


# fmt: off
_PLACEHOLDERS = phrase_set((
    "n/a", "na", "n a", "not applicable", "tbc", "tba", "to be confirmed", "see above",
    "as above", "see below", "see notes", "see narrative", "see previous", "as per previous",
    "unknown", "unk", "not known", "n/k", "nk", "other", "others", "none", "nil", "no reason",
    "no reason given", "various", "misc", "etc", "same", "ditto", "idk", "dunno", "x", "xx",
    "xxx", "null", "blank", "reason", "as stated", "not stated", "not given", "no comment",
    "none given", "nothing to add", "same as above", "as before", "as previous", "see attached",
    "see log", "see report", "no info",
))
# fmt: on
_SEPARATORS = re.compile(r"[,;./\-:!?()\n]+|\band\b|&")
_LETTER_SLASH = re.compile(r"\b(\w)/(\w)\b")
_WORD = re.compile(r"[a-z0-9']+")


def _split_phrases(text: str) -> list[str]:
    return [p for p in _phrase_parts(text) if p]


def _phrase_parts(text: str) -> Iterator[str]:
    """The words of each part of the text between separators ("" for a part without any)."""
    folded = fold(text)
    if "/" in folded:
        folded = _LETTER_SLASH.sub(r"\1\2", folded)  # "n/a" -> "na"
    refold = not folded.isascii()  # words() folds each part again
    for part in _SEPARATORS.split(folded):
        yield " ".join(_WORD.findall(fold(part) if refold else part))


@functools.lru_cache(maxsize=64)
def _placeholders(extra: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The known placeholders with the extra phrases, and the most words one has."""
    known = {" ".join(p) for p in _PLACEHOLDERS | phrase_set(extra)}
    known |= {k.replace(" ", "") for k in known}
    return frozenset(known), max((k.count(" ") + 1 for k in known), default=1)


def is_placeholder(text: str, extra_phrases: Iterable[str] = ()) -> bool:
    """True for a reason that gives none: "n/a", "-", "...", "tbc", "see above", "unknown",
    "other", "none", "no reason", "various", text with no letters; and for text made only of
    the extra phrases."""
    if not isinstance(text, str) or not text.strip():
        return False
    if not any(ch.isalpha() for ch in text):
        return True
    known, longest = _placeholders(tuple(extra_phrases))
    if len(text) > 40 * longest and len(words(text[: 20 * longest])) > 2 * longest:
        head = _split_phrases(text[: 20 * longest])[:-1]
        if any(p not in known for p in head):
            return False  # a long text that already says something
    whole = " ".join(words(text.replace("/", "")))
    if whole in known:
        return True
    seen = False
    for part in _phrase_parts(text):  # every part a placeholder; stop at the first that is not
        if part:
            if part not in known:
                return False
            seen = True
    return seen
