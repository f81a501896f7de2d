"""The REST API: public reads, sign-up, organizer-only lists, tokens, one error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.people.models import Registration
from immerse.people.tokens import token_create
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


SIGNUP = {"name": "Ann Smit", "email": "ann@acme.example", "discipline": "pr",
          "tool_uses": {"microblogging": {"frequency": "daily", "confidence": 4}},
          "answers": {"work_use": "job", "plan": "none"}}


def test_events_and_sessions_are_public_and_paginated() -> None:
    event = make_event(slug="ws")
    make_session(event=event, title="Stories", levels=(1,))
    make_session(event=event, title="Plans", fmt="workshop", levels=(3,), start_hour=11)
    make_event(published=False)
    client = Client()
    events = client.get("/api/v1/events").json()
    assert events["count"] == 1 and events["items"][0]["slug"] == "ws"
    sessions = client.get("/api/v1/events/ws/sessions", {"level": 3}).json()
    assert [s["title"] for s in sessions["items"]] == ["Plans"]
    assert sessions["items"][0]["room"] == "Main room"


def test_an_organizers_signup_over_the_api_returns_level_and_place() -> None:
    event = make_event(slug="ws", capacity=1)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client(**bearer(organizer))
    first = client.post("/api/v1/events/ws/registrations", SIGNUP,
                        content_type="application/json")
    assert first.status_code == 201
    body = first.json()
    assert (body["status"], body["level"], body["waitlist_position"]) == ("confirmed", 3, None)
    assert "no plan yet" in body["explanation"]
    second = client.post("/api/v1/events/ws/registrations",
                         {**SIGNUP, "email": "bob@acme.example"},
                         content_type="application/json").json()
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 1)


def test_stories_given_over_the_api_are_private_unless_the_sign_up_says_otherwise() -> None:
    """Issue 30, item 27: a story's privacy defaulted to "Event participants"."""
    from immerse.people.models import Registration

    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client(**bearer(organizer))
    for email, extra in (("ann@acme.example", {}),
                         ("bob@acme.example", {"stories_privacy": "participants"})):
        response = client.post("/api/v1/events/ws/registrations",
                               {**SIGNUP, "email": email, "stories": "We ran a wiki", **extra},
                               content_type="application/json")
        assert response.status_code == 201, response.content
    privacy = dict(Registration.objects.values_list("person__email", "stories_privacy"))
    assert privacy == {"ann@acme.example": "private", "bob@acme.example": "participants"}


def test_anyone_elses_signup_waits_for_the_address_to_be_confirmed() -> None:
    make_event(slug="ws", capacity=1)
    response = Client().post("/api/v1/events/ws/registrations", SIGNUP,
                             content_type="application/json")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert Registration.objects.count() == 0


def test_a_verified_person_signs_themselves_up_at_once() -> None:
    from django.utils import timezone

    make_event(slug="ws", capacity=1)
    user = make_user()
    make_person(user=user, email="ann@acme.example", email_verified_at=timezone.now())
    answer = Client(**bearer(user)).post("/api/v1/events/ws/registrations", SIGNUP,
                                         content_type="application/json")
    assert answer.status_code == 201 and answer.json()["status"] == "confirmed"
    # Someone else's address, even from a verified account, waits for its owner.
    other = Client(**bearer(user)).post("/api/v1/events/ws/registrations",
                                        {**SIGNUP, "email": "bob@acme.example"},
                                        content_type="application/json")
    assert other.status_code == 202


def test_an_invalid_address_is_refused_naming_the_field() -> None:
    make_event(slug="ws")
    response = Client().post("/api/v1/events/ws/registrations",
                             {**SIGNUP, "email": "ann@localhost.x"},
                             content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "email", "message": "not a valid e-mail address"}]


def test_invalid_signup_names_each_field() -> None:
    make_event(slug="ws")
    response = Client().post(
        "/api/v1/events/ws/registrations",
        {**SIGNUP, "tool_uses": {"fax": {"frequency": "daily"}}, "answers": {"plan": "maybe"}},
        content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": "The request has invalid fields.", "errors": [
        {"field": "tool_uses.fax", "message": "Input should be 'microblogging', "
         "'social-networking', 'blogging', 'social-bookmarking', 'video-sharing', "
         "'live-video', 'photo-sharing', 'wikis', 'podcasts', 'location', 'forums' or "
         "'enterprise-social'"},
        {"field": "answers.plan", "message": "Input should be 'none', 'informal' or 'written'"}]}
    assert Registration.objects.count() == 0


def test_registrations_list_is_for_organizers_only() -> None:
    event = make_event(slug="ws", capacity=1)
    make_registration(event=event, person=make_person(email="a@x.example"))
    make_registration(event=event, status="waitlisted", person=make_person(email="b@x.example"))
    organizer, attendee = make_user(), make_user()
    make_role(event=event, user=organizer)
    url = "/api/v1/events/ws/registrations"
    assert Client().get(url).status_code == 401
    assert Client().get(url, **bearer(attendee)).status_code == 403
    body = Client().get(url, **bearer(organizer)).json()
    assert body["count"] == 2
    assert [(r["email"], r["waitlist_position"]) for r in body["items"]] == [
        ("a@x.example", None), ("b@x.example", 1)]
    waiting = Client().get(url, {"status": "waitlisted"}, **bearer(organizer)).json()
    assert [r["email"] for r in waiting["items"]] == ["b@x.example"]


