"""Every `for=`, `aria-describedby`, `aria-labelledby` and `aria-controls` on a page points
at an element of that page: a label or a description that points nowhere is never read out.

The pages are every GET page of the access matrix, fetched by a role allowed to see it, plus
the forms with their errors showing (the sign-up form and the questionnaire posted unanswered).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.test_access_matrix import PAGES, ROLES, _routes, build_world

pytestmark = pytest.mark.django_db
REFERENCES = ("for", "aria-describedby", "aria-labelledby", "aria-controls")
# The role that sees the most of a page, among those allowed to see it.
PREFERRED = ("organizer", "attendee", "facilitator", "staff", "other_organizer",
             "other_attendee", "anonymous")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in REFERENCES and value is not None and not (tag == "output"
                                                                    and name == "for"):
                self.refs.extend((tag, name, ref) for ref in value.split())


def dangling(html: str) -> list[str]:
    """The references in ``html`` whose target id is not on the page."""
    parser = _References()
    parser.feed(html)
    return [f'<{tag} {name}="{ref}">' for tag, name, ref in parser.refs
            if ref not in parser.ids]


def test_dangling_finds_a_reference_to_nothing() -> None:
    page = ('<label for="a">A</label><input id="a" aria-describedby="a_helptext">'
            '<small id="a_help">h</small>')
    assert dangling(page) == ['<input aria-describedby="a_helptext">']


def _client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        assert client.login(username=role, password=PASSWORD)
    return client


def test_every_reference_on_every_page_points_at_an_element() -> None:
    world = build_world()
    clients = {role: _client(role) for role in ROLES}
    wrong, checked = [], 0
    for name, pattern in _routes():
        method, allowed = PAGES[name]
        if method != "GET":
            continue
        keys = [part.split(":")[-1].rstrip(">").split(">")[0]
                for part in pattern.split("<")[1:]]
        url = reverse(name, kwargs={key: world.kwargs[key] for key in keys})
        role = next(role for role in PREFERRED if role in allowed)
        response = clients[role].get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        wrong += [f"{url} ({role}): {ref}" for ref in dangling(response.content.decode())]
    assert checked >= 50, "the pages did not render: nothing was checked"
    assert wrong == [], "\n".join(wrong)


def test_references_hold_on_forms_showing_their_errors() -> None:
    world = build_world()
    slug = world.kwargs["slug"]
    pages = {
        reverse("event-signup", kwargs={"slug": slug}): _client("anonymous"),
        reverse("reassess"): _client("attendee"),
        reverse("login-link"): _client("anonymous"),
        reverse("story-new"): _client("attendee"),
    }
    wrong = []
    for url, client in pages.items():
        response = client.post(url, {"email": "not-an-address", "name": ""})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'aria-invalid="true"' in html, url
        wrong += [f"{url}: {ref}" for ref in dangling(html)]
    assert wrong == [], "\n".join(wrong)
