"""Demo content of the learning cycle, added on top of ``immerse.demo.build.demo_build``.

Stories and cases, feedback on sessions, plans with versions and reviews, a course path,
a regional chapter with meetups, a behind-the-firewall series and community resources. The
learning cycle that has already happened (retakes, movement, tools adopted, plans followed
up) is the immersion's past edition (``demo.past_edition``); the events to come have no
retakes, since nobody can retake the questionnaire after an event that has not happened.
Bulk writes throughout.
"""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from immerse.demo.content import PROBLEM_TEMPLATES, STORY_TEMPLATES
from immerse.engine.catalogue import TOOL_BY_KEY, TOOLS, format_keys
from immerse.events.models import Event, EventRole
from immerse.learning.models import (
    Chapter,
    EventPathway,
    ExperiencePost,
    Feedback,
    Plan,
    PlanCheckin,
    PlanComment,
    PlanVersion,
    Resource,
    Series,
    SeriesEvent,
    Story,
)
from immerse.learning.services import FEEDBACK_PROMPTS, feedback_opens_at, stories_bulk_create
from immerse.people.models import Assessment, Person, Registration, Tool
from immerse.people.services.tools import tools_sync

DEEP_DIVE = "social-media-deep-dive"
MEETUPS = ("randstad-circle-apr", "randstad-circle-may", "randstad-circle-jun")
FIREWALL = ("behind-the-firewall-1", "behind-the-firewall-2")
OWN_EVENTS = (DEEP_DIVE, *MEETUPS, *FIREWALL)
OWN_SERIES = ("social-media-path", "behind-the-firewall")
CHAPTER = "randstad-circle"
DEMO_EVENTS = ("mobile-immersion", "social-media-2-0", "social-media-101")
# Retakes dated after the 2027 events, made by earlier demos: removed on a rebuild.
RETAKEN = "Retaken after Social Media 101."
RETAKEN_IMMERSION = "Retaken after the Mobile Immersion."

WORKED = ("The real examples from people like me.", "Trying it on my own phone.",
          "The small group and the time to think.", "Hearing what went wrong, not only wins.",
          "The facilitator's questions about my own case.")
NEXT_STEPS = {1: "Show the recruiting example to my team lead.",
              2: "Try a weekly post on our team page with a colleague.",
              3: "Write the goal and the first listening step of my plan.",
              4: "Write up our pilot for the community space."}
CASES = (
    ("City library goes live", "A public library with no budget for ads.",
     "Streamed two author talks a month and clipped highlights for video sharing.",
     "Attendance at talks doubled; the clips became the library's most shared content.",
     ("live-video", "video-sharing"), ["video", "public sector"]),
    ("Insurer listens before it speaks", "Complaints were rising on forums.",
     "Three weeks of listening, a weekly digest to the service desk, then answers in public.",
     "Complaint handling time fell; the service desk now asks for the digest.",
     ("forums", "microblogging"), ["listening", "customer service"]),
    ("Engineering wiki replaces the shared drive", "Knowledge left with each retiring engineer.",
     "Started with one team's handbook, then a monthly 'wiki hour'.",
     "Onboarding takes two weeks less; not a euro saved on paper, but hours every week.",
     ("wikis", "enterprise-social"), ["knowledge sharing", "intranet"]),
    ("Recruiting with employee blogs", "Nobody applied for technical traineeships.",
     "Five engineers blogged about their first year, shared on social networking.",
     "Twice as many applicants; the blogs are now part of every vacancy.",
     ("blogging", "social-networking"), ["recruiting", "employer brand"]),
)
RESOURCES = (
    ("A listening checklist", "https://resources.immerse.example/listening-checklist",
     "Ten questions before you post anything.", ("forums", "microblogging")),
    ("Social media policy template", "https://resources.immerse.example/policy-template",
     "Short enough that people read it; reviewed by two lawyers.", ("enterprise-social",)),
    ("Measuring without money", "https://resources.immerse.example/measuring",
     "Outcomes that are not revenue: time saved, questions answered.", ()),
    ("Video on a phone: a one-page guide", "https://resources.immerse.example/phone-video",
     "Light, sound, three shots.", ("video-sharing", "live-video")),
)


def learning_demo_remove() -> None:
    """Delete what the seed adds (call before the demo events and people are removed)."""
    Story.objects.filter(Q(event__slug__in=DEMO_EVENTS + OWN_EVENTS)
                         | Q(person__email__endswith=".example")).delete()
    Resource.objects.filter(person__email__endswith=".example").delete()
    ExperiencePost.objects.filter(person__email__endswith=".example").delete()
    Feedback.objects.filter(session__event__slug__in=DEMO_EVENTS).delete()
    Plan.objects.filter(event__slug__in=DEMO_EVENTS).delete()
    Assessment.objects.filter(Q(event__slug="social-media-101", explanation=RETAKEN)
                              | Q(event__slug="mobile-immersion",
                                  explanation=RETAKEN_IMMERSION)).delete()
    EventPathway.objects.filter(event__slug__in=DEMO_EVENTS).delete()
    Event.objects.filter(slug__in=OWN_EVENTS).delete()
    Series.objects.filter(slug__in=OWN_SERIES).delete()
    Chapter.objects.filter(slug=CHAPTER).delete()


