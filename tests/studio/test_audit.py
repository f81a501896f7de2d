"""The audit trail: organizer actions on the web recorded with who and when; the page,
newest first, filtered and paged, for the event's organizers only."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.studio.models import AuditEntry
from tests.factories import make_event, make_role, make_session, make_user

pytestmark = pytest.mark.django_db
AUDIT = "/events/immersion/organize/audit/"


@pytest.fixture
def event():
    return make_event(slug="immersion")


@pytest.fixture
def organizer(event) -> Client:
    user = make_user("olga")
    make_role(event=event, user=user)
    client = Client()
    client.force_login(user)
    return client


def test_set_up_pages_record_who_changed_what(event, organizer) -> None:
    organizer.post("/events/immersion/organize/setup/rooms/",
                   {"name": "Annex", "capacity": "12", "accessibility": ""})
    room = event.rooms.get(name="Annex")
    organizer.post(f"/events/immersion/organize/setup/rooms/{room.pk}/delete/")
    organizer.post("/events/immersion/organize/publish/", {"visibility": "draft"})
    session = make_session(event=event, title="Listening")
    organizer.post("/events/immersion/organize/setup/grid/move/",
                   {"session": session.pk, "unplace": "1"})
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "summary",
                                                                 "actor__username"))
    assert entries == [
        ("room.created", "Added the room Annex", "olga"),
        ("room.deleted", "Deleted the room Annex", "olga"),
        ("event.unpublished", "Set the visibility to draft", "olga"),
        ("session.moved", "Moved “Listening” to unplaced", "olga"),
    ]


def test_the_page_shows_newest_first_and_filters(event, organizer) -> None:
    olga, sam = make_user("olga2"), make_user("sam")
    AuditEntry.objects.create(event=event, actor=olga, action="room.created",
                              summary="Added the room First")
    AuditEntry.objects.create(event=event, actor=sam, action="hub.changed",
                              summary="Changed the hub's channels")
    AuditEntry.objects.create(event=make_event(slug="other"), actor=sam,
                              action="room.created", summary="Added the room Elsewhere")
    page = organizer.get(AUDIT).content.decode()
    assert page.index("Changed the hub") < page.index("Added the room First")
    assert "Elsewhere" not in page
    filtered = organizer.get(AUDIT, {"person": str(olga.pk)}).content.decode()
    assert "Added the room First" in filtered and "Changed the hub" not in filtered
    by_action = organizer.get(AUDIT, {"action": "hub.changed"}).content.decode()
    assert "Changed the hub" in by_action and "Added the room First" not in by_action
    assert organizer.get(AUDIT, {"person": "²", "page": "x"}).status_code == 200


def test_the_page_is_paged_by_fifty(event, organizer) -> None:
    AuditEntry.objects.bulk_create([
        AuditEntry(event=event, action="room.created", summary=f"Entry {n:03d}")
        for n in range(60)])
    assert organizer.get(AUDIT).content.decode().count("Entry ") == 50
    assert organizer.get(AUDIT, {"page": "2"}).content.decode().count("Entry ") == 10


def test_only_the_events_organizers_see_it(event) -> None:
    stranger, fred = make_user("mallory"), make_user("fred")
    make_role(event=make_event(slug="elsewhere"), user=stranger)
    make_role(event=event, user=fred, role="facilitator")
    for user in (stranger, fred):
        client = Client()
        client.force_login(user)
        assert client.get(AUDIT).status_code == 404
