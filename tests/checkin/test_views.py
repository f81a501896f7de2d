"""The desk, the door and the attendee's code through Django's test client."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.checkin.codes import checkin_code, door_key
from immerse.checkin.models import Attendance, CheckIn, CheckinSettings
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def world():
    event = make_event(slug="day", title="Day")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    return event, staff


def test_search_then_one_tap_checks_in_and_undo_undoes(world):
    event, staff = world
    reg = make_registration(event=event, person=make_person(name="Zoë <b>Ng</b>"))
    client = _client(staff)
    page = client.get("/events/day/checkin/?q=zo").content.decode()
    assert "Zoë &lt;b&gt;Ng&lt;/b&gt;" in page and "<b>Ng" not in page
    assert "0</strong> checked in of 1 expected" in page
    done = client.post("/events/day/checkin/act/", {"registration": reg.pk, "q": "zo"},
                       HTTP_ACCEPT="application/json")
    assert done.json() == {"ok": True, "message": "Zoë <b>Ng</b> is checked in.",
                           "reason": "", "registration_id": reg.pk, "name": "Zoë <b>Ng</b>"}
    fragment = client.get("/events/day/checkin/counts/")
    assert "1</strong> checked in of 1 expected" in fragment.content.decode()
    unchanged = client.get("/events/day/checkin/counts/", HTTP_IF_NONE_MATCH=fragment["ETag"])
    assert unchanged.status_code == 304
    client.post("/events/day/checkin/act/", {"registration": reg.pk, "action": "undo"})
    assert CheckIn.objects.count() == 0


def test_a_typed_code_of_another_event_is_refused_saying_why(world):
    _event, staff = world
    other = make_registration(event=make_event())
    code = checkin_code(event_id=other.event_id, registration_id=other.pk)
    answer = _client(staff).post("/events/day/checkin/act/", {"code": code},
                                 HTTP_ACCEPT="application/json")
    assert answer.status_code == 409
    assert answer.json()["message"] == "This code is for another event, not Day."


def test_a_waitlisted_walk_in_is_offered_and_given_a_seat(world):
    event, staff = world
    reg = make_registration(event=event, status="waitlisted")
    client = _client(staff)
    offered = client.post("/events/day/checkin/act/", {"registration": reg.pk},
                          HTTP_ACCEPT="application/json")
    assert (offered.status_code, offered.json()["reason"]) == (409, "waitlisted")
    seated = client.post("/events/day/checkin/act/", {"registration": reg.pk, "action": "seat"},
                         HTTP_ACCEPT="application/json")
    reg.refresh_from_db()
    assert seated.json()["ok"] and reg.status == "confirmed" and CheckIn.objects.count() == 1


def test_the_desk_is_404_for_another_events_organizer_and_asks_strangers_to_log_in(world):
    other = make_user()
    make_role(event=make_event(), user=other)
    assert _client(other).get("/events/day/checkin/").status_code == 404
    assert Client().get("/events/day/checkin/").status_code == 302


def test_the_organizer_sets_the_release_time_in_the_events_zone_and_the_hub_says_it(world):
    event, _staff = world
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = _client(organizer)
    assert "go to the waiting list" not in client.get("/events/day/").content.decode()
    client.post("/events/day/checkin/release/", {"release_at": "2027-05-01T09:30"})
    assert CheckinSettings.objects.get().release_at.isoformat() == "2027-05-01T07:30:00+00:00"
    hub = client.get("/events/day/").content.decode()
    assert "Seats of people not checked in by Sat 1 May, 09:30 go to the waiting list." in hub
    bad = client.post("/events/day/checkin/release/", {"release_at": "soon"}, follow=True)
    assert "Release time: Enter a valid date/time." in bad.content.decode()
    client.post("/events/day/checkin/release/", {"release_at": ""})
    assert "go to the waiting list" not in client.get("/events/day/").content.decode()


def test_the_door_page_shows_a_qr_whose_link_checks_the_attendee_in(world):
    event, staff = world
    session = make_session(event=event, title="Listening")
    page = _client(staff).get(f"/events/day/sessions/{session.pk}/door/").content.decode()
    assert "<svg" in page
    link = re.search(r'class="meta">(http://testserver/[^<]+)<', page).group(1)
    assert link.endswith(f"/here/{door_key(session_id=session.pk)}/")
    ann = make_user()
    make_registration(event=event, person=make_person(user=ann))
    client = _client(ann)
    path = link.removeprefix("http://testserver")
    assert "I am here" in client.get(path).content.decode()
    assert Attendance.objects.count() == 0  # opening the link writes nothing
    assert "You are checked in" in client.post(path).content.decode()
    assert Attendance.objects.count() == 1 and CheckIn.objects.get().how == "door"
    again = client.get(path).content.decode()  # scanned again: no second button
    assert "You are checked in" in again and "I am here" not in again
    assert client.post(path.replace("/here/", "/here/x")).status_code == 404
    assert Client().get(path).status_code == 302  # log in first, then come back


def test_the_agenda_shows_a_confirmed_attendees_qr_code(world):
    event, _staff = world
    ann = make_user()
    reg = make_registration(event=event, person=make_person(user=ann))
    page = _client(ann).get("/events/day/me/agenda/").content.decode()
    assert "My check-in code" in page and "<svg" in page
    assert checkin_code(event_id=event.pk, registration_id=reg.pk) in page


def test_the_desk_sends_the_tap_time_and_a_bad_one_is_refused_saying_why(world):
    from datetime import timedelta

    from django.utils import timezone

    event, staff = world
    event.start_date = timezone.localdate()
    event.end_date = event.start_date
    event.save()
    reg = make_registration(event=event)
    client = _client(staff)
    bad = client.post("/events/day/checkin/act/", {"registration": reg.pk, "at": "soon"},
                      HTTP_ACCEPT="application/json")
    assert (bad.status_code, bad.json()["reason"], bad.json()["message"]) == (
        409, "time", "The check-in time soon is not a date and time with a zone.")
    tapped = (timezone.now() - timedelta(minutes=3)).replace(microsecond=0)
    client.post("/events/day/checkin/act/", {"registration": reg.pk, "at": tapped.isoformat()},
                HTTP_ACCEPT="application/json")
    assert CheckIn.objects.get().at == tapped


def test_staff_find_the_desk_and_each_session_s_door_and_attendees_do_not(world):
    event, facilitator = world
    organizer = make_user()
    make_role(event=event, user=organizer, role="organizer")
    session = make_session(event=event, title="Harbour")
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    organize = _client(organizer).get("/events/day/organize/").content.decode()
    assert '<a href="/events/day/checkin/">Check-in desk</a>' in organize
    door = f'<a href="/events/day/sessions/{session.pk}/door/">'
    for staff in (organizer, facilitator):
        page = _client(staff).get(f"/events/day/sessions/{session.pk}/").content.decode()
        assert door in page and '<a href="/events/day/checkin/">' in page
    seen = _client(attendee).get(f"/events/day/sessions/{session.pk}/").content.decode()
    assert door not in seen and "/checkin/" not in seen


def test_the_organizer_s_report_shows_planned_and_attended(world):
    from immerse.checkin.services import attendance_record
    from immerse.program.models import AgendaItem

    event, _staff = world
    organizer = make_user()
    make_role(event=event, user=organizer, role="organizer")
    talk = make_session(event=event, title="Talk <script>x</script>", fmt="story")
    lab = make_session(event=event, title="Lab", fmt="workshop", start_hour=11)
    one = make_registration(event=event, level=1)
    two = make_registration(event=event, level=2)
    for reg, session in ((one, talk), (two, talk), (one, lab)):
        AgendaItem.objects.create(registration=reg, session=session)
    attendance_record(registration=one, session=talk, by=None)
    page = _client(organizer).get("/events/day/organize/report/").content.decode()
    section = re.sub(r"\s+", " ", page[page.index('id="attendance"'):])
    assert "1 of 2 confirmed people checked in at the event." in section
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", section)
    assert cells[:12] == ["Session", "Planned", "Attended", "Share",
                          "Talk &lt;script&gt;x&lt;/script&gt;", "2", "1", "50%",
                          "Lab", "1", "0", "Not held yet"]  # 2027: ahead, nobody marked
    assert ("1 session is not held yet: it is left out of the shares per format and per "
            "level.") in section
    assert "<script>x" not in page
    assert "Planned and attended per format" in section
    assert "Planned and attended per attendee level" in section
    assert _client(_staff).get("/events/day/organize/report/").status_code == 403


def test_the_desk_signs_up_a_walk_in_and_refuses_a_bad_address_naming_the_field(world):
    event, staff = world
    client = _client(staff)
    bad = client.post("/events/day/checkin/walkin/", {"name": "Wal", "email": "nope"},
                      follow=True)
    assert "New walk-in: E-mail: Enter a valid email address." in bad.content.decode()
    assert event.registrations.count() == 0
    done = client.post("/events/day/checkin/walkin/",
                       {"name": "Wal <i>King</i>", "email": "wal@x.example"}, follow=True)
    assert "Wal &lt;i&gt;King&lt;/i&gt; has a seat and is checked in." in done.content.decode()
    assert list(CheckIn.objects.values_list("registration__person__email", "how")) == [
        ("wal@x.example", "list")]
