"""An adult's account where the officer's own reason, or the child's own words, belong.

`adult_account_reason` reads a reason why a child was not seen, not spoken to or not spoken
to alone. The text is read into tags (`people.Voices.read`: @a for an adult, @o for the
officer...), split into sentences, and each sentence into segments where the officer speaks
again (", I ...", "but we ...", "on arrival ..."). In a segment:

- an adult and a reporting verb ("mum said", "M states", "Mrs Łuczak advised", "IP reckons"),
  an adult and a colon or dash ("mum: he's fine"), or "I was told" / "we were advised",
  start a report that runs to the end of the segment;
- "per mum", "according to dad", "as advised by the victim", "mum's account", a trailing
  "(mum)" make the whole segment a report;
- an adult and a wish or refusal ("didn't want", "asked us not to", "refused", "preferred"),
  "at mum's request", or a report whose words are a request ("said not to wake him"), start
  the adult's wish.

What is left outside reports and wishes is the officer's own reason if it holds a word of
substance: anything but little words, restatements of the reason ("not seen", "asleep",
"not woken", "so not spoken to alone") and plans ("return visit booked"). A text with
reports or wishes and nothing of substance left is "account" (or "wish").
"""

from __future__ import annotations

import re

from officer_app.wording.people import Voices, read
from officer_app.wording.reason_words import (
    _ACCOUNT_NOUNS,
    _BY,
    _FOREIGN_VERBS,
    _HEDGED_VERBS,
    _NON_CONTENT,
    _REPORT_VERBS,
    _WISH_NOUNS,
    _WISH_VERBS,
)
from officer_app.wording.text import one_edit


def _alt(phrases: tuple[str, ...] | list[str]) -> str:
    unique = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in unique) + ")"


