"""The demo listens: a generated backchannel for each demo event, in the shapes the sources
deliver (Mastodon statuses, Bluesky post views, blog feed entries), read by the real parsers
and stored by the real ingest, so the dashboard and the wall are alive on first start.

Consistent with the demo program and people: attendees post during the sessions they are
in (titles, rooms, hosts), ask questions there, and some questions are answered, by the
organizers' accounts (which the dashboard's response rate measures) or by other attendees,
a while later; others wait. The sources are kept paused: the demo calls no real service.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import orjson

from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source
from immerse.backchannel.secrets import secret_seal
from immerse.backchannel.selectors.sources import event_belonging
from immerse.backchannel.services.ingest import IngestReport, posts_ingest
from immerse.demo.social_shapes import (
    bluesky_author,
    bluesky_post,
    mastodon_account,
    mastodon_status,
    rss_feed,
)
from immerse.events.models import Event, Session

INSTANCE = "mastodon.example"  # the instance whose hashtag timeline the demo "polls"
HOMES = ("mastodon.example", "fedi.example", "social.example")
#: Per demo event: hashtag, organizer accounts (Mastodon acct, Bluesky handle), posts per
#: session, and whether the wall is public.
PLANS = {
    "mobile-immersion": ("msmimmersion", "msmteam@events.example", "msmteam.bsky.social", 9,
                         True),
    "social-media-2-0": ("sm20", "sm20@events.example", "sm20.bsky.social", 18, True),
    "social-media-101": ("sm101", "sm101@events.example", "", 7, False),
}

COMMENTS = (
    "Great start of '{title}' with {host} #{tag}",
    "Lovely hands-on exercise in {room}, everyone on their phones #{tag}",
    "Takeaway from '{title}': listen before you post. #{tag} #{topic}",
    "{host}: \"measure what matters, not what is easy\" #{tag}",
    "Slides of '{title}': https://slides.immerse.example/{slug} #{tag}",
    "Standing at the back of {room}, it is full. Good sign! #{tag}",
    "The wifi in {room} keeps dropping, hard to try things live #{tag}",
    "Writing notes from '{title}' for the wiki: https://wiki.immerse.example/{slug} #{tag}",
    "Not convinced yet that {topic} works for a small team like ours #{tag} #{topic}",
    "First time posting with #{tag}, hello everyone!",
    "Three ideas from '{title}' I will try on Monday #{tag} #{topic}",
    "Too much theory in '{title}' for me, I wanted to try things #{tag}",
    "Loved the examples in '{title}', very practical #{tag} #{topic}",
)
QUESTIONS = (
    ("Is '{title}' being recorded? #{tag}",
     "@{asker} yes, the recording goes on the wiki tonight: https://wiki.immerse.example/{slug}"),
    ("Where can I find the slides of '{title}'? #{tag}",
     "@{asker} here they are: https://slides.immerse.example/{slug}"),
    ("Which room is '{title}' in? #{tag}", "@{asker} {room}, follow the signs from the hall"),
    ("Can beginners follow '{title}', or is it too advanced? #{tag}",
     "@{asker} it starts from zero, come along!"),
    ("Is there a list of the tools shown in '{title}'? #{tag} #{topic}",
     "@{asker} on the wiki page of the session: https://wiki.immerse.example/{slug}"),
    ("How do I get on the wifi in {room}? #{tag}",
     "@{asker} network 'immerse', the password is on the back of your badge"),
)


@dataclass
class _Backchannel:
    """The posts of one event as the services would deliver them."""

    statuses: list[dict[str, object]] = field(default_factory=list)
    bluesky: list[dict[str, object]] = field(default_factory=list)
    entries: list[dict[str, object]] = field(default_factory=list)
    sequence: int = 0


def backchannel_demo_seed(*, seed: int) -> dict[str, int]:
    """Generate and ingest the demo events' backchannels; posts stored per event."""
    rng = random.Random(seed)
    stored = {}
    for slug, plan in PLANS.items():
        event = Event.objects.filter(slug=slug).first()
        if event is not None:
            stored[slug] = _seed_event(rng, event, *plan)
    return stored


def _people(event: Event) -> list[str]:
    names = (event.registrations.filter(status="confirmed")
             .values_list("person__channels", flat=True))
    handles = [str((c or {}).get("microblog", "")).lstrip("@") for c in names]
    return sorted({h for h in handles if h}) or ["guest"]


def _hosts(sessions: Sequence[Session]) -> dict[int, str]:
    found = {}
    for session in sessions:
        people = list(session.facilitators.all())
        found[session.pk] = people[0].name if people else "the hosts"
    return found


