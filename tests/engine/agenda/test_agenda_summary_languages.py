"""A planning run's outcome in every shipped language: each sentence written whole, the
verb and the noun agreeing with the count by the language's rule, and every combination of
figures reading cleanly (``wording_problems``)."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.agenda.summary import run_summary
from immerse.engine.catalogue import GOALS
from immerse.engine.languages import LANGUAGES, grammar_for
from immerse.engine.wording import wording_problems

FIGURES = {"attendees": 12, "slots": 4, "slots_everyone_at_level": 3,
           "off_level_by_slot": [{"slot": "13:00", "people": 1}, {"slot": "15:30", "people": 4}],
           "worse_days": [{"day": "2026-06-02", "count": 1, "names": ["Di"]}],
           "goals": {"asked": 9, "fitting": 8, "met": 7, "unmet": ["Ada"],
                     "by_goal": {"plan": {"asked": 9, "fitting": 8, "met": 7}}},
           "without_a_seat_somewhere": 2,
           "near_or_over_capacity": [{"session": "Lab", "assigned": 30, "seats": 30}]}


def texts(language: str, stats: dict[str, object] = FIGURES) -> list[str]:
    return [line.text for line in run_summary(stats, language=language)]


def test_english_reads_as_it_did() -> None:
    assert texts("en") == [
        "12 people have a personal agenda over 4 time slots.",
        "Everyone has a session at their level in 3 of 4 slots. Most away from their level: "
        "4 people at 15:30 and 1 at 13:00.",
        "1 person has a worse 2026-06-02 than the rest: fewer sessions at their level that "
        "day.",
        "7 of 8 people who asked for something the program offers at their level got it: 7 "
        "of 8 for a plan to take home.",
        "For 1 more person, no session at their level offers what they asked for: add one, "
        "or tell them where to find it.",
        "2 people have no session in at least one slot: the rooms then hold fewer people "
        "than came.",
        "1 session is full or nearly full: Lab (30 of 30).",
    ]


def test_german_agrees_with_the_count() -> None:
    assert texts("de") == [
        "12 Personen haben eine persönliche Agenda über 4 Zeitfenster.",
        "Alle haben in 3 von 4 Zeitfenstern eine Session auf ihrer Stufe. Die meisten abseits "
        "ihrer Stufe: 4 Personen um 15:30 und 1 um 13:00.",
        "1 Person hat am 2026-06-02 einen schlechteren Tag als die anderen: weniger Sessions "
        "auf der eigenen Stufe.",
        "7 von 8 Personen, die sich etwas gewünscht haben, das das Programm auf ihrer Stufe "
        "bietet, haben es bekommen: 7 von 8 für einen Plan zum Mitnehmen.",
        "Für 1 weitere Person bietet keine Session auf der eigenen Stufe, was sie sich "
        "gewünscht hat: Ergänze eine oder sag ihr, wo sie es findet.",
        "2 Personen haben in mindestens einem Zeitfenster keine Session: Die Räume fassen "
        "dann weniger Menschen, als gekommen sind.",
        "1 Session ist voll oder fast voll: Lab (30 von 30).",
    ]


def test_french_counts_one_and_zero_in_the_singular() -> None:
    one = {"attendees": 1, "slots": 1, "slots_everyone_at_level": 1,
           "without_a_seat_somewhere": 1}
    assert texts("fr", one) == [
        "1 personne a un agenda personnel sur 1 créneau.",
        "Tout le monde a une session à son niveau dans chaque créneau.",
        "1 personne n'a aucune session dans au moins un créneau\u00a0: les salles accueillent "
        "alors moins de monde qu'il n'en est venu.",
    ]
    assert texts("fr", {**one, "attendees": 2})[0] == (
        "2 personnes ont un agenda personnel sur 1 créneau.")


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "12 personen hebben een persoonlijke agenda over 4 tijdslots."),
    ("es", "12 personas tienen una agenda personal en 4 franjas horarias."),
    ("fr", "12 personnes ont un agenda personnel sur 4 créneaux."),
])
def test_the_first_sentence_in_each_language(language: str, expected: str) -> None:
    assert texts(language)[0] == expected


def test_every_language_names_every_goal() -> None:
    for language in LANGUAGES:
        assert set(grammar_for(language).summaries.goal_names) == {g.key for g in GOALS}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_summary_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    for attendees, good, worse, goals, short, crowded in itertools.product(
            (0, 1, 2, 12), (4, 3), (0, 1, 3), ((9, 8, 8), (9, 8, 1), (3, 3, 0), (1, 0, 0)),
            (0, 1, 2), (0, 1, 6)):
        stats = {**FIGURES, "attendees": attendees, "slots_everyone_at_level": good,
                 "worse_days": [{"day": "2026-06-02", "count": worse, "names": ["Di"]}]
                 if worse else [{"count": 2, "names": ["Bo"]}],
                 "goals": {"asked": goals[0], "fitting": goals[1], "met": goals[2],
                           "by_goal": {"share": {"fitting": goals[1], "met": goals[2]}}},
                 "without_a_seat_somewhere": short,
                 "near_or_over_capacity": [{"session": f"Lab {i}", "assigned": 9, "seats": 9}
                                           for i in range(crowded)]}
        for text in texts(language, stats):
            found = wording_problems(text, language=language)
            if found:
                problems[text] = found
    assert problems == {}
    assert "50" in texts(language, {"attendees": 3, "share_all_at_level": 0.5})[1]
