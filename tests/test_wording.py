"""The reading heuristics behind the rules: folding, adults' accounts, facts, names,
interpreters (officer_app.wording). The corpus rates are in test_wording_corpus.py."""

from __future__ import annotations

import pytest

from officer_app import wording
from officer_app.wording import Person, Voices

FAMILY = [
    Person("Anna Łuczak", "adult", "victim"),
    Person("Marek Krężołek", "adult", "suspect"),
    Person("Kacper Łuczak", "child"),
    Person("Amelia Krężołek", "child"),
]


@pytest.fixture(scope="module")
def voices() -> Voices:
    return Voices.of(FAMILY)


def test_hearsay_heuristic_directly(voices):
    def account(text: str) -> bool:
        return wording.adult_account_reason(text, voices) == "account"

    assert account("Marek said she was asleep")
    assert account("MAREK KREZOLEK SAID SHE WAS ASLEEP")
    assert not account("Marek was shouting, so I kept her close to the door")
    assert not account("The mother's partner stood in the doorway throughout")
    # a child's name that shares the adult's surname is not an adult
    assert not account("Kacper Łuczak said he wanted his sister next to him")


def test_voices_accept_the_old_name_kind_pairs():
    old = Voices.of([("Anna Łuczak", "adult"), ("Kacper Łuczak", "child")])
    assert old.adult_names == ("Anna Łuczak",) and old.child_names == ("Kacper Łuczak",)
    assert wording.adult_account_reason("Anna said he was fine", old) == "account"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mum said he's fine", "account"),
        ("M states child asleep & ok", "account"),
        ("per dad kids were in bed", "account"),
        ("Mrs Łuczak advised he was at nan's", "account"),
        ("mrs luczak sed he was at nans", "account"),
        ("parent reports no concerns", "account"),
        ("informed by mother that he was at school", "account"),
        ("child asleep as per the victim", "account"),
        ("dad says she's shy", "account"),
        ("mum: he's fine", "account"),
        ("mum didn't want him woken", "wish"),
        ("dad asked us not to wake her", "wish"),
        ("parents preferred we didn't", "wish"),
        ("mother would not let us", "wish"),
        ("father refused", "wish"),
        ("Mother refused entry to the bedroom", "wish"),
        ("mum said not to wake him", "wish"),
        (
            "Child clung to mother and screamed when I tried to separate them; I judged it "
            "would cause more harm",
            None,
        ),
        ("Spoke to him in the kitchen with mum present because he would not let go of her", None),
        (
            "Asleep at 03:10, I checked breathing and saw no marks, did not wake to avoid "
            "distress; return visit booked",
            None,
        ),
        ("Mum said he was asleep but I went up anyway and saw him asleep, no marks", None),
        ("Kacper said he did not want to talk to me", None),
        ("", None),
    ],
)
def test_adult_account_reason(voices, text, expected):
    assert wording.adult_account_reason(text, voices) == expected


def test_a_surname_shared_with_a_child_still_names_the_adult_with_a_title(voices):
    assert wording.adult_account_reason("Mrs Łuczak said he was fine", voices) == "account"
    assert wording.adult_account_reason("Mr Krezolek says amelia is fine", voices) == "account"
    # the surname alone is read as an adult only before a reporting verb
    assert wording.adult_account_reason("Łuczak said he was fine", voices) == "account"
    refusal = wording.interpreter_refusal("Mrs Łuczak", voices)
    assert refusal is not None and refusal.startswith("Anna Łuczak, an adult")


def test_no_fact_and_placeholders_directly():
    assert wording.is_placeholder("N/A")
    assert wording.states_no_fact("Fine. NFA - no concerns!")
    assert not wording.states_no_fact("Fine, asked for milk")
    assert not wording.states_no_fact("") and not wording.is_placeholder("")


@pytest.mark.parametrize(
    "text",
    ["no concerns", "NFA", "nil of note", "child appeared fine", "S&W", "c/o fine", "-", "N/A",
     "kids ok no issues", "appeared happy & content", "fine at time of attendance",
     "no safeguarding concerns identified", "see above", "no concernes"],
)  # fmt: skip
def test_states_no_fact(text):
    assert wording.states_no_fact(text)


@pytest.mark.parametrize(
    "text",
    ["clean clothes, smiling, talked about his school",
     "No visible injuries, bedroom warm, food in fridge",
     "happy and chatty, showed me her drawings", "", "Worried, asked where dad was"],
)  # fmt: skip
def test_states_a_fact(text):
    assert not wording.states_no_fact(text)


