"""The level explanation in the reader's language: written anew by the engine from the
answers and tools the assessment kept; an organizer's placement shown as written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from immerse.people.models import Assessment
from immerse.people.services.assessments import assessment_take
from tests.factories import make_event, make_person, make_registration, make_user
from tests.program.test_wording_pages import page_text

pytestmark = pytest.mark.django_db

ANSWERS = {"work_use": "job", "plan": "none", "led": "no", "measure": "no", "teach": "no"}
GERMAN = ("Du nutzt Microblogging täglich für die Arbeit, hast aber noch keinen Plan: Sessions "
          "der Stufe Vorbereitung geben dir einen Plan zum Mitnehmen.")
ENGLISH = ("You use microblogging daily for work but have no plan yet: Preparation sessions "
           "give you a plan to take home.")


def _attendee() -> tuple[Client, str, Assessment]:
    user = make_user()
    person = make_person(user=user)
    event = make_event(slug="level-langs")
    make_registration(event=event, person=person, level=3)
    assessment = assessment_take(person=person, event=event, answers=ANSWERS,
                                 tool_uses={"microblogging": ("daily", 4)})
    client = Client()
    client.force_login(user)
    return client, reverse("my-registration", args=[event.slug]), assessment


def _text(client: Client, url: str, language: str) -> str:
    with translation.override(language):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return page_text(response.content.decode())[0]


def test_the_level_card_explains_in_the_active_language() -> None:
    client, url, assessment = _attendee()
    assert assessment.explanation == ENGLISH
    german = _text(client, url, "de")
    assert GERMAN in german and ENGLISH not in german
    assert ("Geh in einen kleinen, moderierten Workshop und nimm deinen eigenen Plan mit, "
            "geprüft von anderen und von Fachleuten. Formate, die zu dir passen: Moderierter "
            "Workshop, Impuls aus der Praxis" in german)
    english = _text(client, url, "en")
    assert ENGLISH in english and GERMAN not in english


def test_my_page_explains_the_latest_level_in_the_active_language() -> None:
    client, _, _ = _attendee()
    assert GERMAN in _text(client, reverse("me"), "de")
    spanish = _text(client, reverse("me"), "es")
    assert ("Usas el microblogging a diario para el trabajo, pero aún no tienes un plan"
            in spanish)


def test_words_the_engine_did_not_write_are_shown_as_stored() -> None:
    client, url, assessment = _attendee()
    placed = "The organizers placed you at Preparation: you told us about your plan."
    Assessment.objects.filter(pk=assessment.pk).update(explanation=placed)
    assert placed in _text(client, url, "de")