def _seed_event(rng: random.Random, event: Event, tag: str, org_mastodon: str,
                org_bluesky: str, per_session: int, public: bool) -> int:
    event.organizer_handles = [f"@{org_mastodon}"] + ([f"@{org_bluesky}"] if org_bluesky else [])
    event.save(update_fields=["organizer_handles"])
    sessions = list(event.sessions.filter(slot__isnull=False).select_related("slot", "room")
                    .prefetch_related("facilitators", "tools"))
    people, hosts = _people(event), _hosts(sessions)
    channel = _Backchannel()
    name, home = org_mastodon.split("@")
    org = _Org(mastodon_account(name, INSTANCE, home=home),
               bluesky_author(org_bluesky) if org_bluesky else None)
    first = min((s.scheduled_slot.start for s in sessions), default=None)
    if first is not None:
        _welcome(channel, org, event, tag, first - timedelta(minutes=40))
    for session in sessions:
        _session_posts(rng, channel, org, session, tag, people, hosts[session.pk], per_session)
    if event.blogs and sessions:
        _blog_entries(rng, channel, event, sessions, tag)
    _spam(channel, tag, sessions)
    return _ingest(event, channel, tag, org_bluesky, public)


@dataclass
class _Org:
    mastodon: dict[str, object]
    bluesky: dict[str, object] | None


def _fill(template: str, session: Session, tag: str, host: str, asker: str = "") -> str:
    topic = re.sub(r"\W", "", (session.topics or ["socialmedia"])[0].title()) or "SocialMedia"
    slug = re.sub(r"[^a-z0-9]+", "-", session.title.lower()).strip("-")[:60]
    return template.format(title=session.title, room=session.room.name if session.room else
                           "the hall", host=host, tag=tag, topic=topic, slug=slug, asker=asker)


def _account(handle: str) -> dict[str, object]:
    home = HOMES[sum(map(ord, handle)) % len(HOMES)]
    return mastodon_account(handle, INSTANCE, home=home)


