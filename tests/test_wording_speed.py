"""The shortcuts that make the wording checks fast give the same answers as the plain way."""

from __future__ import annotations

import random

from officer_app.wording import facts, people
from officer_app.wording.text import _fold_char, fold, one_edit


def test_near_long_words_are_exactly_the_one_edit_slips() -> None:
    alphabet = facts._TOKEN_CHARS
    rng = random.Random(7)
    candidates: set[str] = set(facts._NEAR_LONG)
    for word in facts._LONG_EMPTY:
        for _ in range(400):
            w = list(word)
            for _ in range(rng.randint(0, 3)):
                i = rng.randrange(len(w) + 1)
                op = rng.randrange(4)
                if op == 0:
                    w.insert(i, rng.choice(alphabet))
                elif op == 1 and i < len(w):
                    del w[i]
                elif op == 2 and i < len(w):
                    w[i] = rng.choice(alphabet)
                elif op == 3 and i + 1 < len(w):
                    w[i], w[i + 1] = w[i + 1], w[i]
            candidates.add("".join(w))
    for w in candidates:
        assert (w in facts._NEAR_LONG) == facts._near(w, facts._LONG_EMPTY), w
    assert one_edit("concerns", "concerms")


def test_fold_by_table_is_fold_by_character() -> None:
    text = "".join(chr(c) for c in range(0x80, 0x3000) if not 0xD800 <= c < 0xE000)
    assert fold(text) == "".join(_fold_char(ch) for ch in text)
    assert fold("Łuczak’s ÆSIR") == "luczak's asir"


def test_reading_positions_found_later_are_the_same() -> None:
    voices = people.Voices.of([("Anna Łuczak", "adult"), ("Kacper Łuczak", "child")])
    for text in (
        "Mum said he was fine - asleep upstairs",  # no name: positions found when asked
        "Anna Łuczak's son Kacper said mum's ok",  # names and possessives: read one by one
        "  ZAŻÓŁĆ gęślą jaźń, Mrs Nowak & PC 4521 ",
        "  ZAŻÓŁĆ gęślą jaźń & PC 4521 ",
    ):
        reading = voices.read(text)
        lazy = reading._starts is None
        found = [(m.start(), m.end()) for m in people._TOKEN.finditer(fold(text))]
        spans = list(zip(reading.starts, reading.ends, strict=True))
        if lazy:  # a plain text: one position for each token
            assert spans == found
        assert all(0 <= s <= e <= len(text) for s, e in spans)
        assert lazy == (text.startswith("Mum") or text.startswith("  ZAŻÓŁĆ gęślą jaźń &"))
        assert len(reading.tags) == len(reading.words) == len(spans)


def test_states_no_fact_and_placeholders_unchanged_on_samples() -> None:
    extra = ("grand", "all good", "see above")
    assert facts.states_no_fact("No concernes, child appeared fine", extra)
    assert facts.states_no_fact("N.F.A. S&W", extra)
    assert facts.states_no_fact("grand", extra)
    assert not facts.states_no_fact("no visible injuries, bed warm", extra)
    assert facts.is_placeholder("n/a", extra)
    assert facts.is_placeholder("N/A - see above", extra)
    assert not facts.is_placeholder("n/a - he was at school", extra)