_E = r"(?!\S)"  # end of a tag
_DET_WORDS = (
    r"(?:the|his|her|their|its|both|my|our|a|an|kids|kid's|childs|child|childrens|children|"
    r"@c|'s|step|-|biological|birth|foster|maternal|paternal|former|adoptive|grand|ex|new)"
)
_APPOSITION = (
    r"(?:\s+(?:\(|,|-)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:@a|@s|@p|@w)(?:\s+@a)?(?:\s+(?:\)|,))?)?"
)
# After an adult's tag: more adults ("mum and dad", "Victim (Fatima)"), then little words.
_MORE = (  # atomic: once read, the adults are not read again another way
    rf"(?>{_APPOSITION}(?:\s+(?:'s|and|&|/|,|or|n|plus|\+)(?:\s+{_DET_WORDS})*\s+(?:@a|@w|@s)"
    rf"{_APPOSITION}){{0,4}})"
)
_FILL = (
    r"(?>(?:\s+(?:has|had|have|was|is|then|also|later|again|repeatedly|clearly|just|only|"
    r"already|first|initially|simply|verbally|both|all|herself|himself|themselves|been|"
    r"quickly|immediately|calmly|openly|eventually|subsequently|originally|previously|"
    r"further|'s|present|there)(?!\S)"
    r"|\s+(?:on|at)\s+(?:the\s+)?(?:scene|door|doorstep|time|address|phone)(?!\S)"
    r"|\s+,?\s*when\s+(?:asked|spoken\s+to|questioned)(?:\s+,)?(?!\S)"
    r"|\s+of\s+(?:the\s+|both\s+)?(?:children|child|kids|@c|baby|boy|girl|family|household)"
    r"(?!\S)|\s+who(?!\S)"
    r"|\s+,){0,3})"
)
_WEAK_FILL = r"(?:\s+(?:has|had|was|is|also))?"
_VERB = (
    rf"(?:{_alt(_REPORT_VERBS + _FOREIGN_VERBS + _HEDGED_VERBS)}"
    # "parents agreed the child hadn't seen anything" (not "mum agreed he could be seen")
    r"|agree[sd]?(?=\s+(?:the\s+)?(?:he|she|they|@c|both|all|child|children|kids|ch)\s+"
    r"(?:had|hadn't|hadnt|has|hasn't|was|wasn't|wasnt|were|weren't|is|isn't|are|aren't|did|"
    r"didn't|didnt|never|slept|saw|heard|must|would|wouldn't)(?!\S)))"
)
_ADULT_TAG = re.compile(r"(?<!\S)@[asw](?!\S)")
# Each is matched right after an adult's tag (strong; weak adults only as a subject).
_A_REPORT = re.compile(rf"{_MORE}{_FILL}\s+{_VERB}{_E}")
_W_REPORT = re.compile(rf"{_WEAK_FILL}\s+{_VERB}{_E}")
_A_WISH = re.compile(rf"{_MORE}{_FILL}\s+(?:not\s+)?{_alt(_WISH_VERBS)}{_E}")
_W_WISH = re.compile(rf"{_WEAK_FILL}\s+(?:not\s+)?{_alt(_WISH_VERBS)}{_E}")
_VERBLESS = re.compile(
    rf"{_APPOSITION}\s*(?::|=|\"|-\s+(?=(?:he|she|they|hes|shes|he's|she's|theyre|they're|@c|"
    rf"child|kids|ch|baby|all|both|no|not|fine|ok|asleep)(?!\S)))"
)
# An adult's approval: "mum happy", "mum ok with that", "dad happy for us to leave"
# (with "with / for / that / to": the adult's wish; alone: the adult's view).
_APPROVAL = re.compile(
    rf"{_MORE}{_FILL}\s+(?:(?:was|is|seemed|appeared|were|are)\s+)?(?:quite\s+|very\s+|perfectly\s+)?"
    r"(?:happy|ok|okay|o\.k|content|satisfied|comfortable|agreeable|alright|fine)"
    r"(?P<wish>\s+(?:with|for|that|to|about|w\s+/))?(?!\S)"
)
# The officer asking an adult: "checked with mum - all ok", "spoke to parents, child fine".
_ASKED_BEFORE = re.compile(
    r"(?:^|\s)(?:checked|check|chkd|spoke|spoken|speaking|spk|confirmed|clarified|discussed|"
    r"asked|liaised|consulted|verified)(?:\s+(?:with|to|w\s+/|wiv|w))?"
    rf"(?:\s+{_DET_WORDS})*\s+$"
)
_NOT_ASKED_AFTER = frozenset(
    ("to", "present", "there", "watching", "nearby", "in", "listening", "@o")
)
# Nobody's wish: "no one wanted him woken", "nobody wanted them disturbed".
_NOBODY_WISH = re.compile(
    r"(?<!\S)(?:no\s+one|no\s+-\s+one|nobody|noone)(?=\s+(?:wanted|wants|wished)\s+"
    r"(?:(?:him|her|them|the\s+\S+|@c|kids|child|children|baby)\s+(?:to\s+be\s+)?"
    r"(?:woken|wake|disturbed|disturb|spoken|seen|upset|questioned)|to\s+(?:wake|disturb|"
    r"upset))(?!\S))"
)
_ACCOUNT_NOUN = re.compile(rf"(?:\s+'s)?\s+{_alt(_ACCOUNT_NOUNS)}{_E}")
_WISH_NOUN = re.compile(rf"(?:\s+'s)?\s+{_alt(_WISH_NOUNS)}{_E}")
_TRAILING = re.compile(
    rf"(?:\s*\)|{_FILL}\s+{_VERB}(?:\s+(?:so|too|also|this|that|as\s+well))?)?\s*$"
)
# Matched against the words just before an adult's tag.
_BY_BEFORE = re.compile(rf"(?:^|\s){_alt(_BY)}(?:\s+what)?(?:\s+{_DET_WORDS})*\s+$")
_WISH_BEFORE = re.compile(
    rf"(?:^|\s)(?:at|on|by|per|as\s+per|following|due\s+to|respecting|respected)"
    rf"(?:\s+the)?\s+$|(?:^|\s){_alt(_WISH_NOUNS)}\s+of(?:\s+the)?\s+$"
)
_BRACKET_BEFORE = re.compile(r"(?:^|\s)(?:\(|-)\s+$")
_PASSIVE_WORDS = ("told", "advised", "informed", "assured", "aware", "believe")
_HEARSAY_WORDS = ("apparent", "reported", "supposed", "alleged", "believed", "understood",
                  "thought", "said to", "meant to")  # fmt: skip