def _session_posts(rng: random.Random, channel: _Backchannel, org: _Org, session: Session,
                   tag: str, people: list[str], host: str, count: int) -> None:
    start, end = session.scheduled_slot.start, session.scheduled_slot.end
    minutes = max(int((end - start).total_seconds() // 60), 10)
    for _ in range(rng.randint(count // 2, count)):
        when = start + timedelta(minutes=rng.randint(2, minutes + 15))
        author = rng.choice(people)
        text = _fill(rng.choice(COMMENTS), session, tag, host)
        tools = [tool.key.replace("-", "") for tool in session.tools.all()]
        if tools and rng.random() < 0.4:  # the tool under discussion, as a tag
            text += f" #{rng.choice(tools)}"
        if rng.random() < 0.65:
            channel.sequence += 1
            status = mastodon_status(host=INSTANCE, sequence=channel.sequence,
                                     author=_account(author), text=text, created_at=when)
            channel.statuses.append(status)
            if rng.random() < 0.2:  # a boost by someone else
                channel.sequence += 1
                channel.statuses.append(mastodon_status(
                    host=INSTANCE, sequence=channel.sequence, author=_account(rng.choice(people)),
                    text="", created_at=when + timedelta(minutes=rng.randint(1, 30)),
                    reblog=status))
        else:
            channel.bluesky.append(bluesky_post(author=bluesky_author(f"{author}.bsky.social"),
                                                text=text, created_at=when,
                                                clock=rng.randrange(1024)))
    if rng.random() < 0.75:
        _question(rng, channel, org, session, tag, people, host,
                  start + timedelta(minutes=rng.randint(5, minutes)))


def _question(rng: random.Random, channel: _Backchannel, org: _Org, session: Session, tag: str,
              people: list[str], host: str, when: datetime) -> None:
    """A question in the session; answered by the organizers (55 %), by another attendee
    (15 %), or left waiting."""
    asked, answer = rng.choice(QUESTIONS)
    asker = rng.choice(people)
    fate = rng.random()
    later = when + timedelta(minutes=rng.randint(4, 50))
    on_bluesky = org.bluesky is not None and rng.random() < 0.35
    if on_bluesky:
        question = bluesky_post(author=bluesky_author(f"{asker}.bsky.social"),
                                text=_fill(asked, session, tag, host), created_at=when,
                                clock=rng.randrange(1024))
        channel.bluesky.append(question)
        if fate < 0.7:
            who = org.bluesky if fate < 0.55 else bluesky_author(
                f"{rng.choice(people)}.bsky.social")
            assert who is not None
            channel.bluesky.append(bluesky_post(
                author=who, text=_fill(answer, session, tag, host, f"{asker}.bsky.social"),
                created_at=later, reply_to=question, clock=rng.randrange(1024)))
        return
    channel.sequence += 1
    asker_account = _account(asker)
    status = mastodon_status(host=INSTANCE, sequence=channel.sequence, author=asker_account,
                             text=_fill(asked, session, tag, host), created_at=when)
    channel.statuses.append(status)
    if fate < 0.7:
        responder = org.mastodon if fate < 0.55 else _account(rng.choice(people))
        channel.sequence += 1
        channel.statuses.append(mastodon_status(
            host=INSTANCE, sequence=channel.sequence, author=responder,
            text=_fill(answer, session, tag, host, str(asker_account["acct"])),
            created_at=later, mentions=[asker_account], in_reply_to=status))


def _welcome(channel: _Backchannel, org: _Org, event: Event, tag: str, when: datetime) -> None:
    channel.sequence += 1
    channel.statuses.append(mastodon_status(
        host=INSTANCE, sequence=channel.sequence, author=org.mastodon, created_at=when,
        text=f"Welcome to {event.title}! Post with #{tag} and you are on the wall. Questions? "
             f"Ask here, we answer within the hour. Program: https://immerse.example"
             f"/events/{event.slug}/program/"))


def _blog_entries(rng: random.Random, channel: _Backchannel, event: Event,
                  sessions: Sequence[Session], tag: str) -> None:
    days = sorted({s.scheduled_slot.start.date() for s in sessions})
    base = str(event.blogs[0].get("url", "https://blog.immerse.example")).rstrip("/")
    for number, day in enumerate(days, start=1):
        of_day = [s for s in sessions if s.scheduled_slot.start.date() == day]
        last = max(s.scheduled_slot.end for s in of_day)
        picked = rng.sample(of_day, k=min(3, len(of_day)))
        channel.entries.append({
            "title": f"Day {number} of {event.title}: what we learned",
            "link": f"{base}/day-{number}", "author": rng.choice(
                [f.name for s in of_day for f in s.facilitators.all()] or ["The team"]),
            "published": last + timedelta(hours=2),
            "summary": "Highlights: " + "; ".join(f"'{s.title}'" for s in picked)
                       + f". Read along and comment with #{tag}.",
            "categories": [tag]})


def _spam(channel: _Backchannel, tag: str, sessions: Sequence[Session]) -> None:
    if not sessions:
        return
    channel.sequence += 1
    channel.statuses.append(mastodon_status(
        host=INSTANCE, sequence=channel.sequence,
        author=mastodon_account("growthhacker99", INSTANCE, home="spam.example"),
        created_at=sessions[0].scheduled_slot.start + timedelta(minutes=20),
        text=f"Buy 10k followers cheap!!! http://followers.spam.example #{tag}"))


def _ingest(event: Event, channel: _Backchannel, tag: str, org_bluesky: str,
            public: bool) -> int:
    belonging = event_belonging(event)
    reports = {
        "mastodon": posts_ingest(event=event, data=orjson.dumps(channel.statuses), fmt="json",
                                 source_name="demo mastodon", belonging=belonging),
        "bluesky": posts_ingest(event=event, data=orjson.dumps({"posts": channel.bluesky}),
                                fmt="json", source_name="demo bluesky", belonging=belonging),
    }
    feed_url = next((str(b.get("feed")) for b in event.blogs or () if b.get("feed")), "")
    if channel.entries and feed_url:
        reports["feed"] = posts_ingest(
            event=event, data=rss_feed(title=f"{event.title} blog", link=feed_url,
                                       items=channel.entries),
            fmt="feed", source_name="demo feed", belonging=belonging)
    _sources(event, tag, org_bluesky, feed_url, reports)
    _moderate(event, public)
    return Post.objects.filter(event=event).count()


def _sources(event: Event, tag: str, org_bluesky: str, feed_url: str,
             reports: dict[str, IngestReport]) -> None:
    """The sources a real organizer would have set up, paused (no real service is called),
    each with the summary of what it brought."""
    made = [("mastodon", f"https://{INSTANCE}", tag, "", "")]
    if org_bluesky:
        made.append(("bluesky", "https://bsky.social", f"#{tag}", org_bluesky,
                     secret_seal({"password": "demo-not-a-real-app-password"})))
    if feed_url:
        made.append(("feed", feed_url, "", "", ""))
    for kind, url, query, handle, secret in made:
        report = reports.get(kind)
        Source.objects.update_or_create(
            event=event, kind=kind, url=url, tag=query, defaults={
                "handle": handle, "secret": secret, "active": False,
                "posts_added": report.created if report else 0,
                "last_summary": {**report.as_json(), "outcome": "ok"} if report else {}})


def _moderate(event: Event, public: bool) -> None:
    ListeningSettings.objects.update_or_create(event=event, defaults={"wall_public": public})
    AuthorReview.objects.update_or_create(event=event, source="mastodon",
                                          author="growthhacker99@spam.example",
                                          defaults={"decision": "blocked"})
    welcome = (Post.objects.filter(event=event, text__startswith="Welcome to")
               .order_by("created_at").first())
    if welcome is not None:
        Post.objects.filter(pk=welcome.pk).update(pinned=True)
