"""POST /api/v1/events (template or copy) and PATCH /api/v1/events/{slug}: organizers act on
their own events only; bad input answers 422 naming the field and changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.events.models import Event, Session
from immerse.studio.services.organizers import organizer_add
from tests.factories import make_event, make_role, make_session, make_user

pytestmark = pytest.mark.django_db
NEW = {"title": "Spring workshop", "start_date": "2027-04-12", "time_zone": "Europe/Paris",
       "capacity": 25, "template": "workshop"}


@pytest.fixture
def ann(bearer):
    return bearer(organizer_add(email="ann@example.org").user)


def _post(headers, body):
    return Client().post("/api/v1/events", body, content_type="application/json", **headers)


def _patch(headers, slug, body):
    return Client().patch(f"/api/v1/events/{slug}", body, content_type="application/json",
                          **headers)


def _errors(answer) -> list[tuple[str, str]]:
    return [(e["field"], e["message"]) for e in answer.json()["errors"]]


def test_create_from_a_template_makes_a_draft_with_sessions_and_pitches(ann) -> None:
    answer = _post(ann, NEW)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["slug"], body["kind"], body["visibility"], body["end_date"]) == (
        "spring-workshop", "workshop", "draft", "2027-04-12")
    sessions = Session.objects.filter(event__slug="spring-workshop")
    assert [s.title for s in sessions] == ["How others started", "Try it yourself",
                                           "Your plan to take home"]
    assert all(s.pitch for s in sessions)
    # A draft: the creator sees it, nobody else.
    assert Client().get("/api/v1/events/spring-workshop", **ann).status_code == 200
    assert Client().get("/api/v1/events/spring-workshop").status_code == 404


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"template": "gala"}, "template",
     "Input should be 'conference', 'immersion', 'workshop', 'course' or 'meetup'"),
    ({"end_date": "2027-04-11"}, "end_date",
     "The event cannot end before it starts (2027-04-12)."),
    ({"time_zone": "Moon/Base"}, "time_zone",
     "'Moon/Base' is not a time zone name such as Europe/Amsterdam."),
    ({"start_date": "9999-12-31"}, "start_date", "The first day is in a year from 2000 to 2999."),
    ({"template": None}, "template", "Choose a template or an event to copy."),
    ({"copy_from": "spring"}, "template", "Choose a template or an event to copy."),
    ({"visibility": "secret"}, "visibility", "Input should be 'draft', 'unlisted' or 'public'"),
    ({"capacity": 0}, "capacity", "Input should be greater than or equal to 1"),
])
def test_create_with_bad_input_answers_422_naming_the_field(ann, change, field,
                                                            message) -> None:
    answer = _post(ann, {**NEW, **change})
    assert answer.status_code == 422
    assert _errors(answer) == [(field, message)]
    assert Event.objects.count() == 0


def test_create_needs_the_permission_and_a_copy_needs_an_event_one_organizes(
        ann, bearer) -> None:
    plain = bearer(make_user("plain"))
    assert _post(plain, NEW).status_code == 403
    assert _post({}, NEW).status_code == 401
    theirs = make_event(slug="theirs")
    make_session(event=theirs)
    for slug in ("theirs", "nowhere"):
        answer = _post(ann, {**NEW, "template": None, "copy_from": slug})
        assert answer.status_code == 404
        assert answer.json()["detail"] == f"No event you organize is called {slug!r}."
    assert Event.objects.count() == 1


def test_create_as_a_copy_moves_the_slots_to_the_new_dates(ann) -> None:
    _post(ann, {**NEW, "title": "Mine"})
    answer = _post(ann, {**NEW, "title": "Mine again", "template": None, "copy_from": "mine",
                         "start_date": "2027-05-03", "visibility": "unlisted"})
    assert answer.status_code == 201
    assert answer.json()["visibility"] == "unlisted"
    first = Session.objects.filter(event__slug="mine-again").select_related("slot").first()
    assert first.slot.start == datetime(2027, 5, 3, 9, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def summit(bearer):
    user = organizer_add(email="bo@example.org").user
    event = make_event(slug="summit", start_date=date(2027, 5, 1), end_date=date(2027, 5, 2))
    make_role(event=event, user=user)
    make_session(event=event, start_hour=10)
    return bearer(user)


def test_patch_moves_dates_sets_hub_channels_and_visibility(summit) -> None:
    answer = _patch(summit, "summit", {
        "start_date": "2027-06-01", "end_date": "2027-06-02", "visibility": "unlisted",
        "hashtags": ["#summit27"], "blogs": [{"label": "Team", "url": "https://b.example/"}]})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["start_date"], body["visibility"], body["hashtags"], body["blogs"]) == (
        "2027-06-01", "unlisted", ["#summit27"], [{"label": "Team", "url": "https://b.example/"}])
    event = Event.objects.get(slug="summit")
    assert event.slots.get().start == datetime(2027, 6, 1, 10,
                                               tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert (event.published, event.listed) == (True, False)


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"end_date": "2027-04-30"}, "end_date",
     "The event cannot end before it starts (2027-05-01)."),
    ({"start_date": "2027-05-03"}, "end_date",
     "The event cannot end before it starts (2027-05-03)."),
    ({"time_zone": "Nowhere"}, "time_zone",
     "'Nowhere' is not a time zone name such as Europe/Amsterdam."),
    ({"hashtags": ["#two words"]}, "hashtags.0", "must be one word, with no spaces"),
    ({"blogs": [{"url": "ftp://x.example/"}]}, "blogs",
     "link 1: 'ftp://x.example/' is not an http(s) URL"),
    ({"wiki_url": "not a url"}, "wiki_url", "Enter a valid URL."),
    ({"publishd": True}, "publishd", "Extra inputs are not permitted"),
])
def test_patch_with_bad_input_answers_422_naming_the_field_and_changes_nothing(
        summit, body, field, message) -> None:
    answer = _patch(summit, "summit", {"hashtags": ["#kept"], **body})
    assert answer.status_code == 422
    assert _errors(answer) == [(field, message)]
    event = Event.objects.get(slug="summit")
    assert (event.start_date, event.hashtags) == (date(2027, 5, 1), ["#test"])


def test_patch_on_another_organizers_event_is_404(summit, bearer) -> None:
    make_event(slug="theirs")
    answer = _patch(summit, "theirs", {"visibility": "draft"})
    assert answer.status_code == 404
    assert Event.objects.get(slug="theirs").published is True
    assert _patch({}, "summit", {"visibility": "draft"}).status_code == 401
