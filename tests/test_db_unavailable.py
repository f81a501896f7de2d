"""A lost database answers 503 with Retry-After, and re-sent sign-ups are idempotent.

These run on any database; tests/test_faults.py restarts a real PostgreSQL server.
"""

from __future__ import annotations

import json
import logging
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory

from immerse.config.db_unavailable import (
    RETRY_AFTER_SECONDS,
    DatabaseUnavailableMiddleware,
    SessionStore,
)
from immerse.config.logs import redact_credentials
from immerse.engine.catalogue import TOOLS
from immerse.notify.models import Message
from immerse.people.models import Assessment, PendingSignup, Registration
from immerse.people.services.signup import SignupData, signup_submit
from immerse.people.tokens import token_create
from tests.factories import make_event, make_role, make_user


def _unreachable(request: object) -> HttpResponse:
    raise AssertionError("process_exception is called directly")


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"),
                                   InterfaceError("connection already closed")])
def test_lost_database_answers_api_clients_503_with_retry_after(error: Exception) -> None:
    request = RequestFactory().post("/api/v1/events/ws/registrations")
    response = DatabaseUnavailableMiddleware(_unreachable).process_exception(request, error)
    assert response is not None and response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert json.loads(response.content) == {
        "detail": "The database is unavailable for a moment: retry the request.", "errors": []}


def test_lost_database_answers_web_pages_503_with_retry_after() -> None:
    request = RequestFactory().get("/events/ws/signup/")
    response = DatabaseUnavailableMiddleware(_unreachable).process_exception(
        request, OperationalError("the database system is starting up"))
    assert response is not None and response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "send that again in a few seconds" in response.content.decode()


def test_other_errors_stay_server_errors() -> None:
    request = RequestFactory().get("/events/ws/")
    middleware = DatabaseUnavailableMiddleware(_unreachable)
    assert middleware.process_exception(request, ValueError("a bug")) is None


def test_the_503_middleware_is_installed_first() -> None:
    # Outermost but for the request id (which touches no database, and so tags the 503's
    # log lines too), so it also sees the errors of the middleware after the view.
    assert settings.MIDDLEWARE[:2] == ["immerse.common.requestid.RequestIdMiddleware",
                                       "immerse.config.db_unavailable.DatabaseUnavailableMiddleware"]


