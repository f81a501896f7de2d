"""The table-size advice on the tables page is written in the organizer's language."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_event, make_registration, make_role, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = [("en", "English"), ("nl", "Nederlands"), ("de", "Deutsch"),
                          ("fr", "Français"), ("es", "Español")]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "1 table of 4, and every table has an expert (2 experts for 1 table)."),
    ("de", "1 Tisch mit 4 Personen, und jeder Tisch hat eine Fachperson (2 Fachleute für "
           "1 Tisch)."),
])
def test_the_table_size_advice_is_in_the_organizers_language(language: str,
                                                             expected: str) -> None:
    event = make_event(slug="ws")
    for level in (1, 2, 4, 4):
        make_registration(event=event, level=level)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.force_login(organizer)
    client.cookies["django_language"] = language

    page = client.get("/events/ws/organize/tables/").content.decode()

    assert expected in page
