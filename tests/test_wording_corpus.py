"""The wording checks against the corpus (tests/corpus): every check catches at least 95%
of what it must catch and wrongly flags at most 2% of honest texts; and no text, however
strange or long, makes a check raise or crawl."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officer_app import wording
from officer_app.wording import Person, Voices
from tests.corpus import rates

RATES = {r.check: r for r in rates.measure()}


@pytest.mark.parametrize("check", sorted(RATES))
def test_each_check_catches_95_percent(check):
    r = RATES[check]
    assert len(r.caught) + len(r.missed) >= 100
    missed = [item.text for item, _ in r.missed]
    assert r.caught_rate >= 95.0, missed


@pytest.mark.parametrize("check", sorted(RATES))
def test_each_check_wrongly_flags_at_most_2_percent(check):
    r = RATES[check]
    assert len(r.passed) + len(r.wrong) >= 50
    wrong = [item.text for item, _ in r.wrong]
    assert r.false_rate <= 2.0, wrong


def test_the_corpus_spreads_over_the_three_reasons():
    fields = {item.field for item in rates.load("adult_account")}
    assert {"not_seen", "not_spoken", "not_alone"} <= fields


# ---------------------------------------------------------------- any text at all

VOICES = Voices.of(
    [
        Person("Anna Łuczak", "adult", "victim"),
        Person("Marek Krężołek", "adult", "suspect"),
        Person("Kacper Łuczak", "child"),
        Person("Amelia Krężołek", "child"),
        Person("Ionuț Ionescu", "child"),
    ]
)
# Text made of the pieces the checks look for, so that the regular expressions are pushed
# along their longest paths, mixed with anything at all.
PIECES = st.sampled_from(
    [
        "mum", "said", "per", "according to", "Mrs", "Łuczak", "Anna", "Kacper", "I", "we",
        "were told", ",", ";", ".", ":", "-", "(", ")", "'s", "and", "but", "not", "want",
        "didn't", "refused", "asked", "PC", "4521", "22:40", "21/11/2025", "Language Line",
        "ID", "#", "no concerns", "fine", "n/a", "the", "victim", "babcia", "Baba", "older",
        "brother", "(16)", "apparently", "  ", "\n", "\t", "ł", "ß", "İ", "\u0301", "0" * 12,
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=80).map(" ".join),
)
CHECKS = [
    lambda t: wording.adult_account_reason(t, VOICES),
    lambda t: wording.states_no_fact(t, ["grand"]),
    lambda t: wording.is_placeholder(t, ["as per log"]),
    lambda t: wording.interpreter_refusal(t, VOICES),
    wording.professional_interpreter_gaps,
    wording.officer_interpreter_gaps,
    lambda t: wording.adult_report_start(t, VOICES, "Kacper Łuczak"),
    lambda t: wording.summary_start(t, "Kacper Łuczak"),
    wording.is_english,
    wording.words,
    lambda t: wording.same_text(t, t),
    lambda t: wording.name_matches(t, "Anna Łuczak"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_no_check_raises_on_any_text(text):
    for check in CHECKS:
        check(text)
    assert len(wording.fold(text)) == len(text)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.sampled_from(["adult", "child"]))))
def test_voices_of_any_names(people):
    voices = Voices.of(people)
    wording.adult_account_reason("Mrs " + " said ".join(n for n, _ in people), voices)
    wording.interpreter_refusal(" ".join(n for n, _ in people), voices)


def _pathological(size: int) -> list[str]:
    """Long texts built to make a backtracking regular expression work hard."""
    return [
        ("mum " * size)[:size],
        ("mum and " * size)[:size],
        ("the his her " * size)[:size],
        ((" " * 50 + "\t") * size)[:size],
        ("1" * size),
        ("1/" * size)[:size],
        ("per " * size)[:size],
        ("no concerns " * size)[:size],
        ("Mrs Łuczak, " * size)[:size],
        ("@a 's " * size)[:size],
        ("a" * size),
        ("Language Line ID " * size)[:size],
    ]


def _work(text: str) -> None:
    for check in CHECKS:
        check(text)


def test_time_grows_linearly_with_the_text():
    """No regular expression may backtrack out of control: checking a text 16 times as
    long must do about 16 times the work, not 256 times. Measured by counting, not timing:
    the number of tokens the reader produces is linear, and each check runs on 100,000
    characters at all (timings: python -m tests.corpus.rates --timing)."""
    import time

    for short, long_ in zip(_pathological(6_250), _pathological(100_000), strict=True):
        start = time.process_time()
        _work(short)
        small = time.process_time() - start
        start = time.process_time()
        _work(long_)
        large = time.process_time() - start
        # generous: linear would be 16x; a quadratic pattern would be ~256x
        assert large <= max(small, 0.002) * 64, (long_[:30], small, large)
