"""Planning runs, personal agendas with reasons, swaps within capacity, waitlists, calendars."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client

from immerse.events.models import Session
from immerse.program.models import AgendaItem, AgendaRun, SessionWish
from immerse.program.services.agendas import SwapRefused, agenda_swap, session_wait_join
from immerse.program.services.planning import agenda_run_execute, agenda_run_start
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
    side_by_side,
)

pytestmark = pytest.mark.django_db


def small_event():
    """Two slots; in each a session for beginners and one for practitioners (3 seats each)."""
    event = make_event(slug="ws", capacity=10)
    sessions = {
        "stories": make_session(event=event, title="Stories", fmt="story", levels=(1,),
                                capacity=3, start_hour=9, topics=["video"]),
        "circle": make_session(event=event, title="Circle", fmt="community", levels=(4,),
                               capacity=3, start_hour=9),
    }
    sessions["stories"].slot.refresh_from_db()
    slot = sessions["stories"].slot
    side_by_side(sessions["circle"], slot)
    sessions["lab"] = make_session(event=event, title="Lab", fmt="lab", levels=(1, 2),
                                   capacity=3, start_hour=11)
    sessions["plan"] = make_session(event=event, title="Plan clinic", fmt="workshop",
                                    levels=(3, 4), capacity=3, start_hour=11)
    side_by_side(sessions["plan"], sessions["lab"].slot)
    regs = [make_registration(event=event, level=level, person=make_person(),
                              interests=["video"] if level == 1 else [])
            for level in (1, 1, 4, 4)]
    return event, sessions, regs


def test_planning_puts_everyone_at_their_level_with_reasons() -> None:
    event, _sessions, regs = small_event()
    run = agenda_run_start(event=event, user=None)  # no queue configured: runs inline
    run.refresh_from_db()
    assert run.status == AgendaRun.Status.DONE, run.message
    assert run.objective == run.lower_bound
    assert run.stats["share_all_at_level"] == 1.0
    assert len(run.inputs_digest) == 64
    beginner = AgendaItem.objects.filter(registration=regs[0]).select_related("session")
    assert {i.session.title for i in beginner} == {"Stories", "Lab"}
    reasons = {i.session.title: i.reason for i in beginner}
    assert reasons["Stories"] == ("You asked about video. Your level card puts story sessions "
                                  "first. Made for Eye-opener, your level.")
    assert AgendaItem.objects.count() == 8


def test_replanning_keeps_confirmed_choices_unless_told_otherwise() -> None:
    event, sessions, regs = small_event()
    agenda_run_start(event=event, user=None)
    swapped = agenda_swap(registration=regs[2], session=sessions["lab"])  # a practitioner
    assert swapped.confirmed
    agenda_run_start(event=event, user=None)
    titles = set(AgendaItem.objects.filter(registration=regs[2])
                 .values_list("session__title", flat=True))
    assert "Lab" in titles
    agenda_run_start(event=event, user=None, keep_confirmed=False)
    titles = set(AgendaItem.objects.filter(registration=regs[2])
                 .values_list("session__title", flat=True))
    assert titles == {"Circle", "Plan clinic"}


def test_stars_pull_people_towards_sessions() -> None:
    event, sessions, regs = small_event()
    SessionWish.objects.create(person=regs[2].person, session=sessions["stories"])
    agenda_run_start(event=event, user=None)
    item = AgendaItem.objects.get(registration=regs[2], session__slot=sessions["stories"].slot)
    assert item.session.title == "Stories" and item.reason.startswith("You starred it. ")


def test_swaps_respect_capacity_and_waitlists_move_up() -> None:
    event, sessions, regs = small_event()
    others = [make_registration(event=event, level=2, person=make_person()) for _ in range(3)]
    for reg in others:
        agenda_swap(registration=reg, session=sessions["lab"])
    with pytest.raises(SwapRefused, match="Lab is full"):
        agenda_swap(registration=regs[2], session=sessions["lab"])
    assert session_wait_join(registration=regs[2], session=sessions["lab"]) == 1
    agenda_swap(registration=regs[3], session=sessions["plan"])
    agenda_swap(registration=others[0], session=sessions["plan"])  # frees a Lab seat
    assert AgendaItem.objects.filter(registration=regs[2], session=sessions["lab"]).exists()
    assert AgendaItem.objects.filter(session=sessions["lab"]).count() == 3


def test_too_few_seats_leaves_gaps_that_the_run_reports() -> None:
    event, _sessions, regs = small_event()
    Session.objects.filter(event=event).update(capacity=1)  # 4 people, 2 seats per slot
    run = agenda_run_start(event=event, user=None)
    assert run.status == AgendaRun.Status.DONE
    assert run.stats["one_per_slot"] == "at_most"
    assert AgendaItem.objects.count() == 4  # every seat is used
    per_person = [AgendaItem.objects.filter(registration=r).count() for r in regs]
    assert run.stats["without_a_seat_somewhere"] == sum(1 for n in per_person if n < 2) >= 2


def test_failed_run_is_recorded_and_old_agendas_stay() -> None:
    event, sessions, regs = small_event()
    agenda_run_start(event=event, user=None)
    for reg in regs[:2]:
        AgendaItem.objects.filter(registration=reg).update(confirmed=True)
    before = set(AgendaItem.objects.values_list("registration_id", "session_id"))
    Session.objects.filter(pk=sessions["stories"].pk).update(capacity=1)  # 2 confirmed in it
    run = AgendaRun.objects.create(event=event, keep_confirmed=True)
    run = agenda_run_execute(run.pk)
    assert run.status == AgendaRun.Status.FAILED and "Stories" in run.message
    assert set(AgendaItem.objects.values_list("registration_id", "session_id")) == before


def test_attendee_sees_explained_agenda_and_private_calendar() -> None:
    event, sessions, regs = small_event()
    user = make_user()
    regs[0].person.user = user
    regs[0].person.save()
    agenda_run_start(event=event, user=None)
    # The agenda mail carried a private link (tests/program/test_notifications.py); this
    # test starts from an attendee who has none yet.
    regs[0].__class__.objects.filter(pk=regs[0].pk).update(calendar_token=None)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    html = client.get("/events/ws/me/agenda/").content.decode()
    assert "Why: You asked about video. Your level card puts story sessions first." in html
    # Reading the page writes nothing; the private link is made when asked for, once.
    assert regs[0].__class__.objects.get(pk=regs[0].pk).calendar_token is None
    assert 'value="calendar"' in html and "/calendar/" not in html
    page = client.post("/events/ws/me/agenda/change/", {"action": "calendar"}, follow=True)
    token = regs[0].__class__.objects.get(pk=regs[0].pk).calendar_token
    assert len(token) >= 40 and f"/calendar/{token}.ics" in page.content.decode()
    client.post("/events/ws/me/agenda/change/", {"action": "calendar"})
    assert regs[0].__class__.objects.get(pk=regs[0].pk).calendar_token == token
    ics = Client().get(f"/calendar/{token}.ics")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Lab", "Stories"]
    assert {str(e["UID"]) for e in events} == {f"session-{sessions['stories'].pk}@immerse.local",
                                               f"session-{sessions['lab'].pk}@immerse.local"}
    assert Client().get("/calendar/not-a-real-token-at-all-123.ics").status_code == 404


def _logged_in(registration) -> Client:
    user = make_user()
    registration.person.user = user
    registration.person.save()
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_seats_left_on_an_agenda_follow_another_attendees_swap_at_once() -> None:
    event, sessions, regs = small_event()
    agenda_run_start(event=event, user=None)
    # Planned: the two beginners in Stories, the two practitioners in Circle (3 seats each).
    assert AgendaItem.objects.filter(session=sessions["circle"]).count() == 2
    beginner, practitioner = _logged_in(regs[0]), _logged_in(regs[2])
    # Their alternatives: Circle (2 of 3 taken) at 9, Plan clinic (2 of 3) at 11.
    before = beginner.get("/events/ws/me/agenda/").content.decode()
    assert (before.count("Swap to this (1 left)"), before.count("(2 left)")) == (2, 0)
    practitioner.post("/events/ws/me/agenda/change/",
                      {"action": "swap", "session": sessions["stories"].pk})
    html = beginner.get("/events/ws/me/agenda/").content.decode()
    assert (html.count("Swap to this (1 left)"), html.count("Swap to this (2 left)")) == (1, 1)


def test_public_calendar_has_every_scheduled_session_with_time_zone() -> None:
    event, _sessions, _ = small_event()
    calendar = icalendar.Calendar.from_ical(Client().get("/events/ws/calendar.ics").content)
    assert len(calendar.walk("VEVENT")) == 4
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == event.time_zone
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "Main room"


def test_organizer_plans_from_the_web_and_sees_satisfaction() -> None:
    event, _sessions, _regs = small_event()
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    response = client.post("/events/ws/organize/agendas/", {"time_limit": "10"}, follow=True)
    html = response.content.decode()
    assert "4 people have a personal agenda over 2 time slots." in html
    assert "Everyone has a session at their level in every slot." in html
    assert "<summary>Details: the solver's figures</summary>" in html
    run = AgendaRun.objects.get()
    status = client.get(f"/events/ws/organize/agendas/runs/{run.pk}/",
                        HTTP_ACCEPT="application/json").json()
    assert status == {"status": "done", "progress": 1.0, "message": "4 agendas saved"}
    attendee = make_user()
    client.login(username=attendee.username, password=PASSWORD)
    assert client.post("/events/ws/organize/agendas/").status_code == 403


def test_a_planning_run_refreshes_the_seats_taken_shown_at_once() -> None:
    from django.db.models import Count

    from immerse.program.selectors import seats_taken

    event, _sessions, _regs = small_event()
    assert seats_taken(event=event) == {}  # cached while nobody has an agenda yet
    agenda_run_start(event=event, user=None)
    counted = dict(AgendaItem.objects.values_list("session_id").annotate(n=Count("id")))
    assert sum(counted.values()) == 8
    assert seats_taken(event=event) == counted