_HEARSAY = re.compile(
    r"(?:^|\s)(?:apparently|reportedly|supposedly|allegedly|(?:is|are|was|were)?\s*"
    r"(?:believed|understood|thought|said|meant|reported|alleged)\s+to\s+(?:be|have))(?!\S)"
)
_PASSIVE = re.compile(
    r"(?:@o\s+|they\s+)?(?:was|were|have\s+been|has\s+been|had\s+been|been|being|got)\s+"
    rf"(?:told|advised|informed|assured|reassured|made\s+aware|led\s+to\s+believe){_E}"
    r"(?!\s+(?:by\s+)?@o)"
    r"|^(?:told|advised|informed|assured|reassured)\s+(?!(?:the\s+|by\s+)?@[asw]|to\s|"
    r"the\s+(?:school|csc|sgt|control|supervisor))"
)
# What a report says, when it is a request: "said not to wake him", "said there was no need".
_DIRECTIVE = re.compile(
    r"^\s*(?:that\s+)?(?:@o\s+|us\s+)?(?:not\s+to|to\s+not|no\s+need|there\s+was\s+no\s+need|"
    r"there's\s+no\s+need|there\s+is\s+no\s+need|to\s+leave|leave|don't|do\s+not|dont|"
    r"not\s+wake|not\s+disturb|(?:@o|we|they|officers?)\s+(?:should\s+not|shouldn't|"
    r"could\s+not|couldn't|can't|cannot|didn't\s+need|did\s+not\s+need|don't\s+need|"
    r"do\s+not\s+need|must\s+not|mustn't|(?:were|was|are)\s+not\s+to)"
    r"|(?:she|he|they)(?:'d|\s+would)\s+(?:prefer|rather)"
    r"|(?:she|he|they|@a)\s+(?:didn't|didnt|did\s+not|doesn't|doesnt|does\s+not)\s+want\s+"
    r"(?:(?:them|him|her|the\s+\S+|kids|@c|us|@o)\s+(?:to\s+be\s+)?(?:woken|wake|disturbed|"
    r"disturb|upset|spoken|seen|questioned|involved)|to\s+(?:wake|disturb|upset)))"
)
_AND_WISH = re.compile(
    r"(?:and|&|,|but|so)\s+(?:@a\s+|she\s+|he\s+)?(?:(?:did\s+not|didn't|didnt)\s+want\s+"
    r"(?:(?:to\s+)?(?:wake|disturb|upset|him|her|them|the|us|@o|@c|kids|child|anyone)|"
    r"(?:him|her|them)\s+(?:woken|disturbed|spoken|seen))|refused|asked\s+(?:@o|us|me)\s+not|"
    r"would\s+not\s+let|wouldn't\s+let|requested)(?!\S)"
)
_OBS = (
    r"(?:appeared|seemed|looked|presented|flinched|cried|was\s+crying|was\s+shaking|had|"
    r"showed|became|began|started|kept|said|told|disclosed|was\s+visibly|clung|screamed|"
    r"ran|hid)"
)
_OWN_ACTION = (
    r"(?:phoned|rang|called|contacted|checked|went|saw|visited|attended|observed|looked|"
    r"viewed|verified|spoke|conducted|carried|made|obtained|did\s+(?:check|see|speak|go|visit))"
)
_SOFT = r"(?:,|-|\(|\)|:|and|but|however|although|though|whereas|so|then|&|which|yet|while|whilst)"
_BREAK = re.compile(
    rf"(?:^|\s){_SOFT}(?:\s+{_SOFT}){{0,3}}\s+(?=@o(?!\s+(?:was|were|been)\s+(?:told|advised|"
    rf"informed|assured))|on\s+(?:arrival|checking|entry|entering|attendance|@o)|upon|having|"
    rf"when\s+@o|in\s+@o|(?:seen|checked|observed|looked|viewed|visited)"
    rf"(?!(?:\s+(?:on|in|in\s+on))?\s+by\s+(?:the\s+)?@[asw](?!\S))|(?:which\s+|this\s+|that\s+)?(?:was\s+|were\s+|is\s+)?"
    rf"(?:confirmed|verified|checked|corroborated)\s+(?:by|with|when|at)\s+"
    rf"(?!(?:the\s+|his\s+|her\s+|their\s+)?@[asw](?!\S)))"
    rf"|(?:^|\s)(?:but|however|although|though|whereas|yet)\s+(?=(?:he|she|they|@c|"
    rf"the\s+child|child|baby)\s+(?:\S+\s+)?{_OBS}(?!\S))"
    # Unpunctuated notes: the officer's own action starts a new part ("per mum he was at
    # nans i phoned nan and spoke to him"); only past-tense actions, never "i could not".
    rf"|(?:^|\s)(?P<own>)(?=@o\s+(?:(?:then|also|myself|personally|later)\s+)?{_OWN_ACTION}"
    rf"(?!\S))"
)
_SENTENCE = re.compile(r"\s(?:\.|!|\?|;|\|)(?=\s|$)")


