"""The demo immersion's open space: open for proposals, a few proposed and voted for.

The period runs from a day before the demo is built until the event starts (or a week
ahead, if the demo is built later), so proposing, voting and "Place now" can be tried.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from immerse.events.models import Event
from immerse.openspace.services import open_space_set, proposal_create, proposal_vote
from immerse.people.models import Registration

IDEAS = (
    ("Mapping who talks about us", "We draw the network around one hashtag together.", [2, 3]),
    ("Our first podcast in a week", "From a phone and a free editor to a published episode.",
     [1, 2]),
    ("What went wrong, and what we learned", "Three short stories of campaigns that failed.",
     [2, 3, 4]),
    ("Answering questions on Mastodon", "A rota, a tone of voice and the tools that help.",
     [1, 2, 3]),
    ("Measuring without vanity metrics", "Which numbers told us something; bring yours.",
     [3, 4]),
)


def open_space_demo_seed(*, rng: random.Random, event: Event) -> None:
    """Open the event's open space with the ideas above, proposed and voted by attendees
    through the services, so the period and the proposals' rules hold (the rate limit on
    proposing is the web's and the API's, not the service's: a seed is not held by it)."""
    start = datetime.combine(event.start_date, time(9), tzinfo=ZoneInfo(event.time_zone))
    now = timezone.now()
    closes = max(start, now + timedelta(days=7))
    open_space_set(event=event, opens_at=now - timedelta(days=1), closes_at=closes,
                   places_at=closes)
    people: Sequence[Registration] = list(
        event.registrations.filter(status="confirmed").order_by("id")[1:60])
    for index, (title, offer, levels) in enumerate(IDEAS):
        proposal = proposal_create(registration=people[index * 7], title=title, offer=offer,
                                   levels=levels,
                                   format_key=("community", "story", "table")[index % 3])
        for voter in rng.sample(people, 4 + 3 * (len(IDEAS) - index)):
            proposal_vote(proposal=proposal, registration=voter, on=True)
