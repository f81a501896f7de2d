"""The demo immersion's room on its first day: questions, polls, check-ins and table notes.

Two steps, because attendance and table notes need the plan: ``room_demo_seed`` (called
by ``demo_build``) gives some attendees an account, asks, upvotes and moderates questions
in two sessions and runs the polls; ``room_demo_plan_seed`` (called by ``demo_plan``, after
the agendas and the table rotation) checks people in at the desk and at the first day's
doors, with no-shows and a few who came unplanned, and writes notes at three round tables.
Every write goes through the services, so the live versions, counts and rules hold.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model

from immerse.audience.models import Poll
from immerse.audience.services import (
    audience_settings_set,
    poll_create,
    poll_status_set,
    poll_vote,
    question_ask,
    question_moderate,
    question_vote,
)
from immerse.checkin.models import CheckIn
from immerse.checkin.services import attendance_record, checkin_record
from immerse.events.models import Event, Session
from immerse.people.models import Person, Registration
from immerse.program.models import AgendaItem
from immerse.tables.models import TableSeat
from immerse.tables.notes import notes_save

#: Attendees of the immersion who use the room from their own phone (the demo's log-in,
#: ``attendee``, is the first of them).
ROOM_USERS = 40

# (session title starts with, asker index or None for anonymous, text, votes, moderation)
LISTENING = "Listening to each other"
QUESTIONS = (
    (LISTENING, 3, "How do you listen to a hashtag without reading every post?", 14, "pin"),
    (LISTENING, None, "Is it fine to just read for a few weeks before I post anything?", 11,
     ""),
    (LISTENING, 8, "Which tools do people here use on the train, on their phone?", 6,
     "answered"),
    (LISTENING, None, "Can my manager see what I read and follow?", 4, ""),
    (LISTENING, 12, "Buy followers now!!! Cheap, fast, guaranteed", 0, "hide"),
    (LISTENING, 17, "Will the slides and the wall's posts be on the wiki afterwards?", 2, ""),
    ("Stories", 0, "What did the library do when the first angry post came in?", 9, ""),
    ("Stories", None, "How many hours a week did the pilot take, honestly?", 12, ""),
    ("Stories", 21, "Did legal have to approve every post at the start?", 7, "answered"),
    ("Stories", 26, "What would you do differently if you started again tomorrow?", 3, ""),
)

READY = ("Not yet", "With a colleague beside me", "Yes, on my own")


def room_demo_seed(*, rng: random.Random, event: Event) -> None:
    """Accounts for the first ``ROOM_USERS`` attendees, then the first day's questions
    and polls as the room left them."""
    audience_settings_set(event=event, anonymous_questions=True, moderate_questions=False)
    people = _room_people(event)
    day = _first_day(event)
    _questions(rng, day, people)
    _polls(rng, day, people)


def _room_people(event: Event) -> list[tuple[Any, Person]]:
    """(user, person) of the first confirmed attendees; accounts without a password (the
    demo logs in only as ``attendee``), on the demo's reserved domain."""
    regs = list(Registration.objects.filter(event=event, status="confirmed")
                .select_related("person__user").order_by("id")[:ROOM_USERS])
    User = get_user_model()
    made = []
    for n, reg in enumerate(regs):
        if reg.person.user is not None:  # the demo's attendee
            continue
        first, _, last = reg.person.name.partition(" ")
        user = User(username=f"attendee{n:02d}", first_name=first, last_name=last[:150],
                    email=f"attendee{n:02d}@immerse.example")
        user.set_unusable_password()
        made.append((reg.person, user))
    User.objects.bulk_create([user for _person, user in made])
    for person, user in made:
        person.user = user
    Person.objects.bulk_update([person for person, _user in made], ["user"])
    return [(reg.person.user, reg.person) for reg in regs]


def _first_day(event: Event) -> list[Session]:
    """The first day's sessions, in time order."""
    placed = [(session, session.slot) for session
              in event.sessions.select_related("slot").order_by("slot__start", "id")
              if session.slot is not None]  # the demo places every session
    first = placed[0][1].start.date()
    return [session for session, slot in placed if slot.start.date() == first]


def _titled(day: Sequence[Session], start: str) -> Session:
    return next(s for s in day if s.title.startswith(start))


