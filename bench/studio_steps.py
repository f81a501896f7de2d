"""Steps from an empty site to a published event, counted on the real pages (issue 27).

Drives the studio with Django's test client (the real views, forms and templates, in
process, on a fresh SQLite database in a temporary folder) as an organizer would, and
counts the page actions: every page opened (a navigation) and every form sent (a submit;
a form is filled from the page's own fields, like a browser, then the few fields the
organizer changes). Redirects the server answers are not actions. Two paths:

- template: `immerse organizer add`'s link → log in → "New event" from the five-day
  template → one session's levels and format → a room → one move in the grid → hub
  channels → sign-up open with an extra question → publish (the browser journey of
  tests/browser/test_studio_journey.py, without the attendee);
- copy: the same organizer copies that event for next year and publishes it.

    PYTHONPATH=src .venv/bin/python bench/studio_steps.py

Targets: ≤ 40 actions (template), ≤ 15 (copy). Exits 1 when a path is over its target.
"""

from __future__ import annotations

import os
import sys
import tempfile
from html.parser import HTMLParser
from typing import Any

TARGETS = {"template": 40, "copy": 15}


class _Forms(HTMLParser):
    """Each form's fields with the values a browser would send untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "buttons": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("type") in ("submit",):
            self.forms[-1]["buttons"].append(a)
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind not in ("checkbox", "radio") or "checked" in a:
                default = "on" if kind in ("checkbox", "radio") else ""
                self.forms[-1]["fields"].append((a["name"], a.get("value", default)))
        elif tag == "textarea" and a.get("name"):
            self.forms[-1]["fields"].append((a["name"], ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1]["fields"].append((self._select, a.get("value", "")))
        elif tag == "button":
            self.forms[-1]["buttons"].append(a)


class Organizer:
    """A logged-in browser that counts what its user does."""

    def __init__(self) -> None:
        from django.test import Client

        self.client = Client()
        self.actions: list[str] = []
        self.page = ""
        self.url = ""

    def open(self, url: str) -> None:
        response = self.client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        self.actions.append(f"open {url}")
        self.page, self.url = response.content.decode(), response.request["PATH_INFO"]

    def submit(self, action: str, changes: dict[str, Any], *, button: str = "",
               drop: tuple[str, ...] = ()) -> None:
        """Send the form whose action is ``action`` ("" for the page's own address) with the
        page's values, ``changes`` over them (a list: a multiple choice), ``drop`` unset."""
        parser = _Forms()
        parser.feed(self.page)
        form = next(f for f in parser.forms if f["action"] in (action, ""))
        data: dict[str, Any] = {}
        for name, value in form["fields"]:
            if name not in drop:
                data.setdefault(name, []).append(value)
        data.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
        if button:
            data[button.split("=")[0]] = [button.split("=")[1]]
        target = form["action"] or self.url
        response = self.client.post(target, data, follow=True)
        assert response.status_code == 200, (target, response.status_code)
        assert 'class="error' not in response.content.decode(), (target, data)
        self.actions.append(f"submit {target}")
        self.page, self.url = response.content.decode(), response.request["PATH_INFO"]


def template_path(link: str) -> Organizer:
    from immerse.events.models import Event, Room, Session

    ann = Organizer()
    ann.open(link)
    ann.submit("", {})  # "Log me in"
    ann.open("/organize/events/new/")
    ann.submit("", {"start_from": "immersion", "title": "Social media immersion",
                    "start_date": "2027-06-07", "capacity": "30"})
    event = Event.objects.get()
    setup = f"/events/{event.slug}/organize/setup/"
    ann.open(f"{setup}sessions/")
    session = Session.objects.filter(event=event, room__isnull=False).order_by(
        "slot__start").first()
    ann.open(f"{setup}sessions/{session.pk}/")
    ann.submit("", {"target_levels": ["3", "4"], "format": "workshop"})
    ann.open(f"{setup}rooms/")
    ann.submit("", {"name": "Side room", "capacity": "12"})
    side = Room.objects.get(event=event, name="Side room")
    ann.open(f"{setup}grid/")
    ann.open(f"{setup}grid/move/?session={session.pk}")
    ann.submit("", {"room": str(side.pk), "slot": str(session.slot_id)})
    ann.open(f"{setup}hub/")
    ann.submit("", {"tag-0-value": "#immersion27", "video-0-label": "Main stage",
                    "video-0-url": "https://youtu.be/dQw4w9WgXcQ"})
    ann.open(f"{setup}signup/")
    ann.submit("", {})  # empty "opens at": open now
    ann.open(f"{setup}signup/questions/")
    ann.submit("", {"prompt": "Which platform does your team use most?", "kind": "one",
                    "choices": "Mastodon\nLinkedIn\nBluesky", "required": "on"})
    ann.open(f"/events/{event.slug}/organize/settings/")
    ann.submit(f"/events/{event.slug}/organize/publish/", {}, button="visibility=public")
    assert Event.objects.get().visibility == "public"
    return ann


def copy_path(link: str) -> Organizer:
    from immerse.events.models import Event

    past = Event.objects.get()
    ann = Organizer()
    ann.open(link)
    ann.submit("", {})
    ann.open("/organize/events/new/")
    ann.submit("", {"start_from": "copy", "copy_from": str(past.pk),
                    "title": "Social media immersion 2028", "start_date": "2028-06-05",
                    "capacity": "30"})
    copy = Event.objects.exclude(pk=past.pk).get()
    ann.open(f"/events/{copy.slug}/organize/settings/")
    ann.submit(f"/events/{copy.slug}/organize/publish/", {}, button="visibility=public")
    copy.refresh_from_db()
    assert copy.visibility == "public" and copy.sessions.count() == past.sessions.count()
    return ann


def main() -> int:
    os.environ["IMMERSE_DATA_DIR"] = tempfile.mkdtemp(prefix="immerse-steps-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")
    from immerse.cli.django_setup import setup_django

    setup_django(migrate=True)
    from immerse.studio.services.organizers import organizer_add

    over = False
    for name, walk in (("template", template_path), ("copy", copy_path)):
        link = organizer_add(email="ann@example.org", name="Ann Smit").login_url
        organizer = walk(link)
        count = len(organizer.actions)
        over |= count > TARGETS[name]
        print(f"{name:9} {count:3d} actions (target ≤ {TARGETS[name]}): "
              f"{sum(a.startswith('open') for a in organizer.actions)} pages opened, "
              f"{sum(a.startswith('submit') for a in organizer.actions)} forms sent")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
