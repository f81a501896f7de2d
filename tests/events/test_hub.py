"""Hub and program pages for the three demo events, and what the public may see."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from immerse.events.models import Event
from immerse.people.models import Registration

DEMO_SLUGS = ["mobile-immersion", "social-media-2-0", "social-media-101"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_hub_renders_social_layer_and_program(demo_db, slug: str) -> None:
    event = Event.objects.get(slug=slug)
    response = Client().get(f"/events/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(event.title) in html
    for tag in event.hashtags:
        assert tag in html
    first_session = event.sessions.order_by("slot__start").first()
    assert escape(first_session.title) in html


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_program_page_shows_every_session_with_pitch(demo_db, slug: str) -> None:
    event = Event.objects.get(slug=slug)
    html = Client().get(f"/events/{slug}/program/?day=all").content.decode()
    for session in event.sessions.all():
        assert escape(session.title) in html
    assert "<h2>Is this for you?</h2>" in Client().get(
        f"/events/{slug}/sessions/{event.sessions.first().pk}/"
    ).content.decode()


def test_immersion_starts_with_listening(demo_db) -> None:
    event = Event.objects.get(slug="mobile-immersion")
    first = event.sessions.order_by("slot__start").first()
    assert first.format == "listening"
    assert event.sessions.values("slot__start__date").distinct().count() == 5


def test_demo_sizes_match_the_story(demo_db) -> None:
    assert demo_db.events == {"mobile-immersion": 90, "social-media-2-0": 600,
                              "social-media-101": 24}
    immersion = Registration.objects.filter(event__slug="mobile-immersion")
    levels = [r.level for r in immersion]
    assert levels.count(1) == max(levels.count(n) for n in (1, 2, 3, 4))  # most never tried
    conference = Event.objects.get(slug="social-media-2-0")
    parallel = conference.sessions.values("slot").distinct().count()
    assert conference.sessions.count() == 2 + 4 * (parallel - 2)


def test_hub_never_shows_private_data(demo_db) -> None:
    event = Event.objects.get(slug="mobile-immersion")
    regs = Registration.objects.filter(event=event).select_related("person")[:20]
    for page in (f"/events/{event.slug}/", f"/events/{event.slug}/program/", "/"):
        html = Client().get(page).content.decode()
        for reg in regs:
            assert reg.person.email not in html
            if reg.problems:
                assert reg.problems not in html


def test_unpublished_event_is_hidden_from_the_public(db) -> None:
    from tests.factories import make_event

    event = make_event(published=False)
    assert Client().get(f"/events/{event.slug}/").status_code == 404
    assert Client().get("/events/no-such-event/").status_code == 404