@transaction.atomic
def learning_demo_seed(*, rng: random.Random) -> None:
    """Add the learning-cycle demo content to the demo events (replacing an earlier seed)."""
    learning_demo_remove()
    events = {e.slug: e for e in Event.objects.filter(slug__in=DEMO_EVENTS)}
    organizer_ids = sorted(set(EventRole.objects.filter(
        event__in=events.values(), role="organizer").values_list("user_id", flat=True)))
    _paths_and_chapter(events, organizer_ids)
    _stories(rng, events)
    feedback_seed(rng, [events["social-media-101"], events["mobile-immersion"]])
    _plans(rng, events["mobile-immersion"])
    _community(rng)


def _event(slug: str, kind: str, title: str, day: date, capacity: int, **fields: object
           ) -> Event:
    return Event(slug=slug, kind=kind, title=title, start_date=day, end_date=day,
                 time_zone="Europe/Amsterdam", region="Amsterdam", capacity=capacity,
                 **fields)


def _paths_and_chapter(events: dict[str, Event], organizer_ids: list[int]) -> dict[str, Event]:
    made = Event.objects.bulk_create([
        _event(DEEP_DIVE, "course", "Social Media Deep Dive: Measure and Scale",
               date(2027, 5, 12), 20, tagline="For people who have a plan and want to scale.",
               description="The third step after 101 and the immersion."),
        *[_event(slug, "meetup", f"Randstad Social Media Circle — {label}", day, 40,
                 venue="Pakhuis de Zwijger", tagline="Drinks, two short stories, one problem.")
          for slug, label, day in zip(MEETUPS, ("April", "May", "June"),
                                      (date(2027, 4, 1), date(2027, 5, 6), date(2027, 6, 3)),
                                      strict=True)],
        *[_event(slug, "meetup", f"Behind the Firewall #{n}: {topic}", day, 25,
                 tagline="Enterprise social tools, under Chatham House rules.")
          for n, (slug, topic, day) in enumerate(zip(
              FIREWALL, ("Yammer to Viva: what stuck", "Wikis nobody reads"),
              (date(2027, 4, 22), date(2027, 6, 17)), strict=True), start=1)],
    ])
    own = {e.slug: e for e in made}
    EventRole.objects.bulk_create([EventRole(event=e, user_id=uid, role="organizer")
                                   for e in made for uid in organizer_ids])
    chapter = Chapter.objects.create(
        name="Randstad Social Media Circle", slug=CHAPTER, region="Randstad",
        cadence="First Thursday of the month", description="Practitioners and beginners "
        "meet monthly: two short stories, one problem from the room.")
    chapter.events.set([own[s] for s in MEETUPS + FIREWALL])
    path = Series.objects.create(title="Social Media path", slug="social-media-path",
                                 kind="path", description="101 → immersion → deep dive.")
    firewall = Series.objects.create(title="Behind the Firewall", slug="behind-the-firewall",
                                     kind="discussion", chapter=chapter)
    order = [events["social-media-101"], events["mobile-immersion"], own[DEEP_DIVE]]
    SeriesEvent.objects.bulk_create(
        [SeriesEvent(series=path, event=e, position=i) for i, e in enumerate(order)]
        + [SeriesEvent(series=firewall, event=own[s], position=i)
           for i, s in enumerate(FIREWALL)])
    deep = EventPathway.objects.create(event=own[DEEP_DIVE], min_level=2, max_level=4)
    deep.prerequisites.set([events["mobile-immersion"]])
    EventPathway.objects.create(event=events["mobile-immersion"], min_level=1, max_level=4)
    return own


def _stories(rng: random.Random, events: dict[str, Event]) -> None:
    tools = tools_sync()
    rows: list[tuple[Story, list[Tool]]] = []
    regs = list(Registration.objects.filter(event__in=events.values(), status="confirmed")
                .exclude(stories="").select_related("person", "event")[:400])
    for reg in rng.sample(regs, k=min(36, len(regs))):
        problem = rng.random() < 0.35
        key = rng.choice(TOOLS).key
        text = rng.choice(PROBLEM_TEMPLATES if problem else STORY_TEMPLATES).format(
            tool=TOOL_BY_KEY[key].label.lower(), dept=reg.person.discipline)
        rows.append((Story(kind="problem" if problem else "story", title=text[:70].rstrip(" ,."),
                           body=text, person=reg.person, event=reg.event, level=reg.level,
                           discipline=reg.person.discipline, topics=[key.replace("-", " ")],
                           privacy=rng.choice(["public", "participants", "participants",
                                               "private"])), [tools[key]]))
    experts = list(Person.objects.filter(email__endswith="@practitioners.example"))
    for title, context, done, outcome, keys, topics in CASES:
        rows.append((Story(kind="case", title=title, context=context, what_was_done=done,
                           outcome=outcome, person=rng.choice(experts) if experts else None,
                           event=events["mobile-immersion"], level=rng.choice([2, 3]),
                           topics=topics, privacy="public"), [tools[k] for k in keys]))
    made = stories_bulk_create(rows)
    sessions = list(events["mobile-immersion"].sessions.prefetch_related("tools"))
    links = []
    for story, (_, case_tools) in zip(made, rows, strict=True):
        if story.kind != "case":
            continue
        case_keys = {t.key for t in case_tools}
        fitting = [s for s in sessions if case_keys & {t.key for t in s.tools.all()}] or sessions
        for session in rng.sample(fitting, k=min(2, len(fitting))):
            links.append(Story.sessions.through(story_id=story.pk, session_id=session.pk))
    Story.sessions.through.objects.bulk_create(links)


