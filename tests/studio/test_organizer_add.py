"""The first organizer: `immerse organizer add` makes an account that may create events and a
one-time log-in link; the empty home page says how to begin and offers "New event"."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from immerse.events.roles import may_create_events
from immerse.people.models import Person
from immerse.studio.services.organizers import organizer_add
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_organizer_add_makes_an_account_whose_link_logs_in_once_and_offers_new_event(
        settings) -> None:
    settings.IMMERSE_SITE_URL = "http://events.example:8123"
    added = organizer_add(email=" Ann@Example.org ", name="Ann Smit")
    assert added.created is True
    assert added.login_url.startswith("http://events.example:8123/accounts/login/link/")
    user = get_user_model().objects.get(pk=added.user.pk)
    assert (user.username, user.email) == ("ann@example.org", "ann@example.org")
    assert may_create_events(user)
    assert Person.objects.get(user=user).name == "Ann Smit"
    browser = Client()
    path = added.login_url.removeprefix(settings.IMMERSE_SITE_URL)
    assert browser.post(path)["Location"] == "/organize/"
    home = browser.get("/organize/")
    assert home.status_code == 200
    page = home.content.decode()
    assert '<a class="button" href="/organize/events/new/">New event</a>' in page
    assert '<a href="/organize/">Organize</a>' in page  # in the navigation
    assert Client().post(path).status_code == 400  # single use


def test_organizer_add_promotes_an_existing_account_with_that_address() -> None:
    admin = get_user_model().objects.create_user(username="root", email="ROOT@example.org")
    added = organizer_add(email="root@example.org")
    assert added.created is False and added.user.pk == admin.pk
    assert Person.objects.get(email="root@example.org").user_id == admin.pk
    assert organizer_add(email="root@example.org").user.pk == admin.pk  # twice: same account
    assert get_user_model().objects.count() == 1


def test_organizer_add_refuses_a_non_address_and_changes_nothing() -> None:
    with pytest.raises(ValidationError, match=r"'not-an-address' is not an e-mail address\."):
        organizer_add(email="not-an-address")
    assert get_user_model().objects.count() == 0 and Person.objects.count() == 0


def test_the_empty_home_page_says_how_to_begin() -> None:
    page = Client().get("/").content.decode()
    assert "<code>immerse organizer add you@example.org</code>" in page
    assert "New event" not in page
    make_user("plain")
    member = Client()
    member.force_login(get_user_model().objects.get(username="plain"))
    page = member.get("/").content.decode()
    assert "Only organizers can create events." in page and "New event" not in page
    assert '<a href="/organize/">Organize</a>' not in page
    organizer = Client()
    organizer.force_login(organizer_add(email="o@example.org").user)
    page = organizer.get("/").content.decode()
    assert '<a class="button" href="/organize/events/new/">New event</a>' in page
    assert "Start with a template" in page
