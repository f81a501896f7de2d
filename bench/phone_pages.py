"""Page heights and widths of the demo's key pages on a 390×844 phone (headless Chromium).

Builds the seeded demo in a temporary data directory, serves it with ``immerse serve`` on
a free loopback port (no task worker), and visits each key page as an anonymous visitor,
the demo attendee and the demo organizer. Prints, per page, the document's height and
scroll width in CSS pixels (a phone is 390 px wide: a wider page scrolls sideways).

    .venv/bin/python bench/phone_pages.py                     # build the demo, serve, measure
    .venv/bin/python bench/phone_pages.py --url http://127.0.0.1:8000   # a running demo

Prints figures; it is not a test (tests/browser/test_phone.py asserts the widths).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMMERSE = ROOT / ".venv" / "bin" / "immerse"
PASSWORD = "immerse-demo"
IMMERSION, CONFERENCE = "mobile-immersion", "social-media-2-0"
VIEWPORT = {"width": 390, "height": 844}

# (who, label, path or a callable finding the path on a page already open)
ANONYMOUS = [
    ("immersion hub", f"/events/{IMMERSION}/"),
    ("immersion program", f"/events/{IMMERSION}/program/"),
    ("conference hub", f"/events/{CONFERENCE}/"),
    ("conference program", f"/events/{CONFERENCE}/program/"),
    ("stories", "/stories/"),
]
ATTENDEE = [
    ("immersion hub", f"/events/{IMMERSION}/"),
    ("immersion program", f"/events/{IMMERSION}/program/"),
    ("my agenda", f"/events/{IMMERSION}/me/agenda/"),
    ("my tables", f"/events/{IMMERSION}/me/tables/"),
    ("level card", f"/events/{IMMERSION}/me/"),
    ("me", "/me/"),
    ("my path", "/me/path/"),
    ("messages", "/me/messages/"),
]
ORGANIZER = [
    ("organize", f"/events/{IMMERSION}/organize/"),
    ("inventory", f"/events/{IMMERSION}/organize/inventory/"),
    ("tables", f"/events/{IMMERSION}/organize/tables/"),
    ("listening", f"/events/{IMMERSION}/listening/"),
    ("wall", f"/events/{IMMERSION}/wall/"),
    ("outbox", f"/events/{IMMERSION}/organize/messages/"),
    ("feedback", f"/events/{IMMERSION}/organize/feedback/"),
    ("report", f"/events/{IMMERSION}/organize/report/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server() -> Iterator[str]:
    """A fresh demo served on loopback; stopped and removed on exit."""
    data = Path(tempfile.mkdtemp(prefix="immerse-phone-"))
    env = {**os.environ, "IMMERSE_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)  # the demo's own SQLite file
    print("building the demo …", file=sys.stderr)
    subprocess.run([str(IMMERSE), "demo", "--no-serve"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([str(IMMERSE), "serve", "--port", str(port), "--workers", "0",
                               "--no-task-worker"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the demo server did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def first_link(page, url: str, path: str, pattern: str) -> str | None:
    """The first link on ``path`` whose href contains ``pattern`` (a session, a story …)."""
    page.goto(url + path)
    href = page.evaluate("(p) => { const a = [...document.querySelectorAll('main a')]"
                         ".find(a => a.getAttribute('href').includes(p));"
                         " return a ? a.getAttribute('href') : null; }", pattern)
    return href


def measure(page, url: str, path: str) -> tuple[int, int, int]:
    response = page.goto(url + path)
    size = page.evaluate("[document.documentElement.scrollHeight,"
                         " document.documentElement.scrollWidth]")
    return response.status if response else 0, size[0], size[1]


def run(url: str) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--headless", "--no-sandbox"])
        print(f"{'who':<10} {'page':<24} {'status':>6} {'height px':>10} {'width px':>9}  path")
        for who, pages in (("anonymous", ANONYMOUS), ("attendee", ATTENDEE),
                           ("organizer", ORGANIZER)):
            context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
            page = context.new_page()
            if who != "anonymous":
                log_in(page, url, who)
            extra = []
            if who == "anonymous":
                session = first_link(page, url, f"/events/{IMMERSION}/program/?day=all",
                                     "/sessions/")
                story = first_link(page, url, "/stories/", "/stories/")
                extra = [("session", session), ("story", story)]
            for label, path in [*pages, *extra]:
                if path is None:
                    print(f"{who:<10} {label:<24} {'-':>6} (no link found)")
                    continue
                status, height, width = measure(page, url, path)
                print(f"{who:<10} {label:<24} {status:>6} {height:>10,} {width:>9}  {path}")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running demo (default: build and serve one)")
    args = parser.parse_args()
    if args.url:
        run(args.url.rstrip("/"))
        return
    with demo_server() as url:
        run(url)


if __name__ == "__main__":
    main()