@pytest.mark.django_db
def test_a_session_saved_while_the_database_is_gone_is_a_server_error(monkeypatch) -> None:
    from django.contrib.sessions.models import Session

    store = SessionStore()
    store["step"] = 1
    store.create()

    def lost(*args: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", lost)
    store["step"] = 2
    with pytest.raises(OperationalError):  # Django's own store says UpdateError: a 400
        store.save()


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_still_interrupted() -> None:
    store = SessionStore()
    store["step"] = 1
    store.create()
    SessionStore(session_key=store.session_key).delete()
    store["step"] = 2
    with pytest.raises(UpdateError):
        store.save()


def signup_form(email: str) -> dict[str, str]:
    """The public sign-up form's fields, as a browser sends them (shared with test_faults)."""
    data = {"name": "Ann Smit", "email": email, "discipline": "pr",
            "stories_privacy": "participants", "q_work_use": "job", "q_plan": "none",
            "q_led": "no", "q_measure": "no", "q_teach": "no", "q_want": "plan"}
    for tool in TOOLS:
        data[f"tool_{tool.key}"], data[f"conf_{tool.key}"] = "never", "1"
    return data


def confirm_link(email: str) -> str:
    """The path of the latest sign-up confirmation link mailed to ``email`` (shared with
    test_faults)."""
    message = Message.objects.filter(kind="signup_confirm", to_email=email).latest("id")
    return urlsplit(message.secrets["confirm_url"]).path


@pytest.mark.django_db
def test_a_resent_web_signup_keeps_one_pending_signup_and_sends_one_mail() -> None:
    # The first answer was lost (say the database went away after the commit): the
    # browser sends the same form again.
    event = make_event(capacity=5)
    form = signup_form("ann@acme.example")
    first = Client().post(f"/events/{event.slug}/signup/", form)
    again = Client().post(f"/events/{event.slug}/signup/", form)
    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == f"/events/{event.slug}/signup/sent/"
    assert PendingSignup.objects.count() == 1
    assert Message.objects.filter(kind="signup_confirm").count() == 1
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_a_confirmation_whose_session_cannot_be_saved_is_a_503_and_the_place_is_kept(
        monkeypatch, caplog) -> None:
    # The database goes away after the confirmation committed, while the session that logs
    # the person in is saved (the last write of the request, in the session middleware).
    from django.contrib.sessions.models import Session

    event = make_event(capacity=5)
    Client().post(f"/events/{event.slug}/signup/", signup_form("ann@acme.example"))
    link = confirm_link("ann@acme.example")
    real_save = Session.save

    def save_unless_update(self: Session, *args: object, **kwargs: object) -> None:
        if kwargs.get("force_update"):
            raise OperationalError("server closed the connection unexpectedly")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(Session, "save", save_unless_update)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        lost = Client(raise_request_exception=False).post(link, {"action": "confirm"})
    assert (lost.status_code, lost["Retry-After"]) == (503, str(RETRY_AFTER_SECONDS))
    # Logged as the 503 it is, not as Django's "Internal Server Error" (no error alerts).
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records
            if r.name == "django.request"] == [
        # The token stays out of the log (issue 30: no log line carries a credential).
        ("WARNING", f"Database unavailable during POST {redact_credentials(link)} "
                    "(answered 503): server closed the connection unexpectedly", None)]
    assert "sessionid" not in lost.cookies
    monkeypatch.setattr(Session, "save", real_save)
    # The link worked once: sent again, it says so and points to a log-in link.
    again = Client().post(link, {"action": "confirm"})
    assert again.status_code == 410
    assert "your sign-up is confirmed" in again.content.decode()
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.django_db
def test_signups_naming_one_address_are_limited_per_address(settings) -> None:
    settings.SIGNUP_RATE = "2/m"
    event = make_event(capacity=5)
    codes = [Client(REMOTE_ADDR=f"10.0.0.{n}").post(
        f"/events/{event.slug}/signup/", signup_form("ann@acme.example")).status_code
        for n in range(3)]
    assert codes == [302, 302, 429]


@pytest.mark.django_db
def test_a_resent_api_signup_keeps_one_registration_and_one_assessment() -> None:
    event = make_event(capacity=1)
    organizer = make_user()
    make_role(event=event, user=organizer)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=organizer, name='t')[1]}"}
    body = {"name": "Ann Smit", "email": "ann@acme.example", "answers": {"plan": "none"}}
    answers = [Client().post(f"/api/v1/events/{event.slug}/registrations", body,
                             content_type="application/json", **headers) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    assert Registration.objects.get().status == "confirmed"
    assert Assessment.objects.count() == 1
    assert Message.objects.filter(kind="registration_confirmed").count() == 1


@pytest.mark.django_db
def test_a_resent_anonymous_api_signup_keeps_one_pending_signup_and_one_mail() -> None:
    event = make_event(capacity=1)
    body = {"name": "Ann Smit", "email": "ann@acme.example", "answers": {"plan": "none"}}
    answers = [Client().post(f"/api/v1/events/{event.slug}/registrations", body,
                             content_type="application/json") for _ in range(2)]
    assert [a.status_code for a in answers] == [202, 202]
    assert PendingSignup.objects.count() == 1
    assert Message.objects.filter(kind="signup_confirm").count() == 1


@pytest.mark.django_db
def test_a_changed_questionnaire_is_a_new_take() -> None:
    event = make_event()
    for plan in ("none", "written"):
        signup_submit(event=event, data=SignupData(name="Ann", email="ann@acme.example",
                                                   answers={"plan": plan}))
    assert Assessment.objects.count() == 2




def test_the_log_filter_rewrites_a_record_once_however_often_it_is_attached() -> None:
    from immerse.config import db_unavailable

    request = RequestFactory().post("/events/ws/signup/")
    setattr(request, db_unavailable._LOST_MARK, True)  # as got_request_exception leaves it
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1,
                                   "Internal Server Error: %s", ("/events/ws/signup/",),
                                   sys.exc_info())
    record.request = request
    for _ in range(2):
        assert db_unavailable.LostDatabaseLogFilter().filter(record)
    assert (record.levelname, record.getMessage()) == (
        "WARNING", "Database unavailable during POST /events/ws/signup/ (answered 503): "
                   "the database system is shutting down")
