"""The organizers' own sign-up questions: set up in the studio, asked on the form and in
the API, carried through the e-mail confirmation, shown in the CSV and kept in the backup."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from immerse.backup import event_export, event_import
from immerse.people.models import Registration, SignupAnswer, SignupQuestion
from immerse.people.tokens import token_create
from tests.factories import PASSWORD, make_event, make_registration, make_role, make_user
from tests.people.test_signup import confirm, signup_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return make_event(slug="meetup", capacity=10)


@pytest.fixture
def organizer(event) -> Client:
    make_role(event=event, user=make_user("org"))
    client = Client()
    assert client.login(username="org", password=PASSWORD)
    return client


def _questions(event) -> tuple[SignupQuestion, SignupQuestion]:
    diet = SignupQuestion.objects.create(event=event, prompt="Diet?", kind="one",
                                         choices=["None", "Vegetarian"], required=True,
                                         position=0)
    days = SignupQuestion.objects.create(event=event, prompt="Which days?", kind="many",
                                         choices=["Mon", "Tue"], position=1)
    return diet, days


def test_organizer_adds_changes_and_deletes_a_question(event, organizer) -> None:
    url = "/events/meetup/organize/setup/signup/questions/"
    refused = organizer.post(url, {"prompt": "Diet?", "kind": "one", "choices": "Vegan"})
    assert refused.context["form"].errors == {
        "choices": ["A choice question needs at least two options."]}
    organizer.post(url, {"prompt": "Diet?", "kind": "one", "choices": "None\nVegan\n",
                         "required": "on"})
    question = SignupQuestion.objects.get(event=event)
    assert (question.kind, question.choices, question.required) == (
        "one", ["None", "Vegan"], True)
    organizer.post(f"{url}{question.pk}/", {"prompt": "Anything to tell us?", "kind": "text"})
    question.refresh_from_db()
    assert (question.prompt, question.choices) == ("Anything to tell us?", [])
    organizer.post(f"{url}{question.pk}/delete/")
    assert not SignupQuestion.objects.exists()


def test_answers_travel_through_the_confirmation_link(event) -> None:
    diet, days = _questions(event)
    client = Client()
    missing = client.post("/events/meetup/signup/", signup_post())
    assert missing.context["form"].errors[f"extra_{diet.pk}"] == ["This field is required."]
    client.post("/events/meetup/signup/", signup_post(
        **{f"extra_{diet.pk}": "Vegetarian", f"extra_{days.pk}": ["Mon", "Tue"]}))
    assert not SignupAnswer.objects.exists()  # nothing before the address is proven
    confirm(client, "ann@acme.example")
    registration = Registration.objects.get(person__email="ann@acme.example")
    assert {a.question_id: a.value for a in registration.signup_answers.all()} == {
        diet.pk: "Vegetarian", days.pk: ["Mon", "Tue"]}


def test_api_lists_the_questions_and_checks_the_answers(event) -> None:
    diet, days = _questions(event)
    listed = Client().get("/api/v1/events/meetup/signup/questions").json()
    assert listed[0] == {"id": diet.pk, "prompt": "Diet?", "kind": "one",
                         "choices": ["None", "Vegetarian"], "required": True}
    user = make_user("org")
    make_role(event=event, user=user)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='t')[1]}")
    body = {"name": "Bo", "email": "bo@example.org",
            "extra_answers": {str(diet.pk): "Pizza"}}
    bad = api.post("/api/v1/events/meetup/registrations", json.dumps(body),
                   content_type="application/json")
    assert bad.status_code == 409
    assert bad.json()["errors"] == [{"field": f"extra_answers.{diet.pk}",
                                     "message": "Choose one of: None; Vegetarian."}]
    body["extra_answers"] = {str(diet.pk): "None", str(days.pk): ["Tue"]}
    made = api.post("/api/v1/events/meetup/registrations", json.dumps(body),
                    content_type="application/json")
    assert made.status_code == 201
    answers = SignupAnswer.objects.filter(registration_id=made.json()["id"])
    assert sorted(a.text for a in answers) == ["None", "Tue"]


def test_csv_has_a_column_per_question(event, organizer) -> None:
    _diet, days = _questions(event)
    registration = make_registration(event=event)
    SignupAnswer.objects.create(registration=registration, question=days, value=["Mon", "Tue"])
    response = organizer.get("/events/meetup/organize/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-2:] == ["Diet?", "Which days?"]
    assert rows[1][-2:] == ["", "Mon; Tue"]


def test_backup_keeps_questions_and_answers(event) -> None:
    _diet, days = _questions(event)
    registration = make_registration(event=event)
    SignupAnswer.objects.create(registration=registration, question=days, value=["Tue"])
    buffer = io.StringIO()
    event_export(event=event, out=buffer)
    event.delete()
    event_import(data=buffer.getvalue())
    answer = SignupAnswer.objects.get()
    assert (answer.question.prompt, answer.value) == ("Which days?", ["Tue"])
    assert SignupQuestion.objects.count() == 2


def test_registration_page_shows_the_answers(event, organizer) -> None:
    diet, _days = _questions(event)
    registration = make_registration(event=event)
    SignupAnswer.objects.create(registration=registration, question=diet, value="Vegetarian")
    page = organizer.get(f"/events/meetup/organize/registrations/{registration.pk}/")
    assert "<dt>Diet?</dt><dd>Vegetarian</dd>" in page.content.decode()


def test_csv_queries_do_not_grow_with_answers(event, organizer,
                                              django_assert_num_queries) -> None:
    diet, days = _questions(event)
    for _ in range(3):
        SignupAnswer.objects.create(registration=make_registration(event=event),
                                    question=diet, value="None")
    organizer.get("/events/meetup/organize/registrations.csv")
    with django_assert_num_queries(8) as small:  # 7, and the answers
        organizer.get("/events/meetup/organize/registrations.csv")
    for _ in range(30):
        SignupAnswer.objects.create(registration=make_registration(event=event),
                                    question=days, value=["Mon"])
    with django_assert_num_queries(len(small.captured_queries)):
        organizer.get("/events/meetup/organize/registrations.csv")
