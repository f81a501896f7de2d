"""The room's public summary in every shipped language: the same suppression, each
language's words, every sentence reading cleanly."""

from __future__ import annotations

import pytest

from immerse.engine.catalogue import DISCIPLINES
from immerse.engine.inventory import public_summary, room_inventory
from immerse.engine.languages import LANGUAGES, grammar_for
from immerse.engine.wording import wording_problems
from tests.engine.test_inventory import summary_room


def test_german_summary_of_the_sample_room() -> None:
    assert public_summary(room_inventory(summary_room()), language="de") == [
        "20 Personen aus 4 Organisationen.",
        "Stufen: 50\u00a0% Augenöffner; nicht gezeigt, weil die Gruppen klein sind: Erste "
        "Schritte, Vorbereitung.",
        "Fachbereiche: 60\u00a0% Marketing; nicht gezeigt, weil die Gruppen klein sind: PR, "
        "HR / Personal.",
        "Mindestens monatlich genutzte Werkzeuge: 100\u00a0% nutzen Microblogging, 75\u00a0% "
        "nutzen soziale Netzwerke; noch niemand nutzt Social Bookmarking, Videoplattformen, "
        "Live-Video, Fotoplattformen, Podcasts, Geodienste, Foren, interne soziale Netzwerke; "
        "nicht gezeigt, weil die Gruppen klein sind: Wikis, Blogs.",
    ]


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "Er hebben zich nog minder dan 5 mensen aangemeld; het overzicht van de zaal "
           "verschijnt vanaf 5."),
    ("fr", "Moins de 5 personnes se sont inscrites pour l'instant\u00a0; le portrait de la "
           "salle apparaît à partir de 5."),
    ("es", "Por ahora se han inscrito menos de 5 personas; el resumen de la sala aparece a "
           "partir de 5."),
])
def test_a_small_room_waits_in_each_language(language: str, expected: str) -> None:
    assert public_summary(room_inventory(summary_room()[:4]), language=language) == [expected]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_summary_reads_cleanly_in_each_language(language: str) -> None:
    assert set(grammar_for(language).inventory.discipline_names) == dict(DISCIPLINES).keys()
    problems = {}
    room = summary_room()
    for size in (4, 5, 6, 12, 20):
        for k in (1, 5):
            for sentence in public_summary(room_inventory(room[:size]), k=k,
                                           language=language):
                if found := wording_problems(sentence, language=language):
                    problems[sentence] = found
    assert problems == {}
