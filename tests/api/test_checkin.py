"""The check-in API: by code and by id, idempotent replay, and codes that check nobody in
(altered, another event's, a cancelled registration), each saying why."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.checkin.codes import checkin_code
from immerse.checkin.models import CheckIn
from tests.factories import make_event, make_person, make_registration, make_role, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/desk/checkins"


@pytest.fixture
def desk():
    event = make_event(slug="desk", title="Desk day")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    return event, staff


def _post(body, headers):
    return Client().post(URL, body, content_type="application/json", **headers)


def _code(reg):
    return checkin_code(event_id=reg.event_id, registration_id=reg.pk)


def test_a_code_checks_in_once_and_a_replay_answers_the_same(desk, bearer):
    event, staff = desk
    reg = make_registration(event=event, person=make_person(name="Ada"))
    headers = bearer(staff)
    first = _post({"code": _code(reg)}, headers)
    replay = _post({"code": _code(reg)}, headers)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json() == first.json()
    assert first.json()["name"] == "Ada" and first.json()["how"] == "api"
    assert CheckIn.objects.count() == 1
    listed = Client().get(URL, **headers).json()
    assert listed["count"] == 1 and listed["items"][0]["registration_id"] == reg.pk


def test_a_bad_code_is_a_422_naming_the_code(desk, bearer):
    _event, staff = desk
    answer = _post({"code": "C1-1:forged"}, bearer(staff))
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{
        "field": "code",
        "message": "This is not a check-in code of immerse, or it was altered."}]


def test_another_events_code_is_refused_and_says_so(desk, bearer):
    _event, staff = desk
    elsewhere = make_registration(event=make_event(title="Elsewhere"))
    answer = _post({"code": _code(elsewhere)}, bearer(staff))
    assert answer.status_code == 422
    assert answer.json()["detail"] == "This code is for another event, not Desk day."
    assert CheckIn.objects.count() == 0


def test_a_cancelled_registration_is_a_409_saying_why(desk, bearer):
    event, staff = desk
    reg = make_registration(event=event, status="cancelled", person=make_person(name="Bo"))
    answer = _post({"registration_id": reg.pk}, bearer(staff))
    assert answer.status_code == 409
    assert answer.json() == {
        "detail": "Bo's registration was cancelled: sign them up again to check them in.",
        "reason": "cancelled", "registration_id": reg.pk}


def test_both_or_neither_is_a_422(desk, bearer):
    _event, staff = desk
    assert _post({}, bearer(staff)).json()["errors"][0]["field"] == "code"
    reg = make_registration(event=desk[0])
    both = _post({"code": _code(reg), "registration_id": reg.pk}, bearer(staff))
    assert both.status_code == 422


def test_an_attendee_or_another_events_organizer_may_not(desk, bearer):
    event, _staff = desk
    attendee = make_user()
    reg = make_registration(event=event, person=make_person(user=attendee))
    other = make_user()
    make_role(event=make_event(), user=other)
    assert _post({"code": _code(reg)}, bearer(attendee)).status_code == 403
    assert _post({"code": _code(reg)}, bearer(other)).status_code == 403
    assert Client().get(URL, **bearer(other)).status_code == 403
    assert CheckIn.objects.count() == 0


def test_a_tap_time_before_the_event_is_a_422_naming_at(desk, bearer):
    event, staff = desk
    reg = make_registration(event=event)
    answer = _post({"registration_id": reg.pk, "at": "2020-01-01T09:00:00Z"}, bearer(staff))
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"field": "at", "message": "A check-in time before Desk day began is not believed."}]
    assert CheckIn.objects.count() == 0
