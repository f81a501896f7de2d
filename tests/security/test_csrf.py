"""CSRF on every form, generated from the URL conf, the rendered pages and the API schema.

The route list, the roles and who may use what come from `tests/test_access_matrix.py`, so a
new page, form or API operation is covered the day it is added: a POST route without CSRF
protection, a POST form without its token, or a GET page that quietly answers a POST fails
here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING
from django.test import Client
from django.urls import resolve, reverse

import immerse
from immerse.people.tokens import token_create
from tests.factories import PASSWORD
from tests.test_access_matrix import (
    API,
    PAGES,
    POST_DATA,
    ROLES,
    World,
    _api_operations,
    _routes,
    api_body,
    build_world,
)

pytestmark = pytest.mark.django_db

# GET pages whose own form posts back to them (the matrix lists them as GET pages because
# that is what a visitor opens). Every other "GET" route must refuse a POST with 405.
FORM_PAGES: dict[str, str] = {
    "audience-questions": "asking a question in the room",
    "audience-polls": "creating a poll (session staff)",
    "audience-queue": "the event's rules for questions from the room",
    "event-signup": "the sign-up form", "login": "the login form",
    "event-import": "the sheet upload", "program-builder": "the builder's settings",
    "agenda-plan": "starting an agenda run", "tables": "forming the round tables",
    "tables-session": "moving someone to another table",
    "learning-mentors": "saving the proposed mentorships",
    "feedback-give": "the feedback form", "plan-new": "the new-plan form",
    "reassess": "the questionnaire", "story-new": "the story form",
    "story-edit": "the author's story form", "story-delete": "deleting a story, after the question",
    "community": "sharing a resource or an experience",
    "my-registration-cancel": "cancelling one's place, after the question",
    "signup-confirm": "confirming a sign-up (or only logging in)",
    "login-link": "asking for a log-in link", "login-link-use": "logging in with the link",
    "studio-event-new": "the new-event form", "studio-event-settings": "an event's settings",
    "password_reset": "asking for a password reset",
    "password_reset_confirm": "choosing the new password",
    "password_change": "changing or choosing a password",
    "notify-preferences": "which messages to get by e-mail",
    "notify-template-edit": "an organizer's wording of a message, with its preview",
    "notify-waiting": "telling people of their agendas or tables now, or not yet",
    "event-broadcast": "writing to a group of people: preview, then send",
    "feedback-link": "the rating from a feedback mail (a GET never records it)",
    "plan-checkin-link": "answering a plan check-in from its mail",
    "listening-sources": "adding a listening source",
    "event-registration-edit": "an organizer's correction of a person's details and level",
    # The studio's set-up pages: each form posts back to its page.
    "studio-slots": "generating slots, or adding one", "studio-slot-edit": "changing a slot",
    "studio-rooms": "adding a room", "studio-room-edit": "changing a room",
    "studio-session-new": "a new session", "studio-session-edit": "changing a session",
    "studio-session-delete": "deleting a session, after the question",
    "studio-hub": "the hub's channels", "studio-signup": "the sign-up settings",
    "studio-questions": "adding a sign-up question",
    "studio-question-edit": "changing a sign-up question",
    "studio-team": "inviting someone to the event's team",
    "studio-team-accept": "joining a team from the invitation (a GET never joins)",
    "checkin-here": "checking oneself in at the door (a GET never checks in)",
    "table-notes": "saving a table's notes", "table-story": "proposing a table's story",
    "table-story-consent": "answering whether the story may name you",
    "openspace": "proposing an open-space session",
    "openspace-organize": "the open space's period, rooms and slots",
}
# POST routes exempt from CSRF by design, each with why; their own tests show that a POST
# without the signed credential changes nothing.
CSRF_EXEMPT: dict[str, str] = {
    "notify-unsubscribe": "RFC 8058 one-click unsubscribe: mail clients POST with no session"
                          " or token; the signed link in the URL is the credential",
}
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
APP_LABELS = ("auth", "events", "people", "program", "tables", "backchannel", "learning",
              "notify")
# Who acts on a route: the first role the matrix allows, the plain attendee first.
ACTOR_ORDER = ("attendee", "facilitator", "organizer", "staff", "other_attendee",
               "other_organizer", "anonymous")


def _accepts_post(name: str) -> bool:
    return PAGES[name][0] == "POST" or name in FORM_PAGES or name in CSRF_EXEMPT


def _actor(allowed: set[str]) -> str:
    return next(role for role in ACTOR_ORDER if role in allowed)


def _url(world: World, name: str, pattern: str) -> str:
    keys = [part.split(":")[-1].split(">")[0] for part in pattern.split("<")[1:]]
    return reverse(name, kwargs={key: world.kwargs[key] for key in keys})


def _post_data(world: World, name: str) -> dict[str, object]:
    """The matrix's POST body for ``name``, with its `$placeholders` filled in."""
    return {key: world.kwargs[value[1:]] if isinstance(value, str) and value.startswith("$")
            else value for key, value in POST_DATA.get(name, {}).items()}


