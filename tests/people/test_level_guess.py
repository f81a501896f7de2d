"""A level placed without the questionnaire's answers says it is a guess, everywhere the
person and the organizer look, and two minutes of answers replace it."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from immerse.people.models import Registration
from immerse.people.services.signup import SignupData, signup_submit
from tests.factories import make_event, make_role, make_user

pytestmark = pytest.mark.django_db

ANSWERS = {"q_work_use": "job", "q_plan": "informal", "q_led": "helped",
           "q_measure": "sometimes", "q_teach": "somewhat", "q_want": "plan"}


def _signed_up(event, *, answers: dict[str, str], email: str) -> tuple[Client, Registration]:
    """Signed up by an organizer's tool (the API, an import): no form, maybe no answers."""
    result = signup_submit(event=event, data=SignupData(
        name="Ann Smit", email=email, answers=answers,
        tool_uses={"microblogging": ("monthly", 2)}), source="api")
    person = result.registration.person
    person.user = make_user()
    person.save()
    client = Client()
    client.force_login(person.user)
    return client, result.registration


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_level_card_says_a_level_without_answers_is_a_guess() -> None:
    event = make_event(slug="ws", start_date=date(2027, 5, 1), end_date=date(2027, 5, 1))
    client, _ = _signed_up(event, answers={}, email="ann@acme.example")
    page = _text(client.get("/events/ws/me/"))
    assert "(a guess: not assessed yet)" in page
    assert "5 of its questions are unanswered" in page
    assert 'href="/me/reassess/?event=ws">Take the 2-minute questionnaire' in page
    assert "a guess, not assessed yet" in _text(client.get("/me/"))
    agenda = _text(client.get("/events/ws/me/agenda/"))
    assert "Your level is a guess." in agenda and "take the 2-minute questionnaire" in agenda


def test_answered_level_is_not_called_a_guess() -> None:
    event = make_event(slug="ws")
    client, _ = _signed_up(event, answers={k[2:]: v for k, v in ANSWERS.items()},
                           email="bo@acme.example")
    assert "a guess" not in _text(client.get("/events/ws/me/"))
    assert "a guess" not in _text(client.get("/events/ws/me/agenda/"))


def test_the_questionnaire_from_the_card_replaces_the_guess_for_the_event() -> None:
    event = make_event(slug="ws", start_date=date(2099, 5, 1), end_date=date(2099, 5, 1))
    client, registration = _signed_up(event, answers={}, email="ann@acme.example")
    assert registration.level == 2  # monthly use, read as private use: a guess
    form = client.get("/me/reassess/?event=ws")
    assert "Your level so far is a guess" in _text(form)
    tools = {f"tool_{key}": "never" for key in ("microblogging",)}
    response = client.post("/me/reassess/?event=ws", {**ANSWERS, **_all_tools(tools)})
    assert response["Location"] == "/events/ws/me/"
    registration.refresh_from_db()
    assert registration.level == 3  # the event not begun plans with the answered level
    assert "a guess" not in _text(client.get("/events/ws/me/"))


def test_a_retake_leaves_events_already_begun_at_the_level_people_came_with() -> None:
    past = make_event(slug="past", start_date=date(2020, 5, 1), end_date=date(2020, 5, 2))
    client, registration = _signed_up(past, answers={}, email="ann@acme.example")
    client.post("/me/reassess/?event=past", {**ANSWERS, **_all_tools({})})
    registration.refresh_from_db()
    assert registration.level == 2


def test_inventory_counts_guessed_levels_apart() -> None:
    event = make_event(slug="ws")
    _signed_up(event, answers={}, email="ann@acme.example")
    _signed_up(event, answers={k[2:]: v for k, v in ANSWERS.items()}, email="bo@acme.example")
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.force_login(organizer)
    page = _text(client.get("/events/ws/organize/inventory/"))
    assert "Levels at sign-up" in page
    assert "1 of these levels is a guess:" in page
    assert ("<tr><td>2 Baby steps</td><td>1</td><td>1</td></tr>" in page
            and "<tr><td>3 Preparation</td><td>1</td><td>0</td></tr>" in page)


def _all_tools(uses: dict[str, str]) -> dict[str, str]:
    from immerse.engine.catalogue import TOOLS

    data = {}
    for tool in TOOLS:
        data[f"tool_{tool.key}"] = uses.get(f"tool_{tool.key}", "never")
        data[f"conf_{tool.key}"] = "1"
    return data


def test_a_level_the_organizer_gave_in_a_sheet_is_not_a_guess() -> None:
    """The third outside test: an imported sheet's Level column still counted as guesses."""
    from immerse.engine.formats.signup_sheet import read_signup_sheet
    from immerse.people.models import Assessment
    from immerse.people.services.imports import attendees_import

    event = make_event(slug="ws")
    sheet = read_signup_sheet(b"Name,Email,Level\nAnn,ann@a.example,3\nBo,bo@a.example,\n",
                              source="sheet.csv")
    attendees_import(event=event, sheet=sheet)
    ann = Assessment.objects.get(person__email="ann@a.example")
    bo = Assessment.objects.get(person__email="bo@a.example")
    assert (ann.level, ann.is_guess, ann.placed_by_organizer) == (3, False, True)
    assert (bo.is_guess, bo.placed_by_organizer) == (True, False)  # no level: still a guess
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.force_login(organizer)
    page = _text(client.get("/events/ws/organize/inventory/"))
    assert "1 of these levels is a guess:" in page
    assert "<tr><td>3 Preparation</td><td>1</td><td>0</td></tr>" in page
    ann_page = Client()
    ann_user = make_user()
    ann.person.user = ann_user
    ann.person.save()
    ann_page.force_login(ann_user)
    assert "a guess" not in _text(ann_page.get("/events/ws/me/"))
