"""The installable web app's server side: manifest, service worker, offline page, the viewer
header the worker follows, and the log-out that clears the site's storage.
(tests/browser/test_offline.py drives the worker itself in Chromium.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from immerse.config import webapp
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_manifest_is_served_as_a_manifest_with_real_icons(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["name"], data["start_url"], data["scope"], data["display"]) == (
        "immerse", "/me/", "/", "standalone")
    assert data["theme_color"] == "#1d2433"
    pngs = [icon for icon in data["icons"] if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"),
        ("512x512", "maskable")}
    for icon in pngs:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]
            assert image.format == "PNG"


def test_every_page_links_the_manifest_the_theme_and_the_worker(client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#1d2433">' in html
    assert '<script src="/static/immerse/webapp.js" defer></script>' in html


def test_the_worker_is_served_from_the_root_and_never_cached(client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = json.loads(re.search(r"const CONFIG = (\{.*\});", response.content.decode())[1])
    assert config["offline"] == "/offline/"
    assert config["version"] == webapp.shell_version()
    assert config["shell"] == ["/static/immerse/site.css", "/static/immerse/program.js",
                               "/static/immerse/webapp.js", "/static/immerse/favicon.svg",
                               "/static/immerse/icons/icon-192.png"]
    for url in config["shell"]:
        assert finders.find(url.removeprefix("/static/")), url


@pytest.mark.parametrize(("path", "kept"), [
    ("/me/", True), ("/events/harbour-2030/", True), ("/events/harbour-2030/me/agenda/", True),
    ("/events/harbour-2030/me/tables/", True), ("/events/harbour-2030/program/", True),
    ("/events/harbour-2030/sessions/12/", True),
    # Anything else: forms, other people's pages, organizer pages, files.
    ("/events/harbour-2030/me/agenda/change/", False), ("/events/harbour-2030/me/", False),
    ("/events/harbour-2030/organize/", False), ("/events/harbour-2030/sessions/x/", False),
    ("/me/messages/", False), ("/me/plans/3/", False), ("/stories/", False),
    ("/events/harbour-2030/calendar.ics", False), ("/", False)])
def test_the_worker_keeps_only_a_persons_own_pages_and_hubs(path: str, kept: bool) -> None:
    assert any(re.search(p, path) for p in webapp.offline_page_patterns()) is kept


def test_a_changed_shell_file_makes_a_new_worker_version(monkeypatch, tmp_path: Path) -> None:
    css = tmp_path / "site.css"
    css.write_text("body { color: black; }")
    real_find = finders.find
    monkeypatch.setattr(finders, "find", lambda path: (
        str(css) if path == "immerse/site.css" else real_find(path)))
    before = webapp._shell_digest()
    assert webapp._shell_digest() == before  # stable while nothing changes
    css.write_text("body { color: navy; }")
    assert webapp._shell_digest() != before


def test_the_offline_page_is_the_same_for_everyone(client) -> None:
    anonymous = client.get("/offline/")
    user = make_user("ann")
    client.force_login(user)
    logged_in = client.get("/offline/")
    assert anonymous.status_code == logged_in.status_code == 200
    assert anonymous.content == logged_in.content
    assert b"You are offline" in anonymous.content and b"ann" not in logged_in.content


def test_pages_say_who_they_were_made_for() -> None:
    ann, bo = Client(), Client()
    ann.force_login(make_user("ann"))
    bo.force_login(make_user("bo"))
    nobody = Client().get("/")["X-Immerse-Viewer"]
    seen_by_ann = ann.get("/")["X-Immerse-Viewer"]
    assert nobody == ""
    assert re.fullmatch(r"[0-9a-f]{20}", seen_by_ann)
    assert ann.get("/me/")["X-Immerse-Viewer"] == seen_by_ann
    assert bo.get("/")["X-Immerse-Viewer"] not in (seen_by_ann, "")
    assert "X-Immerse-Viewer" not in ann.get("/manifest.webmanifest")


def test_logging_out_clears_what_the_browser_keeps_for_the_site(client) -> None:
    client.force_login(make_user("ann"))
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session
