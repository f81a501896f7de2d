"""Issue 30, items 7 and 9: an organizer rewrote anyone's profile through the API sign-up;
the admin's log-in page let guesses through unthrottled; the public seat count told who is
registered; the API sign-up had its own (missing) per-address limit; names took line
breaks. Each test failed on the code before the fix."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.people.models import Person, Registration
from immerse.people.tokens import token_create
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)
from tests.people.test_signup import signup_post

pytestmark = pytest.mark.django_db

SIGNUP = {"name": "Renamed By Organizer", "email": "vera@victim.example",
          "organization": "Mallory Corp", "discipline": "technology", "region": "Elsewhere",
          "channels": {"microblog": "@mallory"}}


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_an_organizers_api_signup_of_an_existing_person_keeps_their_profile() -> None:
    vera = make_person(email="vera@victim.example", name="Vera Victim",
                       organization="Victim Corp", discipline="pr", region="Flanders",
                       channels={"microblog": "@vera"})
    make_registration(event=make_event(slug="veras"), person=vera)  # she is someone elsewhere
    event = make_event(slug="mallorys")
    mallory = make_user("mallory")
    make_role(event=event, user=mallory)
    answer = Client(**_bearer(mallory)).post("/api/v1/events/mallorys/registrations", SIGNUP,
                                             content_type="application/json")
    assert answer.status_code == 201
    vera.refresh_from_db()
    assert (vera.name, vera.organization, vera.discipline, vera.region, vera.channels) == (
        "Vera Victim", "Victim Corp", "pr", "Flanders", {"microblog": "@vera"})
    assert Registration.objects.get(person=vera, event=event).status == "confirmed"


def test_an_organizers_api_signup_of_a_new_person_writes_the_profile_given() -> None:
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    Client(**_bearer(organizer)).post("/api/v1/events/ws/registrations", SIGNUP,
                                      content_type="application/json")
    person = Person.objects.get(email="vera@victim.example")
    assert (person.name, person.organization) == ("Renamed By Organizer", "Mallory Corp")


def test_the_admin_login_is_throttled_like_the_site_login(settings) -> None:
    settings.LOGIN_RATE = "3/m"
    make_user("admin", staff=True)
    guesser = Client()
    codes = [guesser.post("/admin/login/", {"username": "admin", "password": f"no-{n}"}).status_code
             for n in range(4)]
    assert codes == [200, 200, 200, 429]
    right = guesser.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert right.status_code == 429 and "_auth_user_id" not in guesser.session


def test_guesses_on_the_site_and_the_admin_share_one_budget(settings) -> None:
    settings.LOGIN_RATE = "3/m"
    make_user("admin", staff=True)
    for n in range(3):
        Client(REMOTE_ADDR=f"10.0.0.{n}").post("/accounts/login/",
                                               {"username": "admin", "password": "x"})
    answer = Client(REMOTE_ADDR="10.0.1.1").post("/admin/login/",
                                                 {"username": "admin", "password": "x"})
    assert answer.status_code == 429


def _seats_left(event) -> str:
    page = Client().get(f"/events/{event.slug}/signup/").content.decode()
    return page.split('<p class="lead">', 1)[1].split("\n", 1)[0].strip()


def test_the_seat_count_after_a_signup_is_the_same_for_a_registered_address() -> None:
    counts = []
    for registered in (False, True):
        event = make_event(capacity=10)
        email = f"ann{int(registered)}@acme.example"
        if registered:
            make_registration(event=event, person=make_person(email=email))
        else:
            make_registration(event=event)
        Client().post(f"/events/{event.slug}/signup/", signup_post(email=email))
        counts.append(_seats_left(event))
    assert counts == ["8 seats left.", "8 seats left."]


def test_the_web_form_and_the_api_share_one_limit_per_address(settings) -> None:
    settings.SIGNUP_RATE = "3/m"
    event = make_event(slug="ws")
    for n in range(2):
        Client(REMOTE_ADDR=f"10.0.0.{n}").post(f"/events/{event.slug}/signup/",
                                               signup_post(email="Ann@Acme.example"))
    codes = [Client(REMOTE_ADDR=f"10.0.2.{n}").post(
        "/api/v1/events/ws/registrations", {"name": "Ann", "email": "ann@acme.example"},
        content_type="application/json").status_code for n in range(2)]
    assert codes == [202, 429]


def test_an_organizer_token_is_held_to_the_per_address_limit_too(settings) -> None:
    settings.SIGNUP_RATE = "3/m"
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client(**_bearer(organizer))
    codes = [client.post("/api/v1/events/ws/registrations", SIGNUP,
                         content_type="application/json").status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]


@pytest.mark.parametrize(("field", "value"), [
    ("name", "Ann\nBcc: x@evil.example"), ("name", "Ann\u2028Smit"),
    ("organization", "ACME\r\n"), ("region", "North\x07"),
])
def test_patch_me_refuses_line_breaks_in_one_line_fields(field: str, value: str) -> None:
    user = make_user()
    make_person(user=user, name="Ann Smit")
    client = Client()
    client.force_login(user)
    answer = client.patch("/api/v1/me", {field: value}, content_type="application/json")
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == field and "one line" in error["message"]
    assert Person.objects.get().name == "Ann Smit"


def test_the_api_signup_refuses_a_channel_handle_with_a_line_break() -> None:
    make_event(slug="ws")
    answer = Client().post("/api/v1/events/ws/registrations",
                           {"name": "Ann", "email": "ann@acme.example",
                            "channels": {"microblog": "@ann\nX-Header: 1"}},
                           content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "channels.microblog"


def test_the_web_form_folds_line_breaks_and_refuses_other_control_characters() -> None:
    event = make_event()
    answer = Client().post(f"/events/{event.slug}/signup/",
                           signup_post(organization="ACME\x1b[31m"))
    assert answer.status_code == 200
    assert "Remove the control characters from this field." in answer.content.decode()


def _vera_with_an_account():
    vera = make_person(user=make_user("vera"), email="vera@victim.example", name="Vera Victim",
                       organization="Victim Corp", discipline="pr")
    event = make_event(slug="mallorys")
    mallory = make_user("mallory")
    make_role(event=event, user=mallory)
    return vera, event, mallory


def test_a_sheet_import_keeps_the_profile_of_someone_with_an_account(tmp_path) -> None:
    from tests.people.test_imports import run, sheet_file

    vera, _, _ = _vera_with_an_account()
    sheet = sheet_file(tmp_path, ["Renamed;vera@victim.example;Mallory Corp;it;daily 4;never;"
                                  "none;plan"])
    code, output = run("import", "attendees", str(sheet), "--event", "mallorys")
    assert code == 0, output
    vera.refresh_from_db()
    assert (vera.name, vera.organization, vera.discipline) == ("Vera Victim", "Victim Corp", "pr")
    assert Registration.objects.filter(person=vera, event__slug="mallorys").exists()


def test_the_organizers_edit_page_cannot_rename_someone_with_an_account() -> None:
    vera, event, mallory = _vera_with_an_account()
    registration = make_registration(event=event, person=vera, level=2)
    organizer = Client()
    organizer.force_login(mallory)
    url = f"/events/{event.slug}/organize/registrations/{registration.pk}/"
    assert "only they change their name" in organizer.get(url).content.decode()
    organizer.post(url, {"name": "Renamed", "organization": "Mallory Corp",
                         "discipline": "technology", "level": "2"})
    vera.refresh_from_db()
    assert (vera.name, vera.organization, vera.discipline) == ("Vera Victim", "Victim Corp", "pr")
