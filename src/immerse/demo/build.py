"""Build the demo: three events with realistic, seeded people, programs and social layers,
and the immersion's past edition, whose learning cycle has happened (``demo.past_edition``).

Bulk writes are used because the events are new and filled in one go (capacity holds by
construction); live sign-ups go through ``people.services.registration_create``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from immerse.demo import content, past_edition, program
from immerse.demo.backchannel import backchannel_demo_seed
from immerse.demo.learning import learning_demo_remove, learning_demo_seed
from immerse.demo.openspace import open_space_demo_seed
from immerse.demo.people import PersonDraft, draw_people, level_mix
from immerse.demo.room import room_demo_plan_seed, room_demo_seed
from immerse.engine.catalogue import format_keys
from immerse.events.models import Event, Room, TimeSlot
from immerse.events.services import event_role_grant, session_create
from immerse.notify.services import messages_held
from immerse.people.models import Person, Registration, Tool, ToolUse
from immerse.people.services.assessments import (
    assessment_compute,
    assessment_row,
    assessment_take_bulk,
)
from immerse.people.services.tools import tools_sync
from immerse.program.services.planning import agenda_run_create, agenda_run_execute
from immerse.tables.services import tables_rotation_form

DEMO_PASSWORD = "immerse-demo"
ZONE = "Europe/Amsterdam"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    events: dict[str, int]  # slug -> confirmed attendees
    organizer_username: str
    organizer_password: str
    attendee_username: str


@messages_held()  # the demo's people are fictional: their messages are never sent
def demo_build(*, seed: int = 2009, progress: Progress | None = None) -> DemoSummary:
    """Replace the demo events (and only them) with a freshly generated, seeded copy."""
    say = progress or (lambda _msg: None)
    rng = random.Random(seed)
    with transaction.atomic():
        demo_remove()
        tools = tools_sync()
        organizer = _user("organizer", "Olivia Organizer", staff=False)
        say("people")
        # Most people at an immersion have never tried the tools; a conference is more mixed.
        crowd = draw_people(rng, level_mix(rng, (40, 26, 16, 8))
                            + level_mix(rng, (210, 180, 130, 80)) + level_mix(rng, (8, 2, 0, 0)))
        persons = _save_people(crowd, tools)
        _assess(crowd, persons)
        say("immersion")
        immersion = _immersion(rng, organizer)
        _register(immersion, persons[:90], crowd[:90])
        say("conference")
        conference = _conference(organizer)
        _register(conference, persons[90:690], crowd[90:690])
        say("course")
        course = _course(organizer)
        # Some immersion beginners take the 101 course first: progression across events.
        # (Not the demo's log-in, persons[0]: they did the immersion's past edition.)
        returning = [i for i in range(1, 90) if crowd[i].level <= 2][:14]
        _register(course, persons[690:700] + [persons[i] for i in returning],
                  crowd[690:700] + [crowd[i] for i in returning])
        experts = _facilitators(rng, [immersion, conference, course], tools)
        _host_sessions(rng, [immersion, conference, course], experts, persons[:90], crowd[:90])
        attendee = _attendee_login(persons[0])
        learning_demo_seed(rng=rng)
        say("the immersion's past edition")
        _past_edition(random.Random(seed + 2026), organizer, experts, persons, crowd)
        say("backchannel")
        backchannel_demo_seed(seed=seed)
        open_space_demo_seed(rng=random.Random(seed + 28), event=immersion)
        say("the room")
        room_demo_seed(rng=random.Random(seed + 33), event=immersion)
    counts = {
        event.slug: event.registrations.filter(status="confirmed").count()
        for event in (immersion, conference, course)
    }
    return DemoSummary(counts, organizer.username, DEMO_PASSWORD, attendee.username)


DEMO_SLUGS = ("mobile-immersion", "social-media-2-0", "social-media-101")


def demo_remove() -> None:
    """Delete the demo events and the generated people (all on the reserved .example domain)."""
    learning_demo_remove()
    Event.objects.filter(slug__in=(*DEMO_SLUGS, past_edition.SLUG)).delete()
    Person.objects.filter(email__endswith=".example").delete()
    get_user_model().objects.filter(email__endswith="@immerse.example").delete()


def _user(username: str, full_name: str, *, staff: bool) -> User:
    User = get_user_model()
    first, _, last = full_name.partition(" ")
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "is_staff": staff,
                  "email": f"{username}@immerse.example"},
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _save_people(crowd: Sequence[PersonDraft], tools: dict[str, Tool]) -> list[Person]:
    persons = Person.objects.bulk_create([
        Person(name=d.name, email=d.email, organization=d.organization,
               discipline=d.discipline, region=d.region, channels=d.channels,
               is_expert=d.level == 4)
        for d in crowd
    ])
    ToolUse.objects.bulk_create([
        ToolUse(person=person, tool=tools[key], frequency=freq, confidence=conf)
        for person, draft in zip(persons, crowd, strict=True)
        for key, (freq, conf) in draft.tool_uses.items()
    ])
    return persons


def _assess(crowd: list[PersonDraft], persons: Sequence[Person]) -> None:
    """Run the real level rules on each draft's answers; the draft keeps the result.

    The tool uses are saved first (``_save_people``), so every snapshot holds them."""
    rows = []
    for draft, person in zip(crowd, persons, strict=True):
        result = assessment_compute(answers=draft.answers, tool_uses=draft.tool_uses)
        draft.level = result.level
        rows.append(assessment_row(person=person, event=None, answers=draft.answers,
                                   result=result))
    assessment_take_bulk(rows=rows)


def _register(event: Event, persons: Sequence[Person], drafts: Sequence[PersonDraft]) -> None:
    start = datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo(ZONE))
    regs = Registration.objects.bulk_create([
        Registration(event=event, person=person, level=draft.level, source="demo",
                     status="confirmed" if i < event.capacity else "waitlisted",
                     stories=draft.story, problems=draft.problem, interests=draft.interests)
        for i, (person, draft) in enumerate(zip(persons, drafts, strict=True))
    ])
    # Sign-up order drives the waitlist, so spread it over the weeks before the event.
    for i, reg in enumerate(regs):
        reg.created_at = start + timedelta(minutes=37 * i)
    Registration.objects.bulk_update(regs, ["created_at"])


def _slots(event: Event, days: Sequence[date], times: Sequence[tuple[str, str]]) -> list[TimeSlot]:
    zone = ZoneInfo(event.time_zone)
    made = []
    for day in days:
        for n, (start, end) in enumerate(times, start=1):
            made.append(TimeSlot(
                event=event, label=f"{day:%a} {n}",
                start=datetime.combine(day, _hm(start), tzinfo=zone),
                end=datetime.combine(day, _hm(end), tzinfo=zone)))
    return TimeSlot.objects.bulk_create(made)


def _hm(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()


def _rooms(event: Event, rooms: Sequence[tuple[str, int]]) -> dict[str, Room]:
    made = Room.objects.bulk_create([
        Room(event=event, name=name, capacity=cap, position=i)
        for i, (name, cap) in enumerate(rooms)
    ])
    return {room.name: room for room in made}


def _sessions(event: Event, slots: Sequence[TimeSlot],
              plan: Sequence[Sequence[program.SessionPlan]], rooms: dict[str, Room],
              tools: dict[str, Tool]) -> None:
    for slot, parallel in zip(slots, plan, strict=True):
        for item in parallel:
            session_create(
                event=event, title=item.title, abstract=item.abstract, format_key=item.format,
                levels=item.levels, topics=item.topics, room=rooms[item.room], slot=slot,
                tools=[tools[key] for key in item.tools])


def _past_edition(rng: random.Random, organizer: User, experts: Sequence[Person],
                  persons: Sequence[Person], crowd: Sequence[PersonDraft]) -> Event:
    """Spring 2026: the demo's log-in and 59 people of the conference's crowd."""
    event = _immersion(rng, organizer, slug=past_edition.SLUG, title=past_edition.TITLE,
                       start=past_edition.START, capacity=60)
    Event.objects.filter(pk=event.pk).update(
        tagline="The first edition: five days in March 2026.", hashtags=["#msm2026"],
        video_uplinks=[], blogs=[], wiki_url="https://wiki.immerse.example/mobile-2026")
    for expert in experts:
        if expert.user is not None:  # every demo expert has an account
            event_role_grant(event=event, user=expert.user, role="facilitator")
    # Mostly people who have moved on since: fewer Eye-openers than the conference has.
    chosen = [0]
    for level, n in ((1, 10), (2, 22), (3, 17), (4, 10)):
        chosen += rng.sample([i for i in range(90, 690) if crowd[i].level == level], n)
    chosen = [0, *sorted(chosen[1:])]
    _host_sessions(rng, [event], experts, [persons[i] for i in chosen],
                   [crowd[i] for i in chosen])
    past_edition.past_edition_seed(rng=rng, event=event, persons=[persons[i] for i in chosen],
                                   drafts=[crowd[i] for i in chosen], attendee=persons[0])
    return event


def _immersion(rng: random.Random, organizer: User, *, slug: str = "mobile-immersion",
               title: str = "Mobile Social Media Immersion", start: date = date(2027, 3, 15),
               capacity: int = 90) -> Event:
    event = Event.objects.create(
        kind="immersion", slug=slug, title=title,
        tagline="Five hands-on days: listen, try, plan, and take it home.",
        description="A five-day program for under a hundred people. Every session is pitched "
        "at a level, from people who have never tried the tools to practitioners who host "
        "tables and mentor. Bring your phone, your stories and your problems.",
        start_date=start, end_date=start + timedelta(days=4), time_zone=ZONE,
        venue="De Rode Hoed", region="Amsterdam", capacity=capacity,
        hashtags=["#msmimmersion", "#immerse"],
        video_uplinks=[{"label": "Live stream, plenary hall",
                        "url": "https://video.immerse.example/mobile-immersion/live"}],
        blogs=[{"label": "Immersion blog", "url": "https://blog.immerse.example/mobile",
                "feed": "https://blog.immerse.example/mobile/feed.xml"}],
        wiki_url="https://wiki.immerse.example/mobile-immersion",
        content_guide="Post with #msmimmersion: the wall in the plenary hall shows the "
        "backchannel live. Every table has a note-taker who writes to the wiki. Video "
        "interviews happen in the community corner at lunch; ask the crew for the uplink. "
        "Write on your own blog and add the feed to the wiki page 'Blogs'.",
    )
    event_role_grant(event=event, user=organizer, role="organizer")
    tools = tools_sync()
    rooms = _rooms(event, program.IMMERSION_ROOMS)
    days = [start + timedelta(days=d) for d in range(5)]
    slots = _slots(event, days, program.IMMERSION_SLOTS)
    plan = [slot for d in range(5) for slot in program.immersion_day(d)]
    _sessions(event, slots, plan, rooms, tools)
    return event


def _conference(organizer: User) -> Event:
    day = date(2027, 2, 11)
    event = Event.objects.create(
        kind="conference", slug="social-media-2-0", title="Social Media 2.0",
        tagline="One day, four rooms, every session pitched at the right people.",
        description="A one-day conference for marketing, PR, communications, HR and IT "
        "people. Pick sessions by level: stories for eye-openers, strategy for baby steps, "
        "workshops for people preparing a plan.",
        start_date=day, end_date=day, time_zone=ZONE, venue="Beurs van Berlage",
        region="Amsterdam", capacity=600, hashtags=["#sm20"],
        video_uplinks=[{"label": "Auditorium stream",
                        "url": "https://video.immerse.example/sm20/auditorium"}],
        blogs=[{"label": "Conference blog", "url": "https://blog.immerse.example/sm20"}],
        wiki_url="https://wiki.immerse.example/sm20",
        content_guide="Use #sm20. Speakers' slides go to the wiki; the live blog is open "
        "to anyone who asks the desk for a login.",
    )
    event_role_grant(event=event, user=organizer, role="organizer")
    tools = tools_sync()
    rooms = _rooms(event, program.CONFERENCE_ROOMS)
    slots = _slots(event, [day], program.CONFERENCE_SLOTS)
    _sessions(event, slots, program.conference_program(), rooms, tools)
    return event


def _course(organizer: User) -> Event:
    first = date(2027, 1, 13)
    event = Event.objects.create(
        kind="course", slug="social-media-101", title="Social Media 101 — Where to Start",
        tagline="Four evenings for people who have not started yet.",
        description="The first course in the series: listen, set up, share, plan. After it, "
        "the immersion program takes you deeper.",
        start_date=first, end_date=first + timedelta(weeks=3), time_zone=ZONE,
        venue="Pakhuis de Zwijger", region="Amsterdam", capacity=24, hashtags=["#sm101"],
        wiki_url="https://wiki.immerse.example/sm101",
        content_guide="Write one short post after each evening with #sm101; we read them "
        "together at the start of the next one.",
    )
    event_role_grant(event=event, user=organizer, role="organizer")
    tools = tools_sync()
    rooms = _rooms(event, [("Classroom", 30)])
    days = [first + timedelta(weeks=w) for w in range(4)]
    slots = _slots(event, days, [("19:00", "21:00")])
    _sessions(event, slots, [[week] for week in program.COURSE_WEEKS], rooms, tools)
    return event


_EXPERTS = (("Marta Kowalczyk", "microblogging"), ("Jeroen Pels", "video-sharing"),
            ("Saskia Groen", "social-networking"), ("Tariq Benali", "blogging"),
            ("Linde Verhoeven", "enterprise-social"), ("Bas Hoekstra", "live-video"))


def _facilitators(rng: random.Random, events: Sequence[Event],
                  tools: dict[str, Tool]) -> list[Person]:
    experts = []
    for name, tool in _EXPERTS:
        username = name.split()[0].lower()
        user = _user(username, name, staff=False)
        person, _ = Person.objects.update_or_create(
            email=f"{username}@practitioners.example",
            defaults={"name": name, "user": user, "organization": "Practitioners' network",
                      "discipline": rng.choice(["marketing", "communications", "pr"]),
                      "region": "Randstad", "is_expert": True,
                      "channels": {"microblog": f"@{username}"}})
        ToolUse.objects.update_or_create(person=person, tool=tools[tool],
                                         defaults={"frequency": "daily", "confidence": 5})
        for event in events:
            event_role_grant(event=event, user=user, role="facilitator")
        experts.append(person)
    return experts


def _host_sessions(rng: random.Random, events: Sequence[Event], experts: Sequence[Person],
                   attendees: Sequence[Person], drafts: Sequence[PersonDraft]) -> None:
    practitioners = [p for p, d in zip(attendees, drafts, strict=True) if d.level == 4]
    led = format_keys(lambda f: f.practitioners_lead)
    for event in events:
        for session in event.sessions.all():
            hosts = [rng.choice(experts)]
            if session.format in led and practitioners:
                hosts.append(rng.choice(practitioners))
            session.facilitators.set(hosts)


def _attendee_login(person: Person) -> User:
    user = _user("attendee", person.name, staff=False)
    person.user = user
    # The demo's attendee stands for someone who confirmed their address long ago: they
    # sign up for another event at once, as a returning attendee would.
    person.email_verified_at = person.created_at
    person.save(update_fields=["user", "email_verified_at"])
    return user


__all__ = ["DEMO_PASSWORD", "DemoSummary", "content", "demo_build"]


@messages_held()  # agenda and table messages to fictional people: in the outbox, never sent
def demo_plan(*, progress: Progress | None = None, seed: int = 2009) -> None:
    """Plan everyone's agenda and the immersion's table rotation, as an organizer would;
    then the immersion's first day happens in the room (check-ins, table notes)."""
    say = progress or (lambda _msg: None)
    for slug in DEMO_SLUGS:
        say(f"agendas for {slug}")
        # The demo is built by a command, not a request: it plans in this process.
        agenda_run_execute(agenda_run_create(event=Event.objects.get(slug=slug), user=None,
                                             time_limit=20).pk)
    say("round tables for the immersion")
    # The table size follows the experts, so that every table has one.
    immersion = Event.objects.get(slug="mobile-immersion")
    tables_rotation_form(event=immersion, time_limit=8)
    say("the immersion's first day")
    room_demo_plan_seed(rng=random.Random(seed + 34), event=immersion,
                        desk=get_user_model().objects.get(username="organizer"))
