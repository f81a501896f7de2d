"""Refusals and errors in the site's own words: anonymous visitors are sent to log in,
logged-in users without the right get the friendly 403, and 400/404/500 are the site's
pages (never Django's debug pages); the API keeps its JSON bodies."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

from tests.factories import PASSWORD, make_event, make_registration, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_of_a_refused_page_is_sent_to_log_in_and_back() -> None:
    make_event(slug="conf")
    response = Client().get("/events/conf/listening/?tag=x")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/events/conf/listening/%3Ftag%3Dx"


def test_a_page_s_script_refused_gets_403_not_the_log_in_page() -> None:
    make_event(slug="conf")
    response = Client().get("/events/conf/wall/?fragment=1",
                            headers={"sec-fetch-mode": "cors"})
    assert response.status_code == 403


def test_anonymous_form_post_returns_to_the_page_the_form_was_on() -> None:
    make_event(slug="conf")
    response = Client().post("/events/conf/listening/notes/", {"text": "hi"},
                             headers={"referer": "http://testserver/events/conf/listening/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=http%3A//testserver/events/")


def test_anonymous_form_post_from_elsewhere_returns_home_after_log_in() -> None:
    make_event(slug="conf")
    response = Client().post("/events/conf/listening/notes/", {"text": "hi"},
                             headers={"referer": "https://evil.example/phish"})
    assert response["Location"] == "/accounts/login/?next=/"


def test_logged_in_user_without_the_right_gets_the_friendly_403() -> None:
    event = make_event(slug="conf")
    make_registration(event=event)
    make_user("walter")
    client = Client()
    client.login(username="walter", password=PASSWORD)
    response = client.get("/events/conf/organize/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is not open to your account" in html
    assert "Only this event&#x27;s organizers can open this page." in html
    assert "You are logged in as <strong>walter</strong>" in html
    assert 'href="/accounts/login/?next=/events/conf/organize/"' in html
    assert '<a class="brand" href="/">immerse</a>' in html  # the site's look


def test_the_api_still_answers_refusals_in_json() -> None:
    make_event(slug="conf")
    response = Client().get("/api/v1/events/conf/registrations")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert Client().get("/api/v1/no-such-thing").json() == {"detail": "Not Found.",
                                                            "errors": []}


def test_unknown_page_is_the_site_s_404_without_url_patterns() -> None:
    response = Client().get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We cannot find that page" in html and "All events" in html
    assert "URLconf" not in html and "Resolver404" not in html and "admin/" not in html


def test_a_404_with_a_reason_says_it() -> None:
    response = Client().get("/events/nope/program/")
    assert response.status_code == 404
    assert "No event called &#x27;nope&#x27;" in response.content.decode()


def test_500_page_renders_without_the_database_or_context_processors(
        django_assert_num_queries) -> None:
    request = RequestFactory().get("/boom/")
    with django_assert_num_queries(0):
        response = defaults.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "site.css" in html


def test_500_page_renders_even_when_no_url_can_be_reversed(settings) -> None:
    settings.ROOT_URLCONF = "tests.api.failing_urls"  # has no 'home' or any site page
    response = defaults.server_error(RequestFactory().get("/boom/"))
    assert "Something went wrong on our side" in response.content.decode()


def test_a_failing_view_answers_the_site_s_500(settings) -> None:
    settings.ROOT_URLCONF = "tests.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_400_page_is_the_site_s() -> None:
    response = defaults.bad_request(RequestFactory().get("/"), Exception("bad"))
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_site_s_page() -> None:
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Please send that again" in response.content.decode()
    assert response.context["reason"]  # Django's reason, kept for tests/security/test_csrf.py
