"""The language switcher on a 390 px phone: a labelled select and a button in the footer,
no script; choosing Deutsch turns the page German and nothing sticks out."""

from __future__ import annotations

import pytest

from immerse.common.languages import KNOWN
from tests.browser.overflow import overflow_problems
from tests.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_german_on_a_phone(http_server: str, phone, shoot, axe,
                                        settings) -> None:
    settings.LANGUAGES = list(KNOWN.items())
    make_event(slug="summit", title="Summit", language="fr")
    phone.goto(f"{http_server}/events/summit/")
    assert phone.locator("html").get_attribute("lang") == "fr"  # the event's default
    switcher = phone.get_by_label("Langue")
    switcher.scroll_into_view_if_needed()
    shoot(phone, "switcher-fr")
    switcher.select_option("de")
    phone.get_by_role("button", name="Changer").click()
    phone.wait_for_url("**/events/summit/")
    assert phone.locator("html").get_attribute("lang") == "de"
    assert phone.get_by_role("link", name="Geschichten").is_visible()
    phone.get_by_label("Sprache").scroll_into_view_if_needed()
    shoot(phone, "switcher-de")
    assert overflow_problems(phone) == []
    axe(phone)
