"""Abuse limits: logins, sign-ups and token guessing are throttled with a 429."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories import PASSWORD, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@override_settings(LOGIN_RATE="3/m")
def test_login_attempts_are_limited_per_user_name() -> None:
    make_user("ann")
    client = Client()
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "ann", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    blocked = client.post("/accounts/login/", {"username": "ann", "password": PASSWORD})
    assert blocked.status_code == 429 and blocked["Retry-After"] == "60"
    assert "Too many login attempts" in blocked.content.decode()


@override_settings(SIGNUP_RATE="2/m")
def test_signups_are_limited_per_address() -> None:
    make_event(slug="ws")
    client = Client()
    codes = [client.post("/events/ws/signup/", {"name": ""}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/events/ws/signup/").status_code == 200  # reading is never limited


@override_settings(API_RATE_AUTH="2/m")
def test_token_guessing_is_limited_but_good_tokens_are_not() -> None:
    from immerse.people.tokens import token_create

    make_event(slug="ws")
    _, key = token_create(user=make_user(), name="t")
    client = Client()
    for _ in range(5):
        assert client.get("/api/v1/events", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    codes = [client.get("/api/v1/events", HTTP_AUTHORIZATION="Bearer imm_guess").status_code
             for _ in range(3)]
    assert codes == [401, 401, 429]


def test_anonymous_api_limit_is_not_dodged_by_a_forged_forwarded_for() -> None:
    from django.conf import settings

    make_event(slug="ws")
    allowed = int(settings.API_RATE_ANON.split("/")[0])
    client = Client()
    codes = [client.get("/api/v1/events", HTTP_X_FORWARDED_FOR=f"10.0.{n // 250}.{n % 250}")
             .status_code for n in range(allowed + 1)]
    assert codes == [200] * allowed + [429]


@override_settings(LOGIN_RATE="3/m", SIGNUP_RATE="100/m")
def test_a_signup_is_no_second_door_for_password_guesses() -> None:
    """A sign-up takes no password (it used to log in with one): posting one logs nobody
    in, and the login form keeps its own per-account budget."""
    make_event(slug="ws")
    make_user("ann@acme.example")
    signup = {"name": "Ann", "email": "ann@acme.example", "password": PASSWORD}
    guesser = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(4):
        assert guesser.post("/events/ws/signup/", signup).status_code == 200  # form errors
        assert "_auth_user_id" not in guesser.session
    login = {"username": "ann@acme.example", "password": "wrong"}
    first = Client(REMOTE_ADDR="10.0.0.1")
    assert [first.post("/accounts/login/", login).status_code for _ in range(4)] == [
        200, 200, 200, 429]
    other = {"username": "bob@acme.example", "password": "wrong"}
    third = Client(REMOTE_ADDR="10.0.0.3")
    assert third.post("/accounts/login/", other).status_code == 200  # per account
