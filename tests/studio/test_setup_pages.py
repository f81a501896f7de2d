"""The set-up pages, as an organizer uses them: slots, rooms, sessions and their pitch."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.engine.pitch import session_pitch
from immerse.events.models import Room, Session, TimeSlot
from immerse.notify.models import Message
from immerse.people.models import Person
from tests.factories import PASSWORD, make_event, make_person, make_role, make_session, make_user

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def event():
    return make_event(slug="immersion", start_date=date(2027, 5, 3), end_date=date(2027, 5, 4))


@pytest.fixture
def organizer(event) -> Client:
    user = make_user("org")
    make_role(event=event, user=user)
    client = Client()
    assert client.login(username="org", password=PASSWORD)
    return client


def _page(slug: str, path: str = "") -> str:
    return f"/events/{slug}/organize/setup/{path}"


def test_setup_pages_refuse_another_events_organizer_with_404(event) -> None:
    other = make_event(slug="other")
    make_role(event=other, user=make_user("elsewhere"))
    client = Client()
    client.login(username="elsewhere", password=PASSWORD)
    for path in ("", "slots/", "rooms/", "sessions/", "sessions/new/", "hub/", "signup/"):
        assert client.get(_page(event.slug, path)).status_code == 404, path
    assert Client().get(_page(event.slug)).status_code == 302  # a visitor logs in first


def test_setup_index_lists_the_steps_with_what_is_done(event, organizer) -> None:
    Room.objects.create(event=event, name="Main hall", capacity=80)
    text = organizer.get(_page(event.slug)).content.decode()
    assert "0 slots" in text and "1 room" in text and "0 sessions" in text
    assert "/admin/" not in text


def test_generate_slots_for_every_day(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "slots/"), {
        "grid-days": ["2027-05-03", "2027-05-04"], "grid-start": "09:00", "grid-end": "13:00",
        "grid-session_minutes": "60", "grid-gap_minutes": "15",
        "grid-break_start": "11:30", "grid-break_end": "12:00", "generate": "1"})
    assert response.status_code == 302
    starts = [(s.start.astimezone(ZONE).strftime("%d %H:%M"), s.end.astimezone(ZONE)
               .strftime("%H:%M")) for s in TimeSlot.objects.filter(event=event)]
    # 9:00-10:00, 10:15-11:15, (break 11:30-12:00) 12:00-13:00, on each day.
    assert starts == [("03 09:00", "10:00"), ("03 10:15", "11:15"), ("03 12:00", "13:00"),
                      ("04 09:00", "10:00"), ("04 10:15", "11:15"), ("04 12:00", "13:00")]
    again = organizer.post(_page(event.slug, "slots/"), {
        "grid-days": ["2027-05-03"], "grid-start": "09:00", "grid-end": "13:00",
        "grid-session_minutes": "60", "grid-gap_minutes": "15",
        "grid-break_start": "11:30", "grid-break_end": "12:00", "generate": "1"}, follow=True)
    assert "0 slots made." in again.content.decode()
    assert TimeSlot.objects.filter(event=event).count() == 6


def test_generate_slots_names_the_bad_field_and_makes_nothing(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "slots/"), {
        "grid-days": ["2027-05-03"], "grid-start": "13:00", "grid-end": "09:00",
        "grid-session_minutes": "60", "grid-gap_minutes": "0", "generate": "1"})
    assert response.status_code == 200
    assert response.context["grid"].errors == {"end": ["must be after the start"]}
    assert not TimeSlot.objects.exists()


def test_edit_a_slot_and_refuse_an_end_before_the_start(event, organizer) -> None:
    slot = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 3, 9, tzinfo=ZONE),
                                   end=datetime(2027, 5, 3, 10, tzinfo=ZONE))
    url = _page(event.slug, f"slots/{slot.pk}/")
    bad = organizer.post(url, {"label": "", "start": "2027-05-03T11:00",
                               "end": "2027-05-03T10:00"})
    assert bad.context["form"].errors == {"end": ["The end must be after the start."]}
    organizer.post(url, {"label": "Opening", "start": "2027-05-03T09:30",
                         "end": "2027-05-03T10:30"})
    slot.refresh_from_db()
    assert (slot.label, slot.start) == ("Opening", datetime(2027, 5, 3, 9, 30, tzinfo=ZONE))


def test_deleting_a_slot_unplaces_its_sessions_and_says_so(event, organizer) -> None:
    session = make_session(event=event, title="Stories")
    response = organizer.post(_page(event.slug, f"slots/{session.slot_id}/delete/"),
                              follow=True)
    assert "1 session in it is now unplaced" in response.content.decode()
    session.refresh_from_db()
    assert (session.slot_id, session.room_id) == (None, None)


def test_rooms_create_edit_delete(event, organizer) -> None:
    organizer.post(_page(event.slug, "rooms/"), {
        "name": "Main hall", "capacity": "120", "accessibility": "Step-free, hearing loop"})
    room = Room.objects.get(event=event)
    assert (room.name, room.capacity, room.accessibility) == (
        "Main hall", 120, "Step-free, hearing loop")
    twin = organizer.post(_page(event.slug, "rooms/"), {"name": "main hall", "capacity": "5"})
    assert twin.context["form"].errors == {
        "name": ["This event already has a room called “main hall”."]}
    organizer.post(_page(event.slug, f"rooms/{room.pk}/"), {"name": "Hall A", "capacity": "90"})
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Hall A", 90)
    organizer.post(_page(event.slug, f"rooms/{room.pk}/delete/"))
    assert not Room.objects.filter(event=event).exists()


def test_room_capacity_must_be_a_number(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "rooms/"), {"name": "Hall", "capacity": "lots"})
    assert response.context["form"].errors == {"capacity": ["Enter a whole number."]}


def _session_form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Start with video", "format": "story",
                               "target_levels": ["1", "2"], "topics": "video, live video",
                               "abstract": "", "capacity": "", "pitch": ""}
    data.update(fields)
    return data


def test_new_session_gets_its_generated_pitch(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "sessions/new/"), _session_form())
    session = Session.objects.get(event=event)
    assert response.status_code == 302
    assert session.target_levels == [1, 2]
    assert session.topics == ["video", "live video"]
    assert session.pitch == session_pitch(format_key="story", levels=[1, 2],
                                          topics=["video", "live video"], tools=[])
    assert not session.pitch_edited


def test_session_needs_a_level_and_a_known_format(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "sessions/new/"),
                              _session_form(target_levels=[], format="keynote"))
    errors = response.context["form"].errors
    assert errors["target_levels"] == ["Choose at least one level."]
    assert errors["format"][0].startswith("Select a valid choice.")
    assert not Session.objects.exists()


def test_generated_pitch_follows_levels_and_format(event, organizer) -> None:
    organizer.post(_page(event.slug, "sessions/new/"), _session_form())
    session = Session.objects.get(event=event)
    organizer.post(_page(event.slug, f"sessions/{session.pk}/"),
                   _session_form(format="workshop", target_levels=["3"]))
    session.refresh_from_db()
    assert session.pitch == session_pitch(format_key="workshop", levels=[3],
                                          topics=["video", "live video"], tools=[])


def test_organizers_own_pitch_stays_until_they_empty_it(event, organizer) -> None:
    organizer.post(_page(event.slug, "sessions/new/"),
                   _session_form(pitch="For anyone who films events."))
    session = Session.objects.get(event=event)
    assert (session.pitch, session.pitch_edited) == ("For anyone who films events.", True)
    url = _page(event.slug, f"sessions/{session.pk}/")
    assert organizer.get(url).context["form"].initial["pitch"] == "For anyone who films events."
    organizer.post(url, _session_form(target_levels=["3"], pitch="For anyone who films events."))
    session.refresh_from_db()
    assert session.pitch == "For anyone who films events."
    organizer.post(url, _session_form(target_levels=["3"], pitch=""))
    session.refresh_from_db()
    assert not session.pitch_edited
    assert session.pitch == session_pitch(format_key="story", levels=[3],
                                          topics=["video", "live video"], tools=[])


def test_session_hosts_chosen_and_invited_by_email(event, organizer) -> None:
    expert = make_person(name="Marta", is_expert=True)
    organizer.post(_page(event.slug, "sessions/new/"), _session_form(
        hosts=[str(expert.pk)], invite_name="Noor Haddad", invite_email="Noor@Example.org"))
    session = Session.objects.get(event=event)
    noor = Person.objects.get(email="noor@example.org")
    assert sorted(p.name for p in session.facilitators.all()) == ["Marta", "Noor Haddad"]
    message = Message.objects.get(kind="host_invited")
    assert (message.to_email, message.context["session_title"]) == (
        "noor@example.org", "Start with video")
    assert message.context["session_url"].endswith(f"/events/immersion/sessions/{session.pk}/")
    assert noor.name == "Noor Haddad"


def test_host_list_offers_only_experts_practitioners_and_hosts(event, organizer) -> None:
    expert = make_person(name="Expert", is_expert=True)
    make_person(name="Somebody else")
    form = organizer.get(_page(event.slug, "sessions/new/")).context["form"]
    assert list(form.fields["hosts"].queryset) == [expert]


def test_delete_a_session_asks_first(event, organizer) -> None:
    session = make_session(event=event, title="Gone soon")
    url = _page(event.slug, f"sessions/{session.pk}/delete/")
    assert "Delete Gone soon?" in organizer.get(url).content.decode()
    organizer.post(url)
    assert not Session.objects.filter(pk=session.pk).exists()


def test_another_events_session_is_404(event, organizer) -> None:
    other = make_session(event=make_event(slug="not-mine"))
    assert organizer.get(_page(event.slug, f"sessions/{other.pk}/")).status_code == 404
    assert organizer.post(_page(event.slug, f"slots/{other.slot_id}/delete/")).status_code == 404
    assert TimeSlot.objects.filter(pk=other.slot_id).exists()


def test_session_form_shows_what_each_format_offers(event, organizer) -> None:
    text = organizer.get(_page(event.slug, "sessions/new/")).content.decode()
    assert ("A small group works on each person&#x27;s own case and leaves with a plan. "
            "Best for: Preparation.") in text
    assert "Practitioners share what they learned and prepare to mentor the other levels. " \
        "Best for: Just do it." in text


def test_a_break_that_ends_before_it_starts_is_named(event, organizer) -> None:
    response = organizer.post(_page(event.slug, "slots/"), {
        "grid-days": ["2027-05-03"], "grid-start": "09:00", "grid-end": "17:00",
        "grid-session_minutes": "60", "grid-gap_minutes": "0",
        "grid-break_start": "13:00", "grid-break_end": "12:00", "generate": "1"})
    assert response.context["grid"].errors == {"break_end": ["must end after it starts"]}
    assert not TimeSlot.objects.exists()
