"""The registration's messages, as they reach a real SMTP server: read with the ``email``
package (headers, both parts), their links followed with Django's test client."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as date_format

from immerse.common.tasks import periodic_tasks
from immerse.notify.models import Message
from immerse.people.models import PendingSignup, Person, Registration
from immerse.people.services.identity import signup_holds_release, signup_request
from immerse.people.services.signup import SignupData
from tests.factories import make_event, make_person, make_registration
from tests.people.mail import deliver, html_of, links_in, text_of
from tests.people.test_signup import signup_post

pytestmark = pytest.mark.django_db
NEW_YORK = "America/New_York"


def _when(moment, zone: str) -> str:
    return date_format(moment.astimezone(ZoneInfo(zone)), "l j F Y, H:i T")


def test_the_confirmation_mail_is_multipart_in_the_events_time_zone_and_its_link_works(
        smtp_server) -> None:
    event = make_event(title="Listening Lab", capacity=5, time_zone=NEW_YORK)
    browser = Client()
    browser.post(f"/events/{event.slug}/signup/", signup_post())
    [mail] = deliver(smtp_server)
    assert mail["To"] == "Ann Smit <ann@acme.example>"
    assert mail["Subject"] == "Confirm your sign-up for Listening Lab"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["List-Unsubscribe"] is None  # transactional: it answers what they did
    pending = PendingSignup.objects.get()
    text, html = text_of(mail), html_of(mail)
    assert text.startswith("Hello Ann Smit,\n\nThank you for signing up for Listening Lab.")
    assert f"We keep a seat for you until {_when(pending.held_until, NEW_YORK)}." in text
    assert " EST." in text or " EDT." in text
    assert f"The link works until {_when(pending.expires_at, NEW_YORK)}." in text
    [confirm] = links_in(mail)[:1]
    assert f'href="http://127.0.0.1:8000{confirm}"' in html
    assert "Confirm my sign-up</a>" in html

    page = browser.get(confirm)
    assert "Confirm my sign-up" in page.content.decode()
    assert Registration.objects.count() == 0  # opening the link (a mail scanner) does nothing
    done = browser.post(confirm, {"action": "confirm"}, follow=True)
    assert done.redirect_chain[-1][0] == f"/events/{event.slug}/me/"

    [welcome] = deliver(smtp_server)
    assert welcome["Subject"] == "You have a seat at Listening Lab"
    text = text_of(welcome)
    assert "Your level: 3 Preparation" in text
    assert "Why: You use microblogging daily for work but have no plan yet" in text
    assert "What to look for:" in text
    assert "<strong>Your level: 3 Preparation</strong>" in html_of(welcome)
    [me] = links_in(welcome)[:1]
    assert me == f"/events/{event.slug}/me/"
    assert "You have a seat." in browser.get(me).content.decode()


def test_a_known_address_is_told_to_ignore_what_it_did_not_ask_for(smtp_server) -> None:
    make_person(email="ann@acme.example", name="Ann Owner")
    event = make_event(title="Listening Lab")
    Client().post(f"/events/{event.slug}/signup/", signup_post(name="Mallory"))
    [mail] = deliver(smtp_server)
    assert mail["To"] == "Ann Owner <ann@acme.example>"  # never the name a stranger typed
    text = text_of(mail)
    assert text.startswith("Hello Ann Owner,\n\nWe received a sign-up for Listening Lab with "
                           "this e-mail address.")
    assert "If it was not you, ignore this message: nothing changes, nobody was logged in, " \
           "and your details stay as they are." in text
    assert "Mallory" not in text


def test_already_registered_owners_are_told_confirming_updates_their_details(
        smtp_server) -> None:
    event = make_event(title="Listening Lab")
    make_registration(event=event, person=make_person(email="ann@acme.example"))
    Client().post(f"/events/{event.slug}/signup/", signup_post())
    [mail] = deliver(smtp_server)
    assert mail["Subject"] == "Confirm the changes to your sign-up for Listening Lab"
    assert "You are already registered: confirming updates the details" in text_of(mail)
    # Held like anyone's (issue 30): holding none told strangers, through the public seat
    # count, that the address is registered.
    assert PendingSignup.objects.get().held_until is not None


def test_waitlisted_then_promoted_and_cancelled_each_get_their_mail(smtp_server) -> None:
    event = make_event(title="Listening Lab", capacity=1)
    first = make_registration(event=event, person=make_person(email="first@x.example"))
    ann = Client()
    ann.post(f"/events/{event.slug}/signup/", signup_post())
    [confirm] = links_in(deliver(smtp_server)[0])[:1]
    ann.post(confirm, {"action": "confirm"})
    [waiting] = deliver(smtp_server)
    assert waiting["Subject"] == "You are number 1 on the waiting list for Listening Lab"
    assert "you are number 1." in text_of(waiting)

    first_browser = Client()
    first_browser.force_login(_account(first.person))
    first_browser.post(f"/events/{event.slug}/me/cancel/")
    mails = {m["To"].addresses[0].addr_spec: m for m in deliver(smtp_server)}
    assert mails["first@x.example"]["Subject"] == "Your place at Listening Lab is cancelled"
    assert links_in(mails["first@x.example"]) == [f"/events/{event.slug}/signup/",
                                                  event.get_absolute_url()]
    promoted = mails["ann@acme.example"]
    assert promoted["Subject"] == "A seat opened up: you are in at Listening Lab"
    assert "Your level: 3 Preparation" in text_of(promoted)
    assert "You have a seat." in ann.get(links_in(promoted)[0]).content.decode()


def _account(person: Person):
    from immerse.people.services.accounts import person_account

    return person_account(person=person)


def test_a_link_past_its_time_says_so_and_registers_nothing(settings) -> None:
    event = make_event()
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    link = Message.objects.get(kind="signup_confirm").secrets["confirm_url"].split("8000")[1]
    PendingSignup.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = client.post(link, {"action": "confirm"})
    assert answer.status_code == 400
    assert "This link has expired: sign up again" in answer.content.decode()
    tampered = client.get(link[:-3] + "xx/")
    assert tampered.status_code == 400
    assert Registration.objects.count() == 0


def test_no_more_than_five_confirmation_mails_an_hour_reach_one_address(settings) -> None:
    settings.SIGNUP_RATE = "100/m"
    events = [make_event() for _ in range(7)]
    for event in events:
        Client().post(f"/events/{event.slug}/signup/", signup_post())
    assert PendingSignup.objects.count() == 7  # every sign-up is kept, the same answer given
    assert Message.objects.filter(kind="signup_confirm").count() == 5


def test_the_hold_task_runs_every_minute_frees_seats_and_promotes(smtp_server) -> None:
    assert periodic_tasks()["signup_holds_expire"] == timedelta(minutes=1)
    event = make_event(title="Listening Lab", capacity=1)
    pending = signup_request(event=event, data=SignupData(name="Ann", email="a@x.example"))
    waiting = make_registration(event=event, status="waitlisted",
                                person=make_person(email="w@x.example"))
    deliver(smtp_server)
    assert signup_holds_release() == {"released": 0, "promoted": 0, "deleted": 0}
    PendingSignup.objects.update(held_until=timezone.now() - timedelta(seconds=1))
    assert signup_holds_release() == {"released": 1, "promoted": 1, "deleted": 0}
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    [promoted] = deliver(smtp_server)
    assert promoted["To"].addresses[0].addr_spec == "w@x.example"
    # Ann may still confirm: the seat is gone, so she waits in line.
    PendingSignup.objects.filter(pk=pending.pk).update(
        expires_at=timezone.now() - timedelta(days=2))
    assert signup_holds_release()["deleted"] == 1  # her data goes once the link is long dead
