"""Signing up in the browser's shoes: form, the confirmation link, level with explanation,
waitlist, cancellation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client

from immerse.notify.models import Message
from immerse.people.models import Assessment, PendingSignup, Person, Registration
from tests.factories import make_event, make_person, make_registration, make_user

pytestmark = pytest.mark.django_db


def signup_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Ann Smit", "email": "ann@acme.example",
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


def confirm(client: Client, email: str, action: str = "confirm"):
    """Open the latest confirmation link mailed to ``email`` and press its button."""
    message = Message.objects.filter(kind="signup_confirm", to_email=email).latest("id")
    link = urlsplit(message.secrets["confirm_url"]).path
    page = client.get(link)
    assert page.status_code == 200, page.content[:300]
    return client.post(link, {"action": action}, follow=True)


def test_signup_waits_for_the_link_then_gives_a_seat_and_an_explained_level() -> None:
    event = make_event(capacity=5)
    client = Client()
    assert client.get(f"/events/{event.slug}/signup/").status_code == 200
    response = client.post(f"/events/{event.slug}/signup/", signup_post(), follow=True)
    assert response.redirect_chain[-1][0] == f"/events/{event.slug}/signup/sent/"
    assert "We sent a link to the address you gave." in response.content.decode()
    assert Person.objects.count() == 0 and Registration.objects.count() == 0
    assert "_auth_user_id" not in client.session
    response = confirm(client, "ann@acme.example")
    assert response.redirect_chain[-1][0] == f"/events/{event.slug}/me/"
    html = response.content.decode()
    assert "Your sign-up for" in html and "is confirmed." in html
    assert "You have a seat." in html
    assert "Your level: 3 Preparation" in html
    assert "You use microblogging daily for work but have no plan yet" in html
    person = Person.objects.get(email="ann@acme.example")
    assert person.user is not None and person.email_verified_at is not None
    assert not person.user.has_usable_password()  # log-in links, or one they choose later
    assert "Choose a password" in html
    assert person.channels == {"microblog": "@ann"}
    assert person.tool_uses.get(tool__key="microblogging").confidence == 4
    reg = Registration.objects.get(event=event, person=person)
    assert (reg.status, reg.level, reg.problems) == ("confirmed", 3, "Legal approval")
    assert client.session["_auth_user_id"] == str(person.user_id)


def test_full_event_puts_people_on_the_waitlist_with_their_position() -> None:
    event = make_event(capacity=1)
    make_registration(event=event)
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    response = confirm(client, "ann@acme.example")
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
    assert PendingSignup.objects.count() == 0 and Message.objects.count() == 0


def test_a_name_with_a_line_break_is_kept_on_one_line() -> None:
    event = make_event()
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post(name="Ann\r\nBcc: x@evil.example"))
    confirm(client, "ann@acme.example")
    assert Person.objects.get().name == "Ann Bcc: x@evil.example"


def test_verified_people_sign_up_at_once_and_keep_their_history() -> None:
    event = make_event()
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    confirm(client, "ann@acme.example")
    other = make_event()
    page = client.get(f"/events/{other.slug}/signup/").content.decode()
    assert 'value="ann@acme.example"' in page and "disabled" in page
    data = signup_post(q_plan="written", q_led="led", q_measure="regularly", q_teach="yes",
                       q_want="share", email="someone-else@acme.example")
    response = client.post(f"/events/{other.slug}/signup/", data, follow=True)
    assert response.redirect_chain[-1][0] == f"/events/{other.slug}/me/"
    assert "Just do it" in response.content.decode()
    person = Person.objects.get()  # the posted address was ignored: it is their own
    assert person.email == "ann@acme.example"
    assert list(Assessment.objects.filter(person=person).values_list("level", flat=True)) == [
        4, 3]


def test_a_logged_in_but_unverified_person_confirms_too() -> None:
    user = make_user()
    make_person(user=user, email="ann@acme.example", name="Ann")
    event = make_event()
    client = Client()
    client.force_login(user)
    response = client.post(f"/events/{event.slug}/signup/", signup_post())
    assert response["Location"] == f"/events/{event.slug}/signup/sent/"
    assert Registration.objects.count() == 0
    confirm(client, "ann@acme.example")
    assert Registration.objects.get().person.user == user


def test_an_email_with_an_account_gets_the_same_answer_and_a_mail_to_its_owner() -> None:
    owner = make_user()
    make_person(email="ann@acme.example", user=owner, name="Ann Owner")
    event = make_event()
    response = Client().post(f"/events/{event.slug}/signup/", signup_post(name="Stranger"))
    assert response["Location"] == f"/events/{event.slug}/signup/sent/"
    assert Registration.objects.count() == 0
    assert Person.objects.get().name == "Ann Owner"
    mail = Message.objects.get(kind="signup_confirm")
    assert (mail.to_name, mail.context["existing"]) == ("Ann Owner", True)


def test_the_owner_of_a_known_address_confirms_but_is_not_logged_in_by_the_link() -> None:
    """Issue 30: a confirmation link is no log-in credential for an account that existed
    before it (there is no "only log me in" any more)."""
    owner_user = make_user()
    make_person(user=owner_user, email="ann@acme.example", name="Ann Owner")
    event = make_event()
    Client().post(f"/events/{event.slug}/signup/", signup_post(name="Stranger"))
    owner = Client()
    response = confirm(owner, "ann@acme.example")
    assert "_auth_user_id" not in owner.session
    assert response.redirect_chain[-1][0] == (
        f"/accounts/login/link/?next=/events/{event.slug}/me/")
    assert "Log in to see your place" in response.content.decode()
    assert Registration.objects.get().person.user == owner_user
    assert PendingSignup.objects.get().confirmed_at is not None


def test_an_imported_person_without_account_is_not_logged_in_by_a_confirmation() -> None:
    vera = make_person(email="ann@acme.example", name="Ann Imported")
    event = make_event()
    Client().post(f"/events/{event.slug}/signup/", signup_post())
    clicker = Client()
    confirm(clicker, "ann@acme.example")
    assert "_auth_user_id" not in clicker.session
    vera.refresh_from_db()
    assert vera.user_id is None and vera.email_verified_at is not None


def test_cancelling_asks_first_then_frees_the_seat_for_the_next_in_line() -> None:
    event = make_event(capacity=1)
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    confirm(client, "ann@acme.example")
    waiting = make_registration(event=event, status="waitlisted")
    page = client.get(f"/events/{event.slug}/me/").content.decode()
    assert f'href="/events/{event.slug}/me/cancel/"' in page  # a link to a question, no form
    question = client.get(f"/events/{event.slug}/me/cancel/").content.decode()
    assert "Cancel your place?" in question
    assert "goes at once to the first person on the waiting list (1 waiting)" in question
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"  # asking changed nothing
    client.post(f"/events/{event.slug}/me/cancel/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Registration.objects.get(person__email="ann@acme.example").status == "cancelled"
    assert Message.objects.filter(kind="cancelled").count() == 1
    assert Message.objects.get(kind="promoted").person == waiting.person


def test_my_registration_is_private() -> None:
    event = make_event()
    client = Client()
    client.post(f"/events/{event.slug}/signup/", signup_post())
    confirm(client, "ann@acme.example")
    assert Client().get(f"/events/{event.slug}/me/").status_code == 302  # to login
    from tests.factories import PASSWORD

    stranger = make_user()
    client = Client()
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(f"/events/{event.slug}/me/").status_code == 404


def test_only_the_attendee_may_ask_to_cancel_or_cancel() -> None:
    event = make_event()
    reg = make_registration(event=event, person=make_person(user=make_user()))
    stranger = Client()
    stranger.force_login(make_user())
    assert stranger.get(f"/events/{event.slug}/me/cancel/").status_code == 404
    assert stranger.post(f"/events/{event.slug}/me/cancel/").status_code == 404
    assert Client().post(f"/events/{event.slug}/me/cancel/")["Location"].startswith(
        "/accounts/login/")
    reg.refresh_from_db()
    assert reg.status == "confirmed"


def test_cancelling_a_seat_at_a_full_event_says_it_cannot_be_got_back() -> None:
    """A mis-tap must not lose the seat for good without being told so first."""
    event = make_event(capacity=1)
    me = make_registration(event=event, person=make_person(user=make_user()))
    make_registration(event=event, status="waitlisted")
    client = Client()
    client.force_login(me.person.user)
    question = " ".join(client.get(f"/events/{event.slug}/me/cancel/").content.decode().split())
    assert "your seat goes at once to the first person on the waiting list (1 waiting)" in question
    assert "You cannot get this seat back." in question
    assert "you can only join the waiting list, at the back of the line" in question
    me.refresh_from_db()
    assert me.status == "confirmed"


def test_cancelling_where_seats_remain_says_one_can_come_back() -> None:
    event = make_event(capacity=3)
    me = make_registration(event=event, person=make_person(user=make_user()))
    client = Client()
    client.force_login(me.person.user)
    question = " ".join(client.get(f"/events/{event.slug}/me/cancel/").content.decode().split())
    assert "it is free for whoever signs up next" in question
    assert "You can sign up again while seats remain (2 left now)." in question
    assert "cannot get" not in question


def test_the_questionnaire_is_required_on_the_sign_up_form() -> None:
    """Skipping it once placed people at Eye-opener without a word."""
    event = make_event()
    data = {key: value for key, value in signup_post().items() if not key.startswith("q_")}
    response = Client().post(f"/events/{event.slug}/signup/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Choose the answer closest to you: it places you on the ladder.") == 6
    assert "and the 6 questions at the end" in html
    assert PendingSignup.objects.count() == 0 and Registration.objects.count() == 0
