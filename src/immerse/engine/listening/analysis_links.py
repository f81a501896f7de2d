"""What the room shares and when it suddenly talks: top links and activity spikes.

>>> from immerse.engine.listening.columns import columns_from_rows
>>> c = columns_from_rows(ids=["1", "2", "3"], authors=["ana", "bob", "cas"],
...     created=[0, 60, 120], reply_to_ids=[None, None, None],
...     texts=["Slides: https://Example.org/talk?utm_source=x.", "see example.org",
...            "https://example.org/talk#top and https://example.org/talk"])
>>> top_links(c)
[('https://example.org/talk', 2)]
>>> spikes = activity_spikes(np.array([2, 3, 2, 14, 3]), np.arange(5) * 3600, min_posts=5)
>>> [(s.start, s.posts, s.baseline) for s in spikes]
[(10800, 14, 3.0)]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import numpy.typing as npt

from immerse.engine.listening.columns import PostColumns

Int64 = npt.NDArray[np.int64]

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"…"
#: Query parameters that only say where a click came from: the same page without them.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src")


def normalise_url(url: str) -> str | None:
    """One spelling per page: lower-case scheme and host, no fragment, no tracking
    parameters, no trailing punctuation from the sentence around it; None if unreadable."""
    url = url.rstrip(_TRAILING)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    path = parts.path if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def top_links(columns: PostColumns, *, limit: int = 10,
              exclude_hosts: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Links by the number of original posts that share them (a post counts once per link;
    reposts repeat their original and are left out). ``exclude_hosts`` drops links to the
    platforms' own post pages, which quote-posts carry."""
    counts: Counter[str] = Counter()
    skip = tuple(h.lower() for h in exclude_hosts)
    for text, repost in zip(columns.texts, columns.is_repost.tolist(), strict=True):
        if repost or "://" not in text:
            continue
        found = {normalise_url(u) for u in _URL.findall(text)}
        counts.update(u for u in found if u and not (skip and urlsplit(u).netloc.endswith(skip)))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


@dataclass(frozen=True, slots=True)
class Spike:
    """A bucket with far more posts than usual: ``start`` (epoch seconds), its posts and
    the baseline it was compared with."""

    start: int
    posts: int
    baseline: float


def activity_spikes(counts: Int64, bucket_start: Int64, *, window: int = 6,
                    min_posts: int = 5) -> list[Spike]:
    """Buckets whose count is at least twice the baseline and three Poisson standard
    deviations above it (and at least ``min_posts``).

    The baseline is the larger of the median of the previous ``window`` non-empty buckets
    and the median of all non-empty buckets: the first busy hour after a quiet night is
    not a spike just because the night was quiet.
    """
    counts = np.asarray(counts, dtype=np.int64)
    busy = counts[counts > 0]
    overall = float(np.median(busy)) if len(busy) else 0.0
    found: list[Spike] = []
    recent: list[int] = []
    for start, posts in zip(np.asarray(bucket_start).tolist(), counts.tolist(), strict=True):
        local = float(np.median(recent[-window:])) if recent else 0.0
        baseline = max(local, overall)
        if posts >= max(min_posts, 2 * baseline, baseline + 3 * np.sqrt(max(baseline, 1.0))):
            found.append(Spike(int(start), int(posts), baseline))
        if posts > 0:
            recent.append(posts)
    return found
