"""The reading heuristics behind the rules: folding, hearsay, vacuous phrases, names."""

from __future__ import annotations

from officer_app import wording


def test_hearsay_heuristic_directly():
    voices = wording.Voices(("Anna Łuczak", "Marek Krężołek"), ("Kacper Łuczak", "Amelia Krężołek"))
    assert wording.only_hearsay("Marek said she was asleep", voices)
    assert wording.only_hearsay("MAREK KREZOLEK SAID SHE WAS ASLEEP", voices)
    assert not wording.only_hearsay("Marek was shouting, so I kept her close to the door", voices)
    assert not wording.only_hearsay("The mother's partner stood in the doorway throughout", voices)
    # a child's name that shares the adult's surname is not an adult
    assert not wording.only_hearsay("Kacper Łuczak said he wanted his sister next to him", voices)


def test_is_vacuous_directly():
    phrases = ["no concerns", "fine", "n/a", "nfa"]
    assert wording.is_vacuous("N/A", phrases)
    assert wording.is_vacuous("Fine. NFA - no concerns!", phrases)
    assert not wording.is_vacuous("Fine, asked for milk", phrases)
    assert not wording.is_vacuous("", phrases)


def test_fold_keeps_one_character_per_character():
    for text in ("Łuczak", "Krężołek", "ŻÓŁĆ & <gęślą>", "Ștefan Nguyễn"):
        assert len(wording.fold(text)) == len(text)
    assert wording.fold("Krężołek") == "krezolek"


def test_english_is_recognised_however_written():
    assert all(wording.is_english(x) for x in ("English", " ENG ", "en.", "english"))
    assert not any(wording.is_english(x) for x in ("Polish", "", None, "English and Polish"))


def test_interpreter_names_match_in_any_order_and_without_accents():
    assert wording.name_matches("Krezolek, Marek", "Marek Krężołek")
    assert wording.name_matches("marek krężołek", "Marek Krężołek")
    assert not wording.name_matches("Anna Kowalska", "Anna Łuczak")


def test_adult_reports_and_officer_summaries_are_told_from_the_childs_words():
    voices = wording.Voices.of([("Anna Łuczak", "adult"), ("Kacper Łuczak", "child")])
    assert wording.adult_report_start("Mother said he is fine", voices, "Kacper Łuczak")
    assert not wording.adult_report_start(
        "Mummy said don't tell the police", voices, "Kacper Łuczak"
    )
    assert wording.summary_start("Kacper said he was fine", "Kacper Łuczak")
    assert not wording.summary_start("I hid under my bed & cried", "Kacper Łuczak")