def test_extra_phrases_from_a_definition():
    assert not wording.states_no_fact("champion")
    assert wording.states_no_fact("Champion.", ["champion"])
    assert wording.is_placeholder("as per log", ["as per log"])


@pytest.mark.parametrize(
    "text", ["n/a", "-", "...", "tbc", "see above", "unknown", "other", "none", "no reason",
             "various", "123", "N/A - see above"],
)  # fmt: skip
def test_placeholders(text):
    assert wording.is_placeholder(text)


@pytest.mark.parametrize("text", ["Child asleep", "No", "Mum refused", ""])
def test_not_placeholders(text):
    assert not wording.is_placeholder(text)


def test_fold_keeps_one_character_per_character():
    for text in ("Łuczak", "Krężołek", "ŻÓŁĆ & <gęślą>", "Ștefan Nguyễn"):
        assert len(wording.fold(text)) == len(text)
    assert wording.fold("Krężołek") == "krezolek"


def test_english_is_recognised_however_written():
    yes = ("English", " ENG ", "en.", "english", "English.", "British English", "English (fluent)")
    assert all(wording.is_english(x) for x in yes)
    no = ("Polish", "", None, "English and Polish", "English/Polish", "Polish & English")
    assert not any(wording.is_english(x) for x in no)


def test_interpreter_names_match_in_any_order_and_without_accents():
    assert wording.name_matches("Krezolek, Marek", "Marek Krężołek")
    assert wording.name_matches("marek krężołek", "Marek Krężołek")
    assert not wording.name_matches("Anna Kowalska", "Anna Łuczak")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Łuczak", "Anna Łuczak, an adult on this checklist"),
        ("kacper luczak", "Kacper Łuczak, a child on this checklist"),
        ("Krezolek, Marek", "Marek Krężołek, an adult on this checklist"),
        ("Anna", "Anna Łuczak, an adult on this checklist"),
        ("Anna translated", "Anna Łuczak, an adult on this checklist ('Anna')"),
        ("the suspect", "the suspect"),
        ("my aunt", "a relative"),
        ("his aunt", "a relative"),
        ("grandmother, Language Line ID 30417", "a relative ('grandmother')"),
        ("nan - Language Line 30417", "a relative ('nan')"),
        ("older brother (16)", "another child"),
        ("the 15 yr old", "another child"),
        ("Mrs Łuczak", "Anna Łuczak, an adult on this checklist"),
        ("A Luczak (Language Line 30417)", "Anna Łuczak, an adult on this checklist ('A Luczak')"),
        ("Amelia, 4471", "Amelia Krężołek, a child on this checklist"),
        ("ex-partner Piotr", "a partner or ex-partner"),
        ("godmother", "a godparent"),
        ("neighbour from no. 12", "a neighbour"),
        ("mums friend", "a family friend"),
        ("lodger", "a lodger"),
        ("babcia", "a relative"),
        ("hooyo", "a relative"),
        ("Anna Kowalska, Language Line 30417", None),
        ("Language Line interpreter ID 40213, mother's phone used for the call", None),
        ("Big Word ref 55120 - Ms Kowalska (not related)", None),
        ("PC 4521 Nowak", None),
        ("Ms Baba, Language Line 33012", None),
        ("Ms Baba", None),
    ],
)
def test_interpreter_refusal(voices, text, expected):
    assert wording.interpreter_refusal(text, voices) == expected


@pytest.mark.parametrize(
    ("text", "gaps"),
    [
        ("Language Line ID 40213", []),
        ("thebigword, interpreter no. 55120, Mr Haddad", []),
        ("DA Languages / booking ref DA-99231", []),
        ("Clear Voice 7781 Ms Ionescu", []),
        ("in-house interpreting unit, badge 3312", []),
        ("Ms Kowalska", ["the agency", "the interpreter's ID number"]),
        ("Language Line at 23:05", ["the interpreter's ID number"]),
        ("ID 40213", ["the agency"]),
    ],
)
def test_professional_interpreter_gaps(text, gaps):
    assert wording.professional_interpreter_gaps(text) == gaps


@pytest.mark.parametrize(
    ("text", "gaps"),
    [
        ("PC 4521 Nowak", []),
        ("DC Wiśniewska 2210", []),
        ("Sgt Ahmed #3341", []),
        ("PC Nowak", ["the collar number"]),
        ("PC Nowak at 22:40", ["the collar number"]),
        ("PC Nowak 21/11/2025", ["the collar number"]),
    ],
)
def test_officer_interpreter_gaps(text, gaps):
    assert wording.officer_interpreter_gaps(text) == gaps


