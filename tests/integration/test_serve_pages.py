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
