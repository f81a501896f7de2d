"""A copy of a past event: its structure, hub, wording and listening come along (moved to
the new dates); its people, posts, feedback, plans and secrets never do."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from immerse.backchannel.models import ListeningSettings, Post, Source
from immerse.backchannel.secrets import secret_seal
from immerse.events.models import Event, Session
from immerse.learning.models import Series, SeriesEvent
from immerse.notify.models import MessageTemplate
from immerse.studio.services.events import EventDetails, event_create
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _past(creator) -> Event:
    past = make_event(slug="spring", title="Spring immersion", kind="immersion",
                      start_date=date(2026, 4, 6), end_date=date(2026, 4, 7),
                      time_zone="Europe/Amsterdam", hashtags=["#spring"],
                      blogs=[{"label": "Blog", "url": "https://blog.example/"}],
                      wiki_url="https://wiki.example/", content_guide="Post with #spring.")
    make_role(event=past, user=creator)
    session = make_session(event=past, title="Listening", fmt="listening", levels=(1, 2),
                           start_hour=14, topics=["listening"], pitch="Our own words.",
                           pitch_edited=True)
    session.facilitators.add(make_person(name="Host Person", is_expert=True))
    make_registration(event=past)
    Post.objects.create(event=past, source="note", source_id="1", author="a", text="hi",
                        created_at=datetime(2026, 4, 6, 10, tzinfo=ZoneInfo("UTC")))
    MessageTemplate.objects.create(event=past, kind="agenda_ready", subject="Your days",
                                   body="Hello {name}")
    Source.objects.create(event=past, kind="feed", url="https://blog.example/feed")
    Source.objects.create(event=past, kind="bluesky", url="https://bsky.social", tag="spring",
                          handle="team.example", secret=secret_seal({"password": "s3cret"}))
    ListeningSettings.objects.create(event=past, wall_public=True, margin_before_hours=12)
    series = Series.objects.create(title="Path", slug="path")
    SeriesEvent.objects.create(series=series, event=past, position=1)
    return past


DETAILS = EventDetails(title="Autumn immersion", start_date=date(2027, 10, 4), end_date=None,
                       time_zone="Europe/Lisbon", venue="Lisbon", capacity=40,
                       visibility="draft")


def test_a_copy_takes_the_structure_moved_to_its_dates_and_never_people(creator) -> None:
    past = _past(creator)
    copy = event_create(by=creator, details=DETAILS, copy_from=past)
    assert (copy.kind, copy.end_date, copy.hashtags, copy.wiki_url) == (
        "immersion", date(2027, 10, 5), ["#spring"], "https://wiki.example/")
    assert copy.blogs == [{"label": "Blog", "url": "https://blog.example/"}]
    [session] = Session.objects.filter(event=copy).select_related("slot", "room")
    assert (session.title, session.format, session.target_levels, session.topics) == (
        "Listening", "listening", [1, 2], ["listening"])
    assert (session.pitch, session.pitch_edited) == ("Our own words.", True)
    # 14:00 in Amsterdam stays 14:00, in the new event's zone, on the new first day.
    assert session.slot.start == datetime(2027, 10, 4, 14, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert session.room.name == "Main room" and session.room.event_id == copy.pk
    assert session.facilitators.count() == 0
    assert copy.registrations.count() == 0 and Post.objects.filter(event=copy).count() == 0
    assert list(copy.roles.values_list("user__username", "role")) == [
        ("ann@example.org", "organizer")]
    wording = MessageTemplate.objects.get(event=copy)
    assert (wording.kind, wording.subject, wording.body) == ("agenda_ready", "Your days",
                                                             "Hello {name}")
    feeds = {s.kind: s for s in Source.objects.filter(event=copy)}
    assert feeds["feed"].active is True
    assert (feeds["bluesky"].handle, feeds["bluesky"].secret, feeds["bluesky"].active) == (
        "team.example", "", False)
    listening = ListeningSettings.objects.get(event=copy)
    assert (listening.wall_public, listening.margin_before_hours) == (True, 12)
    assert list(SeriesEvent.objects.filter(series__slug="path").values_list(
        "event__slug", "position")) == [("spring", 1), ("autumn-immersion", 2)]


def test_only_an_event_one_organizes_can_be_copied(creator) -> None:
    other = make_event(slug="theirs")
    make_role(event=other, user=make_user("bob"))
    with pytest.raises(ValidationError) as refused:
        event_create(by=creator, details=DETAILS, copy_from=other)
    assert refused.value.message_dict == {
        "copy_from": ["You can copy only events you organize."]}
    assert Event.objects.count() == 1


def test_the_web_copy_lists_only_my_events(browser, creator) -> None:
    past = _past(creator)
    make_event(slug="theirs", title="Not mine")
    page = browser.get("/organize/events/new/").content.decode()
    assert "A copy of an event I organize" in page
    assert "Spring immersion" in page and "Not mine" not in page
    form = {"start_from": "copy", "copy_from": str(past.pk), "title": "Autumn",
            "start_date": "2027-10-04", "end_date": "", "time_zone": "Europe/Lisbon",
            "venue": "", "capacity": "40", "visibility": "unlisted"}
    answer = browser.post("/organize/events/new/", form)
    copy = Event.objects.get(slug="autumn")
    assert answer["Location"] == "/events/autumn/organize/"
    assert (copy.published, copy.listed, copy.sessions.count()) == (True, False, 1)
    theirs = Event.objects.get(slug="theirs")
    refused = browser.post("/organize/events/new/", {**form, "copy_from": str(theirs.pk)})
    assert "Select a valid choice." in refused.content.decode()
    missing = browser.post("/organize/events/new/", {**form, "copy_from": ""})
    assert "Choose the event to copy." in missing.content.decode()
    assert Event.objects.count() == 3
