"""An unchanged live region is a 304 from the cache with no query (common.live); a write
moves it; a viewer who lost access sees nothing new, and no 304 once the grant expires."""

import html
import re
import time

import pytest
from django.core import signing
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from immerse.audience import services
from immerse.common.live import WATCH_SECONDS
from immerse.config.services import live_cache_settings
from immerse.people.models import Registration
from tests.audience.factories import make_room
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _poll(client: Client, url: str, etag: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"If-None-Match": etag, "X-Live": "1"})
    return response, len(captured)


@pytest.mark.parametrize(("name", "who"), [("audience-questions-live", "ann"),
                                           ("audience-polls-live", "ann"),
                                           ("audience-projector-live", "facilitator")])
def test_an_unchanged_poll_is_a_304_without_any_query(name: str, who: str) -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?")
    client = _as(getattr(room, who))
    url = reverse(name, args=[room.event.slug, room.session.pk])
    first = client.get(url)
    assert first.status_code == 200
    response, queries = _poll(client, url, first["ETag"])
    assert (response.status_code, queries, response["ETag"]) == (304, 0, first["ETag"])


def test_a_write_moves_the_version_and_a_hidden_question_disappears() -> None:
    room = make_room()
    question = services.question_ask(session=room.session, user=room.ann, name="A",
                                      text="Rude?")
    bob = _as(room.bob)
    url = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    first = bob.get(url)
    assert "Rude?" in first.content.decode()
    _as(room.facilitator).post(reverse("audience-question-moderate",
                                       args=[room.event.slug, question.pk]), {"action": "hide"})
    response, queries = _poll(bob, url, first["ETag"])
    assert response.status_code == 200 and queries > 0
    assert "Rude?" not in response.content.decode() and response["ETag"] != first["ETag"]
    assert _poll(bob, url, response["ETag"])[0].status_code == 304


def test_a_poll_vote_moves_the_polls_version() -> None:
    room = make_room()
    poll = services.poll_create(session=room.session, kind="single", prompt="P?",
                                choices=["yes", "no"])
    services.poll_status_set(poll=poll, status="open")
    ann = _as(room.ann)
    url = reverse("audience-polls-live", args=[room.event.slug, room.session.pk])
    first = ann.get(url)
    assert _poll(ann, url, first["ETag"])[0].status_code == 304
    services.poll_vote(poll=poll, user=room.bob, answer=[0])
    assert _poll(ann, url, first["ETag"])[0].status_code == 200


def test_an_evicted_version_is_computed_from_the_rows_once() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="A", text="Q?")
    ann = _as(room.ann)
    url = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    first = ann.get(url)
    caches["live"].clear()  # a restart or an eviction
    again = ann.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200  # the rows' version, not the bumped one it held
    response, queries = _poll(ann, url, again["ETag"])
    assert (response.status_code, queries) == (304, 0)


def test_a_removed_attendee_sees_nothing_new_and_is_refused_once_the_grant_expires(
        monkeypatch: pytest.MonkeyPatch) -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.bob, name="B", text="Q?")
    ann = _as(room.ann)
    url = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    first = ann.get(url)
    Registration.objects.filter(person__user=room.ann).delete()
    # Within the grant: "nothing changed" only.
    assert _poll(ann, url, first["ETag"])[0].status_code == 304
    services.question_ask(session=room.session, user=room.bob, name="B", text="New?")
    assert ann.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 403
    services.question_ask(session=room.session, user=room.bob, name="B", text="Other?")
    fresh = _as(room.bob).get(url)  # bob's grant is renewed; ann's is past its time:
    later = time.time() + WATCH_SECONDS + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert ann.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 403
    assert ann.get(url, headers={"If-None-Match": fresh["ETag"]}
                   ).status_code == 403


def test_the_grant_is_the_browsers_own_and_the_projector_only_for_staff() -> None:
    room = make_room()
    ann, bob = _as(room.ann), _as(room.bob)
    url = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    first = ann.get(url)
    cookie = next(name for name in first.cookies if name.startswith("immerse_watch_"))
    bob.cookies[cookie] = first.cookies[cookie].value  # copied to another login session
    _response, queries = _poll(bob, url, first["ETag"])
    assert queries > 0  # not taken on trust: the full check ran
    projector = reverse("audience-projector-live", args=[room.event.slug, room.session.pk])
    assert ann.get(projector, headers={"If-None-Match": first["ETag"]}).status_code == 403
    ann.logout()
    assert ann.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 302


def test_several_web_processes_share_the_live_cache() -> None:
    assert live_cache_settings(redis_url="", production=False, shared=False)["BACKEND"] \
        == "django.core.cache.backends.locmem.LocMemCache"
    assert live_cache_settings(redis_url="", production=False, shared=True)["BACKEND"] \
        == "immerse.common.dbcache.DatabaseCache"
    assert live_cache_settings(redis_url="redis://h:6379/14", production=False,
                               shared=False)["LOCATION"] == "redis://h:6379/14"
    assert live_cache_settings(redis_url="", production=True, shared=False)["BACKEND"] \
        == "immerse.common.dbcache.DatabaseCache"


def test_the_page_starts_its_region_with_the_etag_so_the_first_poll_is_free() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?")
    ann = _as(room.ann)
    page = ann.get(reverse("audience-questions", args=[room.event.slug, room.session.pk]))
    etag = re.search(r'data-live-etag="([^"]+)"', page.content.decode()).group(1)
    url = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    response, queries = _poll(ann, url, html.unescape(etag))
    assert (response.status_code, queries) == (304, 0)


def test_the_live_cache_in_the_database_gets_its_table_created() -> None:
    from django.test import override_settings

    from immerse.cli.django_setup import _cache_table

    shared = live_cache_settings(redis_url="", production=False, shared=True)
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": locmem, "live": shared}):
        assert _cache_table() == "immerse_cache"
    with override_settings(CACHES={"default": locmem, "live": locmem}):
        assert _cache_table() is None