def _questions(rng: random.Random, day: Sequence[Session],
               people: Sequence[tuple[Any, Person]]) -> None:
    voters = [user for user, _person in people]
    for key, asker, text, votes, moderation in QUESTIONS:
        user, person = people[asker if asker is not None else rng.randrange(len(people))]
        question = question_ask(session=_titled(day, key), user=user, name=person.name, text=text,
                                anonymous=asker is None)
        for voter in rng.sample(voters, votes):
            if voter != user:
                question_vote(question=question, user=voter)
        if moderation:
            question_moderate(question=question, action=moderation)


def _polls(rng: random.Random, day: Sequence[Session],
           people: Sequence[tuple[Any, Person]]) -> None:
    room = [user for user, _person in people[1:]]  # the demo's attendee has not voted yet
    listening = _titled(day, LISTENING)
    closed = [
        (Poll.Kind.SINGLE, "Where do you read social media most?",
         ["On my phone", "On a laptop at work", "On a tablet at home"], (22, 9, 4)),
        (Poll.Kind.RATING, "How confident are you posting for your organization?", [],
         (6, 11, 10, 5, 2)),
        (Poll.Kind.INVENTORY, "Which tools did you use this week?", [], None),
    ]
    for kind, prompt, choices, weights in closed:
        poll = poll_create(session=listening, kind=kind, prompt=prompt, choices=choices)
        poll_status_set(poll=poll, status=Poll.Status.OPEN)
        _answer_all(rng, poll, room, weights)
        poll_status_set(poll=poll, status=Poll.Status.CLOSED)
    # Still open: the demo's attendee can answer these two.
    several = poll_create(session=listening, kind=Poll.Kind.MULTIPLE,
                          prompt="What do you want to take home this week?",
                          choices=["A listening routine", "A first blog post",
                                   "A plan my manager signs", "People to ask later"])
    words = poll_create(session=listening, kind=Poll.Kind.WORDS,
                        prompt="One word for how social media feels at work today")
    for poll in (several, words):
        poll_status_set(poll=poll, status=Poll.Status.OPEN)
        _answer_all(rng, poll, room[:30], None)
    _before_after(rng, _titled(day, "Stories"), room)


def _before_after(rng: random.Random, session: Session, room: Sequence[Any]) -> None:
    """The same question before and after the stories: the room moves to "with help"."""
    before = poll_create(session=session, kind=Poll.Kind.SINGLE,
                         prompt="Would you answer a customer's complaint on a microblog?",
                         choices=list(READY))
    for poll, weights in ((before, (20, 10, 4)), (None, (6, 19, 9))):
        poll = poll or poll_create(session=session, kind=Poll.Kind.SINGLE, prompt="",
                                   before=before)
        poll_status_set(poll=poll, status=Poll.Status.OPEN)
        _answer_all(rng, poll, room[:34], weights)
        poll_status_set(poll=poll, status=Poll.Status.CLOSED)


WORDS = ("noisy", "exciting", "risky", "useful", "fast", "scary", "open", "busy", "fun",
         "overwhelming", "promising", "blocked")


def _answer_all(rng: random.Random, poll: Poll, users: Sequence[Any],
                weights: Sequence[int] | None) -> None:
    """Everyone in ``users`` answers ``poll``: one choice after ``weights`` (counts, in
    order), a rating, a few tools, several choices or words at random."""
    picks = [i for i, n in enumerate(weights or ()) for _ in range(n)]
    rng.shuffle(picks)
    for n, user in enumerate(users):
        answer: list[int | str]
        if poll.kind in (Poll.Kind.SINGLE, Poll.Kind.RATING) and n >= len(picks):
            continue  # not everyone answers
        if poll.kind == Poll.Kind.SINGLE:
            answer = [picks[n]]
        elif poll.kind == Poll.Kind.RATING:
            answer = [picks[n] + 1]
        elif poll.kind == Poll.Kind.WORDS:
            answer = rng.sample(WORDS[:6] if n % 3 else WORDS, rng.randint(1, 2))
        else:
            chosen = rng.sample(range(len(poll.choices)), rng.randint(1, 3))
            answer = sorted(chosen)
        poll_vote(poll=poll, user=user, answer=answer)


