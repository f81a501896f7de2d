"""Rooms, slots and sessions through the API: organizers of the event only, bad input
refused naming the field, a clash answered 409 naming the session already there."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.engine.pitch import session_pitch
from immerse.events.models import Room, Session, TimeSlot
from immerse.people.tokens import token_create
from immerse.studio.services.grid import PlacementClash, session_place
from tests.factories import make_event, make_person, make_role, make_session, make_user

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def event():
    return make_event(slug="conf")


@pytest.fixture
def api(event):
    user = make_user("org")
    make_role(event=event, user=user)
    return _client(user)


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='t')[1]}")


def _send(client: Client, method: str, url: str, body: object = None):
    return client.generic(method, f"/api/v1/events/conf/{url}",
                          data="" if body is None else json.dumps(body),
                          content_type="application/json")


def test_rooms_create_change_delete(api, event) -> None:
    made = _send(api, "POST", "rooms", {"name": "Main hall", "capacity": 120,
                                        "accessibility": "Step-free"})
    assert made.status_code == 201
    room_id = made.json()["id"]
    assert made.json() == {"id": room_id, "name": "Main hall", "capacity": 120,
                           "accessibility": "Step-free"}
    changed = _send(api, "PATCH", f"rooms/{room_id}", {"capacity": 90})
    assert (changed.status_code, changed.json()["capacity"], changed.json()["name"]) == (
        200, 90, "Main hall")
    twin = _send(api, "POST", "rooms", {"name": "main hall", "capacity": 5})
    assert twin.status_code == 422
    assert twin.json()["errors"] == [{"field": "name", "message":
                                      "This event already has a room called “main hall”."}]
    assert _send(api, "DELETE", f"rooms/{room_id}").status_code == 204
    assert not Room.objects.exists()


def test_slot_end_before_start_is_422_naming_end(api, event) -> None:
    response = _send(api, "POST", "slots", {"start": "2027-05-01T10:00:00",
                                            "end": "2027-05-01T09:00:00"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "end",
                                          "message": "The end must be after the start."}]
    assert not TimeSlot.objects.exists()


def test_slot_times_without_offset_are_the_events_zone(api, event) -> None:
    made = _send(api, "POST", "slots", {"label": "Opening", "start": "2027-05-01T09:00:00",
                                        "end": "2027-05-01T10:00:00"})
    assert made.status_code == 201
    slot = TimeSlot.objects.get()
    assert slot.start == datetime(2027, 5, 1, 9, tzinfo=ZONE)
    moved = _send(api, "PATCH", f"slots/{slot.pk}", {"end": "2027-05-01T08:00:00"})
    assert moved.status_code == 422
    assert _send(api, "DELETE", f"slots/{slot.pk}").status_code == 204


def test_session_created_with_generated_pitch_and_hosts(api, event) -> None:
    host = make_person(name="Marta")
    made = _send(api, "POST", "sessions", {"title": "Video first", "format": "story",
                                           "target_levels": [2, 1], "topics": ["video"],
                                           "hosts": [host.pk]})
    assert made.status_code == 201
    body = made.json()
    assert (body["target_levels"], body["facilitators"]) == ([1, 2], ["Marta"])
    assert body["pitch"] == session_pitch(format_key="story", levels=[1, 2],
                                          topics=["video"], tools=[])
    patched = _send(api, "PATCH", f"sessions/{body['id']}", {"target_levels": [3],
                                                             "format": "workshop"})
    assert patched.json()["pitch"] == session_pitch(format_key="workshop", levels=[3],
                                                    topics=["video"], tools=[])
    assert _send(api, "DELETE", f"sessions/{body['id']}").status_code == 204


def test_unknown_format_is_422_naming_format(api, event) -> None:
    response = _send(api, "POST", "sessions", {"title": "X", "format": "keynote",
                                               "target_levels": [1]})
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["format"]
    assert not Session.objects.exists()


def test_clash_is_409_naming_the_session_there(api, event) -> None:
    there = make_session(event=event, title="Stories")
    response = _send(api, "POST", "sessions", {
        "title": "Tables", "format": "table", "target_levels": [2],
        "room": there.room_id, "slot": there.slot_id})
    assert response.status_code == 409
    assert response.json()["detail"] == \
        f"Main room is taken in this slot by “Stories”. (session {there.pk})"
    assert Session.objects.count() == 1
    other = make_session(event=event, title="Later", start_hour=11)
    moved = _send(api, "PATCH", f"sessions/{other.pk}", {"slot": there.slot_id})
    assert moved.status_code == 409
    other.refresh_from_db()
    assert other.slot_id != there.slot_id


def test_placement_in_another_events_room_is_404_naming_room(api, event) -> None:
    elsewhere = make_session(event=make_event(slug="other"))
    response = _send(api, "POST", "sessions", {"title": "X", "format": "story",
                                               "target_levels": [1],
                                               "room": elsewhere.room_id})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "room"


def test_another_organizers_event_is_404(event) -> None:
    other = make_event(slug="theirs")
    stranger = make_user("stranger")
    make_role(event=other, user=stranger)
    session = make_session(event=event)
    client = _client(stranger)
    assert _send(client, "POST", "rooms", {"name": "Mine", "capacity": 3}).status_code == 404
    assert _send(client, "PATCH", f"sessions/{session.pk}", {"title": "Taken"}).status_code \
        == 404
    assert _send(client, "DELETE", f"slots/{session.slot_id}").status_code == 404
    session.refresh_from_db()
    assert session.title == "A session"


def test_the_api_and_the_grid_refuse_a_clash_by_one_rule(api, event) -> None:
    there = make_session(event=event, title="Stories")
    loose = Session.objects.create(event=event, title="Loose", format="table",
                                   target_levels=[2])
    with pytest.raises(PlacementClash) as refused:  # what the grid's move calls
        session_place(session=loose, room=there.room, slot=there.slot)
    response = _send(api, "PATCH", f"sessions/{loose.pk}",
                     {"room": there.room_id, "slot": there.slot_id})
    assert response.status_code == 409
    assert response.json()["detail"] == f"{refused.value.message} (session {there.pk})"
    assert response.json()["errors"] == [{"field": "slot", "message": refused.value.message}]


def test_half_a_placement_is_a_422_and_changes_nothing(api, event) -> None:
    there = make_session(event=event, title="Stories")
    response = _send(api, "POST", "sessions", {"title": "Tables", "format": "table",
                                               "target_levels": [2], "room": there.room_id})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "slot", "message": "Choose both a room and a time slot, or neither."}]
    assert list(Session.objects.values_list("title", flat=True)) == ["Stories"]
