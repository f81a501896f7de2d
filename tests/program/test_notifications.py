"""The program's messages: agenda ready or changed (only to those whose agenda changed),
a freed seat given to someone waiting, and the reminder the day before."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client

from immerse.notify.models import Message
from immerse.notify.services import messages_send
from immerse.notify.waiting import messages_release
from immerse.program.models import AgendaItem
from immerse.program.services.agendas import agenda_swap, session_wait_join
from immerse.program.services.notifications import agenda_ready_queue, reminders_queue
from immerse.program.services.planning import agenda_run_start
from tests.factories import PASSWORD, make_person, make_registration, make_user
from tests.notify.mail import link_to, text_of
from tests.program.test_agendas import small_event

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def agenda_messages():
    return Message.objects.filter(kind="agenda_ready").order_by("id")


def test_a_planning_run_tells_each_attendee_once_with_their_sessions():
    event, _sessions, regs = small_event()
    agenda_run_start(event=event, user=None)
    messages = list(agenda_messages())
    assert sorted(m.person_id for m in messages) == sorted(r.person_id for r in regs)
    beginner = next(m for m in messages if m.person_id == regs[0].person_id)
    assert beginner.context["changed"] is False
    assert [i["title"] for i in beginner.context["items"]] == ["Stories", "Lab"]
    assert beginner.context["items"][0]["reason"] == (
        "You asked about video. Your level card puts story sessions first. "
        "Made for Eye-opener, your level.")
    assert beginner.secrets["calendar_url"].endswith(".ics")


def test_replanning_mails_only_those_whose_agenda_changed():
    event, sessions, regs = small_event()
    agenda_run_start(event=event, user=None)
    agenda_run_start(event=event, user=None)  # same inputs, same agendas
    assert agenda_messages().count() == 4
    agenda_swap(registration=regs[2], session=sessions["lab"])  # their own choice: no mail
    assert agenda_messages().count() == 4
    agenda_run_start(event=event, user=None, keep_confirmed=False)  # undoes that choice
    changed = agenda_messages().filter(context__changed=True)
    assert [m.person_id for m in changed] == [regs[2].person_id]
    assert [i["title"] for i in changed[0].context["items"]] == ["Circle", "Plan clinic"]


def test_the_same_change_is_queued_once():
    event, _sessions, _regs = small_event()
    agenda_run_start(event=event, user=None)
    assert agenda_ready_queue(event=event, before={}, key="run-x") == 4
    assert agenda_ready_queue(event=event, before={}, key="run-x") == 0  # a retried run


def test_someone_waiting_hears_when_a_freed_seat_becomes_theirs():
    event, sessions, regs = small_event()
    others = [make_registration(event=event, level=2, person=make_person()) for _ in range(3)]
    for reg in others:
        agenda_swap(registration=reg, session=sessions["lab"])
    session_wait_join(registration=regs[2], session=sessions["lab"])
    agenda_swap(registration=others[0], session=sessions["plan"])  # frees a Lab seat
    message = agenda_messages().get(person=regs[2].person)
    assert message.key.startswith(f"agenda_ready:{regs[2].pk}:seat-")
    assert message.context["changed"] is False  # nothing on their agenda before
    assert [i["title"] for i in message.context["items"]] == ["Lab"]
    assert not agenda_messages().filter(person=others[0].person).exists()


def test_agenda_mail_links_work_for_the_attendee(smtp_server):
    event, _sessions, regs = small_event()
    user = make_user()
    regs[0].person.user = user
    regs[0].person.save()
    agenda_run_start(event=event, user=None)
    messages_release(event=event, kind="agenda_ready")  # the organizer's "Tell them now"
    messages_send()
    mail = next(m for m in smtp_server.received if regs[0].person.email in m["To"])
    assert mail["Subject"] == f"Your agenda for {event.title} is ready"
    assert "Why: You asked about video." in text_of(mail)
    calendar = Client().get(link_to(mail, "/calendar/"))  # a calendar app: no login
    titles = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(calendar.content)
              .walk("VEVENT")}
    assert titles == {"Stories", "Lab"}
    client = Client()
    response = client.get(link_to(mail, "/me/agenda/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.login(username=user.username, password=PASSWORD)
    assert "Stories" in client.get(link_to(mail, "/me/agenda/")).content.decode()


def test_reminder_goes_the_day_before_from_nine_local_time_once():
    event, _sessions, regs = small_event()  # 1 May 2027, sessions from 09:00 Amsterdam
    agenda_run_start(event=event, user=None)
    make_registration(event=event, status="waitlisted")
    assert reminders_queue(now=datetime(2027, 4, 29, 12, tzinfo=AMSTERDAM)) == 0
    assert reminders_queue(now=datetime(2027, 4, 30, 8, 30, tzinfo=AMSTERDAM)) == 0
    assert reminders_queue(now=datetime(2027, 4, 30, 9, 5, tzinfo=AMSTERDAM)) == 4
    assert reminders_queue(now=datetime(2027, 4, 30, 10, 5, tzinfo=AMSTERDAM)) == 0
    assert reminders_queue(now=datetime(2027, 5, 1, 10, tzinfo=AMSTERDAM)) == 0
    reminder = Message.objects.get(kind="reminder", person=regs[0].person)
    assert [i["title"] for i in reminder.context["first_items"]] == ["Stories", "Lab"]
    assert reminder.context["starts_at"].startswith("2027-05-01T07:00")  # 09:00 local, UTC


def test_reminder_uses_the_events_own_time_zone():
    event, _sessions, _regs = small_event()
    event.time_zone = "America/New_York"
    event.save()
    # 09:05 in Amsterdam is 03:05 in New York: too early there.
    assert reminders_queue(now=datetime(2027, 4, 30, 9, 5, tzinfo=AMSTERDAM)) == 0
    assert reminders_queue(now=datetime(2027, 4, 30, 15, 5, tzinfo=AMSTERDAM)) == 4
    assert not AgendaItem.objects.exists()  # no agenda: the reminder still goes, no items
