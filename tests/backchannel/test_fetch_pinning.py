"""The listening client connects to the address it checked, and repeats no response bytes.

A name that answers with a public address for the check and 127.0.0.1 for the connection
(DNS rebinding, TTL 0) reached the server's own network; a failing source's error then
showed the start of the internal answer.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from immerse.backchannel import fetch
from immerse.backchannel.services.polling import source_poll
from immerse.backchannel.services.sources import source_add
from immerse.cli import app
from immerse.engine.listening.api_pages import PageError, bluesky_page, mastodon_page
from tests.backchannel.factories import live_event

PUBLIC = "93.184.216.34"
SECRET = b"internal-secret-0123456789-abcdefghijklmnop"


class Loopback:
    """An HTTP server on 127.0.0.1 that answers SECRET and remembers each request's Host."""

    def __init__(self) -> None:
        hosts: list[str] = []
        self.hosts = hosts

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hosts.append(self.headers.get("Host", ""))
                self.send_response(200)
                self.send_header("Content-Length", str(len(SECRET)))
                self.end_headers()
                self.wfile.write(SECRET)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    served = Loopback()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


def _resolver(monkeypatch, name: str, answers: list[str]) -> list[str]:
    """``name`` resolves to ``answers`` in turn (the last one for ever after); returns the
    log of lookups of ``name``."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != name:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        address = answers[min(len(asked), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_a_name_that_rebinds_to_loopback_after_the_check_is_never_reached(
        loopback, monkeypatch, settings) -> None:
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = False
    settings.IMMERSE_LISTEN_TIMEOUT_SECONDS = 1.0
    asked = _resolver(monkeypatch, "rebind.example", [PUBLIC, "127.0.0.1"])
    with fetch.client() as http, pytest.raises(fetch.FetchError) as failed:
        fetch.fetch(http, f"http://rebind.example:{loopback.port}/secret")
    assert loopback.hosts == []
    assert asked == ["rebind.example"]
    assert "internal-secret" not in str(failed.value)


def test_a_name_with_one_private_address_among_public_ones_is_refused(
        loopback, monkeypatch, settings) -> None:
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = False
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != "mixed.example":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))
                for address in (PUBLIC, "127.0.0.1")]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with fetch.client() as http, pytest.raises(fetch.FetchError,
                                               match=r"mixed\.example is a private or local"):
        fetch.fetch(http, f"http://mixed.example:{loopback.port}/")
    assert loopback.hosts == []


def test_the_connection_goes_to_the_resolved_address_with_the_url_s_host(
        loopback, monkeypatch, settings) -> None:
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = True  # the checked address is loopback
    asked = _resolver(monkeypatch, "events.example", ["127.0.0.1"])
    with fetch.client() as http:
        answer = fetch.fetch(http, f"http://events.example:{loopback.port}/feed")
    assert (answer.status, answer.body) == (200, SECRET)
    assert loopback.hosts == [f"events.example:{loopback.port}"]
    assert asked == ["events.example"]


@pytest.mark.django_db
def test_a_feed_that_is_not_a_feed_is_described_without_its_bytes(social) -> None:
    url = social.set_feed("odd", SECRET, etag='"1"')
    source = source_add(event=live_event(), kind="feed", url=url)
    source_poll(source_id=source.pk, due_only=False)
    source.refresh_from_db()
    # The cause in feedparser's words (h-feeds), never the answer's bytes.
    assert "not a readable RSS/Atom feed: " in source.last_error
    assert "internal" not in source.last_error and "secret" not in source.last_error


@pytest.mark.parametrize("body", [SECRET, b'{"internal": "secret"}', b"[1, 2, 3] internal"])
def test_a_page_that_is_not_a_page_is_described_without_its_bytes(body: bytes) -> None:
    for read in (mastodon_page, bluesky_page):
        with pytest.raises(PageError) as failed:
            read(body)
        assert "internal" not in str(failed.value), str(failed.value)


@pytest.mark.django_db
def test_ingest_from_a_url_refuses_the_server_s_own_network(social, settings) -> None:
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = False
    live_event(slug="msm")
    url = social.set_feed("blog", b"<rss/>", etag='"1"')
    result = CliRunner().invoke(app, ["listen", "ingest", url, "--event", "msm"])
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())  # unwrapped from rich's box
    assert "127.0.0.1 is a private or local address" in said
    assert social.requests() == []
