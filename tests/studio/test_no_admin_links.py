"""The Django admin stays for site staff: nothing an organizer does leads there. A non-staff
organizer crawls every organizer page of a full event, from /organize/ and the event's
organize page, following links, and finds no link into /admin/."""

from __future__ import annotations

import re
from collections import deque
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest

from immerse.backchannel.models import Source
from immerse.studio.services.events import EventDetails, event_create
from tests.factories import make_person, make_registration

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"]+)"')
# Files and links that act when opened are not pages to walk.
NOT_PAGES = re.compile(r"\.(ics|csv|pdf|json|gexf|xml|png|svg|txt|css|js)$|/logout/|^/static/")


def _organizer_pages(client, seeds: list[str], *, limit: int = 150) -> dict[str, list[str]]:
    """Each organizer page reached from ``seeds`` (paths under an /organize/ part), with
    the links it shows."""
    queue, found = deque(seeds), {}
    while queue and len(found) < limit:
        path = queue.popleft()
        if path in found:
            continue
        answer = client.get(path)
        assert answer.status_code == 200, f"{path} -> {answer.status_code}"
        links = HREF.findall(answer.content.decode())
        found[path] = links
        for href in links:
            target = urlsplit(urljoin("http://testserver" + path, href))
            if (target.netloc == "testserver" and "/organize" in target.path
                    and not NOT_PAGES.search(target.path)):
                # With its query: the grid's "Move" links name their session there.
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


def test_no_organizer_page_links_into_the_admin(browser, creator) -> None:
    event = event_create(by=creator, template="conference", details=EventDetails(
        title="Summit", start_date=date(2027, 5, 3), end_date=None, time_zone="Europe/Paris",
        venue="", capacity=50, visibility="public"))
    for n in range(3):
        make_registration(event=event, person=make_person(email=f"p{n}@x.example"), level=n + 1)
    Source.objects.create(event=event, kind="feed", url="https://blog.example/feed")
    pages = _organizer_pages(browser, ["/organize/", f"/events/{event.slug}/organize/"])
    assert f"/events/{event.slug}/organize/settings/" in pages
    assert len(pages) >= 15
    into_admin = {path: [h for h in links if "/admin/" in h] for path, links in pages.items()}
    assert {path: hrefs for path, hrefs in into_admin.items() if hrefs} == {}
