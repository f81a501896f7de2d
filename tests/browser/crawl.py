"""Walk a site's pages as one visitor: from seed pages, follow every same-site link once per
page kind (paths that differ only in their ids are one kind), never links that change
something by being opened (log-out, one-click tokens) or that download a file."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from urllib.parse import urljoin, urlsplit

# Links that act when opened (signed one-click links, log-out), and files, not pages.
SKIPPED = re.compile(
    r"^/(admin|api)/|/logout/|^/feedback/|^/plans/checkin/|^/mail/unsubscribe/"
    r"|^/signup/confirm/|^/accounts/login/link/.+|^/calendar/"
    r"|\.(ics|csv|pdf|json|gexf|xml|png|svg|txt)$")
LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"


def page_kind(path: str) -> str:
    """'/events/x/sessions/12/' and '/events/y/sessions/7/' are one kind of page."""
    path = re.sub(r"^/events/[^/]+/", "/events/E/", path)
    return re.sub(r"\d+", "N", re.sub(r"/wording/[^/]+/", "/wording/K/", path))


def crawl(page, base: str, seeds: Iterable[str], *, limit: int,
          visit: Callable[[str, int], None]) -> list[str]:
    """Open each seed, then the pages they link to, breadth first, up to ``limit`` pages;
    ``visit(path, status)`` runs on each page once it has loaded. Seeds are always opened
    (they may differ from a crawled page by their query only)."""
    queue: deque[tuple[str, bool]] = deque((seed, True) for seed in seeds)
    seen_kinds: set[str] = set()
    opened: list[str] = []
    while queue and len(opened) < limit:
        path, is_seed = queue.popleft()
        kind = page_kind(urlsplit(path).path)
        if not is_seed and kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = page.goto(base + path)
        opened.append(path)
        visit(path, response.status if response else 0)
        for href in page.evaluate(LINKS_JS):
            target = urlsplit(urljoin(base + path, href))
            if f"{target.scheme}://{target.netloc}" != base or SKIPPED.search(target.path):
                continue
            if page_kind(target.path) not in seen_kinds:
                queue.append((target.path, False))
    return opened