def test_adult_reports_and_officer_summaries_are_told_from_the_childs_words(voices):
    assert wording.adult_report_start("Mother said he is fine", voices, "Kacper Łuczak")
    assert wording.adult_report_start("Mummy says Kacper was asleep", voices, "Kacper Łuczak")
    assert wording.adult_report_start("According to dad he saw nothing", voices, "Kacper Łuczak")
    assert not wording.adult_report_start(
        "Mummy said don't tell the police", voices, "Kacper Łuczak"
    )
    assert not wording.adult_report_start("Marek was shouting at mama", voices, "Kacper Łuczak")
    assert wording.summary_start("Kacper said he was fine", "Kacper Łuczak")
    assert wording.summary_start("kacper łuczak told officers nothing happened", "Kacper Łuczak")
    assert wording.summary_start("The boy denied seeing anything", "Kacper Łuczak")
    assert not wording.summary_start("I hid under my bed & cried", "Kacper Łuczak")


def test_the_package_needs_nothing_else_from_the_app():
    import ast
    from pathlib import Path

    package = Path(wording.__file__).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("officer_app.") or node.module.startswith(
                    "officer_app.wording"
                ), (module.name, node.module)
                assert "Qt" not in node.module and "PySide" not in node.module
        assert len(module.read_text("utf-8").splitlines()) <= 420, module.name


def test_blind_batch_2_shorthand_hedges_and_other_languages(voices):
    """M/O and F/O are one word (mother / father); hedged and foreign reports are reports;
    what an adult may agree to, or a wish after a passive report, is read as such."""
    assert wording.adult_account_reason("M/O st8d ch asleep nfa", voices) == "account"
    assert wording.interpreter_refusal("M/O translated", voices) is not None
    assert wording.adult_account_reason("mum seemed to think he'd be fine", voices) == "account"
    assert wording.adult_account_reason("mama powiedziała że śpi", voices) == "account"
    assert wording.adult_account_reason("parents agreed the child hadn't seen it", voices)
    assert (
        wording.adult_account_reason("mum agreed he could be seen at school tomorrow", voices)
        is None
    )
    told = "was told by mum they were asleep and she didnt want them woken"
    assert wording.adult_account_reason(told, voices) == "wish"
    assert wording.states_no_fact("NC") and wording.states_no_fact("sab theek hai")
    assert not wording.states_no_fact("M/O present, child clean, bed made")
    assert wording.professional_interpreter_gaps("Agency:") == [
        "the agency",
        "the interpreter's ID number",
    ]


def test_an_adult_by_title_or_first_name_to_officers_is_a_report_not_the_childs_words(voices):
    child = "Kacper Łuczak"
    assert wording.adult_report_start("Mrs Łuczak said he was frightened", voices, child)
    assert wording.adult_report_start("Anna told us he heard shouting", voices, child)
    assert wording.adult_report_start("Mr K said he was asleep", voices, child)
    # a child may quote mum, or an adult by first name: a disclosure to keep
    assert not wording.adult_report_start("Mum said he was scared", voices, child)
    assert not wording.adult_report_start("Marek said he will hurt mama", voices, child)
    assert not wording.adult_report_start("Anna told me to hide", voices, child)


def test_qa_batch_adult_accounts(voices):
    for text in ("checked with mum - all ok", "Spoke to parents, child fine", "Mum happy",
                 "Ms L reports child well", "Mr K stated the kids were all good"):  # fmt: skip
        assert wording.adult_account_reason(text, voices) == "account", text
    for text in ("mum happy for us to leave", "Asleep. Mum ok with that.",
                 "No one wanted him woken", "Pani Łuczak chciała zostać"):  # fmt: skip
        assert wording.adult_account_reason(text, voices) == "wish", text
    for text in ("Spoke to mum, then went upstairs and saw child asleep in cot",
                 "Asked mum to wake him but he would not wake"):  # fmt: skip
        assert wording.adult_account_reason(text, voices) is None, text


def test_a_title_and_a_surname_only_one_adult_has_is_refused_even_with_an_agency():
    voices = Voices.of([*FAMILY, Person("Jan Kowalski", "adult", "witness")])
    refusal = wording.interpreter_refusal("Mr Kowalski, thebigword ID 2231", voices)
    assert refusal == "Jan Kowalski, an adult on this checklist ('Mr Kowalski')"
    both = Voices.of([Person("Hodan Warsame", "adult"), Person("Abdi Warsame", "adult")])
    assert wording.interpreter_refusal("Mr Warsame, Language Line 40213", both) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("same as sibling", True), ("as per brother", True), ("same as above child", True),
     ("sister crying, same as brother", False)],
)  # fmt: skip
def test_pointing_at_another_child_states_no_fact(text, expected):
    assert wording.states_no_fact(text) is expected