def feedback_seed(rng: random.Random, events: list[Event]) -> None:
    """Each confirmed attendee rates one to three sessions, higher where it fits them; only
    sessions that have started (feedback opens when a session starts)."""
    rows = []
    for event in events:
        sessions = list(event.sessions.select_related("slot", "event"))
        # Draw for every session either way so the rest of the seeded demo stays the same.
        started = {s.pk for s in sessions if feedback_opens_at(s) <= timezone.now()}
        regs = list(Registration.objects.filter(event=event, status="confirmed")
                    .select_related("person"))
        for reg in regs:
            for session in rng.sample(sessions, k=min(len(sessions), rng.randint(1, 3))):
                level = reg.level or 1
                fits = level in (session.target_levels or [])
                rating = max(1, min(5, round(rng.gauss(4.2 if fits else 3.0, 0.8))))
                worked = rng.choice(WORKED)
                line = rng.choice(["", "", "My first post got three replies."])
                if session.pk in started:
                    rows.append(Feedback(
                        session=session, person=reg.person, rating=rating, level=level,
                        what_worked=worked, next_step=NEXT_STEPS[level], story_line=line,
                        prompt=FEEDBACK_PROMPTS[level]))
    Feedback.objects.bulk_create(rows, ignore_conflicts=True)


def _plans(rng: random.Random, event: Event) -> None:
    regs = list(Registration.objects.filter(event=event, status="confirmed", level=3)
                .select_related("person")[:8])
    workshop = event.sessions.filter(format__in=format_keys(lambda f: f.yields_plan)).first()
    plans = Plan.objects.bulk_create([
        Plan(person=reg.person, event=event, session=workshop,
             goal=f"Use {TOOL_BY_KEY[key].label.lower()} to reach {reg.person.discipline} "
             "audiences")
        for reg, key in ((reg, rng.choice(TOOLS).key) for reg in regs)])
    versions, comments = [], []
    experts = list(Person.objects.filter(email__endswith="@practitioners.example"))
    for plan in plans:
        base = {"goal": plan.goal, "listen_first": "Sector forums and our customers' posts",
                "tools": [rng.choice(TOOLS).key], "step_1": "Set up listening alerts",
                "step_2": "Agree a posting rhythm with my manager",
                "step_3": "Publish the first post and report back",
                "success": "Three useful conversations in the first month",
                "risk_legal": "Names of customers", "risk_culture": "Fear of criticism",
                "risk_security": "Shared passwords"}
        versions.append(PlanVersion(plan=plan, number=1, **base))
        versions.append(PlanVersion(plan=plan, number=2, **{
            **base, "step_2": "Agree a weekly posting rhythm and a back-up colleague"}))
    made = PlanVersion.objects.bulk_create(versions)
    latest = {v.plan_id: v for v in made if v.number == 2}
    persons = [reg.person for reg in regs]
    for plan in plans:
        peer = rng.choice([p for p in persons if p.pk != plan.person_id] or persons)
        plan.reviewers.add(peer)
        comments.append(PlanComment(plan=plan, version=latest[plan.pk], author=peer,
                                    kind="review", body="Step 3 is clear; when is step 2 done?"))
        if experts:
            comments.append(PlanComment(plan=plan, version=latest[plan.pk],
                                        author=rng.choice(experts), kind="expert",
                                        body="Ask legal early, with an example post."))
    PlanComment.objects.bulk_create(comments)
    PlanCheckin.objects.bulk_create([
        PlanCheckin(plan=plan, step=1, status=rng.choice(["done", "partly", "not_yet"]),
                    note="Alerts run; reading them weekly.") for plan in plans[:3]])


def _community(rng: random.Random) -> None:
    tools = tools_sync()
    people = list(Person.objects.filter(is_expert=True, email__endswith=".example")[:12])
    if not people:
        return
    made = Resource.objects.bulk_create([
        Resource(person=rng.choice(people), title=title, url=url, note=note)
        for title, url, note, _ in RESOURCES])
    Resource.tools.through.objects.bulk_create([
        Resource.tools.through(resource_id=r.pk, tool_id=tools[k].pk)
        for r, (_, _, _, keys) in zip(made, RESOURCES, strict=True) for k in keys])
    ExperiencePost.objects.bulk_create([
        ExperiencePost(person=rng.choice(people), title="What our pilot taught us",
                       body="Start with one team, one tool, one goal. Measure hours, not likes."),
        ExperiencePost(person=rng.choice(people), title="Hosting a table for eye-openers",
                       body="Ask everyone for one example they saw this week; start there."),
    ])
