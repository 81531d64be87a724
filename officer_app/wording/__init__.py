"""Reading what officers write: the free-text checks behind the safeguarding rules.

- `text`: fold, words, same_text, is_english.
- `people`: Person, Voices (who is on the checklist, indexed once), name_matches.
- `accounts`: an adult's account or wish given as a reason.
- `voice`: an adult's report or the officer's summary in the child's own words.
- `facts`: texts that state no fact ("no concerns"), placeholders ("n/a").
- `kin`: words for relatives, neighbours, friends, in English and other languages.
- `interpreters`: who may not interpret.
- `agencies`: what a professional or officer interpreter's entry needs (agency, ID, collar
  number).
- `reason_words`: the word lists `accounts` reads a reason with.

Nothing here imports the rest of officer_app (and never Qt). docs/WORDING.md describes each
check, its limits and its measured rates (python -m tests.corpus.rates).
"""

from __future__ import annotations

from officer_app.wording.accounts import adult_account_reason
from officer_app.wording.agencies import officer_interpreter_gaps, professional_interpreter_gaps
from officer_app.wording.facts import is_placeholder, states_no_fact
from officer_app.wording.interpreters import interpreter_refusal
from officer_app.wording.people import Person, Voices, adult_named, name_matches
from officer_app.wording.text import fold, is_english, same_text, words
from officer_app.wording.voice import adult_report_start, summary_start

__all__ = [
    "Person",
    "Voices",
    "adult_account_reason",
    "adult_named",
    "adult_report_start",
    "fold",
    "interpreter_refusal",
    "is_english",
    "is_placeholder",
    "name_matches",
    "officer_interpreter_gaps",
    "professional_interpreter_gaps",
    "same_text",
    "states_no_fact",
    "summary_start",
    "words",
]
