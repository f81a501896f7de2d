"""Issue 29: the builder page writes its notes in the organizer's language and the proposed
titles and reasons (a session's title and abstract once added) in the event's."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from django.test import Client

from immerse.common.languages import KNOWN
from immerse.events.models import Session
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = list(KNOWN.items())


def _event(language: str):
    """A two-day immersion with 29 people, nobody at Just do it (a note says so)."""
    event = make_event(kind="immersion", capacity=40, start_date=date(2027, 3, 15),
                       end_date=date(2027, 3, 16), language=language)
    for level in [1] * 12 + [2] * 10 + [3] * 7:
        make_registration(event=event, level=level, person=make_person())
    return event


def _organizer(event, language: str) -> Client:
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.cookies["django_language"] = language  # what the switcher stores
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_german_organizer_of_a_german_event_sees_the_builder_in_german() -> None:
    event = _event("de")
    url = f"/events/{event.slug}/organize/program/builder/"
    html = unescape(_organizer(event, "de").get(url).content.decode())
    assert ("Niemand auf Stufe Einfach machen angemeldet: Lade Praktikerinnen und Praktiker "
            "oder Moderierende ein, die Tische und Labore zu leiten.") in html
    assert "Zuhören: Was die Leute schon über dich und deine Branche sagen" in html
    assert "12 von 29 sind auf Stufe Augenöffner" in html
    assert "No Just do it" not in html and "are at Eye-opener" not in html
    assert 'id="written-in"' not in html  # the page's language: nothing to say


def test_added_proposals_keep_the_events_language_whatever_the_page() -> None:
    event = _event("de")
    client = _organizer(event, "fr")
    url = f"/events/{event.slug}/organize/program/builder/"
    html = unescape(client.get(url).content.decode())
    assert ("Aucune personne inscrite au niveau Passer à l'action\u00a0: invitez des praticiens "
            "ou des animateurs pour animer les tables et les labos.") in html
    assert "Zuhören: Was die Leute schon über dich und deine Branche sagen" in html
    assert 'id="written-in"' in html
    client.post(url, follow=True)
    listening = Session.objects.get(event=event, format="listening")
    assert listening.title == "Zuhören: Was die Leute schon über dich und deine Branche sagen"
    assert listening.abstract == ("Ein Programm beginnt damit, einander zuzuhören: alle "
                                  "zusammen, gleich zu Beginn von Tag 1.")


def test_an_event_without_a_language_takes_the_organizers() -> None:
    event = _event("")
    html = unescape(_organizer(event, "es").get(
        f"/events/{event.slug}/organize/program/builder/").content.decode())
    assert "Escucha: lo que la gente ya dice de ti y de tu sector" in html
    assert 'id="written-in"' not in html