def _client(world: World, role: str) -> Client:
    """A browser that enforces CSRF like production, logged in, holding a CSRF cookie."""
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(world.users[role])
    assert client.get(reverse("login")).status_code == 200  # sets the csrftoken cookie
    return client


def _token(client: Client) -> str:
    return client.cookies["csrftoken"].value


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for label in APP_LABELS
            for model in apps.get_app_config(label).get_models()}


def _csrf_reason(response) -> str | None:
    """Why the CSRF middleware refused the request, or None when it did not.

    Django's CSRF failure view renders a template with the reason in its context, and the
    test client records that context, so a 403 for any other cause is told apart.
    """
    if response.status_code != 403 or response.context is None:
        return None
    try:
        return response.context["reason"]
    except KeyError:
        return None


def test_every_post_route_refuses_a_post_without_the_csrf_token() -> None:
    """A forged POST (session cookie and CSRF cookie, no token) is refused and does nothing;
    the same POST with the token gets past the CSRF check."""
    world = build_world()
    wrong, covered = [], 0
    for name, pattern in _routes():
        if not _accepts_post(name) or name in CSRF_EXEMPT:
            continue
        url, allowed = _url(world, name, pattern), PAGES[name][1]
        for role in {_actor(allowed)} | ({"anonymous"} & allowed):
            covered += 1
            client, data = _client(world, role), _post_data(world, name)
            with transaction.atomic():
                before = _row_counts()
                response = client.post(url, data)
                if _csrf_reason(response) != REASON_CSRF_TOKEN_MISSING:
                    wrong.append(f"{role} POST {url} without token -> {response.status_code}")
                if _row_counts() != before:
                    wrong.append(f"{role} POST {url} without token changed the database")
                response = client.post(url, {**data, "csrfmiddlewaretoken": _token(client)})
                if _csrf_reason(response) is not None or response.status_code in (405, 500):
                    wrong.append(f"{role} POST {url} with token -> {response.status_code}")
                # A form shown again (with its errors) needs its token again.
                wrong += [f"{role} POST {url}: the form posting to {target} has no token"
                          for target, has_token in _post_forms(response, url) if not has_token]
                transaction.set_rollback(True)
    assert wrong == [], "\n".join(wrong)
    assert covered >= len(FORM_PAGES) + sum(method == "POST" for method, _ in PAGES.values())
    assert CSRF_EXEMPT.keys() <= PAGES.keys(), "an exemption for a route that is gone"


def test_get_only_routes_answer_a_post_with_405() -> None:
    """A page that does nothing with a POST must say so, not render as if it had."""
    world = build_world()
    clients = {role: _client(world, role) for role in ROLES}
    wrong, covered = [], 0
    for name, pattern in _routes():
        if _accepts_post(name):
            continue
        url, allowed = _url(world, name, pattern), PAGES[name][1]
        for role, client in clients.items():
            covered += 1
            with transaction.atomic():
                response = client.post(url, {"csrfmiddlewaretoken": _token(client)})
                transaction.set_rollback(True)
            refused = (405,) if role in allowed else (403, 404, 405)
            if response.status_code not in refused and not _to_login(response):
                wrong.append(f"{role} POST {url} -> {response.status_code}: add @require_safe,"
                             f" or list {name!r} in FORM_PAGES if it takes a form")
    assert wrong == [], "\n".join(wrong)
    assert covered >= len(ROLES) * 20  # the enumeration did not silently shrink


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


class _PostForms(HTMLParser):
    """Each `<form method="post">` of a page: its action and its hidden CSRF token."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: (value or "").lower() if key in ("method", "type") else value or ""
                 for key, value in attrs}
        if tag == "form" and found.get("method") == "post":
            self._open = {"action": found.get("action", ""), "token": None}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and found.get("type") == "hidden" \
                and found.get("name") == "csrfmiddlewaretoken":
            self._open["token"] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _post_forms(response, url: str) -> list[tuple[str, bool]]:
    """(route name it posts to, carries a token) for each POST form of an HTML response."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _PostForms()
    parser.feed(response.content.decode())
    return [(resolve(urlsplit(form["action"] or "").path or url).url_name, bool(form["token"]))
            for form in parser.forms]


