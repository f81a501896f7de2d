"""Why an upcoming event is a good next step, in every shipped language: whole sentences,
the sessions counted by the language's rule, every case reading cleanly."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.languages import LANGUAGES
from immerse.engine.next_steps import EventOffer, ladder_fit
from immerse.engine.wording import wording_problems


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "A step up: 1 session for 4 Just do it, the rung after yours (3 Preparation)."),
    ("nl", "Een stap hoger: 1 sessie voor 4 Gewoon doen, de trede na de jouwe "
           "(3 Voorbereiding)."),
    ("fr", "Un cran au-dessus\u00a0: 1 session pour 4 Passer à l'action, le niveau qui suit "
           "le vôtre (3 Préparation)."),
    ("es", "Un paso más: 1 sesión para 4 Manos a la obra, el nivel que sigue al tuyo "
           "(3 Preparación)."),
])
def test_a_step_up_in_each_language(language: str, expected: str) -> None:
    fit = ladder_fit(level=3, offer=EventOffer({4: 1}), language=language)
    assert fit is not None and fit.reason == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_next_step_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    for level, at, up, declared in itertools.product(
            (1, 2, 3, 4), (0, 1, 5), (0, 1, 3), (None, (1, 4), (2, 3))):
        offer = EventOffer({level: at, min(level + 1, 4): up} if at or up else {}, declared)
        fit = ladder_fit(level=level, offer=offer, language=language)
        if fit is not None and (found := wording_problems(fit.reason, language=language)):
            problems[(level, at, up, declared)] = (found, fit.reason)
    assert problems == {}
