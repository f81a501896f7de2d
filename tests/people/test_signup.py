"""Signing up in the browser's shoes: form, level with explanation, waitlist, cancellation."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.people.models import Assessment, Person, Registration
from tests.factories import make_event, make_person, make_registration

pytestmark = pytest.mark.django_db


def signup_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Ann Smit", "email": "ann@acme.example", "password": "Correct-Horse-77",
        "organization": "ACME", "discipline": "pr", "region": "Flanders",
        "microblog": "@ann", "stories": "We started a blog", "problems": "Legal approval",
        "stories_privacy": "participants",
        "q_work_use": "job", "q_plan": "none", "q_led": "no", "q_measure": "no",
        "q_teach": "no", "q_want": "plan",
    }
    from immerse.engine.catalogue import TOOLS

    for tool in TOOLS:
        data[f"tool_{tool.key}"] = "never"
        data[f"conf_{tool.key}"] = "1"
    data["tool_microblogging"], data["conf_microblogging"] = "daily", "4"
    data.update(overrides)
    return data


def test_signup_gives_a_seat_and_an_explained_level() -> None:
    event = make_event(capacity=5)
    client = Client()
    assert client.get(f"/events/{event.slug}/signup/").status_code == 200
    response = client.post(f"/events/{event.slug}/signup/", signup_post(), follow=True)
    assert response.redirect_chain[-1][0] == f"/events/{event.slug}/me/"
    html = response.content.decode()
    assert "You have a seat." in html
    assert "Your level: 3 Preparation" in html
    assert "You use microblogging daily for work but have no plan yet" in html
    person = Person.objects.get(email="ann@acme.example")
    assert person.user is not None and person.channels == {"microblog": "@ann"}
    assert person.tool_uses.get(tool__key="microblogging").confidence == 4
    reg = Registration.objects.get(event=event, person=person)
    assert (reg.status, reg.level, reg.problems) == ("confirmed", 3, "Legal approval")


def test_full_event_puts_people_on_the_waitlist_with_their_position() -> None:
    event = make_event(capacity=1)
    make_registration(event=event)
    response = Client().post(f"/events/{event.slug}/signup/", signup_post(), follow=True)
    assert "You are number 1 on the waiting list" in response.content.decode()


def test_invalid_form_shows_errors_and_writes_nothing() -> None:
    event = make_event()
    response = Client().post(f"/events/{event.slug}/signup/",
                             signup_post(email="nope", q_plan="maybe", tool_blogging="hourly"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Select a valid choice. maybe is not one of the available choices." in html
    assert Person.objects.count() == 0 and Registration.objects.count() == 0


def test_retaking_keeps_history_and_logged_in_users_reuse_their_person() -> None:
    event = make_event()
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    other = make_event()
    data = signup_post(q_plan="written", q_led="led", q_measure="regularly", q_teach="yes",
                       q_want="share")
    del data["password"]
    response = client.post(f"/events/{other.slug}/signup/", data, follow=True)
    assert "Just do it" in response.content.decode()
    person = Person.objects.get()
    assert list(Assessment.objects.filter(person=person).values_list("level", flat=True)) == [
        4, 3]


def test_an_email_with_an_account_must_log_in() -> None:
    from tests.factories import make_user

    make_person(email="ann@acme.example", user=make_user())
    event = make_event()
    response = Client().post(f"/events/{event.slug}/signup/", signup_post())
    assert "already has an account: log in to sign up." in response.content.decode()
    assert Registration.objects.count() == 0


def test_cancelling_frees_the_seat_for_the_next_in_line() -> None:
    event = make_event(capacity=1)
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    waiting = make_registration(event=event, status="waitlisted")
    client.post(f"/events/{event.slug}/me/cancel/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Registration.objects.get(person__email="ann@acme.example").status == "cancelled"


def test_my_registration_is_private() -> None:
    event = make_event()
    Client().post(f"/events/{event.slug}/signup/", signup_post())
    assert Client().get(f"/events/{event.slug}/me/").status_code == 302  # to login
    from tests.factories import PASSWORD, make_user

    stranger = make_user()
    client = Client()
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(f"/events/{event.slug}/me/").status_code == 404
