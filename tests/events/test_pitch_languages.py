"""A session's pitch in the reader's language: the generated one written anew for each
language, the organizer's own wording shown as written in every language."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from immerse.engine.pitch import session_pitch
from immerse.events.models import Session
from immerse.events.services import session_create, session_pitch_set
from tests.factories import catalogue_tool, make_event
from tests.program.test_wording_pages import page_text

pytestmark = pytest.mark.django_db

GERMAN = ("Handy und Laptop raus: Du richtest Wikis ein und probierst sie aus, mit einer "
          "Hilfe an deiner Seite.")
# (English counts one tool as "it", wikis too: its wording is kept as it was.)
ENGLISH = "Phones and laptops out: you set up wikis and try it with a helper beside you."


def _lab() -> Session:
    event = make_event(slug="wiki-lab")
    return session_create(event=event, title="Wikis hands-on", format_key="lab", levels=(1,),
                          topics=(), tools=[catalogue_tool("wikis")], room=None,
                          slot=None)


def _page(session: Session, language: str, path: str = "session-detail") -> str:
    args = [session.event.slug, session.pk] if path == "session-detail" else [
        session.event.slug]
    with translation.override(language):
        response = Client().get(reverse(path, args=args), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return page_text(response.content.decode())[0] + " " + page_text(
        response.content.decode())[1]


def test_the_session_page_shows_the_generated_pitch_in_the_active_language() -> None:
    session = _lab()
    german = session_pitch(format_key="lab", levels=[1], tools=["wikis"], language="de")
    assert german.startswith(GERMAN)
    assert german in _page(session, "de")
    assert ENGLISH not in _page(session, "de")
    english = _page(session, "en")
    assert session.pitch in english and session.pitch.startswith(ENGLISH)
    assert GERMAN not in english


def test_the_program_shows_each_pitch_in_the_active_language() -> None:
    session = _lab()
    assert GERMAN in _page(session, "de", "event-program")
    assert ENGLISH in _page(session, "en", "event-program")
    assert GERMAN not in _page(session, "en", "event-program")


def test_an_organizers_own_pitch_is_shown_as_written_in_every_language() -> None:
    session = session_pitch_set(session=_lab(), pitch="Bring your laptop; we set up a wiki.")
    for language in ("en", "de", "fr"):
        page = _page(session, language)
        assert "Bring your laptop; we set up a wiki." in page
        assert GERMAN not in page


def _program_queries(event_slug: str, language: str) -> int:
    """Queries of the program page rendered afresh (its cached listing dropped)."""
    client, url = Client(), reverse("event-program", args=[event_slug])
    with translation.override(language):
        client.get(url, headers={"Accept-Language": language})
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers={"Accept-Language": language}).status_code == 200
    return len(queries)


def test_the_german_program_reads_the_tools_in_one_query_however_many_sessions() -> None:
    wikis, blogs = catalogue_tool("wikis"), catalogue_tool("blogging")
    for slug, n in (("small", 2), ("large", 9)):
        event = make_event(slug=slug)
        for i in range(n):
            session_create(event=event, title=f"Session {i}", format_key="lab", levels=(1,),
                           topics=("crisis",), tools=[wikis, blogs], room=None, slot=None)
    assert _program_queries("small", "de") == _program_queries("large", "de")
    assert _program_queries("large", "de") == _program_queries("large", "en") + 1
