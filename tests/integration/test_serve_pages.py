"""`immerse serve` as people meet it: Django's debug pages never show (its 404 lists every URL
pattern), whatever DJANGO_DEBUG says; the site's own 404 answers, static files are still
served, and the API keeps its JSON errors."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow,
              pytest.mark.django_db(transaction=True)]


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), \
                response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def test_serve_shows_the_site_s_404_even_when_debug_is_asked_for(topology_factory) -> None:
    topology = topology_factory(DJANGO_DEBUG="1")
    topology.serve("--no-task-worker")

    status, _, html = _fetch(topology.base_url + "/no/such/page/")
    assert status == 404
    assert "We cannot find that page" in html
    assert "URLconf" not in html and "Using the URLconf" not in html and "admin/" not in html

    status, content_type, css = _fetch(topology.base_url + "/static/immerse/site.css")
    assert status == 200 and content_type.startswith("text/css") and ":root" in css

    status, content_type, body = _fetch(topology.base_url + "/api/v1/no-such-thing")
    assert status == 404 and content_type.startswith("application/json")
    assert "debug" not in body.lower()
    assert "DJANGO_DEBUG is ignored here" in (topology.logs / "serve.log").read_text()


def test_serve_on_another_port_puts_that_port_in_its_links(topology_factory) -> None:
    """Without IMMERSE_SITE_URL the links (messages, calendar feeds) start where `serve`
    listens: a confirmation link is dead when it names port 8000 and the site runs on 8123."""
    from tests.factories import make_event, make_session

    event = make_event(slug="links-port")
    session = make_session(event=event, title="Listening to each other")
    topology = topology_factory()
    topology.serve("--no-task-worker")
    assert not topology.base_url.endswith(":8000")

    status, _, ics = _fetch(topology.base_url + "/events/links-port/calendar.ics")

    assert status == 200
    unfolded = ics.replace("\r\n ", "")
    assert f"{topology.base_url}/events/links-port/sessions/{session.pk}/" in unfolded
    assert "127.0.0.1:8000" not in unfolded