def room_demo_plan_seed(*, rng: random.Random, event: Event, desk: Any) -> None:
    """After the agendas and tables: the first day's check-ins, attendance and notes.

    ``desk``: the user who checks people in (the organizer)."""
    day = _first_day(event)
    planned = _planned(day)
    confirmed = list(Registration.objects.filter(event=event, status="confirmed")
                     .select_related("person", "event").order_by("id"))
    # Nine never come; the demo's attendee (the first) does.
    away = {r.pk for r in rng.sample(confirmed[1:], 9)}
    came = [r for r in confirmed if r.pk not in away]
    for n, registration in enumerate(came):
        checkin_record(registration=registration, by=desk,
                       how=(CheckIn.How.CODE, CheckIn.How.CODE, CheckIn.How.LIST)[n % 3])
    _attendance(rng, day, planned, came, desk=desk, attendee=confirmed[0])
    _table_notes(event, day, confirmed[0])


def _attendance(rng: random.Random, day: Sequence[Session], planned: dict[int, list[int]],
                came: Sequence[Registration], *, desk: Any, attendee: Registration) -> None:
    """Most go where their agenda says; a few skip a session, and two drop in unplanned
    per session, chosen among those in no other session of that slot (nobody is in two
    rooms at once). The demo's ``attendee`` goes everywhere they planned."""
    by_id = {r.pk: r for r in came}
    slots: dict[int | None, list[Session]] = {}
    for session in day:
        slots.setdefault(session.slot_id, []).append(session)
    for parallel in slots.values():
        busy: set[int] = set()
        for session in parallel:
            for pk in planned.get(session.pk, []):
                if pk in by_id and pk not in busy and (pk == attendee.pk
                                                       or rng.random() < 0.85):
                    attendance_record(registration=by_id[pk], session=session, by=desk)
                    busy.add(pk)
        for session in parallel:
            free = [r for r in came
                    if r.pk not in busy and r.pk not in planned.get(session.pk, [])]
            for registration in rng.sample(free, min(2, len(free))):
                attendance_record(registration=registration, session=session, by=desk)
                busy.add(registration.pk)


def _planned(sessions: Sequence[Session]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for session_id, registration_id in (AgendaItem.objects.filter(session__in=sessions)
                                        .order_by("session_id", "registration_id")
                                        .values_list("session_id", "registration_id")):
        found.setdefault(session_id, []).append(registration_id)
    return found


NOTES = (
    "Round table: microblogging on the move\n\nCases we brought:\n- {0}\n- {1}\n",
    "\nWhat we agreed:\n- Listen for two weeks before the first post.\n"
    "- One shared account, two named people behind it.\n",
    "\nTo try tomorrow:\n- Saved searches on the phone for our hashtag.\n",
)
# Per table: two cases, and how a tablemate rewrote the first while another saved.
CASES = (
    ("The library: answering questions at night, who is on duty?",
     "A hospital: what may nurses post from the ward?",
     "The library: questions at night wait for the morning, and the profile says so."),
    ("A city council: residents complain on microblogs before they call.",
     "An insurer: legal wants to read every post first.",
     "A city council: complaints get an answer within the hour, in office hours."),
    ("A museum: live posts from the opening, from whose phone?",
     "A school: parents follow the teachers, not the school.",
     "A museum: live posts from the opening come from the museum's phone, not a private one."),
)


def _table_notes(event: Event, day: Sequence[Session], attendee: Registration) -> None:
    """Notes of three tables of the first round-table session, with a little history: the
    host starts them, two tablemates add, and one saved from an older revision is merged."""
    tables = next((s for s in day if s.format == "table"), None)
    if tables is None:
        return
    seats = list(TableSeat.objects.filter(session=tables).select_related("registration__person")
                 .order_by("table", "id"))
    mine = next((s.table for s in seats if s.registration_id == attendee.pk), 1)
    numbers = [mine, *[t for t in sorted({s.table for s in seats}) if t != mine][:2]]
    for table, (case, other, rewritten) in zip(numbers, CASES, strict=False):
        people = [s.registration.person for s in seats if s.table == table]
        start = NOTES[0].format(case, other)
        first = notes_save(session=tables, table=table, author=people[0], text=start,
                           base=0).revision.number
        notes_save(session=tables, table=table, author=people[1 % len(people)],
                   text=start + NOTES[1], base=first)
        # Written from the first revision while the other was saving: merged, nothing lost.
        merged = notes_save(session=tables, table=table, author=people[2 % len(people)],
                            text=start.replace(case, rewritten), base=first).revision
        notes_save(session=tables, table=table, author=people[0],
                   text=merged.text + NOTES[2], base=merged.number)