def test_every_post_form_on_every_page_carries_the_csrf_token() -> None:
    world = build_world()
    clients = {role: _client(world, role) for role in ROLES}  # GETs change no session
    wrong, forms_seen, targets = [], 0, set()
    for name, pattern in _routes():
        url = _url(world, name, pattern)
        for role in ROLES:
            for target, has_token in _post_forms(clients[role].get(url), url):
                forms_seen += 1
                targets.add(target)
                if not has_token:
                    wrong.append(f"{role} GET {url}: the form posting to {target} has no token")
    assert wrong == [], "\n".join(wrong)
    # Every form posts to a route that the POST tests above cover.
    assert sorted(name for name in targets if not _accepts_post(name)) == []
    assert {"logout", "login", "event-signup", "plan-edit", "session-star"} <= targets
    assert forms_seen > 100


def test_every_post_form_in_the_templates_has_the_csrf_token_tag() -> None:
    """Also the forms that only show in rarer states (a pending import, a form error)."""
    templates = sorted(Path(immerse.__file__).parent.glob("**/templates/**/*.html"))
    forms = [(path.name, form) for path in templates
             for form in re.findall(r"<form\b.*?</form>", path.read_text(), re.S | re.I)
             if re.search(r"""method=["']?post""", form, re.I)]
    assert [name for name, form in forms if "{% csrf_token %}" not in form] == []
    assert len(forms) > 20


def _detail(response) -> str:
    if not response.get("Content-Type", "").startswith("application/json"):
        return ""
    payload = response.json()
    return str(payload.get("detail", "")) if isinstance(payload, dict) else ""


def test_api_refuses_unsafe_calls_with_a_session_cookie_but_no_csrf_token() -> None:
    """A session cookie alone never performs an unsafe API call; a bearer token needs no
    CSRF token (it is not sent by browsers on their own, see immerse.api.auth)."""
    world = build_world()
    tokens = {role: token_create(user=user, name="t")[1] for role, user in world.users.items()}
    wrong, unsafe = [], [(m, p) for m, p in _api_operations() if m in UNSAFE]
    for method, path in unsafe:
        role = _actor(API[(method, path)] - {"anonymous"})
        url, body = path.format(**world.api_values), api_body(path, f"{role}@new.example")
        client = _client(world, role)
        with transaction.atomic():
            before = _row_counts()
            response = client.generic(method, url, body, content_type="application/json")
            detail = _detail(response)
            if response.status_code not in (401, 403) or "csrf" not in detail.lower():
                wrong.append(f"{role} {method} {url} by session, no token -> "
                             f"{response.status_code} {detail}")
            if _row_counts() != before:
                wrong.append(f"{role} {method} {url} by session, no token changed the database")
            transaction.set_rollback(True)
        for how, headers in (("session + token", {"HTTP_X_CSRFTOKEN": _token(client)}),
                             ("bearer", {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"})):
            caller = client if how != "bearer" else Client(enforce_csrf_checks=True)
            with transaction.atomic():
                response = caller.generic(method, url, body, content_type="application/json",
                                          **headers)
                transaction.set_rollback(True)
            if response.status_code in (401, 403) or response.status_code >= 500:
                wrong.append(f"{role} {method} {url} by {how} -> {response.status_code}")
    assert wrong == [], "\n".join(wrong)
    assert sorted(unsafe) == sorted(key for key in API if key[0] in UNSAFE)


def test_login_needs_the_csrf_token() -> None:
    world = build_world()
    client = _client(world, "anonymous")
    credentials = {"username": "attendee", "password": PASSWORD}
    refused = client.post(reverse("login"), credentials)
    assert _csrf_reason(refused) == REASON_CSRF_TOKEN_MISSING
    assert "_auth_user_id" not in client.session  # no login CSRF: not logged in as anyone
    done = client.post(reverse("login"), {**credentials, "csrfmiddlewaretoken": _token(client)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["attendee"].pk)


def test_logout_is_post_only_and_needs_the_csrf_token() -> None:
    world = build_world()
    client = _client(world, "attendee")
    assert client.get(reverse("logout")).status_code == 405
    refused = client.post(reverse("logout"))
    assert _csrf_reason(refused) == REASON_CSRF_TOKEN_MISSING
    assert client.get(reverse("me")).status_code == 200  # still logged in
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": _token(client)}
                       ).status_code == 302
    assert client.get(reverse("me")).status_code == 302  # to the login page
