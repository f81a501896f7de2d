"""The iCal feeds calendar apps poll: "Room, Venue" as the location, a cached body answered
with ETag / Last-Modified (304 while the program is unchanged, a new body once it changes),
only the fields the feed shows loaded, and personal feeds never served to anyone else."""

from __future__ import annotations

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from immerse.program.models import AgendaItem
from tests.factories import make_event, make_registration, make_session

pytestmark = pytest.mark.django_db
FEED = "/events/ws/calendar.ics"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _summaries(body: bytes) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_location_is_room_then_venue() -> None:
    event = make_event(slug="ws", venue="Pakhuis de Zwijger, Amsterdam")
    make_session(event=event, title="Stories")

    (vevent,) = icalendar.Calendar.from_ical(Client().get(FEED).content).walk("VEVENT")

    assert str(vevent["LOCATION"]) == "Main room, Pakhuis de Zwijger, Amsterdam"


def test_unchanged_feed_is_answered_with_304_and_a_change_makes_a_new_body() -> None:
    event = make_event(slug="ws")
    session = make_session(event=event, title="Stories")
    client = Client()
    first = client.get(FEED)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first.status_code == 200 and first["Cache-Control"] == "no-cache"

    again = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    since = client.get(FEED, HTTP_IF_MODIFIED_SINCE=modified)
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert since.status_code == 304
    assert client.get(FEED).content == first.content  # the cached body, DTSTAMP and all

    session.title = "Stories, renamed"
    session.save()
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert _summaries(changed.content) == ["Stories, renamed"]


def test_feed_loads_only_the_fields_it_shows() -> None:
    event = make_event(slug="ws")
    make_session(event=event, title="Stories", external_data={"persons": [{"name": "Ada"}]})

    with CaptureQueriesContext(connection) as queries:
        Client().get(FEED)

    session_queries = [q["sql"] for q in queries if '"events_session"' in q["sql"]]
    assert len(session_queries) == 1
    assert "external_data" not in session_queries[0] and "topics" not in session_queries[0]


def test_personal_feeds_are_cached_per_person_and_never_shared() -> None:
    event = make_event(slug="ws")
    stories = make_session(event=event, title="Stories", start_hour=9)
    lab = make_session(event=event, title="Lab", start_hour=11)
    ada = make_registration(event=event, calendar_token="a" * 43)
    bob = make_registration(event=event, calendar_token="b" * 43)
    twin = make_registration(event=event, calendar_token="c" * 43)
    AgendaItem.objects.create(registration=ada, session=stories)
    AgendaItem.objects.create(registration=bob, session=lab)
    AgendaItem.objects.create(registration=twin, session=stories)  # the same agenda as Ada
    client = Client()

    mine = client.get(f"/calendar/{'a' * 43}.ics")
    theirs = client.get(f"/calendar/{'b' * 43}.ics", HTTP_IF_NONE_MATCH=mine["ETag"])
    twins = client.get(f"/calendar/{'c' * 43}.ics", HTTP_IF_NONE_MATCH=mine["ETag"])

    assert _summaries(mine.content) == ["Stories"] and mine["Cache-Control"] == "private, no-cache"
    assert theirs.status_code == 200 and _summaries(theirs.content) == ["Lab"]
    assert twins.status_code == 200 and twins["ETag"] != mine["ETag"]
    assert client.get(f"/calendar/{'a' * 43}.ics", HTTP_IF_NONE_MATCH=mine["ETag"]
                      ).status_code == 304
