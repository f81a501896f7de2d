"""The program folds a pitch after its first sentence, in every language's punctuation."""

from __future__ import annotations

import pytest

from immerse.engine.pitch import session_pitch
from immerse.events.templatetags.teaser import after_lead, lead


@pytest.mark.parametrize(("language", "first"), [
    ("en", "Phones and laptops out: you set up wikis and try it with a helper beside you."),
    ("es", "Saca el móvil y el portátil: configuras las wikis y las pruebas con alguien a tu "
           "lado para ayudarte."),
    ("fr", "Téléphones et ordinateurs sortis\u00a0: vous configurez les wikis et vous les "
           "testez, avec quelqu'un à vos côtés pour vous aider."),
])
def test_the_lead_is_the_first_sentence_in_each_language(language: str, first: str) -> None:
    pitch = session_pitch(format_key="lab", levels=[1], tools=["wikis"], language=language)
    assert lead(pitch) == first
    assert after_lead(pitch) == pitch[len(first) + 1:]


def test_a_sentence_opening_with_an_inverted_question_mark_or_an_accent_starts_anew() -> None:
    assert lead("Primero. ¿Nunca has probado?") == "Primero."
    assert after_lead("D'abord. À vous de répondre.") == "À vous de répondre."
