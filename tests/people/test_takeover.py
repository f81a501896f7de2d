"""The account takeover of issue 16, tried as an outsider would: each test failed on the code
before proof of identity (a sign-up naming someone's e-mail logged in as them, renamed them,
reset their level and answered with their details; the API told who has an account)."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.learning.services import plan_create
from immerse.people.models import Assessment, Person, Registration
from tests.factories import make_event, make_person, make_registration, make_user
from tests.people.test_signup import signup_post

pytestmark = pytest.mark.django_db

VICTIM = "vera@victim.example"


def _victim(event):
    """An imported attendee: a person and a level-4 registration, no login, a plan."""
    vera = make_person(email=VICTIM, name="Vera Victim", organization="Victim Corp")
    make_registration(event=event, person=vera, level=4)
    Assessment.objects.create(person=vera, event=event, level=4, explanation="She leads.",
                              answers={"plan": "written"})
    plan = plan_create(person=vera, event=event, data={
        "goal": "Secret goal", "steps": ["a", "b", "c"], "risks": "Our CEO must not know"})
    return vera, plan


def _unchanged(vera: Person, event) -> None:
    vera.refresh_from_db()
    assert (vera.name, vera.organization, vera.user_id) == (
        "Vera Victim", "Victim Corp", None)
    assert Registration.objects.get(event=event, person=vera).level == 4
    assert Assessment.objects.filter(person=vera).count() == 1


def test_the_signup_form_with_someones_email_logs_nobody_in_and_changes_nothing() -> None:
    event = make_event(capacity=10)
    vera, plan = _victim(event)
    mallory = Client()
    mallory.post(f"/events/{event.slug}/signup/",
                 signup_post(email=VICTIM, name="Mallory", organization="",
                             password="Mallory-Was-Here-1"))
    assert "_auth_user_id" not in mallory.session
    assert mallory.get(f"/me/plans/{plan.pk}/").status_code != 200
    assert "Our CEO must not know" not in mallory.get(f"/me/plans/{plan.pk}/").content.decode()
    _unchanged(vera, event)


def test_an_anonymous_api_signup_with_someones_email_changes_nothing_and_tells_nothing() -> None:
    event = make_event(slug="ws", capacity=10)
    vera, _ = _victim(event)
    response = Client().post("/api/v1/events/ws/registrations",
                             {"name": "Mallory", "email": VICTIM, "organization": ""},
                             content_type="application/json")
    body = response.content.decode()
    assert "Victim Corp" not in body and "Vera" not in body
    assert '"level"' not in body and str(vera.pk) not in body.replace(event.slug, "")
    _unchanged(vera, event)


def test_the_api_answers_alike_whether_or_not_the_email_has_an_account() -> None:
    event = make_event(slug="ws", capacity=10)
    make_person(email="has-account@x.example", user=make_user())
    make_person(email="no-account@x.example")
    answers = [Client().post("/api/v1/events/ws/registrations", {"name": "N", "email": email},
                             content_type="application/json")
               for email in ("has-account@x.example", "no-account@x.example",
                             "nobody@x.example")]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert Registration.objects.filter(event=event).count() == 0


@pytest.mark.parametrize("surface", ["api", "web"])
def test_any_address_gets_the_same_answer_after_the_same_work(surface: str) -> None:
    """No enumeration by the answer or by its cost: a new address, a known person, one
    with an account and one already registered each run the same queries (the mail itself
    is sent after the commit, by the task) and get the same status and body."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(slug="ws", capacity=10)
    make_person(email="known@x.example")
    make_person(email="account@x.example", user=make_user())
    make_registration(event=event, person=make_person(email="registered@x.example"))
    answers, counts = [], []
    for n, email in enumerate(("new@x.example", "known@x.example", "account@x.example",
                               "registered@x.example", "other-new@x.example")):
        client = Client(REMOTE_ADDR=f"10.1.0.{n}")
        with CaptureQueriesContext(connection) as queries:
            if surface == "api":
                answer = client.post("/api/v1/events/ws/registrations",
                                     {"name": "N", "email": email},
                                     content_type="application/json")
            else:
                answer = client.post("/events/ws/signup/", signup_post(email=email))
        counts.append(len(queries))
        answers.append((answer.status_code, answer.get("Location"), answer.content))
    assert len(set(answers)) == 1, answers
    assert len(set(counts)) == 1, counts