def test_registrations_list_gives_each_waiting_person_their_queue_place_on_every_page() -> None:
    from datetime import timedelta

    event = make_event(slug="ws", capacity=5)
    statuses = "cwcwwcxwcwwwxcwww"  # confirmed, waitlisted, cancelled, interleaved
    regs = [make_registration(event=event, status={"c": "confirmed", "w": "waitlisted",
                                                   "x": "cancelled"}[code])
            for code in statuses]
    # Some sign-ups in the same instant: the queue breaks the tie by id.
    start = regs[0].created_at
    for n, reg in enumerate(regs):
        Registration.objects.filter(pk=reg.pk).update(
            created_at=start + timedelta(seconds=n // 3))
    queue = [r.pk for r in sorted(Registration.objects.filter(status="waitlisted"),
                                  key=lambda r: (r.created_at, r.pk))]
    expected = {pk: place for place, pk in enumerate(queue, start=1)}
    organizer = make_user()
    make_role(event=event, user=organizer)
    headers = bearer(organizer)
    for status in ("", "waitlisted"):
        seen: dict[int, int | None] = {}
        for offset in range(0, len(statuses), 4):
            body = Client().get("/api/v1/events/ws/registrations",
                                {"limit": 4, "offset": offset, **({"status": status} if status
                                                                  else {})},
                                **headers).json()
            seen.update((r["id"], r["waitlist_position"]) for r in body["items"])
        assert {pk: place for pk, place in seen.items() if place is not None} == expected
        assert len(seen) == (len(statuses) if not status else len(queue))


def test_cancel_promotes_and_is_limited_to_owner_or_organizer() -> None:
    event = make_event(slug="ws", capacity=1)
    owner = make_user()
    mine = make_registration(event=event, person=make_person(user=owner))
    waiting = make_registration(event=event, status="waitlisted")
    url = f"/api/v1/events/ws/registrations/{mine.pk}/cancel"
    assert Client().post(url, **bearer(make_user())).status_code == 403
    body = Client().post(url, **bearer(owner)).json()
    assert body["cancelled"]["status"] == "cancelled"
    assert body["promoted"]["id"] == waiting.pk and body["promoted"]["email"] is None
    again = Client().post(url, **bearer(owner))
    assert again.status_code == 409 and again.json()["detail"].startswith("This registration")


def test_a_wrong_token_is_refused_even_on_public_routes() -> None:
    make_event(slug="ws")
    response = Client().get("/api/v1/events/ws", HTTP_AUTHORIZATION="Bearer imm_wrong")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication required")


def test_profile_and_reassessment_keep_history() -> None:
    user = make_user()
    make_person(user=user, name="Ann")
    headers = bearer(user)
    client = Client()
    tools = client.put("/api/v1/me/tools", {"blogging": {"frequency": "weekly",
                                                         "confidence": 5}},
                       content_type="application/json", **headers)
    assert tools.json()["tool_uses"] == {"blogging": {"frequency": "weekly", "confidence": 5}}
    created = client.post("/api/v1/me/assessments", {"answers": {"work_use": "job"}},
                          content_type="application/json", **headers)
    assert created.status_code == 201 and created.json()["level"] == 3
    complete = {"work_use": "none", "plan": "none", "led": "no", "measure": "no", "teach": "no"}
    client.post("/api/v1/me/assessments", {"answers": complete},
                content_type="application/json", **headers)
    history = client.get("/api/v1/me/assessments", **headers).json()
    assert [a["answers"]["work_use"] for a in history] == ["none", "job"]
    # One answer of five core ones: the level is a guess, and the API says so.
    assert [a["is_guess"] for a in history] == [False, True]


def test_inventory_full_for_staff_and_aggregate_for_the_public() -> None:
    event = make_event(slug="ws")
    facilitator = make_user()
    make_role(event=event, user=facilitator, role="facilitator")
    for n in range(6):
        make_registration(event=event, level=1, person=make_person(email=f"p{n}@x.example"))
    assert Client().get("/api/v1/events/ws/inventory", **bearer(make_user())).status_code == 403
    full = Client().get("/api/v1/events/ws/inventory", **bearer(facilitator)).json()
    assert full["attendees"] == 6 and full["levels"]["1"] == 6
    public = Client().get("/api/v1/events/ws/inventory/public").json()
    assert public["lines"][0].startswith("6 people")


def test_openapi_schema_and_docs_are_served() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/events/{slug}/registrations" in schema["paths"]
    assert Client().get("/api/v1/docs").status_code == 200


def test_a_retake_through_the_api_gives_events_not_begun_the_new_level() -> None:
    from datetime import date

    user = make_user()
    person = make_person(user=user, name="Ann")
    upcoming = make_registration(event=make_event(start_date=date(2099, 1, 1),
                                                  end_date=date(2099, 1, 1)),
                                 person=person, level=1)
    over = make_registration(event=make_event(start_date=date(2020, 1, 1),
                                              end_date=date(2020, 1, 1)),
                             person=person, level=1)
    answers = {"work_use": "job", "plan": "informal", "led": "helped", "measure": "no",
               "teach": "no"}
    created = Client().post("/api/v1/me/assessments", {"answers": answers},
                            content_type="application/json", **bearer(user))
    assert created.status_code == 201 and created.json()["level"] == 3
    upcoming.refresh_from_db()
    over.refresh_from_db()
    assert (upcoming.level, over.level) == (3, 1)