def _segments(line: str) -> list[str]:
    out: list[str] = []
    for sentence in _SENTENCE.split(" " + line + " "):
        pos = 0
        for m in _BREAK.finditer(sentence):
            if m.group("own") is not None and _reported(sentence, m.start()):
                continue  # "parents preferred we spoke to her another day"
            out.append(sentence[pos : m.start()])
            pos = m.end()
        out.append(sentence[pos:])
    return [s.strip() for s in out if s.strip()]


# Words after which "I / we" + a past action is what an adult said or wished, not the
# officer speaking again: "preferred we spoke", "said that I went".
_REPORTED_LEAD = frozenset(
    w for p in _REPORT_VERBS + _WISH_VERBS for w in p.split()[-1:] if w.isalpha()
) | {"that", "if", "unless", "until", "till", "before", "when", "whether"}


def _reported(sentence: str, pos: int) -> bool:
    """The word before `pos` introduces reported speech or a wish."""
    before = sentence[max(0, pos - 40) : pos].split()
    return bool(before) and before[-1] in _REPORTED_LEAD


def _read_segment(seg: str) -> tuple[str, set[str]]:
    """What is left of a segment outside reports and wishes, and what was found."""
    found: set[str] = set()
    cut, whole, last = len(seg), False, -2
    for tag in _ADULT_TAG.finditer(seg):
        s, e = tag.span()
        weak = tag.group() == "@w"
        before = seg[max(0, s - 48) : s]
        if (_W_WISH if weak else _A_WISH).match(seg, e):
            found.add("wish")
            cut = min(cut, s)
        elif (
            not weak
            and _WISH_NOUN.match(seg, e)
            and (_WISH_BEFORE.search(before) or seg.startswith(" 's", e))
            or _WISH_BEFORE.search(before)
            and "of" in before.split()[-2:]
        ):
            found.add("wish")
            whole = True
        elif (
            _BY_BEFORE.search(before)
            or (not weak and _ACCOUNT_NOUN.match(seg, e))
            or (_BRACKET_BEFORE.search(before) and _TRAILING.match(seg, e))
            or (not weak and _TRAILING.match(seg, e) and _A_REPORT.match(seg, e))
        ):
            found.add("account")
            whole = True
        else:
            report = (_W_REPORT if weak else _A_REPORT).match(seg, e) or _VERBLESS.match(seg, e)
            if report:
                rest = seg[report.end() :]
                directive = _DIRECTIVE.match(rest) or _AND_WISH.search(rest[:160])
                found.add("wish" if directive else "account")
                asked = _ASKED_BEFORE.search(before)  # "checked with mum - all ok"
                cut = min(cut, s - len(before) + asked.start() if asked else s)
                continue
            if weak:
                continue
            if last < -1:
                last = _last_substance(seg)  # once a segment: the checks stay linear
            approval = _APPROVAL.match(seg, e)
            if approval and last < approval.end():
                found.add("wish" if approval.group("wish") else "account")
                cut = min(cut, s)
                continue
            asked = _ASKED_BEFORE.search(before)
            after = seg[e : e + 40].split()[:1] if asked else []
            if (
                asked
                and after
                and after[0] not in _NOT_ASKED_AFTER
                and last < e
                and _ALPHA.search(seg, e, e + 200)
            ):
                found.add("account")
                cut = min(cut, s - len(before) + asked.start())
    if any(w in seg for w in _HEARSAY_WORDS):
        hearsay = _HEARSAY.search(seg)
        if hearsay:
            found.add("account")
            cut = min(cut, hearsay.start())
    if any(w in seg for w in _PASSIVE_WORDS):
        passive = _PASSIVE.search(seg)
        if passive:
            # "was told by mum they were asleep and she didn't want them woken"
            wish = _AND_WISH.search(seg[passive.end() : passive.end() + 160])
            found.add("wish" if wish else "account")
            cut = min(cut, passive.start())
    if whole:
        if "wish" in found:
            found.discard("account")
        return "", found
    return seg[:cut], found


