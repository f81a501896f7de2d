"""Script in user text stays text: every page that shows it escapes it, for every role.

The seeded demo is built once, then every free-text field users can fill (names,
organizations, stories, problems, session texts, event texts, hashtags, posts, feedback,
plans, comments …) is overwritten with a payload, and each page is rendered as the role
that sees it.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
EVIL_URL = "javascript:alert(1)"
APPS = ("events", "people", "program", "backchannel", "learning", "tables", "openspace")
# Not user text: identifiers, codes, machine-made values.
NOT_TEXT = {"time_zone", "external_id", "source_id", "search_text", "source", "key_hash",
            "prefix", "calendar_token", "filename", "lang", "kind", "sentiment", "status",
            "format", "discipline", "frequency", "key"}
SLUG = "mobile-immersion"

pytestmark = pytest.mark.django_db


def _text_fields(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.EmailField | models.URLField | models.SlugField)
            and not field.choices and not field.unique and field.name not in NOT_TEXT
            and (field.max_length is None or field.max_length >= len(PAYLOAD) + 12)]


def _poison() -> None:
    """Every user-editable text and list of tags in the database becomes the payload."""
    from immerse.backchannel.services import posts_ingest
    from immerse.events.models import Event, Session
    from immerse.learning.models import Story
    from immerse.people.models import Person, Registration, Tool

    for model in (m for name in APPS for m in apps.get_app_config(name).get_models()):
        fields = _text_fields(model)
        if fields and model is not Tool:
            # The row id keeps values distinct where a constraint wants them unique.
            unique = Concat(Value(PAYLOAD + " "), Cast("pk", models.CharField()))
            model.objects.update(**dict.fromkeys(fields, unique))
    links = [{"label": PAYLOAD, "url": EVIL_URL}]
    Event.objects.update(hashtags=[PAYLOAD], organizer_handles=[PAYLOAD],
                         video_uplinks=links, blogs=links)
    Session.objects.update(topics=[PAYLOAD])
    Story.objects.update(topics=[PAYLOAD])
    Registration.objects.update(interests=[PAYLOAD])
    Person.objects.update(channels={"microblog": PAYLOAD, "blog": EVIL_URL})
    # Questions, so the dashboards list them (with their url) among those waiting.
    quoted = PAYLOAD.replace('"', '""')
    csv = "id,author,text,created_at,url,hashtags\n" + "".join(
        f'{n},"{quoted}","{quoted} where do I find the slides?",2026-01-01T09:0{n}:00Z,'
        f"{EVIL_URL},x\n" for n in range(5))
    posts_ingest(event=Event.objects.get(slug=SLUG), data=csv.encode(), fmt="csv",
                 source_name="evil.csv")


STAFF = "xss-staff"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from django.contrib.auth import get_user_model

    from immerse.demo.build import demo_build, demo_remove
    from immerse.learning.models import Plan
    from immerse.people.models import Person, Registration
    from immerse.program.models import AgendaItem

    with django_db_blocker.unblock():
        summary = demo_build(seed=2009)
        _poison()
        # The demo attendee writes a plan, so their plan pages show user text too.
        attendee = Person.objects.get(user__username=summary.attendee_username)
        Plan.objects.filter(pk=Plan.objects.order_by("id")[0].pk).update(person=attendee)
        # Feedback needs attendance (issue 30): the session whose form is checked is theirs.
        AgendaItem.objects.get_or_create(
            registration=Registration.objects.get(event__slug=SLUG, person=attendee),
            session_id=_session_id())
        get_user_model().objects.create_user(STAFF, is_staff=True)
    yield summary
    with django_db_blocker.unblock():
        demo_remove()
        get_user_model().objects.filter(username=STAFF).delete()


def _as(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def assert_escaped(html: str) -> None:
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(1)" in html  # the text is there, as text


def _session_id() -> int:
    from immerse.events.models import Session

    return Session.objects.filter(event__slug=SLUG).order_by("id").values_list(
        "id", flat=True).first()


ORGANIZER_PAGES = [
    "/events/{slug}/", "/events/{slug}/program/", "/events/{slug}/sessions/{session}/",
    "/events/{slug}/organize/", "/events/{slug}/organize/inventory/",
    "/events/{slug}/organize/import/", "/events/{slug}/organize/program/builder/",
    "/events/{slug}/organize/agendas/", "/events/{slug}/organize/setup/grid/",
    "/events/{slug}/organize/setup/grid/move/?session={session}",
    "/events/{slug}/listening/", "/events/{slug}/listening/?fragment=1",
    "/events/{slug}/listening/explore/", "/events/{slug}/organize/feedback/",
    "/events/{slug}/organize/report/", "/events/{slug}/organize/hosts/",
    "/events/{slug}/organize/mentors/", "/stories/", "/stories/{story}/",
    "/community/chapters/", "/", "/events/{slug}/organize/openspace/",
    "/events/{slug}/openspace/",
]
ATTENDEE_PAGES = [
    "/events/{slug}/", "/events/{slug}/me/", "/events/{slug}/me/agenda/", "/me/",
    "/events/{slug}/listening/explore/", "/events/{slug}/sessions/{session}/feedback/",
    "/me/path/", "/me/plans/{plan}/", "/me/plans/{plan}/history/", "/stories/",
    "/events/{slug}/openspace/", "/events/{slug}/openspace/live/",
]


def _fill(url: str) -> str:
    from immerse.learning.models import Plan, Story

    story = Story.objects.filter(privacy="public").order_by("id").first()
    return url.format(slug=SLUG, session=_session_id(), story=story.pk,
                      plan=Plan.objects.order_by("id")[0].pk)


@pytest.mark.parametrize("url", ORGANIZER_PAGES)
def test_organizer_pages_escape_user_text(world, url: str) -> None:
    response = _as(world.organizer_username).get(_fill(url))
    assert response.status_code == 200
    assert_escaped(response.content.decode())


@pytest.mark.parametrize("url", ATTENDEE_PAGES)
def test_attendee_pages_escape_user_text(world, url: str) -> None:
    response = _as(world.attendee_username).get(_fill(url))
    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_community_page_escapes_user_text(world) -> None:
    response = _as(STAFF).get("/community/")
    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_public_pages_escape_user_text(world) -> None:
    client = Client()
    for url in ("/", f"/events/{SLUG}/", f"/events/{SLUG}/program/",
                f"/events/{SLUG}/sessions/{_session_id()}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


def test_search_terms_are_echoed_escaped(world) -> None:
    response = _as(world.attendee_username).get(f"/events/{SLUG}/listening/explore/",
                                                {"tag": PAYLOAD[:90]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert f"Listening exercise: #{ESCAPED}" in html


def test_community_resource_form_refuses_javascript_urls() -> None:
    from immerse.learning.forms import ResourceForm

    form = ResourceForm({"title": "Slides", "url": EVIL_URL, "note": ""})
    assert not form.is_valid()
    assert "url" in form.errors


def test_wiki_url_refuses_javascript_scheme() -> None:
    from django.core.exceptions import ValidationError

    from tests.factories import make_event

    event = make_event(wiki_url=EVIL_URL)
    with pytest.raises(ValidationError, match="wiki_url"):
        event.full_clean()


def test_event_links_refuse_javascript_scheme() -> None:
    from django.core.exceptions import ValidationError

    from tests.factories import make_event

    event = make_event(video_uplinks=[{"label": "Live", "url": EVIL_URL}])
    with pytest.raises(ValidationError, match="video_uplinks"):
        event.full_clean()


def test_hub_never_links_to_javascript(world) -> None:
    html = Client().get(f"/events/{SLUG}/").content.decode()
    assert 'href="javascript:' not in html


def test_listening_pages_never_link_to_javascript(world) -> None:
    html = _as(world.attendee_username).get(f"/events/{SLUG}/listening/explore/").content
    assert b'href="javascript:' not in html
