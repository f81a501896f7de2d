"""Which language a page is in: stored > the switcher's cookie > the event's default (on
its pages) > Accept-Language > English; `<html lang>` says it; the switcher works without
JavaScript and stores the choice on the account."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.common.languages import KNOWN
from immerse.people.models import Person
from tests.factories import PASSWORD, make_event, make_person, make_user

pytestmark = pytest.mark.django_db

ALL = [(code, name) for code, name in KNOWN.items()]


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = ALL


def lang(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def test_nothing_chosen_is_english():
    assert lang(Client().get("/")) == "en"


def test_the_browser_language_without_a_choice():
    page = Client(headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"}).get("/")
    assert lang(page) == "de"
    assert page["Content-Language"] == "de"
    assert '<a href="/accounts/login/">Anmelden</a>' in page.content.decode()


def test_the_events_default_beats_the_browser_on_its_pages_only():
    make_event(slug="lyon", language="fr")
    browser = Client(headers={"accept-language": "de"})
    assert lang(browser.get("/events/lyon/")) == "fr"
    assert lang(browser.get("/")) == "de"


def test_the_switchers_cookie_beats_the_events_default():
    make_event(slug="lyon", language="fr")
    browser = Client(headers={"accept-language": "de"})
    browser.cookies["django_language"] = "nl"
    assert lang(browser.get("/events/lyon/")) == "nl"


def test_a_persons_stored_language_beats_the_cookie():
    make_event(slug="lyon", language="fr")
    user = make_user()
    make_person(user=user, language="es")
    browser = Client(headers={"accept-language": "de"})
    browser.cookies["django_language"] = "nl"
    browser.login(username=user.username, password=PASSWORD)
    assert lang(browser.get("/events/lyon/")) == "es"
    assert lang(browser.get("/")) == "es"


def test_a_language_no_longer_offered_falls_through(settings):
    settings.LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
    make_event(slug="lyon", language="fr")
    user = make_user()
    make_person(user=user, language="de")
    browser = Client(headers={"accept-language": "nl"})
    browser.login(username=user.username, password=PASSWORD)
    assert lang(browser.get("/events/lyon/")) == "nl"


def test_the_error_pages_say_the_active_language():
    page = Client(headers={"accept-language": "fr"}).get("/events/nowhere/")
    assert page.status_code == 404
    html = page.content.decode()
    assert '<html lang="fr">' in html and "Nous ne trouvons pas cette page" in html


def _switcher(page) -> str:
    html = page.content.decode()
    form = re.search(r'<form method="post" action="/language/".*?</form>', html, re.S)
    assert form, "no language switcher on the page"
    return form.group(0)


def test_the_switcher_is_a_plain_form_on_every_page():
    form = _switcher(Client().get("/"))
    assert '<label for="language-switch">Language</label>' in form
    assert re.findall(r'<option value="(\w+)" lang="\w+"', form) == list(KNOWN)
    assert '<option value="de" lang="de">Deutsch</option>' in form
    assert "<script" not in form and " on" not in form.replace(" one", "")  # no handlers
    assert 'name="csrfmiddlewaretoken"' in form and 'name="next" value="/"' in form


def test_no_switcher_while_english_alone_is_offered(settings):
    settings.LANGUAGES = [("en", "English")]
    assert 'action="/language/"' not in Client().get("/").content.decode()


def test_switching_without_javascript_sets_the_cookie_and_returns():
    make_event(slug="lyon")
    browser = Client(enforce_csrf_checks=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"',
                      _switcher(browser.get("/events/lyon/"))).group(1)
    answer = browser.post("/language/", {"language": "de", "next": "/events/lyon/",
                                         "csrfmiddlewaretoken": token})
    assert (answer.status_code, answer["Location"]) == (302, "/events/lyon/")
    assert answer.cookies["django_language"].value == "de"
    assert lang(browser.get("/events/lyon/")) == "de"


def test_switching_stores_the_choice_on_the_account():
    user = make_user()
    person = make_person(user=user)
    browser = Client()
    browser.login(username=user.username, password=PASSWORD)
    browser.post("/language/", {"language": "nl", "next": "/me/"})
    person.refresh_from_db()
    assert person.language == "nl"
    # A new browser, where the cookie says otherwise: the account's choice wins.
    other = Client()
    other.cookies["django_language"] = "fr"
    other.login(username=user.username, password=PASSWORD)
    assert lang(other.get("/")) == "nl"


@pytest.mark.parametrize("data", [{"language": "xx"}, {"language": "de-at"}, {}])
def test_an_unknown_language_is_refused_and_nothing_stored(data):
    user = make_user()
    make_person(user=user)
    browser = Client()
    browser.login(username=user.username, password=PASSWORD)
    answer = browser.post("/language/", data)
    assert answer.status_code == 400
    assert "django_language" not in answer.cookies
    assert Person.objects.get(user=user).language == ""


def test_the_switcher_never_sends_to_another_site():
    answer = Client().post("/language/", {"language": "es", "next": "https://evil.example/"})
    assert answer["Location"] == "/"