_VERB_WORDS = tuple(v for v in _REPORT_VERBS if " " not in v and len(v) >= 4 and v.isalpha())
_KNOWN_AFTER_ADULT = frozenset(_NON_CONTENT)


def _mend_verbs(tags: list[str]) -> None:
    """A misspelt reporting verb right after an adult ('mum syas', 'Father confrimed') is
    read as 'said'."""
    for i in range(len(tags) - 1):
        if tags[i] not in ("@a", "@w", "@s"):
            continue
        t = tags[i + 1]
        if len(t) < 4 or t in _KNOWN_AFTER_ADULT or not t.isalpha():
            continue
        if any(abs(len(v) - len(t)) <= 1 and one_edit(t, v) for v in _VERB_WORDS):
            tags[i + 1] = "said"


def _officer_only(seg: str) -> bool:
    """A segment with no adult and no hearsay that says something: the officer's own."""
    if "@" in seg or any(w in seg for w in _PASSIVE_WORDS + _HEARSAY_WORDS):
        return False
    return _has_substance(seg)


_NEGATIONS = frozenset(("not", "didn't", "didnt", "never", "unable", "couldn't", "cannot"))


_ALPHA = re.compile(r"(?<!\S)[a-z]")


def _last_substance(seg: str) -> int:
    """Where the last word of the officer's own starts in a segment (-1 if none): the rest
    after any later point says nothing of substance (as `_has_substance` reads it)."""
    last, pos, negated = -1, 0, 0
    for tok in seg.split():
        pos = seg.index(tok, pos)
        if tok in _NEGATIONS:
            negated = 3
        else:
            negated = max(0, negated - 1)
            if not negated and _substantive(tok):
                last = pos
        pos += len(tok)
    return last


def _substantive(tok: str) -> bool:
    return not (tok.startswith("@") or tok in _NON_CONTENT or not tok[0].isalpha()) and len(tok) > 2


def _has_substance(left: str) -> bool:
    """A word of the officer's own, other than what they did not do ('officers did not
    check' says nothing done)."""
    negated = 0
    for tok in left.split():
        if tok in _NEGATIONS:
            negated = 3  # "not" + up to two words: "not check", "not able to check"
            continue
        negated = max(0, negated - 1)
        if tok.startswith("@") or tok in _NON_CONTENT or not tok[0].isalpha():
            continue
        if negated:
            continue
        if len(tok) > 2:
            return True
    return False


def adult_account_reason(text: str, voices: Voices) -> str | None:
    """None if the reason is the officer's own; "account" if it rests only on what an adult
    said about the child; "wish" if it rests only on an adult's wish or refusal."""
    if not isinstance(text, str) or not text.strip():
        return None
    tags = read(text.replace("\n", " . "), voices).tags
    _mend_verbs(tags)
    line = " ".join(tags)
    if "no" in tags or "nobody" in tags or "noone" in tags:
        line = _NOBODY_WISH.sub("@w", line)
    if "@" not in line and not any(w in line for w in _PASSIVE_WORDS + _HEARSAY_WORDS):
        return None
    segments = _segments(line)
    if any(_officer_only(seg) for seg in segments):
        return None  # a part of the reason the officer gives without any adult
    found: set[str] = set()
    for seg in segments:
        rest, kinds = _read_segment(seg)
        if _has_substance(rest):
            return None
        found |= kinds
    if not found:
        return None
    return "wish" if "wish" in found else "account"
