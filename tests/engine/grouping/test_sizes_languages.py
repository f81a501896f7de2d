"""The table-size advice in every shipped language: whole sentences, the counted nouns and
the verb agreeing by the language's rule, every case reading cleanly."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.grouping.sizes import table_size_advice
from immerse.engine.languages import LANGUAGES
from immerse.engine.wording import wording_problems


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "9 tables of 11 or 12: with only 3 experts, 6 tables have no expert even at the "
           "largest size. Invite more practitioners, or ask the facilitators to host."),
    ("de", "9 Tische mit 11 oder 12 Personen: Es gibt nur 3 Fachleute, daher haben 6 Tische "
           "selbst bei der größten Tischgröße keine Fachperson. Lade mehr Leute aus der "
           "Praxis ein oder bitte die Moderation, Tische zu leiten."),
    ("fr", "9 tables de 11 ou 12 personnes\u00a0: avec seulement 3 experts, 6 tables restent "
           "sans expert même à la taille maximale. Invitez plus de praticiens, ou demandez "
           "aux animateurs d'animer les tables."),
])
def test_too_few_experts_in_each_language(language: str, expected: str) -> None:
    assert table_size_advice(people=100, experts=3, language=language).note == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "5 tafels van 8 mensen, en elke tafel heeft een expert (6 experts voor 5 tafels)."),
    ("es", "5 mesas de 8 personas, y cada mesa tiene un experto (6 expertos para 5 mesas)."),
])
def test_enough_experts_in_each_language(language: str, expected: str) -> None:
    assert table_size_advice(people=40, experts=6, language=language).note == expected


def test_one_table_without_an_expert_is_singular() -> None:
    # 13 people, no one may sit past 12: two tables, one expert.
    assert "Es gibt nur 1 Fachperson, daher hat 1 Tisch selbst" in table_size_advice(
        people=13, experts=1, largest=12, language="de").note
    assert "1 table reste sans expert" in table_size_advice(
        people=13, experts=1, largest=12, language="fr").note


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_advice_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    for people, experts in itertools.product((0, 1, 7, 9, 13, 40, 91, 100, 250),
                                             (0, 1, 2, 3, 8, 40)):
        note = table_size_advice(people=people, experts=experts, language=language).note
        found = wording_problems(note, language=language)
        if found:
            problems[(people, experts)] = (found, note)
    assert problems == {}
